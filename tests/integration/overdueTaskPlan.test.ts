import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { createCore, type Core } from '../../src/main/core/createCore';
import { taskDueText, taskOverdue } from '../../src/shared/taskDue';
import type { PlannerRow } from '../../src/shared/contract';
import type { TeamDay } from '../../src/shared/teamContract';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

/**
 * An organisation in Berlin (weekdays 08:00–18:00) with a rep in Berlin and one in New York, each
 * owning two Berlin contacts who answered calls at 10:15 Berlin time every weekday from September
 * to mid-November. Tasks the CRM holds open are added per test, placed as the sync places a due
 * date: 09:00 Berlin that day.
 */
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const REPS = [
  ['bert', BERLIN],
  ['nina', NEW_YORK],
] as const;
const WEEKDAY = [[480, 1080]];

let dir: TempDir;
let db: Db;
let now = 0;

function addTask(id: string, personId: string, ownerId: string, due: string): void {
  rawHandle(db)
    .prepare(
      `insert into activities (id, person_id, owner_id, signal, kind, channel, direction,
         started_at, duration_s, subject, status, source_module, source_id, due_date)
       values (?, ?, ?, null, 'task', 'task', 'out', ?, null, ?, 'scheduled', 'Tasks', ?, ?)`,
    )
    .run(
      id,
      personId,
      ownerId,
      DateTime.fromISO(`${due}T09:00`, { zone: BERLIN }).toMillis(),
      `Task ${id}`,
      id,
      due,
    );
}

