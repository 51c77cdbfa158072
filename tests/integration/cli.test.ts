import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { runCli } from '../fixtures/runCli';

let dir: TempDir;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => dir.remove());

describe('the command line', () => {
  it('writes the demo organisation and prints its counts with stats', () => {
    const db = dir.file('x.db');
    const demo = runCli(['demo', '--db', db, '--people', '120', '--seed', '3']);
    expect(demo.code).toBe(0);
    const stats = runCli(['stats', '--db', db]);
    expect(stats.code).toBe(0);
    const counts = JSON.parse(stats.stdout) as Record<string, number>;
    expect(Object.keys(counts).sort()).toEqual([
      'accounts',
      'activities',
      'chats',
      'deals',
      'people',
      'users',
      'visits',
    ]);
    expect(counts['people']).toBe(120);
    expect(counts['users']).toBeGreaterThanOrEqual(10);
    expect(counts['activities']).toBeGreaterThan(1000);
  });

  it('explains a missing option, a bad number and an unknown command, with a non-zero exit', () => {
    const noDb = runCli(['stats']);
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toContain('--db FILE is required');
    const badNumber = runCli(['demo', '--db', dir.file('y.db'), '--people', 'many']);
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toContain('--people must be a whole number, got "many"');
    const unknown = runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });

  it('reports a corrupt database file instead of crashing', () => {
    const bad = dir.file('bad.db');
    writeFileSync(bad, 'not a database at all'.repeat(50));
    const res = runCli(['stats', '--db', bad]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Cannot open the database at .*bad\.db/);
  });
});
