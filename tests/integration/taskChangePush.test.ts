import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import {
  eachTestSyncEnv,
  syncDb,
  zohoSourceFor,
  type SyncTestEnv,
} from '../crm-server/syncHarness';
import {
  BERLIN,
  berlinOrganisation,
  inBerlin,
  openTask,
  SATURDAY_8PM,
  SATURDAY_MOVES,
} from '../fixtures/berlinTasks';
import { runSync } from '../../src/main/sync/syncEngine';
import { pushOutbox } from '../../src/main/sync/outboxPush';
import { changeTask } from '../../src/main/tasks/taskChanges';
import { discardRefusedEntry } from '../../src/main/tasks/taskChangeDiscard';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { Db } from '../../src/main/db/openDatabase';
import {
  discardRefusedCall,
  refusedTaskEntries,
  retryRefusedCall,
} from '../../src/main/db/repos/outbox';

let env: SyncTestEnv;
let server: CrmTestServer;
let db: Db;

eachTestSyncEnv('cw-task-push-', berlinOrganisation, (e) => ({ server, db } = env = e));

const local = (id: string, on: Db = db): { status: string; started_at: number } | undefined =>
  rawHandle(on).prepare('select status, started_at from activities where id = ?').get(id) as
    { status: string; started_at: number } | undefined;
const puts = (): number =>
  server.requests.filter((r) => r.method === 'PUT' && r.path === '/crm/v8/Tasks').length;
/** The task's due date as kept here (migration 031). */
const dueDate = (id: string): string | null | undefined =>
  (
    rawHandle(db).prepare('select due_date from activities where id = ?').get(id) as
      { due_date: string | null } | undefined
  )?.due_date;
/** Someone edits the task in Zoho: the next sync brings Zoho's copy of it again. */
const editedInZoho = (id: string, subject: string): void => {
  server.data.modify('Tasks', id, { Subject: subject });
};

/**
 * A task open in Zoho, synced, moved here on Saturday evening to `pick`, and synced again: with
 * Due_Date removed from Zoho's Tasks, the move is refused and stays here only. `before`: the task
 * as the first sync stored it.
 */
async function refusedMove(pick: 'laterToday' | 'tomorrow9'): Promise<{
  source: ReturnType<typeof zohoSourceFor>;
  id: string;
  before: ReturnType<typeof local>;
  moved: number;
}> {
  server.data.removeField('Tasks', 'Due_Date');
  const source = zohoSourceFor(server);
  const id = openTask(server);
  await runSync(db, source);
  const before = local(id);
  const moved = SATURDAY_MOVES[pick];
  changeTask(db, 'u2', { activityId: id, action: 'move', dueAt: moved }, SATURDAY_8PM);
  await runSync(db, source);
  return { source, id, before, moved };
}