beforeEach(async () => {
  dir = makeTempDir('cw-overdue-task-');
  db = await openDatabase(dir.file('plan.db'));
  const raw = rawHandle(db);
  raw
    .prepare("insert into organisation values (1, 'Org', ?, ?, 'demo')")
    .run(BERLIN, JSON.stringify({ days: [WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, [], []] }));
  const user = raw.prepare(
    `insert into users (id, name, email, role, manager_id, time_zone, shift_id)
     values (?, ?, ?, 'rep', null, ?, null)`,
  );
  const person = raw.prepare(
    `insert into people (id, module, last_name, owner_id, time_zone, created_at, modified_at)
     values (?, 'contact', ?, ?, ?, 0, 0)`,
  );
  const call = raw.prepare(
    `insert into activities (id, person_id, owner_id, signal, kind, channel, direction, started_at,
       duration_s, status, source_module)
     values (?, ?, ?, 'call_answered', 'call', 'phone', 'out', ?, 240, 'completed', 'Calls')`,
  );
  for (const [id, zone] of REPS) {
    user.run(id, id, `${id}@example.com`, zone);
    for (const n of [1, 2]) {
      const p = `p-${id}-${n}`;
      person.run(p, `Contact ${n} of ${id}`, id, BERLIN);
      for (
        let d = DateTime.fromISO('2026-09-01', { zone: BERLIN });
        d.toISODate() !== '2026-11-18';
        d = d.plus({ days: 1 })
      )
        if (d.weekday <= 5)
          call.run(`c-${p}-${d.toISODate()}`, p, id, d.set({ hour: 10, minute: 15 }).toMillis());
    }
  }
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

async function coreAs(userId: string, at: string, zone: string): Promise<Core> {
  now = DateTime.fromISO(at, { zone }).toMillis();
  await createCore(db, () => now).recomputeSuggestions();
  // One core, its clock moved by the test: its caches must notice the rep's day ending.
  const core = createCore(db, () => now);
  await core.handlers.setCurrentUser({ userId });
  return core;
}

/** The task picked on each row of the plan (today's by default) and its side line as the rep reads it. */
async function taskLines(core: Core, date?: string): Promise<Map<string, string>> {
  const plan = await core.handlers.getPlanner(date ? { date } : {});
  expect(plan.rows.length).toBeGreaterThan(0);
  const out = new Map<string, string>();
  for (const r of plan.rows as PlannerRow[])
    if (r.next?.taskId && r.next.dueDate)
      out.set(r.next.taskId, taskDueText(r.next.dueDate, plan.now, plan.repTz));
  return out;
}

describe('an open task whose date is over is on the rep’s plan of today, named overdue', () => {
  it.each(REPS)(
    '%s (%s): tasks due yesterday and last Friday are on Wednesday’s plan, not on a day to come; a past day keeps its own',
    async (rep, zone) => {
      addTask('t-yesterday', `p-${rep}-1`, rep, '2026-11-24');
      addTask('t-friday', `p-${rep}-2`, rep, '2026-11-20');
      const core = await coreAs(rep, '2026-11-25T11:00', zone);
      expect(await taskLines(core)).toEqual(
        new Map([
          ['t-yesterday', 'overdue: task due yesterday'],
          ['t-friday', 'overdue: task due Fri 20 Nov'],
        ]),
      );
      // The day to come carries none; the day past shows its own task, not Friday's.
      expect(await taskLines(core, '2026-11-26')).toEqual(new Map());
      expect([...(await taskLines(core, '2026-11-24')).keys()]).toEqual(['t-yesterday']);
    },
  );

  it.each(REPS)(
    '%s (%s): a task due today stays on the plan past the rep’s midnight, then overdue',
    async (rep, zone) => {
      addTask('t-today', `p-${rep}-1`, rep, '2026-11-24');
      const core = await coreAs(rep, '2026-11-24T23:30', zone);
      expect(await taskLines(core)).toEqual(new Map([['t-today', 'task due today']]));
      now = DateTime.fromISO('2026-11-25T00:30', { zone }).toMillis();
      expect(await taskLines(core)).toEqual(new Map([['t-today', 'overdue: task due yesterday']]));
    },
  );

  it('the overdue task is the pick of a person who also has one due today, a call booked named beside it', async () => {
    addTask('t-today', 'p-bert-1', 'bert', '2026-11-25');
    addTask('t-old', 'p-bert-1', 'bert', '2026-11-02');
    const callAt = DateTime.fromISO('2026-11-25T15:00', { zone: BERLIN }).toMillis();
    rawHandle(db)
      .prepare(
        `insert into activities (id, person_id, owner_id, signal, kind, channel, direction,
           started_at, duration_s, subject, status, source_module, source_id)
         values ('call-booked', 'p-bert-1', 'bert', null, 'call', 'phone', 'out', ?, null,
           'Follow-up', 'scheduled', 'Calls', 'call-booked')`,
      )
      .run(callAt);
    const core = await coreAs('bert', '2026-11-25T11:00', BERLIN);
    const plan = await core.handlers.getPlanner({});
    const rows = plan.rows.filter((r) => r.personId === 'p-bert-1');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.next).toEqual(
        expect.objectContaining({ taskId: 't-old', dueDate: '2026-11-02', callAt }),
      );
      expect(taskDueText(r.next?.dueDate ?? '', plan.now, plan.repTz)).toBe(
        'overdue: task due Mon 2 Nov',
      );
    }
    // Done, the task due today is the pick again.
    await core.handlers.changeTask({ activityId: 't-old', action: 'done' });
    const after = await core.handlers.getPlanner({});
    expect(after.rows.find((r) => r.personId === 'p-bert-1')?.next?.taskId).toBe('t-today');
  });
});

it('across Europe’s 25 October 2026 change, a task due that Sunday is due today until Berlin’s midnight, an hour after 24 hours', async () => {
  addTask('t-sunday', 'p-bert-1', 'bert', '2026-10-25');
  // 23:30 on the 25-hour Sunday: 24 hours and a half after its midnight, still that day.
  const core = await coreAs('bert', '2026-10-25T23:30', BERLIN);
  expect(await taskLines(core)).toEqual(new Map([['t-sunday', 'task due today']]));
  now = DateTime.fromISO('2026-10-26T00:30', { zone: BERLIN }).toMillis();
  expect(await taskLines(core)).toEqual(new Map([['t-sunday', 'overdue: task due yesterday']]));
});

