import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir, oneRepDb, type TempDir } from '../fixtures/tempDb';

let dir: TempDir;
let db: Db;
let core: Core;

/** Monday 23 November 2026, 08:00 in Berlin: 16:00 in Tokyo, 18:00 in Sydney. */
const NOW = DateTime.fromISO('2026-11-23T08:00', { zone: 'Europe/Berlin' }).toMillis();

beforeEach(async () => {
  dir = makeTempDir();
  db = await oneRepDb(dir, 'zone.db');
  core = createCore(db, () => NOW);
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

/** A contact with no zone of their own: only a country and a phone number to infer it from. */
function personWithoutZone(id: string, country: string | null, phone: string | null): void {
  rawHandle(db)
    .prepare(
      "insert into people (id, module, last_name, owner_id, time_zone, country, phone, created_at, modified_at) values (?, 'contact', ?, 'rep', null, ?, ?, 0, 0)",
    )
    .run(id, id, country, phone);
}

/** A Monday 18:00-19:00 call window, stored as learned in `learnedIn`. */
function mondayEveningWindow(personId: string, learnedIn: string): void {
  rawHandle(db)
    .prepare(
      "insert into best_time_windows (person_id, channel, time_zone, windows) values (?, 'call', ?, ?)",
    )
    .run(personId, learnedIn, JSON.stringify([[1, 18 * 60, 19 * 60, 4, 'answered calls']]));
}

async function bothScreens(personId: string) {
  const plan = await core.handlers.getPlanner({ repId: 'rep' });
  const row = plan.rows.find((r) => r.personId === personId);
  const page = await core.handlers.getPerson({ id: personId });
  return { row, page };
}

describe("a contact's zone, on the planner and on the person page", () => {
  it('is the one inferred from the country for a person with no stored zone, on both', async () => {
    personWithoutZone('tokyo', 'Japan', '+81 3 5555 0100');
    mondayEveningWindow('tokyo', 'Asia/Tokyo');
    const { row, page } = await bothScreens('tokyo');
    expect(row?.contactTz).toBe('Asia/Tokyo');
    expect(page.person.timeZone).toBe('Asia/Tokyo');
    expect(page.windows.map((w) => w.timeZone)).toEqual(['Asia/Tokyo']);
  });

  it('agrees when a sync gave the person a phone number after their windows were learned', async () => {
    // Learned while nothing told the person's zone (the organisation's), then a sync brought an
    // Australian number; the relearn has not run yet.
    personWithoutZone('sydney', null, '+61 2 5550 0100');
    mondayEveningWindow('sydney', 'Europe/Berlin');
    const { row, page } = await bothScreens('sydney');
    expect(row?.contactTz).toBe('Australia/Sydney');
    expect(page.person.timeZone).toBe('Australia/Sydney');
    expect(page.windows.map((w) => w.timeZone)).toEqual(['Australia/Sydney']);
    // And the window the page shows is the one the planner places: 18:00 in Sydney.
    const [shown] = page.windows;
    const onPage = DateTime.fromMillis(NOW, { zone: shown?.timeZone })
      .startOf('day')
      .plus({ minutes: shown?.startMin })
      .toMillis();
    expect(row?.start).toBe(onPage);
    expect(row?.state).toBe('now');
  });
});

describe("how long ago a contact's last signal was, on every screen", () => {
  it("words a window's reason as of its start: planned before the contact's midnight, a Monday window still says last Monday, live and kept", async () => {
    rawHandle(db)
      .prepare(
        "insert into people (id, module, last_name, owner_id, time_zone, created_at, modified_at) values ('ny', 'contact', 'Rivera', 'rep', 'America/New_York', 0, 0)",
      )
      .run();
    // Calls answered on Mondays 09:00-10:00 New York time, the last on Monday 16 November 09:30.
    const lastAt = Date.UTC(2026, 10, 16, 14, 30);
    rawHandle(db)
      .prepare(
        "insert into best_time_windows (person_id, channel, time_zone, windows) values ('ny', 'call', 'America/New_York', ?)",
      )
      .run(
        JSON.stringify({
          n: 9,
          s: false,
          z: 'America/New_York',
          b: null,
          w: [[1, 9 * 60, 10 * 60, 4, lastAt, 'call_answered', 4]],
        }),
      );
    const reason = 'answered 4 calls on Mondays 09:00-10:00 their time; last 7 days ago';
    // The rep's Monday planned at 00:30 in Berlin: still Sunday 18:30 in New York, six days after
    // the last call there. Nothing changes after; the day is kept as planned then.
    const early = createCore(db, () => Date.UTC(2026, 10, 22, 23, 30));
    const planned = await early.handlers.getPlanner({ repId: 'rep' });
    expect(planned.rows.find((r) => r.personId === 'ny')?.reason).toBe(reason);
    await new Promise((resolve) => setImmediate(resolve));
    const later = createCore(db, () => Date.UTC(2026, 10, 23, 16, 0));
    const live = await later.handlers.getPlanner({ repId: 'rep' });
    expect(live.rows.find((r) => r.personId === 'ny')?.reason).toBe(reason);
    // Read on Tuesday, the day over: the same count, said of that day (pastDayReads.ts).
    const tuesday = createCore(db, () => Date.UTC(2026, 10, 24, 12, 0));
    const kept = await tuesday.handlers.getPlanner({ repId: 'rep', date: '2026-11-23' });
    expect(kept.rows.find((r) => r.personId === 'ny')?.reason).toBe(
      'answered 4 calls on Mondays 09:00-10:00 their time; the last one 7 days before that day',
    );
  });

  it("counts the calendar days of the contact's zone, where their window's weekday is", async () => {
    rawHandle(db)
      .prepare(
        "insert into people (id, module, last_name, owner_id, time_zone, country, phone, created_at, modified_at) values ('tokyo', 'contact', 'Tanaka', 'rep', 'Asia/Tokyo', null, null, 0, 0)",
      )
      .run();
    // Answered calls on Mondays 18:00-19:00 Tokyo time, the last on Monday 16 November at 18:30
    // there (09:30 UTC), stored as a relearn writes them.
    const lastAt = Date.UTC(2026, 10, 16, 9, 30);
    rawHandle(db)
      .prepare(
        "insert into best_time_windows (person_id, channel, time_zone, windows) values ('tokyo', 'call', 'Asia/Tokyo', ?)",
      )
      .run(
        JSON.stringify({
          n: 9,
          s: false,
          z: 'Asia/Tokyo',
          b: null,
          w: [[1, 18 * 60, 19 * 60, 4, lastAt, 'call_answered', 4]],
        }),
      );
    // Read on Monday 23 November at 16:30 in Berlin: Tuesday 24 November, 00:30 in Tokyo. Eight
    // days there; seven in Berlin, in UTC and in 24-hour blocks (7 days 6 hours).
    const reading = Date.UTC(2026, 10, 23, 15, 30);
    const reason = (days: number) =>
      `answered 4 calls on Mondays 18:00-19:00 their time; last ${days} days ago`;
    const monday = createCore(db, () => reading);
    const page = await monday.handlers.getPerson({ id: 'tokyo' });
    expect(page.windows.map((w) => w.reason)).toEqual([reason(8)]);
    // The plan's row is this Monday's window, over by then: explained as of its start, a week
    // after the last call, however late the row is read.
    const plan = await monday.handlers.getPlanner({ repId: 'rep' });
    expect(plan.rows.find((r) => r.personId === 'tokyo')?.reason).toBe(reason(7));
    // The rep's Monday, kept as it was planned (worded when it was saved), read on Tuesday: the
    // same seven days, said of that day now that it is over (pastDayReads.ts).
    await new Promise((resolve) => setImmediate(resolve));
    const tuesday = createCore(db, () => reading + 24 * 3_600_000);
    const kept = await tuesday.handlers.getPlanner({ repId: 'rep', date: '2026-11-23' });
    expect(kept.rows.find((r) => r.personId === 'tokyo')?.reason).toBe(
      'answered 4 calls on Mondays 18:00-19:00 their time; the last one 7 days before that day',
    );
  });
});
