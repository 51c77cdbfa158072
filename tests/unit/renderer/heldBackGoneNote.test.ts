import { describe, expect, it } from 'vitest';
import type { CrmAccount } from '../../../src/shared/contract';
import { recordsSyncedSince } from '../../../src/renderer/src/components/crm/syncStatusText';

type Sync = CrmAccount['sync'];
const run = (state: Sync['state'], startedAt: number | null, modules: string[]): Sync =>
  ({ state, startedAt, modules: modules.map((module) => ({ module })) }) as unknown as Sync;

const NOTE_AT = 1_000_000;
const RECORDS = ['Leads', 'Contacts', 'Calls', 'Visits'];

// Settings' note that Retry let go of a record Zoho holds no more stays until dismissed, or
// until a sync of the records completes after it: not at the minute's visits run.
describe('the “held back no longer” note after Retry', () => {
  it('ends once a records sync that started after it completes', () => {
    expect(recordsSyncedSince(run('idle', NOTE_AT + 5_000, RECORDS), NOTE_AT)).toBe(true);
    expect(recordsSyncedSince(run('idle', NOTE_AT + 5_000, RECORDS), null)).toBe(true);
  });

  it('stays through the minute’s visits runs, a run still going, and one that failed', () => {
    expect(recordsSyncedSince(run('idle', NOTE_AT + 60_000, ['Visits']), NOTE_AT)).toBe(false);
    expect(recordsSyncedSince(run('syncing', NOTE_AT + 5_000, RECORDS), NOTE_AT)).toBe(false);
    expect(recordsSyncedSince(run('error', NOTE_AT + 5_000, RECORDS), NOTE_AT)).toBe(false);
    expect(recordsSyncedSince(run('offline', NOTE_AT + 5_000, RECORDS), NOTE_AT)).toBe(false);
  });

  it('stays when the run that completes is the one already going when it was said', () => {
    expect(recordsSyncedSince(run('idle', NOTE_AT, RECORDS), NOTE_AT)).toBe(false);
  });
});
