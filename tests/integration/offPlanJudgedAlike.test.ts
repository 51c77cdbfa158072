import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { eachTestTeamOrg, type TeamOrg } from '../fixtures/teamOrg';

// Whether a call leaves its person off the day's plan is judged for one person (the person page's
// "Not on today's plan", a call being logged: offPlanCalls.calledOffPlan over the keeper's rows),
// not by making the whole plan. Both must say the same as the planner's rows, whatever the day
// (daylight-saving days among them), the hour, who was called when, and whether the day's plan
// was shown before the calls.

let org: TeamOrg;
eachTestTeamOrg('cw-offplan-alike-', (env) => ({ org } = env));

const ZONE = 'Europe/Berlin';
const ZONES = ['Europe/Berlin', 'Asia/Kolkata', 'America/New_York', 'Australia/Adelaide'];
const DAYS = [
  '2026-03-28',
  '2026-03-29', // 23 hours in Berlin
  '2026-05-12',
  '2026-10-24',
  '2026-10-25', // 25 hours in Berlin
  '2026-11-03', // the clocks go back in New York on 1 November
  '2026-12-07',
  '2027-01-15',
];
const PEOPLE = 24;

/** A small seeded generator: the same "random" person-days on every run. */
function seeded(seed: number) {
  let s = seed >>> 0;
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T };
}

const at = (day: string, minutes: number): number =>
  DateTime.fromISO(day, { zone: ZONE }).plus({ minutes }).toMillis();

/** A call from the phone system, as a sync stores it. */
function syncedCall(personId: string, start: number, answered: boolean) {
  rawHandle(org.db)
    .prepare(
      `insert into activities (id, person_id, owner_id, signal, kind, channel, direction, started_at,
         duration_s, status, source_module, outcome) values (?, ?, 'r1', ?, 'call', 'call', 'out', ?, ?, 'completed', 'Calls', ?)`,
    )
    .run(
      `sync-${personId}-${start}`,
      personId,
      answered ? 'call_answered' : 'call_no_answer',
      start,
      answered ? 240 : 0,
      answered ? 'answered' : 'no_answer',
    );
}

/** Per person, whether the person page says they are on today's plan, and the planner's rows. */
async function bothWays(core: Core, ids: readonly string[]) {
  const page = new Map<string, boolean | undefined>();
  for (const id of ids)
    page.set(id, (await core.handlers.getPerson({ id })).callToday?.onPlan ?? undefined);
  const rows = (await core.handlers.getPlanner({})).rows;
  const planner = new Map(
    ids.map((id) => [id, rows.some((r) => r.personId === id && r.channel === 'call')]),
  );
  return { page, planner };
}

describe('judging one person gives the whole plan’s answer (off-plan calls)', () => {
  it('agrees with the planner’s rows on many random person-days', async () => {
    rawHandle(org.db).prepare("update organisation set business_hours = ''").run();
    const rand = seeded(39);
    const ids: string[] = [];
    const zones = new Map<string, string>();
    const windowless = new Set<string>();
    /** Call windows every weekday, at an hour of the person's own. */
    const learn = (id: string) => {
      const hour = 8 + Math.floor(rand.next() * 10);
      for (let weekday = 1; weekday <= 7; weekday++)
        org.window(id, 'call', weekday, `${hour}:00`, `${hour + 1}:00`, 3, zones.get(id));
      windowless.delete(id);
    };
    for (let i = 0; i < PEOPLE; i++) {
      const id = `q${i}`;
      zones.set(id, rand.pick(ZONES));
      org.person(id, 'r1', { zone: zones.get(id) });
      ids.push(id);
      windowless.add(id);
      // Half the people have call windows from the start.
      if (rand.next() < 0.5) learn(id);
    }
    // One person never has windows: the call logged with them leaves the planner's inputs as
    // they were (the test writes windows straight into the database, unannounced to the core).
    windowless.delete('q0');
    rawHandle(org.db).prepare("delete from best_time_windows where person_id = 'q0'").run();
    let judged = 0;
    let offPlan = 0;
    let withWindowsOff = 0;
    for (const day of DAYS) {
      const shownAt = 8 * 60 + Math.floor(rand.next() * 8 * 60);
      const clock = { now: at(day, shownAt) };
      const core = createCore(org.db, () => clock.now);
      await core.handlers.setCurrentUser({ userId: 'r1' });
      // Calls before the plan is shown: the evening before, and that morning.
      for (const id of ids)
        if (rand.next() < 0.2)
          syncedCall(
            id,
            at(day, -120 + Math.floor(rand.next() * (shownAt + 100))),
            rand.next() < 0.7,
          );
      // Most days the rep opens the planner; some days the calls come before any plan was kept.
      if (rand.next() < 0.75) await core.handlers.getPlanner({});
      // A relearn after it was shown gives someone windows: on the plan from then on, unless
      // called that day before.
      for (const id of [...windowless]) if (rand.next() < 0.3) learn(id);
      // Calls synced after it was shown.
      for (const id of ids)
        if (rand.next() < 0.2)
          syncedCall(id, at(day, shownAt + 1 + Math.floor(rand.next() * 60)), rand.next() < 0.7);
      clock.now = at(day, shownAt + 90);
      // A call logged with someone without windows (off the plan) makes the core read its
      // planner's inputs again.
      await core.handlers.logCall({ personId: 'q0', outcome: 'no_answer', note: '' });
      clock.now += 60_000;
      for (let round = 0; round < 2; round++) {
        const { page, planner } = await bothWays(core, ids);
        for (const id of ids) {
          expect({ day, round, id, onPlan: page.get(id) }).toEqual({
            day,
            round,
            id,
            onPlan: planner.get(id),
          });
          judged++;
          if (!planner.get(id)) offPlan++;
          if (!planner.get(id) && !windowless.has(id) && id !== 'q0') withWindowsOff++;
        }
        // A call logged now, judged for its person alone, then both ways again.
        const who = rand.pick(ids);
        await core.handlers.logCall({
          personId: who,
          outcome: rand.next() < 0.5 ? 'answered' : 'no_answer',
          durationMin: 3,
          note: '',
        });
        clock.now += 60_000;
      }
    }
    // The days judged held both answers, and people off the plan though they have windows (called
    // before a relearn gave them some).
    expect(judged).toBe(DAYS.length * 2 * PEOPLE);
    expect(offPlan).toBeGreaterThan(DAYS.length * 2);
    expect(offPlan).toBeLessThan(judged);
    expect(withWindowsOff).toBeGreaterThan(0);
  });
});
