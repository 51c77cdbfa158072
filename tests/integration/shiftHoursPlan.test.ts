import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Planner } from '../../src/shared/contract';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

/**
 * An organisation in Berlin (weekdays 08:00–18:00) with a rep in Los Angeles who works the West
 * Coast shift (weekdays 08:00–17:00 their time, lunch 12:00–13:00), and a contact of theirs in
 * Los Angeles who has answered calls at 10:15 and 14:15 their time every weekday for six weeks.
 * The United States move their clocks on Sunday 8 March 2026, Europe on 29 March: the two
 * Mondays either side of the 8th put Los Angeles 9 and then 8 hours behind Berlin.
 */
const LA = 'America/Los_Angeles';
const la = (iso: string): number => DateTime.fromISO(iso, { zone: LA }).toMillis();
const WEEKDAY = [[480, 1080]];
const LUNCH_OUT = [
  [480, 720],
  [780, 1020],
];

let dir: TempDir;
let db: Db;

beforeEach(async () => {
  dir = makeTempDir('cw-shift-plan-');
  db = await openDatabase(dir.file('shift.db'));
  const raw = rawHandle(db);
  raw
    .prepare("insert into organisation values (1, 'Org', 'Europe/Berlin', ?, 'demo')")
    .run(JSON.stringify({ days: [WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, [], []] }));
  raw
    .prepare("insert into shifts (id, name, time_zone, hours) values ('west', 'West Coast', ?, ?)")
    .run(
      LA,
      JSON.stringify({ days: [LUNCH_OUT, LUNCH_OUT, LUNCH_OUT, LUNCH_OUT, LUNCH_OUT, [], []] }),
    );
  raw.exec(`
    insert into users (id, name, email, role, manager_id, time_zone, shift_id) values
      ('boss', 'Bea Boss', 'bea@example.com', 'manager', null, 'Europe/Berlin', null),
      ('jake', 'Jake West', 'jake@example.com', 'rep', 'boss', '${LA}', 'west');
    insert into people (id, module, last_name, owner_id, time_zone, created_at, modified_at)
      values ('p1', 'contact', 'Lee', 'jake', '${LA}', 0, 0);
  `);
  const call = raw.prepare(
    `insert into activities (id, person_id, signal, kind, channel, direction, started_at, duration_s, status, source_module)
     values (?, 'p1', 'call_answered', 'call', 'phone', 'out', ?, 240, 'completed', 'Calls')`,
  );
  // Six weeks of weekdays before Friday 27 February, in Los Angeles time.
  for (
    let d = DateTime.fromISO('2026-01-16', { zone: LA });
    d.toISODate() !== '2026-02-27';
    d = d.plus({ days: 1 })
  ) {
    if (d.weekday > 5) continue;
    call.run(`am-${d.toISODate()}`, d.set({ hour: 10, minute: 15 }).toMillis());
    call.run(`pm-${d.toISODate()}`, d.set({ hour: 14, minute: 15 }).toMillis());
  }
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

/** The core as of an instant, the LA rep signed in, everyone relearned at `learnAt`. */
async function coreAt(now: number, learnAt = la('2026-02-27T18:00')): Promise<Core> {
  await createCore(db, () => learnAt).recomputeSuggestions();
  const core = createCore(db, () => now);
  await core.handlers.setCurrentUser({ userId: 'jake' });
  return core;
}

/** Each timed row's window as "HH:mm-HH:mm" in Los Angeles time. */
const laTimes = (plan: Planner): string[] =>
  plan.rows
    .filter((r) => r.start !== null && r.end !== null)
    .map(
      (r) =>
        `${DateTime.fromMillis(r.start ?? 0, { zone: LA }).toFormat('HH:mm')}-${DateTime.fromMillis(r.end ?? 0, { zone: LA }).toFormat('HH:mm')}`,
    )
    .sort();

describe("a rep who works a shift is planned in the shift's hours (BT-7 per rep)", () => {
  it.each([
    ['2026-03-02', 'the Monday before the US clock change (9 hours behind Berlin)'],
    ['2026-03-09', 'the Monday after it (8 hours behind Berlin)'],
  ])('offers the contact 10:00 and 14:00 Los Angeles time on %s, %s', async (date) => {
    // At lunch: the morning's window ended (it stays, BT-6), the afternoon's is next.
    const core = await coreAt(la(`${date}T12:30`));
    const plan = await core.handlers.getPlanner({ date });
    expect(plan.closed).toBe(false);
    expect(laTimes(plan)).toEqual(['10:00-11:00', '14:00-15:00']);
  });

  it('without the shift, holds the same contact to the organisation’s Berlin day', async () => {
    rawHandle(db).prepare("update users set shift_id = null where id = 'jake'").run();
    const core = await coreAt(la('2026-03-09T07:30'));
    const plan = await core.handlers.getPlanner({ date: '2026-03-09' });
    // Berlin closes at 18:00: 10:00 in Los Angeles that Monday. Their 14:00 habit is out of reach.
    for (const times of laTimes(plan)) expect(times.slice(6) <= '10:00').toBe(true);
    expect(laTimes(plan)).not.toContain('14:00-15:00');
  });

  it('says a Sunday is outside the shift, and names Monday, where Berlin’s Monday had begun', async () => {
    // 1 March, before the US change: 23:00 in Los Angeles is 08:00 on Monday in Berlin.
    const core = await coreAt(la('2026-03-01T07:30'));
    const sunday = await core.handlers.getPlanner({ date: '2026-03-01' });
    expect(sunday.closed).toBe(true);
    expect(sunday.nextOpenDate).toBe('2026-03-02');
    expect(sunday.shift).toBe('West Coast');
    // The same rep in no shift: Sunday 23:00 in Los Angeles is Monday 08:00 in Berlin, open.
    rawHandle(db).prepare("update users set shift_id = null where id = 'jake'").run();
    const unshifted = await (
      await coreAt(la('2026-03-01T07:30'))
    ).handlers.getPlanner({
      date: '2026-03-01',
    });
    expect(unshifted.closed).toBe(false);
    expect(laTimes(unshifted).every((t) => t.startsWith('23:'))).toBe(true);
    expect(unshifted.shift).toBeNull();
  });

  it("draws the rep's working hours on the Team page as their shift, lunch out", async () => {
    const core = await coreAt(la('2026-03-09T07:30'));
    await core.handlers.setCurrentUser({ userId: 'boss' });
    const day = await core.handlers.getTeamDay({ date: '2026-03-09' });
    const lane = day.reps.find((r) => r.repId === 'jake');
    expect(
      lane?.workingHours
        .filter((h) => DateTime.fromMillis(h.start, { zone: LA }).toISODate() === '2026-03-09')
        .map((h) => [h.start, h.end]),
    ).toEqual([
      [la('2026-03-09T08:00'), la('2026-03-09T12:00')],
      [la('2026-03-09T13:00'), la('2026-03-09T17:00')],
    ]);
    // No window of the lane is counted outside them.
    for (const b of lane?.blocks ?? []) {
      expect(DateTime.fromMillis(b.start, { zone: LA }).hour).toBeGreaterThanOrEqual(8);
      expect(DateTime.fromMillis(b.end, { zone: LA }).hour).toBeLessThanOrEqual(17);
    }
  });
});