describe('a task marked done on the person page', () => {
  it('is done here at once and after a restart, goes to Zoho as Completed once, and no sync undoes it', async () => {
    const source = zohoSourceFor(server);
    const id = openTask(server);
    await runSync(db, source);
    expect(local(id)?.status).toBe('scheduled');

    changeTask(db, 'u2', { activityId: id, action: 'done' }, SATURDAY_8PM);
    expect(local(id)).toEqual({ status: 'completed', started_at: SATURDAY_8PM });

    // A pull before the push brings Zoho's copy, still open: the rep's change stands.
    editedInZoho(id, 'Send the signed offer (v2)');
    await runSync(db, source, { push: false });
    expect(local(id)?.status).toBe('completed');
    expect(server.data.table('Tasks').get(id)?.['Status']).toBe('Not Started');

    const pushed = await runSync(db, source);
    expect(pushed.outbox).toMatchObject({ pushed: 1, failed: 0 });
    const inZoho = server.data.table('Tasks').get(id);
    expect(inZoho?.['Status']).toBe('Completed');
    expect(inZoho?.['Closed_Time']).toEqual(expect.any(String));
    expect(puts()).toBe(1);

    // The next syncs bring Zoho's completed copy and send nothing again.
    editedInZoho(id, 'Send the signed offer (v3)');
    await runSync(db, source);
    await runSync(db, source);
    expect(puts()).toBe(1);
    expect(local(id)?.status).toBe('completed');

    // The local file, opened again as after a restart.
    await db.close();
    db = await syncDb(env.dir.file('sync.db'));
    env.db = db;
    expect(local(id)?.status).toBe('completed');
  });

  it('refuses a task already done, saying so, and changes nothing', async () => {
    const id = openTask(server);
    await runSync(db, zohoSourceFor(server));
    changeTask(db, 'u2', { activityId: id, action: 'done' }, SATURDAY_8PM);
    expect(() =>
      changeTask(db, 'u2', { activityId: id, action: 'done' }, SATURDAY_8PM + 60_000),
    ).toThrow('The task “Send the signed offer” is completed already: nothing changed.');
    const entries = rawHandle(db)
      .prepare("select count(*) from outbox where kind = 'task'")
      .pluck()
      .get();
    expect(entries).toBe(1);
  });
});

