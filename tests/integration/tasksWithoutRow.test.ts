import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { createCore, type Core } from '../../src/main/core/createCore';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

/**
 * An organisation in Berlin (weekdays 08:00–18:00) with a rep in Berlin, Bert, owning two
 * contacts who answered calls at 10:15 every weekday from September to mid-November (each has a
 * row on every plan) and one, Zoe Quiet, never called or e-mailed (no window: no row), and a rep
 * Nina owning one more. Tasks the CRM holds open are added per test, placed as the sync places a
 * due date: 09:00 Berlin that day.
 */
const BERLIN = 'Europe/Berlin';
const WEEKDAY = [[480, 1080]];

let dir: TempDir;
let db: Db;
let now = 0;

/** `due`: a date (placed at 09:00 Berlin), or a Berlin time for a task with no due date. */
function addTask(id: string, personId: string, due: string, ownerId = 'bert'): void {
  const dated = !due.includes('T');
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
      DateTime.fromISO(dated ? `${due}T09:00` : due, { zone: BERLIN }).toMillis(),
      `Task ${id}`,
      id,
      dated ? due : null,
    );
}

beforeEach(async () => {
  dir = makeTempDir('cw-tasks-without-row-');
  db = await openDatabase(dir.file('plan.db'));
  const raw = rawHandle(db);
  raw
    .prepare("insert into organisation values (1, 'Org', ?, ?, 'demo')")
    .run(BERLIN, JSON.stringify({ days: [WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, [], []] }));
  const user = raw.prepare(
    `insert into users (id, name, email, role, manager_id, time_zone, shift_id)
     values (?, ?, ?, 'rep', null, ?, null)`,
  );
  user.run('bert', 'Bert', 'bert@example.com', BERLIN);
  user.run('nina', 'Nina', 'nina@example.com', BERLIN);
  const person = raw.prepare(
    `insert into people (id, module, first_name, last_name, company, owner_id, time_zone,
       created_at, modified_at)
     values (?, 'contact', ?, ?, ?, ?, ?, 0, 0)`,
  );
  person.run('p-called-1', 'Anna', 'Called', 'Acme', 'bert', BERLIN);
  person.run('p-called-2', 'Ben', 'Called', 'Acme', 'bert', BERLIN);
  person.run('p-quiet', 'Zoe', 'Quiet', 'Quiet GmbH', 'bert', BERLIN);
  person.run('p-nina', 'Nils', 'Other', null, 'nina', BERLIN);
  const call = raw.prepare(
    `insert into activities (id, person_id, owner_id, signal, kind, channel, direction, started_at,
       duration_s, status, source_module)
     values (?, ?, 'bert', 'call_answered', 'call', 'phone', 'out', ?, 240, 'completed', 'Calls')`,
  );
  for (const p of ['p-called-1', 'p-called-2'])
    for (
      let d = DateTime.fromISO('2026-09-01', { zone: BERLIN });
      d.toISODate() !== '2026-11-18';
      d = d.plus({ days: 1 })
    )
      if (d.weekday <= 5)
        call.run(`c-${p}-${d.toISODate()}`, p, d.set({ hour: 10, minute: 15 }).toMillis());
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

async function bertAt(at: string): Promise<Core> {
  now = DateTime.fromISO(at, { zone: BERLIN }).toMillis();
  await createCore(db, () => now).recomputeSuggestions();
  // One core, its clock moved by the test: its caches must notice the rep's day ending.
  const core = createCore(db, () => now);
  await core.handlers.setCurrentUser({ userId: 'bert' });
  return core;
}

/** The tasks listed apart from the rows of the plan (today's by default), as [id, name]. */
async function listed(
  core: Core,
  ask: { date?: string; first?: number } = {},
): Promise<[string, string][]> {
  const plan = await core.handlers.getPlanner(ask);
  expect(plan.rows.length).toBeGreaterThan(0);
  return (plan.tasksWithoutRow ?? []).map((t) => [t.id, t.name]);
}

describe('the open tasks of the day that no row of the plan shows are listed apart', () => {
  it('on Wednesday’s plan: tasks due today and overdue ones, oldest first, not those of people with a row, nor tomorrow’s', async () => {
    addTask('t-today', 'p-quiet', '2026-11-25');
    addTask('t-friday', 'p-quiet', '2026-11-20');
    addTask('t-tomorrow', 'p-quiet', '2026-11-26');
    // Bert's task on a person Nina owns: no row of Bert's plan carries it.
    addTask('t-nina', 'p-nina', '2026-11-25');
    // A person with a row: the task their row shows is not listed again.
    addTask('t-rowed', 'p-called-2', '2026-11-23');
    // With no due date, only a time today: today's.
    addTask('t-at-two', 'p-quiet', '2026-11-25T14:00');
    addTask('t-at-two-tomorrow', 'p-quiet', '2026-11-26T14:00');
    // Nina's own task is not Bert's.
    addTask('t-of-nina', 'p-quiet', '2026-11-25', 'nina');
    const core = await bertAt('2026-11-25T11:00');
    const plan = await core.handlers.getPlanner({});
    expect(plan.rows.filter((r) => r.personId === 'p-called-2').map((r) => r.next?.taskId)).toEqual(
      plan.rows.filter((r) => r.personId === 'p-called-2').map(() => 't-rowed'),
    );
    expect(plan.tasksWithoutRow).toEqual([
      {
        id: 't-friday',
        personId: 'p-quiet',
        name: 'Zoe Quiet',
        company: 'Quiet GmbH',
        subject: 'Task t-friday',
        dueDate: '2026-11-20',
        startAt: DateTime.fromISO('2026-11-20T09:00', { zone: BERLIN }).toMillis(),
      },
      expect.objectContaining({ id: 't-nina', name: 'Nils Other', dueDate: '2026-11-25' }),
      expect.objectContaining({ id: 't-today', name: 'Zoe Quiet', dueDate: '2026-11-25' }),
      expect.objectContaining({ id: 't-at-two', dueDate: null }),
    ]);
    // Only the first row asked for: the people further down still have their rows.
    expect(await listed(core, { first: 1 })).toEqual([
      ['t-friday', 'Zoe Quiet'],
      ['t-nina', 'Nils Other'],
      ['t-today', 'Zoe Quiet'],
      ['t-at-two', 'Zoe Quiet'],
    ]);
    // A day to come lists its own tasks, none overdue; a past day its own, still open.
    expect(await listed(core, { date: '2026-11-26' })).toEqual([
      ['t-tomorrow', 'Zoe Quiet'],
      ['t-at-two-tomorrow', 'Zoe Quiet'],
    ]);
    expect(await listed(core, { date: '2026-11-20' })).toEqual([['t-friday', 'Zoe Quiet']]);
  });

  it('a second task of a person with a row is listed: the row shows only their oldest', async () => {
    addTask('t-monday', 'p-called-2', '2026-11-23');
    addTask('t-today', 'p-called-2', '2026-11-25');
    addTask('t-quiet', 'p-quiet', '2026-11-25');
    const core = await bertAt('2026-11-25T11:00');
    const plan = await core.handlers.getPlanner({});
    const rows = plan.rows.filter((r) => r.personId === 'p-called-2');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.next?.taskId)).toEqual(rows.map(() => 't-monday'));
    expect(await listed(core)).toEqual([
      ['t-today', 'Ben Called'],
      ['t-quiet', 'Zoe Quiet'],
    ]);
    // Once the row's task is done, the row shows the next one, and the list no longer does.
    await core.handlers.changeTask({ activityId: 't-monday', action: 'done' });
    const after = await core.handlers.getPlanner({});
    expect(
      after.rows.filter((r) => r.personId === 'p-called-2').map((r) => r.next?.taskId),
    ).toEqual(rows.map(() => 't-today'));
    expect(await listed(core)).toEqual([['t-quiet', 'Zoe Quiet']]);
  });

  it('on a closed Saturday, where the plan shows no rows, every open task of the day is listed, those of people with a row too', async () => {
    addTask('t-friday', 'p-called-1', '2026-11-27');
    addTask('t-saturday', 'p-called-2', '2026-11-28');
    addTask('t-quiet', 'p-quiet', '2026-11-28');
    const core = await bertAt('2026-11-28T11:00');
    const plan = await core.handlers.getPlanner({});
    expect(plan.closed).toBe(true);
    // The rows (state none) are there, with the tasks as their `next`, but the Planner hides them.
    expect(plan.rows.every((r) => r.start === null)).toBe(true);
    expect(plan.rows.find((r) => r.personId === 'p-called-1')?.next?.taskId).toBe('t-friday');
    expect(await listed(core)).toEqual([
      ['t-friday', 'Anna Called'],
      ['t-saturday', 'Ben Called'],
      ['t-quiet', 'Zoe Quiet'],
    ]);
    // Friday looked back on is a working day: its rows show their tasks.
    expect(await listed(core, { date: '2026-11-27' })).toEqual([]);
  });

  it('lists only the tasks the CRM holds open in its Tasks module: not a scheduled call, nor a task kept elsewhere', async () => {
    addTask('t-today', 'p-quiet', '2026-11-25');
    addTask('t-at-two', 'p-quiet', '2026-11-25T14:00');
    const other = rawHandle(db).prepare(
      `insert into activities (id, person_id, owner_id, signal, kind, channel, direction,
         started_at, duration_s, subject, status, source_module, source_id, due_date)
       values (?, 'p-quiet', 'bert', null, ?, ?, 'out', ?, null, ?, 'scheduled', ?, ?, ?)`,
    );
    const at = DateTime.fromISO('2026-11-25T15:00', { zone: BERLIN }).toMillis();
    // A call booked for this afternoon (only a task has a due date): the rows' work, not a task.
    other.run('c-booked', 'call', 'phone', at, 'Call booked', 'Calls', 'c-booked', null);
    // A task from another module: changeTask could neither mark it done nor move it.
    other.run('e-task', 'task', 'task', at, 'Elsewhere', 'Events', 'e-task', '2026-11-24');
    other.run('e-undated', 'task', 'task', at, 'Elsewhere', 'Events', 'e-undated', null);
    const core = await bertAt('2026-11-25T11:00');
    expect(await listed(core)).toEqual([
      ['t-today', 'Zoe Quiet'],
      ['t-at-two', 'Zoe Quiet'],
    ]);
  });

  it('a task done goes from the list', async () => {
    addTask('t-today', 'p-quiet', '2026-11-25');
    const core = await bertAt('2026-11-25T11:00');
    expect(await listed(core)).toEqual([['t-today', 'Zoe Quiet']]);
    await core.handlers.changeTask({ activityId: 't-today', action: 'done' });
    expect(await listed(core)).toEqual([]);
  });

  it('across Berlin’s midnight (22:30 and 23:30 UTC): a task due tomorrow joins at 00:00 Berlin, today’s stays as overdue', async () => {
    addTask('t-tuesday', 'p-quiet', '2026-11-24');
    addTask('t-wednesday', 'p-quiet', '2026-11-25');
    const core = await bertAt('2026-11-24T23:30');
    expect(await listed(core)).toEqual([['t-tuesday', 'Zoe Quiet']]);
    // 23:30 UTC on Tuesday: Wednesday in Berlin.
    now = DateTime.fromISO('2026-11-25T00:30', { zone: BERLIN }).toMillis();
    expect(await listed(core)).toEqual([
      ['t-tuesday', 'Zoe Quiet'],
      ['t-wednesday', 'Zoe Quiet'],
    ]);
  });

  it('across Europe’s 25 October 2026 change: on the 25-hour (closed) Sunday at 23:30 the day is still Sunday, overdue tasks listed, a rowed person’s too, Monday’s not', async () => {
    addTask('t-saturday', 'p-quiet', '2026-10-24');
    addTask('t-sunday', 'p-quiet', '2026-10-25');
    addTask('t-monday', 'p-quiet', '2026-10-26');
    // A person with a row: on the closed Sunday no row shows it, on Monday theirs does.
    addTask('t-rowed-friday', 'p-called-1', '2026-10-23');
    // 24 hours and a half after Sunday's midnight.
    const core = await bertAt('2026-10-25T23:30');
    expect(await listed(core)).toEqual([
      ['t-rowed-friday', 'Anna Called'],
      ['t-saturday', 'Zoe Quiet'],
      ['t-sunday', 'Zoe Quiet'],
    ]);
    now = DateTime.fromISO('2026-10-26T00:30', { zone: BERLIN }).toMillis();
    expect(await listed(core)).toEqual([
      ['t-saturday', 'Zoe Quiet'],
      ['t-sunday', 'Zoe Quiet'],
      ['t-monday', 'Zoe Quiet'],
    ]);
  });
});
