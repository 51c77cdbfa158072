import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import { currentUser } from '../../src/main/core/session';
import { createDemoLiveSource } from '../../src/main/crm/demo/demoLiveSource';
import type { Db } from '../../src/main/db/openDatabase';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { runSync } from '../../src/main/sync/syncEngine';
import { DEMO_KEPT_NOTE, DEMO_KEPT_TOLD } from '../../src/main/db/repos/demoKeptHere';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

// The demo organisation has no CRM. A task done or moved there, or a call logged, is kept on this
// computer: its outbox entry is settled at once, saying so, rather than waiting for a sync that
// has nowhere to send it; the rep is told once, with the first. A CRM's copy still waits.

const HOUR = 3_600_000;
let dir: TempDir;
let db: Db;
let core: Core;

beforeEach(async () => {
  dir = makeTempDir('cw-demo-kept-');
  db = await demoDb(dir, { people: 120 });
  core = createCore(db, () => TEST_NOW);
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

/** An open CRM task, overdue, for one of the signed-in rep's people. */
function openTask(on: Db, id: string): { personId: string } {
  const rep = currentUser(on);
  if (!rep) throw new Error('the demo has no rep');
  const raw = rawHandle(on);
  const personId = raw
    .prepare('select id from people where owner_id = ? order by id limit 1')
    .pluck()
    .get(rep.id) as string;
  raw
    .prepare(
      `insert into activities (id, person_id, owner_id, signal, kind, channel, direction,
         started_at, duration_s, subject, status, source_module, source_id)
       values (?, ?, ?, null, 'task', 'task', 'out', ?, null, 'Send the offer', 'scheduled',
         'Tasks', ?)`,
    )
    .run(id, personId, rep.id, TEST_NOW - 2 * HOUR, id);
  return { personId };
}

interface OutboxRow {
  kind: string;
  pushed_at: number | null;
  last_error: string | null;
}
const outboxRows = (on: Db): OutboxRow[] =>
  rawHandle(on)
    .prepare('select kind, pushed_at, last_error from outbox order by id')
    .all() as OutboxRow[];

describe('changes made on the demo organisation are kept here', () => {
  it('a task done, then a call logged: both kept at once, said the first time only; the file remembers; a demo sync sends nothing', async () => {
    const { personId } = openTask(db, 'demo-task-1');
    const done = await core.handlers.changeTask({ activityId: 'demo-task-1', action: 'done' });
    expect(done.kept).toBe(DEMO_KEPT_TOLD);
    const logged = await core.handlers.logCall({
      personId,
      outcome: 'answered',
      durationMin: 3,
      note: 'Talked prices',
    });
    expect(logged.kept).toBeUndefined();
    expect(outboxRows(db)).toEqual([
      { kind: 'task', pushed_at: TEST_NOW, last_error: DEMO_KEPT_NOTE },
      { kind: 'call', pushed_at: TEST_NOW, last_error: DEMO_KEPT_NOTE },
    ]);
    // Done here as the rep left it, and so after the file is opened again.
    const again = await openDatabase(db.path);
    try {
      const person = await createCore(again, () => TEST_NOW).handlers.getPerson({ id: personId });
      expect(person.timeline.find((t) => t.id === 'demo-task-1')?.status).toBe('completed');
      expect(person.timeline.some((t) => t.id === logged.activityId)).toBe(true);
    } finally {
      await again.close();
    }
    // The live demo's sync finds nothing waiting: the call keeps its id here.
    const summary = await runSync(db, createDemoLiveSource(db, { clock: () => TEST_NOW + HOUR }), {
      now: () => TEST_NOW + HOUR,
    });
    expect(summary.outbox).toEqual({ pushed: 0, failed: 0 });
    expect(
      rawHandle(db)
        .prepare('select count(*) from activities where id = ?')
        .pluck()
        .get(logged.activityId),
    ).toBe(1);
    // The next change is not told again.
    openTask(db, 'demo-task-2');
    const moved = await core.handlers.changeTask({
      activityId: 'demo-task-2',
      action: 'move',
      dueAt: TEST_NOW + 3 * HOUR,
    });
    expect(moved.kept).toBeUndefined();
    expect(outboxRows(db).every((r) => r.pushed_at !== null)).toBe(true);
  });

  it('a call booked first is told it is kept here, in words that name booked calls and leads', async () => {
    await core.recomputeSuggestions();
    const rep = currentUser(db);
    if (!rep) throw new Error('the demo has no rep');
    const ids = rawHandle(db)
      .prepare('select id from people where owner_id = ? order by id')
      .pluck()
      .all(rep.id) as string[];
    let booked: Awaited<ReturnType<Core['handlers']['bookCall']>> | undefined;
    for (const id of ids) {
      const { windows } = await core.handlers.getBookingWindows({ personId: id });
      const window = windows[0];
      if (!window) continue;
      booked = await core.handlers.bookCall({ personId: id, at: window.start });
      break;
    }
    if (!booked) throw new Error('no one in the demo to book a call with');
    expect(booked.kept).toBe(DEMO_KEPT_TOLD);
    expect(DEMO_KEPT_TOLD).toMatch(/calls logged or booked/);
    expect(DEMO_KEPT_TOLD).toMatch(/leads made here/);
    expect(outboxRows(db)).toEqual([
      { kind: 'call', pushed_at: TEST_NOW, last_error: DEMO_KEPT_NOTE },
    ]);
  });

  it('on a CRM’s copy the same change waits for the sync, and nothing is said', async () => {
    rawHandle(db).prepare(`update organisation set source = 'zoho'`).run();
    openTask(db, 'crm-task');
    const done = await core.handlers.changeTask({ activityId: 'crm-task', action: 'done' });
    expect(done.kept).toBeUndefined();
    expect(outboxRows(db)).toEqual([{ kind: 'task', pushed_at: null, last_error: null }]);
  });
});
