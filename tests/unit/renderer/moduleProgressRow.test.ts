import { describe, expect, it } from 'vitest';
import type { ModuleProgress } from '../../../src/shared/contract';
import { moduleProgressRow } from '../../../src/renderer/src/components/crm/moduleProgressRow';

const row = (patch: Partial<ModuleProgress>): ModuleProgress => ({
  module: 'Deals',
  stored: 0,
  deleted: 0,
  quarantined: 0,
  total: 120,
  done: false,
  running: true,
  missing: false,
  failed: null,
  ...patch,
});

describe('a module’s row in Settings’ sync progress', () => {
  it('says a module Zoho failed to give could not be read as soon as it failed, not “done”', () => {
    // As the runner reports it mid-run: over for this run (done), and why.
    const failed = row({ done: true, running: false, failed: 'Deals answered 500 INTERNAL_ERROR' });
    expect(moduleProgressRow(failed)).toEqual({
      bar: { max: 1, value: 0 },
      text: 'could not be read',
      failed: 'Deals answered 500 INTERNAL_ERROR',
    });
    // What it stored before failing is kept, and said so.
    expect(moduleProgressRow({ ...failed, stored: 200 }).text).toBe(
      `could not be read (${(200).toLocaleString()} kept)`,
    );
  });

  it('shows the others as before: done, waiting, of the count, so far, absent', () => {
    expect(moduleProgressRow(row({ done: true, running: false, stored: 120 }))).toMatchObject({
      bar: { max: 1, value: 1 },
      text: '120 done',
      failed: null,
    });
    expect(moduleProgressRow(row({ running: false })).text).toBe('waiting');
    expect(moduleProgressRow(row({ stored: 40, quarantined: 2 }))).toMatchObject({
      bar: { max: 120, value: 42 },
      text: '42 of 120',
    });
    expect(moduleProgressRow(row({ total: null, stored: 7 }))).toMatchObject({
      bar: { max: undefined, value: undefined },
      text: '7 so far',
    });
    expect(moduleProgressRow(row({ missing: true, done: true }))).toEqual({
      bar: null,
      text: 'not in this organisation',
      failed: null,
    });
  });

  it('says a module the signed-in user may not read is skipped for that, not absent', () => {
    expect(moduleProgressRow(row({ missing: true, forbidden: true, done: true }))).toEqual({
      bar: null,
      text: 'you may not read it in Zoho, skipped',
      failed: null,
    });
  });
});