describe('a task with a time only (no Due_Date) is overdue on today’s plan once its day is over', () => {
  /** A CRM task with no Due_Date, placed at `at` (Berlin) as the sync places one: its time only. */
  function addTimedTask(id: string, personId: string, at: string): void {
    rawHandle(db)
      .prepare(
        `insert into activities (id, person_id, owner_id, signal, kind, channel, direction,
           started_at, duration_s, subject, status, source_module, source_id, due_date)
         values (?, ?, 'bert', null, 'task', 'task', 'out', ?, null, ?, 'scheduled', 'Tasks', ?, null)`,
      )
      .run(id, personId, DateTime.fromISO(at, { zone: BERLIN }).toMillis(), `Task ${id}`, id);
  }

  /** The open tasks of today's plan, on rows or in "Other tasks due", each with whether it is overdue. */
  async function todaysTasks(core: Core): Promise<Map<string, boolean>> {
    const plan = await core.handlers.getPlanner({});
    const out = new Map<string, boolean>();
    for (const r of plan.rows as PlannerRow[])
      if (r.next?.taskId) out.set(r.next.taskId, taskOverdue(r.next, plan.now, plan.repTz));
    for (const t of plan.tasksWithoutRow ?? []) out.set(t.id, taskOverdue(t, plan.now, plan.repTz));
    return out;
  }

  it('across the night Berlin’s clocks go back (25 October 2026) and the next midnight; the Team page counts the same', async () => {
    rawHandle(db)
      .prepare(
        `insert into users (id, name, email, role, manager_id, time_zone, shift_id)
         values ('mia', 'Mia', 'mia@example.com', 'manager', null, ?, null)`,
      )
      .run(BERLIN);
    rawHandle(db).prepare("update users set manager_id = 'mia' where id = 'bert'").run();
    addTimedTask('t-saturday', 'p-bert-1', '2026-10-24T08:45');
    addTimedTask('t-sunday', 'p-bert-2', '2026-10-25T08:45');
    // 23:30 on the 25-hour Sunday (closed: every task is in "Other tasks due"): Saturday's is
    // overdue, Sunday's due today.
    const core = await coreAs('bert', '2026-10-25T23:30', BERLIN);
    expect(await todaysTasks(core)).toEqual(
      new Map([
        ['t-saturday', true],
        ['t-sunday', false],
      ]),
    );
    // The signed-in user is the workspace's: the manager's read signs Bert back in after it.
    const manager = createCore(db, () => now);
    const carried = async (): Promise<number | undefined> => {
      await manager.handlers.setCurrentUser({ userId: 'mia' });
      const result = await manager.dispatch('getTeamDay', {});
      if (!result.ok) throw new Error(result.error);
      await core.handlers.setCurrentUser({ userId: 'bert' });
      return (result.value as TeamDay).reps.find((l) => l.repId === 'bert')?.tasksCarried;
    };
    expect(await carried()).toBe(1);

    // Monday 00:30, a working day: both on their person's row, both overdue; the Team page agrees.
    now = DateTime.fromISO('2026-10-26T00:30', { zone: BERLIN }).toMillis();
    const plan = await core.handlers.getPlanner({});
    expect(
      new Map(plan.rows.filter((r) => r.next?.taskId).map((r) => [r.personId, r.next?.taskId])),
    ).toEqual(
      new Map([
        ['p-bert-1', 't-saturday'],
        ['p-bert-2', 't-sunday'],
      ]),
    );
    expect(await todaysTasks(core)).toEqual(
      new Map([
        ['t-saturday', true],
        ['t-sunday', true],
      ]),
    );
    expect(await carried()).toBe(2);
    // A past day keeps its own; a day to come carries none.
    const sunday = await core.handlers.getPlanner({ date: '2026-10-25' });
    expect((sunday.tasksWithoutRow ?? []).map((t) => t.id)).toEqual(['t-sunday']);
    const tuesday = await core.handlers.getPlanner({ date: '2026-10-27' });
    expect(tuesday.rows.filter((r) => r.next?.taskId)).toEqual([]);
    expect(tuesday.tasksWithoutRow ?? []).toEqual([]);
    core.alerts.dispose();
    manager.alerts.dispose();
  });
});
