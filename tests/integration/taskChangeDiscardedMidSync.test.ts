import { describe, expect, it } from 'vitest';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, syncDb, zohoSourceFor } from '../crm-server/syncHarness';
import type { TempDir } from '../fixtures/tempDb';
import {
  berlinOrganisation,
  openTask,
  SATURDAY_8PM,
  SATURDAY_MOVES,
} from '../fixtures/berlinTasks';
import { runSync } from '../../src/main/sync/syncEngine';
import { changeTask } from '../../src/main/tasks/taskChanges';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { Db } from '../../src/main/db/openDatabase';
import { discardRefusedCall, refusedTaskEntries } from '../../src/main/db/repos/outbox';

// A task change Zoho cannot take stays here until the rep lets it go (Settings › CRM account).
// Let go of while a sync runs, it no longer wins over Zoho's copy of the task for the rest of
// that sync: the task the sync brings after it is Zoho's, as the rep asked.

let server: CrmTestServer;
let db: Db;
let dir: TempDir;

eachTestSyncEnv('cw-task-discard-mid-', berlinOrganisation, (e) => ({ server, db, dir } = e));

const startedAt = (id: string, on: Db = db): number | undefined =>
  (
    rawHandle(on).prepare('select started_at from activities where id = ?').get(id) as
      { started_at: number } | undefined
  )?.started_at;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('a refused task change discarded while a sync runs', () => {
  it('leaves the task Zoho’s copy when that sync brings it after the discard, over the spring-forward night', async () => {
    // Zoho's Tasks here have no Due_Date: a move stays in this app only, refused (taskChangePush).
    server.data.removeField('Tasks', 'Due_Date');
    const source = zohoSourceFor(server);
    const offer = openTask(server, 'Send the signed offer');
    await runSync(db, source);
    expect(startedAt(offer)).toBeDefined();

    // Moved to Sunday 09:00 (07:00 UTC, the clocks gone forward overnight): refused.
    const { tomorrow9 } = SATURDAY_MOVES;
    expect(tomorrow9).toBe(Date.UTC(2026, 2, 29, 7, 0));
    changeTask(db, 'u2', { activityId: offer, action: 'move', dueAt: tomorrow9 }, SATURDAY_8PM);
    await runSync(db, source);
    const [refused] = refusedTaskEntries(db);
    if (!refused) throw new Error('the move was not refused');
    expect(startedAt(offer)).toBe(tomorrow9);

    // The next sync brings two pages of tasks: 200 others, then the offer, edited in Zoho last.
    const others = Array.from({ length: 200 }, (_, i) => openTask(server, `Call back ${i + 1}`));
    server.data.clock += 60_000;
    server.data.modify('Tasks', offer, { Subject: 'Send the signed offer (v2)' });
    // The rep lets the move go once the first page is stored, before the offer's page is.
    let discarded = false;
    server.holdAnswer = (path, payload) => {
      const page = (payload as { data?: { id: string }[] }).data;
      if (discarded || !path.includes('/Tasks') || !page?.some((t) => t.id === offer)) return null;
      return (async () => {
        for (let i = 0; i < 10_000 && startedAt(others[0] ?? '') === undefined; i++) await turn();
        discarded = discardRefusedCall(db, refused.id, server.data.clock);
      })();
    };
    const result = await runSync(db, source);
    expect(result.notes).toEqual([]);
    expect(discarded).toBe(true);
    expect(startedAt(others[199] ?? '')).toBeDefined();
    // Zoho's copy of the task (as a computer that never moved it reads it), not the move the
    // rep let go of.
    const fresh = await syncDb(dir.file('fresh.db'));
    try {
      await runSync(fresh, source);
      expect(startedAt(offer)).not.toBe(tomorrow9);
      expect(startedAt(offer)).toBe(startedAt(offer, fresh));
    } finally {
      await fresh.close();
    }
  });
});
