import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/openDatabase';
import { createCore } from '../../src/main/core/createCore';
import { repDayCoverage } from '../../src/main/team/repDayCoverage';
import type { Planner, PlannerRow } from '../../src/shared/contract';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir, oneRepDb, type TempDir } from '../fixtures/tempDb';
import { shownWindows } from '../../src/shared/slotStates';

/**
 * Audit 50, finding 14: Snooze on a 5★ row moved the contact to the ½★ hour after it, and the
 * next sure window (another day's) was never offered. The row now carries that window
 * (`nextWindow`) and the snooze stores the rep's choice.
 */
const REP_ZONE = 'Europe/Berlin';
const rep = { id: 'rep', time_zone: REP_ZONE };
const at = (iso: string, zone = REP_ZONE) => DateTime.fromISO(iso, { zone }).toMillis();
const berlin = (ms: number | null) =>
  ms === null ? 'none' : DateTime.fromMillis(ms, { zone: REP_ZONE }).toFormat('ccc HH:mm');

let dir: TempDir;
let db: Db;
beforeEach(async () => {
  dir = makeTempDir();
  db = await oneRepDb(dir, 'snooze.db');
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

/** A person in `zone` with call windows [weekday, 'HH:mm', 'HH:mm', stars] in their own clock. */
function person(id: string, zone: string, list: [number, string, string, number][]): void {
  const min = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  rawHandle(db)
    .prepare(
      "insert into people (id, module, last_name, owner_id, time_zone, created_at, modified_at) values (?, 'contact', ?, 'rep', ?, 0, 0)",
    )
    .run(id, id, zone);
  rawHandle(db)
    .prepare(
      "insert into best_time_windows (person_id, channel, time_zone, windows) values (?, 'call', ?, ?)",
    )
    .run(
      id,
      zone,
      JSON.stringify(
        list.map(([d, f, t, s]) => [d, min(f), min(t), s, `answered calls ${f}-${t}`]),
      ),
    );
}

async function coreAt(iso: string) {
  const clock = { now: at(iso) };
  const core = createCore(db, () => clock.now);
  await core.handlers.setCurrentUser({ userId: 'rep' });
  return { core, clock };
}

/** Snooze `personId`'s call row of `date`, to the window starting at `snoozeTo` (null: the next
 * day's; absent: as the plan picks it, a mark with no choice). */
const snooze = (
  core: Awaited<ReturnType<typeof coreAt>>['core'],
  personId: string,
  date: string,
  snoozeTo?: number | null,
) =>
  core.handlers.markPlanRow({
    personId,
    channel: 'call',
    date,
    action: 'snoozed',
    ...(snoozeTo === undefined ? {} : { snoozeTo }),
  });

const rowsOf = (plan: Planner, id: string): PlannerRow[] =>
  plan.rows.filter((r) => r.personId === id);
const shown = (r: PlannerRow) =>
  `${berlin(r.start)} ${r.stars ?? '-'} ${r.action ?? '-'} next ${r.nextWindow ? `${berlin(r.nextWindow.start)} ${r.nextWindow.stars}` : 'none'}`;

describe('Snooze offers the next sure window (PL-4, audit 50 #14)', () => {
  for (const [name, today, weekday, expected] of [
    ['across a day (Mon → Tue)', '2026-12-07', 1, 'Tue 10:00'],
    // Berlin's clocks go forward at 02:00 on Sunday 29 March: a 23-hour Sunday.
    ['into the spring change (Sat 28 Mar → Sun 29 Mar)', '2026-03-28', 6, 'Sun 10:00'],
    // And back at 03:00 on Sunday 25 October: a 25-hour Sunday.
    ['into the autumn change (Sat 24 Oct → Sun 25 Oct)', '2026-10-24', 6, 'Sun 10:00'],
  ] as const)
    it(`a 5★ row with only a ½★ hour after it carries the next sure window, ${name}`, async () => {
      const next = (weekday % 7) + 1;
      person('haruto', REP_ZONE, [
        [weekday, '08:00', '10:00', 5],
        [weekday, '10:00', '11:00', 0.5],
        [next, '09:00', '10:00', 0.5],
        [next, '10:00', '11:00', 5],
      ]);
      const { core } = await coreAt(`${today}T09:00`);
      const plan = await core.handlers.getPlanner({});
      const [row] = rowsOf(plan, 'haruto');
      expect(row && shown(row)).toBe(`${berlin(at(`${today}T08:00`))} 5 - next ${expected} 5`);
      // The next day's 10:00 on the rep's clock, whatever the day's length.
      const nextDay = DateTime.fromISO(today, { zone: REP_ZONE }).plus({ days: 1 }).toISODate();
      expect(row?.nextWindow).toEqual({
        start: at(`${nextDay}T10:00`),
        end: at(`${nextDay}T11:00`),
        stars: 5,
      });

      // Snoozed to that window: no row today, the day's ½★ hour is not where it went.
      await snooze(core, 'haruto', plan.date, null);
      const after = rowsOf(await core.handlers.getPlanner({}), 'haruto');
      expect(after.map(shown)).toEqual([`none - snoozed next ${expected} 5`]);
    });

  it('the ½★ hour sooner stays a choice, and a later sure window that day is the first one', async () => {
    person('mia', REP_ZONE, [
      [1, '08:00', '10:00', 5],
      [1, '10:00', '11:00', 0.5],
      [1, '15:00', '16:00', 4],
    ]);
    const { core, clock } = await coreAt('2026-12-07T09:00');
    const plan = await core.handlers.getPlanner({});
    const [row] = rowsOf(plan, 'mia');
    // A sure window follows today: no next day's window to offer.
    expect(row && shown(row)).toBe('Mon 08:00 5 - next none');
    const mark = (snoozeTo: number | null) => snooze(core, 'mia', plan.date, snoozeTo);
    // The ½★ hour chosen: the row waits there, not at 15:00.
    await mark(at('2026-12-07T10:00'));
    expect(rowsOf(await core.handlers.getPlanner({}), 'mia').map(shown)).toEqual([
      'Mon 10:00 0.5 snoozed next none',
    ]);
    // Once it has ended, the 15:00 window is the row's (the day's last: next Monday comes after).
    clock.now = at('2026-12-07T11:05');
    expect(rowsOf(await core.handlers.getPlanner({}), 'mia').map(shown)).toEqual([
      'Mon 15:00 4 snoozed next Mon 08:00 5',
    ]);
    // The sure window chosen instead (at 09:00): straight to 15:00.
    clock.now = at('2026-12-07T09:00');
    await mark(at('2026-12-07T15:00'));
    const sure = await core.handlers.getPlanner({});
    expect(rowsOf(sure, 'mia').map(shown)).toEqual(['Mon 15:00 4 snoozed next Mon 08:00 5']);
    // The Team page counts the 15:00 window, still to come: the snoozed morning is set aside.
    const team = repDayCoverage(db, rep, sure, clock.now);
    expect(team).toMatchObject({ missed: 0, worked: 0, outside: 0 });
  });

  it('a snooze on a window that ended goes to the window the page named, and the Team page agrees (review52 2a)', async () => {
    person('ended', REP_ZONE, [
      [1, '09:00', '10:00', 5],
      [1, '11:00', '12:00', 0.5],
      [1, '15:00', '16:00', 4],
    ]);
    // 10:10: the 09:00 row has just ended; the day's current window is 15:00.
    const { core, clock } = await coreAt('2026-12-07T10:10');
    const plan = await core.handlers.getPlanner({});
    expect(rowsOf(plan, 'ended').map(shown)).toEqual([
      'Mon 15:00 4 - next Mon 09:00 5',
      'Mon 09:00 5 - next none',
    ]);
    const snoozeTo = (to: number) => snooze(core, 'ended', plan.date, to);
    // The offer's first choice: 15:00 4★. Before, the row went to the next week's Monday.
    await snoozeTo(at('2026-12-07T15:00'));
    const sure = await core.handlers.getPlanner({});
    expect(rowsOf(sure, 'ended').map(shown)).toEqual(['Mon 15:00 4 snoozed next Mon 09:00 5']);
    // Struck at 16:30 with nobody calling: both pages count it missed, once.
    clock.now = at('2026-12-07T16:31');
    const late = await core.handlers.getPlanner({});
    expect(repDayCoverage(db, rep, late, clock.now)).toMatchObject({ missed: 1, worked: 0 });
    // The ½★ hour instead (its own choice, sooner): the row waits there.
    clock.now = at('2026-12-07T10:10');
    await snoozeTo(at('2026-12-07T11:00'));
    expect(rowsOf(await core.handlers.getPlanner({}), 'ended').map(shown)).toEqual([
      'Mon 11:00 0.5 snoozed next none',
    ]);
    // And s on that row once its hour has begun: on to 15:00, not past the day (review52 2b).
    clock.now = at('2026-12-07T11:05');
    await snoozeTo(at('2026-12-07T15:00'));
    expect(rowsOf(await core.handlers.getPlanner({}), 'ended').map(shown)).toEqual([
      'Mon 15:00 4 snoozed next Mon 09:00 5',
    ]);
  });

  it('a contact in another zone: their next sure window on the rep’s clock', async () => {
    // New York's Monday 09:00–11:00 is Berlin's 15:00–17:00; Tuesday's 5★ hour is Berlin's 15:00.
    const NY = 'America/New_York';
    person('ny', NY, [
      [1, '09:00', '11:00', 5],
      [1, '11:00', '12:00', 0.5],
      [2, '09:00', '10:00', 5],
    ]);
    const { core } = await coreAt('2026-12-07T15:30');
    const plan = await core.handlers.getPlanner({});
    const [row] = rowsOf(plan, 'ny');
    expect(row && shown(row)).toBe('Mon 15:00 5 - next Tue 15:00 5');
    expect(row?.nextWindow?.start).toBe(at('2026-12-08T09:00', NY));
  });

  it('a ½★ row with a later ½★ hour moves on to it as before, with no next day offered', async () => {
    person('low', REP_ZONE, [
      [1, '08:00', '09:30', 0.5],
      [1, '10:00', '11:00', 0.5],
      [2, '10:00', '11:00', 5],
    ]);
    const { core } = await coreAt('2026-12-07T09:00');
    const plan = await core.handlers.getPlanner({});
    expect(rowsOf(plan, 'low').map(shown)).toEqual(['Mon 08:00 0.5 - next none']);
    await snooze(core, 'low', plan.date);
    // The day's last window, as before, carries the next day's.
    expect(rowsOf(await core.handlers.getPlanner({}), 'low').map(shown)).toEqual([
      'Mon 10:00 0.5 snoozed next Tue 10:00 5',
    ]);
  });
});

/**
 * Where the page sends a snooze with no offer (renderer snoozeChoices.ts, which this project's
 * tests cannot import): of the row's windows that begin after its own and now, the one the plan
 * shows.
 */
function snoozedAtOnceTo(r: PlannerRow, now: number) {
  const after = r.alternatives
    .filter((a) => a.start > Math.max(r.start ?? -Infinity, now))
    .sort((a, b) => a.start - b.start);
  return after.length ? shownWindows(after, now).current : null;
}

describe('a snooze says where the row went, and both pages read it alike (stop 51’s leftovers)', () => {
  for (const [name, today] of [
    ['on a Monday', '2026-12-07'],
    // Berlin's clocks go forward at 02:00 on Sunday 29 March, back at 03:00 on 25 October.
    ['on the spring change (Sun 29 Mar)', '2026-03-29'],
    ['on the autumn change (Sun 25 Oct)', '2026-10-25'],
  ] as const)
    it(`a snooze that moves at once names the window the row now shows, not the first later one, ${name}`, async () => {
      const weekday = DateTime.fromISO(today, { zone: REP_ZONE }).weekday;
      person('leon', REP_ZONE, [
        [weekday, '08:00', '09:00', 5],
        [weekday, '09:00', '10:00', 3],
        [weekday, '11:00', '12:00', 0.5],
        [weekday, '15:00', '16:00', 4],
      ]);
      const { core, clock } = await coreAt(`${today}T09:10`);
      const plan = await core.handlers.getPlanner({});
      // The 5★ morning just ended keeps its row beside the 3★ hour open now.
      expect(rowsOf(plan, 'leon').map(shown).sort()).toEqual([
        `${berlin(at(`${today}T08:00`))} 5 - next none`,
        `${berlin(at(`${today}T09:00`))} 3 - next none`,
      ]);
      const passed = rowsOf(plan, 'leon').find((r) => r.stars === 5) as PlannerRow;
      // Its next window is sure: Snooze moves the row at once (no offer, snoozeChoices).
      await snooze(core, 'leon', plan.date);
      // The snooze moves on from the hour open now: past it, and past the ½★ hour, to 15:00.
      const after = rowsOf(await core.handlers.getPlanner({}), 'leon');
      expect(after.map((r) => `${berlin(r.start)} ${r.stars} ${r.action}`)).toEqual([
        `${berlin(at(`${today}T15:00`))} 4 snoozed`,
      ]);
      // The page's status names that window (snoozedText), not the 09:00 hour the row left.
      expect(snoozedAtOnceTo(passed, clock.now)?.start).toBe(after[0]?.start);
    });

  it('a ½★ row snoozed at once says the ½★ hour it went to, under “Low confidence”', async () => {
    person('low', REP_ZONE, [
      [1, '08:00', '09:30', 0.5],
      [1, '10:00', '11:00', 0.5],
    ]);
    const { core, clock } = await coreAt('2026-12-07T09:00');
    const plan = await core.handlers.getPlanner({});
    const [row] = rowsOf(plan, 'low');
    await snooze(core, 'low', plan.date);
    expect(rowsOf(await core.handlers.getPlanner({}), 'low').map(shown)).toEqual([
      'Mon 10:00 0.5 snoozed next Mon 08:00 0.5',
    ]);
    expect(row && snoozedAtOnceTo(row, clock.now)).toMatchObject({
      start: at('2026-12-07T10:00'),
      stars: 0.5,
    });
  });

  /** mia: a 5★ morning, a ½★ hour, 4★ at 15:00 and 5★ at 17:00; marked at 09:00. */
  async function mia() {
    person('mia', REP_ZONE, [
      [1, '08:00', '10:00', 5],
      [1, '10:00', '11:00', 0.5],
      [1, '15:00', '16:00', 4],
      [1, '17:00', '18:00', 5],
    ]);
    const { core, clock } = await coreAt('2026-12-07T09:00');
    const plan = await core.handlers.getPlanner({});
    const mark = (snoozeTo: number | null) => snooze(core, 'mia', plan.date, snoozeTo);
    const rows = async () => rowsOf(await core.handlers.getPlanner({}), 'mia').map(shown);
    return { core, clock, plan, mark, rows };
  }

  /**
   * mia's call windows relearned to `list` ([weekday, 'HH:mm', 'HH:mm', stars]), read by a core
   * started afresh (the app reopened): nothing kept from before the windows changed.
   */
  async function relearned(clock: { now: number }, list: [number, string, string, number][]) {
    const min = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
    rawHandle(db)
      .prepare("update best_time_windows set windows = ? where person_id = 'mia'")
      .run(
        JSON.stringify(
          list.map(([d, f, t, s]) => [d, min(f), min(t), s, `answered calls ${f}-${t}`]),
        ),
      );
    const fresh = createCore(db, () => clock.now);
    await fresh.handlers.setCurrentUser({ userId: 'rep' });
    return fresh;
  }

  it('a stored choice whose window was relearned away goes on to the next window after it, on both pages', async () => {
    const { mark, rows, clock } = await mia();
    await mark(at('2026-12-07T15:00'));
    // Relearned since: the 15:00 window is 14:00 now. The row goes to the next window after 15:00.
    const fresh = await relearned(clock, [
      [1, '08:00', '10:00', 5],
      [1, '10:00', '11:00', 0.5],
      [1, '14:00', '15:00', 4],
      [1, '17:00', '18:00', 5],
    ]);
    const plan = await fresh.handlers.getPlanner({});
    expect(rowsOf(plan, 'mia').map(shown)).toEqual(['Mon 17:00 5 snoozed next Mon 08:00 5']);
    // The Team page counts that window too (still to come), not 15:00 nor a miss; nor the 14:00
    // window once it is struck: the snooze set it aside, as the planner did.
    expect(repDayCoverage(db, rep, plan, clock.now)).toMatchObject({ missed: 0, worked: 0 });
    clock.now = at('2026-12-07T15:31');
    const later = await fresh.handlers.getPlanner({});
    expect(rowsOf(later, 'mia').map(shown)).toEqual(['Mon 17:00 5 snoozed next Mon 08:00 5']);
    expect(repDayCoverage(db, rep, later, clock.now)).toMatchObject({ missed: 0, worked: 0 });
    expect(await rows()).toHaveLength(1);
  });

  it('a stored choice whose window a relearn moved earlier goes to the moved window, not off the day, on both pages (review53 1)', async () => {
    const { mark, clock } = await mia();
    await mark(at('2026-12-07T15:00'));
    // Relearned since: the 15:00–16:00 window is 14:30–15:30 now; it still runs at 15:00.
    clock.now = at('2026-12-07T11:00');
    const fresh = await relearned(clock, [
      [1, '08:00', '10:00', 5],
      [1, '10:00', '11:00', 0.5],
      [1, '14:30', '15:30', 4],
    ]);
    const plan = await fresh.handlers.getPlanner({});
    expect(rowsOf(plan, 'mia').map(shown)).toEqual(['Mon 14:30 4 snoozed next Mon 08:00 5']);
    // The Team page keeps 14:30 to come (not set aside, not a miss) once it is open.
    clock.now = at('2026-12-07T14:45');
    const open = await fresh.handlers.getPlanner({});
    expect(rowsOf(open, 'mia').map(shown)).toEqual(['Mon 14:30 4 snoozed next Mon 08:00 5']);
    expect(repDayCoverage(db, rep, open, clock.now)).toMatchObject({ missed: 0, worked: 0 });
    // Struck unworked, it is a miss on the Team page as on the planner (set aside, it would not be).
    clock.now = at('2026-12-07T16:01');
    const struck = await fresh.handlers.getPlanner({});
    expect(repDayCoverage(db, rep, struck, clock.now)).toMatchObject({ missed: 1, worked: 0 });
  });

  it('a relearn that grows an open window over the chosen ½★ hour does not put the row back open now, on both pages (review54 1)', async () => {
    const { mark, clock } = await mia();
    // At 09:00, in the 5★ morning, the rep takes the ½★ hour at 10:00 ...
    await mark(at('2026-12-07T10:00'));
    // ... and a sync at 09:05 relearns the morning to run over it: 08:00–11:00, begun before the snooze.
    clock.now = at('2026-12-07T09:05');
    const fresh = await relearned(clock, [
      [1, '08:00', '11:00', 4],
      [1, '15:00', '16:00', 4],
    ]);
    const plan = await fresh.handlers.getPlanner({});
    expect(rowsOf(plan, 'mia').map(shown)).toEqual(['Mon 15:00 4 snoozed next Mon 08:00 4']);
    // The Team page sets the morning aside with the snooze: struck at 11:30, it is no miss.
    clock.now = at('2026-12-07T11:31');
    const later = await fresh.handlers.getPlanner({});
    expect(rowsOf(later, 'mia').map(shown)).toEqual(['Mon 15:00 4 snoozed next Mon 08:00 4']);
    expect(repDayCoverage(db, rep, later, clock.now)).toMatchObject({ missed: 0, worked: 0 });
  });

  it('a chosen sure window a relearn replaced by a ½★ hour running at its start goes to the sure one after it (review54 1)', async () => {
    const { mark, clock } = await mia();
    await mark(at('2026-12-07T15:00'));
    clock.now = at('2026-12-07T11:00');
    const fresh = await relearned(clock, [
      [1, '08:00', '10:00', 5],
      [1, '14:00', '15:30', 0.5],
      [1, '15:30', '16:30', 4],
    ]);
    clock.now = at('2026-12-07T14:10');
    const plan = await fresh.handlers.getPlanner({});
    expect(rowsOf(plan, 'mia').map(shown)).toEqual(['Mon 15:30 4 snoozed next Mon 08:00 5']);
    expect(repDayCoverage(db, rep, plan, clock.now)).toMatchObject({ missed: 0, worked: 0 });
  });
});
