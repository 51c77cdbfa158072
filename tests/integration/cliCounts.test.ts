import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsOrgDb } from '../fixtures/alertsOrg';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { runCliInProcess } from '../fixtures/runCli';
import { counted } from '../../src/shared/counted';

let dir: TempDir;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => dir.remove());

function file(name: string, text: string): string {
  const path = dir.file(name);
  writeFileSync(path, text);
  return path;
}

describe('the commands’ summary lines count in words a reader expects', () => {
  it('says a count of one in the singular, any other in the plural', () => {
    expect(counted(1, 'person', 'people')).toBe('1 person');
    expect(counted(0, 'person', 'people')).toBe('0 people');
    expect(counted(2, 'event', 'events')).toBe('2 events');
  });

  it('besttime: one call of one person is "1 event" for "1 person"', async () => {
    const events = file(
      'one.csv',
      'person_id,timestamp,event_type,duration_s,person_tz\np1,2026-11-04T09:05:00Z,call_answered,120,Europe/Berlin\n',
    );
    const out = dir.file('one.json');
    const res = await runCliInProcess([
      'besttime',
      '--events',
      events,
      '--as-of',
      '2026-11-20T00:00:00Z',
      '--out',
      out,
    ]);
    expect([res.code, res.stderr]).toEqual([0, '']);
    expect(res.stdout).toBe(`besttime: 1 event, suggestions for 1 person written to ${out}\n`);
  });

  it('alerts: one page view is "1 page view in 1 session"', async () => {
    const db = await alertsOrgDb(dir, 'org.db');
    await db.close();
    const views = file(
      'one-view.csv',
      'timestamp,visitor_id,url,email\n2026-11-23T10:00:00+01:00,a,/pricing,nobody@nowhere.example\n',
    );
    const out = dir.file('alerts.json');
    const res = await runCliInProcess([
      'alerts',
      '--db',
      dir.file('org.db'),
      '--rep',
      'rita@example.com',
      '--page-views',
      views,
      '--out',
      out,
    ]);
    expect([res.code, res.stderr]).toEqual([0, '']);
    expect(res.stdout).toMatch(/^alerts: 1 page view in 1 session \(0 of bots\); 0 alerts now/);
  });
});
