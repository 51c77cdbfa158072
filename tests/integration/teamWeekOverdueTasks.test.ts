import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { createCore, type Core } from '../../src/main/core/createCore';
import { taskOverdue } from '../../src/shared/taskDue';
import type { PlannerRow } from '../../src/shared/contract';
import type { TeamDay, TeamWeek } from '../../src/shared/teamContract';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

/**
 * Mia manages Bert from Berlin (weekdays 08:00–18:00); Bert owns three Berlin contacts who answered
 * calls at 10:15 every weekday from September to mid-November, so his plan has rows. The week of
 * 19 October 2026 ends on the 25-hour Sunday Berlin's clocks go back. Three of his tasks, each of
 * its own person, as a sync stores them: one with a Due_Date (Saturday 24, placed at 09:00 Berlin),
 * one with a time only (no Due_Date, last changed Sunday 25 at 23:10, in the day's 25th hour), and
 * one done (a time only, Friday 23).
 */
const BERLIN = 'Europe/Berlin';
const WEEKDAY = [[480, 1080]];
const WEEK = ['19', '20', '21', '22', '23', '24', '25'].map((d) => `2026-10-${d}`);

let dir: TempDir;
let db: Db;
let now = 0;

function addTask(id: string, personId: string, at: string, due: string | null, status: string) {
  rawHandle(db)
    .prepare(
      `insert into activities (id, person_id, owner_id, signal, kind, channel, direction,
         started_at, duration_s, subject, status, source_module, source_id, due_date)
       values (?, ?, 'bert', null, 'task', 'task', 'out', ?, null, ?, ?, 'Tasks', ?, ?)`,
    )
    .run(id, personId, DateTime.fromISO(at, { zone: BERLIN }).toMillis(), id, status, id, due);
}