describe('a task moved on the person page', () => {
  it("to tomorrow 09:00 over the night Berlin's clocks go forward: 07:00 UTC, and Zoho gets the day", async () => {
    const source = zohoSourceFor(server);
    const id = openTask(server);
    await runSync(db, source);
    const { tomorrow9 } = SATURDAY_MOVES;
    // 09:00 summer time is 07:00 UTC; a day of 24 hours on would have been 08:00 UTC.
    expect(new Date(tomorrow9).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(tomorrow9 - SATURDAY_8PM).toBe(12 * 3_600_000);

    changeTask(db, 'u2', { activityId: id, action: 'move', dueAt: tomorrow9 }, SATURDAY_8PM);
    expect(local(id)).toEqual({ status: 'scheduled', started_at: tomorrow9 });
    expect(dueDate(id)).toBe('2026-03-29');
    editedInZoho(id, 'Send the signed offer (v2)');
    await runSync(db, source, { push: false });
    expect(local(id)?.started_at).toBe(tomorrow9);
    expect(dueDate(id)).toBe('2026-03-29');

    await runSync(db, source);
    expect(server.data.table('Tasks').get(id)?.['Due_Date']).toBe('2026-03-29');
    expect(server.data.table('Tasks').get(id)?.['Status']).toBe('Not Started');
    expect(puts()).toBe(1);
  });

  it('later today: Zoho keeps the day, and the hour the rep chose stays here after the next syncs', async () => {
    const source = zohoSourceFor(server);
    const id = openTask(server);
    await runSync(db, source);
    const { laterToday } = SATURDAY_MOVES;
    expect(DateTime.fromMillis(laterToday, { zone: BERLIN }).toFormat('yyyy-MM-dd HH:mm')).toBe(
      '2026-03-28 21:00',
    );
    changeTask(db, 'u2', { activityId: id, action: 'move', dueAt: laterToday }, SATURDAY_8PM);
    await runSync(db, source);
    expect(server.data.table('Tasks').get(id)?.['Due_Date']).toBe('2026-03-28');
    editedInZoho(id, 'Send the signed offer (v2)');
    await runSync(db, source);
    // Zoho's copy reads as 09:00 of its day; the rep said 21:00 of that day.
    expect(local(id)?.started_at).toBe(laterToday);
    expect(puts()).toBe(1);

    // Moved in Zoho to another day, Zoho's day is the task's.
    server.data.modify('Tasks', id, { Due_Date: '2026-03-31' });
    await runSync(db, source);
    expect(local(id)?.started_at).toBe(inBerlin('2026-03-31T09:00'));
    expect(dueDate(id)).toBe('2026-03-31');
  });

  it('refuses a time already past (the older dueAt), saying so, and keeps the task as it was', async () => {
    const id = openTask(server);
    await runSync(db, zohoSourceFor(server));
    const before = local(id);
    expect(() =>
      changeTask(
        db,
        'u2',
        { activityId: id, action: 'move', dueAt: SATURDAY_8PM - 3_600_000 },
        SATURDAY_8PM,
      ),
    ).toThrow(/cannot be moved to Sat 28 Mar 19:00: that has passed\. Choose a later time\./);
    expect(local(id)).toEqual(before);
  });

  it('refuses a day already over, saying so, and keeps the task as it was', async () => {
    const id = openTask(server);
    await runSync(db, zohoSourceFor(server));
    const before = local(id);
    expect(() =>
      changeTask(db, 'u2', { activityId: id, action: 'move', dueDate: '2026-03-27' }, SATURDAY_8PM),
    ).toThrow(/cannot be moved to Fri 27 Mar: that day has passed\. Choose today or a later day\./);
    expect(local(id)).toEqual(before);
  });
});

describe('a task without a subject (Zoho’s is optional)', () => {
  it('is named “the untitled task” when refused, as every task message names its task', async () => {
    const id = openTask(server);
    server.data.modify('Tasks', id, { Subject: null });
    await runSync(db, zohoSourceFor(server));
    const before = local(id);
    // Saturday evening in Berlin; 19:00 has passed.
    expect(() =>
      changeTask(
        db,
        'u2',
        { activityId: id, action: 'move', dueAt: SATURDAY_8PM - 3_600_000 },
        SATURDAY_8PM,
      ),
    ).toThrow(
      'The untitled task cannot be moved to Sat 28 Mar 19:00: that has passed. Choose a later time.',
    );
    expect(local(id)).toEqual(before);
    changeTask(db, 'u2', { activityId: id, action: 'done' }, SATURDAY_8PM);
    expect(() => changeTask(db, 'u2', { activityId: id, action: 'done' }, SATURDAY_8PM)).toThrow(
      'The untitled task is completed already: nothing changed.',
    );
  });
});

describe('a task change Zoho refuses', () => {
  it('the task deleted in Zoho: refused with INVALID_DATA, listed to retry or discard, the task kept as the rep left it', async () => {
    const source = zohoSourceFor(server);
    const id = openTask(server);
    await runSync(db, source);
    changeTask(db, 'u2', { activityId: id, action: 'done' }, SATURDAY_8PM);
    server.data.remove('Tasks', id);

    const result = await pushOutbox(db, source, () => server.data.clock);
    expect(result).toMatchObject({ pushed: 0, failed: 1 });
    expect(result.notes?.[0]).toMatch(
      /^Zoho did not accept the change to the task "Send the signed offer": Zoho no longer holds this task \(deleted there\?\); the id given seems to be invalid \(INVALID_DATA, id\)\. The task stays as you left it here/,
    );
    expect(local(id)?.status).toBe('completed');
    const [refused] = refusedTaskEntries(db);
    expect(refused?.last_error).toMatch(/Zoho no longer holds this task/);

    // Not sent again by itself.
    await pushOutbox(db, source, () => server.data.clock);
    expect(puts()).toBe(1);
    // Retried, it goes once more (and is refused once more); discarded, it is never sent.
    expect(retryRefusedCall(db, refused?.id ?? 0)).toBe(true);
    await pushOutbox(db, source, () => server.data.clock);
    expect(puts()).toBe(2);
    expect(discardRefusedCall(db, refused?.id ?? 0, server.data.clock)).toBe(true);
    expect(refusedTaskEntries(db)).toEqual([]);
    expect(local(id)?.status).toBe('completed');
  });

  it('an organisation whose Tasks lack Due_Date: the move stays here, and the refusal names the field, without a request', async () => {
    const { id, moved: tomorrow9 } = await refusedMove('tomorrow9');
    expect(puts()).toBe(0);
    expect(refusedTaskEntries(db)[0]?.last_error).toMatch(
      /^Zoho's Tasks in this organisation have no Due_Date field, so the task "Send the signed offer" was moved in this app only/,
    );
    expect(local(id)?.started_at).toBe(tomorrow9);
  });
});

describe('a refused task change the rep discards', () => {
  it("gives the task back as Zoho last had it, and the syncs after it keep Zoho's copy", async () => {
    const { source, id, before, moved: tomorrow9 } = await refusedMove('tomorrow9');
    expect(before?.status).toBe('scheduled');
    const [refused] = refusedTaskEntries(db);
    expect(local(id)?.started_at).toBe(tomorrow9);
    expect(dueDate(id)).toBe('2026-03-29');

    expect(discardRefusedEntry(db, refused?.id ?? 0, SATURDAY_8PM + 60_000)).toBe(true);
    expect(refusedTaskEntries(db)).toEqual([]);
    expect(local(id)).toEqual(before);
    // Zoho's Tasks keep no Due_Date here: the task had none, and has none again.
    expect(dueDate(id)).toBeNull();
    editedInZoho(id, 'Send the signed offer (v2)');
    await runSync(db, source);
    // Zoho's copy, read again (with no Due_Date here it is dated by Zoho's own fields).
    expect(local(id)?.status).toBe('scheduled');
    expect(local(id)?.started_at).not.toBe(tomorrow9);
    expect(puts()).toBe(0);
  });

  it('stays refused, the task as the rep left it, when giving the task back cannot be written', async () => {
    const { id, moved: tomorrow9 } = await refusedMove('tomorrow9');
    const [refused] = refusedTaskEntries(db);
    // The second write of the discard fails, as a full disk would fail it.
    rawHandle(db).exec(
      "create temp trigger tasks_full before update on activities begin select raise(abort, 'database or disk is full'); end",
    );
    expect(() => discardRefusedEntry(db, refused?.id ?? 0, SATURDAY_8PM + 60_000)).toThrow(
      /disk is full/,
    );
    rawHandle(db).exec('drop trigger tasks_full');
    expect(refusedTaskEntries(db).map((e) => e.id)).toEqual([refused?.id]);
    expect(local(id)?.started_at).toBe(tomorrow9);
  });

  it('keeps the task as it is when a later change of it is waiting, and refuses an entry that is not refused', async () => {
    const { id } = await refusedMove('laterToday');
    const [refused] = refusedTaskEntries(db);
    const done = changeTask(db, 'u2', { activityId: id, action: 'done' }, SATURDAY_8PM + 60_000);
    expect(discardRefusedEntry(db, done.outboxId, SATURDAY_8PM + 90_000)).toBe(false);
    expect(discardRefusedEntry(db, refused?.id ?? 0, SATURDAY_8PM + 120_000)).toBe(true);
    expect(local(id)).toEqual({ status: 'completed', started_at: SATURDAY_8PM + 60_000 });
  });
});

describe('a task change whose outbox entry cannot be written', () => {
  it('leaves the task as it was, with nothing queued, and says why', async () => {
    const id = openTask(server);
    await runSync(db, zohoSourceFor(server));
    const before = local(id);
    expect(before?.status).toBe('scheduled');
    // The second write of the change fails, as a full disk would fail it.
    rawHandle(db).exec(
      "create temp trigger outbox_full before insert on outbox begin select raise(abort, 'database or disk is full'); end",
    );
    expect(() => changeTask(db, 'u2', { activityId: id, action: 'done' }, SATURDAY_8PM)).toThrow(
      /disk is full/,
    );
    expect(local(id)).toEqual(before);
    expect(
      rawHandle(db).prepare("select count(*) as n from outbox where kind = 'task'").get(),
    ).toEqual({ n: 0 });
    rawHandle(db).exec('drop trigger outbox_full');
    await runSync(db, zohoSourceFor(server));
    expect(puts()).toBe(0);
  });
});
