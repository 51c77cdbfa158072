import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { createCore, type Core } from '../../src/main/core/createCore';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

/**
 * An organisation in Berlin (weekdays 08:00–18:00) with reps in Honolulu, Tokyo and Berlin, each
 * owning a Berlin contact who has answered calls at 10:15 Berlin time every weekday for six weeks,
 * and each with a task the CRM holds open, due Wednesday 25 November 2026. The sync places such a
 * date at 09:00 Berlin: 22:00 on Tuesday in Honolulu, 17:00 on Wednesday in Tokyo.
 */
const BERLIN = 'Europe/Berlin';
const REPS = [
  ['hana', 'Pacific/Honolulu'],
  ['taro', 'Asia/Tokyo'],
  ['bert', BERLIN],
] as const;
const DUE = '2026-11-25';
const WEEKDAY = [[480, 1080]];

let dir: TempDir;
let db: Db;

beforeEach(async () => {
  dir = makeTempDir('cw-task-due-day-');
  db = await openDatabase(dir.file('plan.db'));
  const raw = rawHandle(db);
  raw
    .prepare("insert into organisation values (1, 'Org', ?, ?, 'demo')")
    .run(BERLIN, JSON.stringify({ days: [WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, [], []] }));
  raw
    .prepare(
      `insert into users (id, name, email, role, manager_id, time_zone, shift_id)
       values ('boss', 'Bea Boss', 'bea@example.com', 'manager', null, ?, null)`,
    )
    .run(BERLIN);
  const user = raw.prepare(
    `insert into users (id, name, email, role, manager_id, time_zone, shift_id)
     values (?, ?, ?, 'rep', 'boss', ?, null)`,
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
  const task = raw.prepare(
    `insert into activities (id, person_id, owner_id, signal, kind, channel, direction, started_at,
       duration_s, subject, status, source_module, source_id, due_date)
     values (?, ?, ?, null, 'task', 'task', 'out', ?, null, ?, 'scheduled', 'Tasks', ?, ?)`,
  );
  const placed = DateTime.fromISO(`${DUE}T09:00`, { zone: BERLIN }).toMillis();
  for (const [id, zone] of REPS) {
    user.run(id, id, `${id}@example.com`, zone);
    person.run(`p-${id}`, `Contact of ${id}`, id, BERLIN);
    for (
      let d = DateTime.fromISO('2026-10-12', { zone: BERLIN });
      d.toISODate() !== '2026-11-23';
      d = d.plus({ days: 1 })
    )
      if (d.weekday <= 5)
        call.run(
          `c-${id}-${d.toISODate()}`,
          `p-${id}`,
          id,
          d.set({ hour: 10, minute: 15 }).toMillis(),
        );
    task.run(`t-${id}`, `p-${id}`, id, placed, `Send ${id}'s offer`, `t-${id}`, DUE);
  }
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

/** Monday 23 November, noon in Berlin: the Tuesday and Wednesday to come are planned ahead. */
const NOW = DateTime.fromISO('2026-11-23T12:00', { zone: BERLIN }).toMillis();

async function coreAs(userId: string): Promise<Core> {
  await createCore(db, () => NOW).recomputeSuggestions();
  const core = createCore(db, () => NOW);
  await core.handlers.setCurrentUser({ userId });
  return core;
}

/** The rep's plan of `date` (their zone): which of their rows name their task. */
async function tasksOnPlan(core: Core, date: string): Promise<string[]> {
  const plan = await core.handlers.getPlanner({ date });
  expect(plan.rows.length).toBeGreaterThan(0);
  return [...new Set(plan.rows.flatMap((r) => (r.next?.taskId ? [r.next.taskId] : [])))];
}

describe('a task due on a date is on the rep’s plan of that date, in their own zone', () => {
  it.each(REPS)(
    '%s (%s): the Wednesday task is on Wednesday’s plan, not Tuesday’s, as the Team page counts it',
    async (rep) => {
      const core = await coreAs(rep);
      expect(await tasksOnPlan(core, '2026-11-24')).toEqual([]);
      expect(await tasksOnPlan(core, DUE)).toEqual([`t-${rep}`]);
      const wednesday = await core.handlers.getPlanner({ date: DUE });
      const row = wednesday.rows.find((r) => r.next?.taskId === `t-${rep}`);
      expect(row?.next?.dueDate).toBe(DUE);

      // The manager's Team day of each date counts the task on the same date as the plan.
      await core.handlers.setCurrentUser({ userId: 'boss' });
      const tasksOn = async (date: string): Promise<number | undefined> =>
        (await core.handlers.getTeamDay({ date })).reps.find((r) => r.repId === rep)?.work.tasks;
      expect(await tasksOn('2026-11-24')).toBe(0);
      expect(await tasksOn(DUE)).toBe(1);
    },
  );
});

it('a Tokyo rep of an organisation in Los Angeles: the task is on Wednesday’s plan, not Thursday’s', async () => {
  // 09:00 in Los Angeles on Wednesday is 02:00 on Thursday in Tokyo.
  const LA = 'America/Los_Angeles';
  const raw = rawHandle(db);
  raw.prepare('update organisation set time_zone = ?').run(LA);
  raw
    .prepare("update activities set started_at = ? where id = 't-taro'")
    .run(DateTime.fromISO(`${DUE}T09:00`, { zone: LA }).toMillis());
  const core = await coreAs('taro');
  expect(await tasksOnPlan(core, '2026-11-26')).toEqual([]);
  expect(await tasksOnPlan(core, DUE)).toEqual(['t-taro']);
});