beforeEach(async () => {
  dir = makeTempDir('cw-week-overdue-');
  db = await openDatabase(dir.file('week.db'));
  const raw = rawHandle(db);
  raw
    .prepare("insert into organisation values (1, 'Org', ?, ?, 'demo')")
    .run(BERLIN, JSON.stringify({ days: [WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, [], []] }));
  const user = raw.prepare(
    `insert into users (id, name, email, role, manager_id, time_zone, shift_id)
     values (?, ?, ?, ?, ?, ?, null)`,
  );
  user.run('mia', 'Mia', 'mia@example.com', 'manager', null, BERLIN);
  user.run('bert', 'Bert', 'bert@example.com', 'rep', 'mia', BERLIN);
  const person = raw.prepare(
    `insert into people (id, module, last_name, owner_id, time_zone, created_at, modified_at)
     values (?, 'contact', ?, 'bert', ?, 0, 0)`,
  );
  const call = raw.prepare(
    `insert into activities (id, person_id, owner_id, signal, kind, channel, direction, started_at,
       duration_s, status, source_module)
     values (?, ?, 'bert', 'call_answered', 'call', 'phone', 'out', ?, 240, 'completed', 'Calls')`,
  );
  for (const n of [1, 2, 3]) {
    const p = `p-${n}`;
    person.run(p, `Contact ${n}`, BERLIN);
    for (
      let d = DateTime.fromISO('2026-09-01', { zone: BERLIN });
      d.toISODate() !== '2026-11-18';
      d = d.plus({ days: 1 })
    )
      if (d.weekday <= 5)
        call.run(`c-${p}-${d.toISODate()}`, p, d.set({ hour: 10, minute: 15 }).toMillis());
  }
  addTask('t-dated', 'p-1', '2026-10-24T09:00', '2026-10-24', 'scheduled');
  addTask('t-timed', 'p-2', '2026-10-25T23:10', null, 'scheduled');
  addTask('t-done', 'p-3', '2026-10-23T16:00', null, 'completed');
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

/** Open tasks and the overdue ones among them, as each place counts a date's. */
interface Counted {
  open: number;
  overdue: number;
}

/**
 * One core on the file, its clock set by the test. The signed-in user is the workspace's (stored
 * in the file), so each read signs in the user it reads as: Mia for the Team page, Bert for his plan.
 */
async function coreAt(at: string): Promise<Core> {
  now = DateTime.fromISO(at, { zone: BERLIN }).toMillis();
  await createCore(db, () => now).recomputeSuggestions();
  return createCore(db, () => now);
}
const as = (core: Core, userId: string) => core.handlers.setCurrentUser({ userId });

/** Each date of Bert's row of the week: open (due less done, and carried) and overdue. */
async function weekCounts(core: Core, week: string): Promise<Counted[]> {
  await as(core, 'mia');
  const w: TeamWeek = await core.handlers.getTeamWeek({ week });
  const row = w.reps.find((r) => r.repId === 'bert');
  return (row?.cells ?? []).map((c) => {
    const carried = row?.tasksCarried?.date === c.date ? row.tasksCarried.n : 0;
    return { open: c.tasks - c.tasksDone + carried, overdue: c.tasksOverdue + carried };
  });
}

/** Bert's lane of the Team day of `date`: its cell (the week's counting) and what it carries. */
async function dayCounts(core: Core, date: string): Promise<Counted> {
  await as(core, 'mia');
  const result = await core.dispatch('getTeamDay', { date });
  if (!result.ok) throw new Error(result.error);
  const lane = (result.value as TeamDay).reps.find((l) => l.repId === 'bert');
  if (!lane) throw new Error('no lane for Bert');
  const w = lane.work;
  return {
    open: w.tasks - w.tasksDone + lane.tasksCarried,
    overdue: w.tasksOverdue + lane.tasksCarried,
  };
}

/** Bert's plan of `date`: the open tasks on its rows or in "Other tasks due", and overdue ones. */
async function planCounts(core: Core, date: string): Promise<Counted> {
  await as(core, 'bert');
  const plan = await core.handlers.getPlanner({ date });
  const tasks = new Map<string, boolean>();
  for (const r of plan.rows as PlannerRow[])
    if (r.next?.taskId) tasks.set(r.next.taskId, taskOverdue(r.next, plan.now, plan.repTz));
  for (const t of plan.tasksWithoutRow ?? []) tasks.set(t.id, taskOverdue(t, plan.now, plan.repTz));
  return { open: tasks.size, overdue: [...tasks.values()].filter(Boolean).length };
}

/** The week's cells of `dates` equal the Team day's lane and the rep's plan of each. */
async function expectAgreement(at: string, week: string, dates: readonly string[]) {
  const core = await coreAt(at);
  const cells = await weekCounts(core, week);
  const mondays = DateTime.fromISO(week, { zone: BERLIN });
  for (const [i, cell] of cells.entries()) {
    const date = mondays.plus({ days: i }).toISODate() ?? '';
    if (!dates.includes(date)) continue;
    expect({ date, ...(await dayCounts(core, date)) }).toEqual({ date, ...cell });
    expect({ date, ...(await planCounts(core, date)) }).toEqual({ date, ...cell });
  }
  core.alerts.dispose();
  return cells;
}

const none = { open: 0, overdue: 0 };

describe('the Team week counts a task as the Team day and the rep’s plan of that day do', () => {
  it('a week to come: each task due on its own day, none overdue, none carried', async () => {
    const cells = await expectAgreement('2026-10-14T11:00', '2026-10-19', WEEK);
    expect(cells).toEqual([
      none,
      none,
      none,
      none,
      none, // Friday's task is done: not open.
      { open: 1, overdue: 0 },
      // The time-only task, at 23:10 on the 25-hour Sunday: due that day (was "1 open, no due date").
      { open: 1, overdue: 0 },
    ]);
  });

  it('the current week, 23:30 on the 25-hour Sunday: Saturday’s task overdue there and carried onto today, today’s still due', async () => {
    const cells = await expectAgreement('2026-10-25T23:30', '2026-10-19', WEEK);
    expect(cells.slice(4)).toEqual([
      none,
      { open: 1, overdue: 1 },
      // Its own time-only task, due until Berlin's midnight an hour after 24 hours; and the
      // Saturday one the plan carries, overdue.
      { open: 2, overdue: 1 },
    ]);
  });

  it('past Berlin’s midnight: a past week counts the time-only task overdue on its Sunday, and the current week’s Monday carries both', async () => {
    const past = await expectAgreement('2026-10-26T00:30', '2026-10-19', WEEK);
    expect(past.slice(4)).toEqual([none, { open: 1, overdue: 1 }, { open: 1, overdue: 1 }]);
    const current = await expectAgreement('2026-10-26T00:30', '2026-10-26', ['2026-10-26']);
    expect(current[0]).toEqual({ open: 2, overdue: 2 });
  });

  it('the done task is counted done on its day, not open, in every week', async () => {
    const core = await coreAt('2026-10-26T00:30');
    await as(core, 'mia');
    const w = await core.handlers.getTeamWeek({ week: '2026-10-19' });
    const friday = w.reps.find((r) => r.repId === 'bert')?.cells[4];
    expect([friday?.tasks, friday?.tasksDone, friday?.tasksOverdue]).toEqual([1, 1, 0]);
    core.alerts.dispose();
  });
});
