import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { createCore, type Core } from '../../src/main/core/createCore';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

/**
 * Settings › Working hours reads `getPlanHours`: whose hours a manager sees when they look at a
 * rep's plan. The organisation is in Berlin (weekdays 08:00–18:00), Greta manages from Berlin,
 * Nina works New York's East shift (weekdays 09:00–17:00 there) with its own holidays. Europe
 * leaves summer time on 25 Oct 2026, New York on 1 Nov: for that week the two are 5 hours apart.
 */
const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const ny = (iso: string): number => DateTime.fromISO(iso, { zone: NY }).toMillis();
const berlinClock = (at: number): string =>
  DateTime.fromMillis(at, { zone: BERLIN }).toFormat('ccc d LLL HH:mm');
const WEEKDAY_ORG = [[480, 1080]];
const WEEKDAY_EAST = [[540, 1020]];

let dir: TempDir;
let db: Db;

beforeEach(async () => {
  dir = makeTempDir('cw-plan-hours-rep-');
  db = await openDatabase(dir.file('hours.db'));
  const raw = rawHandle(db);
  raw
    .prepare("insert into organisation values (1, 'Org', 'Europe/Berlin', ?, 'demo')")
    .run(JSON.stringify({ days: [...Array(5).fill(WEEKDAY_ORG), [], []] }));
  raw
    .prepare("insert into shifts (id, name, time_zone, hours) values ('east', 'East', ?, ?)")
    .run(NY, JSON.stringify({ days: [...Array(5).fill(WEEKDAY_EAST), [], []] }));
  raw.exec(`
    insert into users (id, name, email, role, manager_id, time_zone, shift_id) values
      ('greta', 'Greta Boss', 'greta@example.com', 'manager', null, '${BERLIN}', null),
      ('nina', 'Nina Brooks', 'nina@example.com', 'rep', 'greta', '${NY}', 'east'),
      ('anna', 'Anna Keller', 'anna@example.com', 'rep', 'greta', '${BERLIN}', null);
    insert into holidays (id, date, name, shift_id) values
      ('h1', '2026-10-23', 'East summer day', 'east'),
      ('h2', '2026-10-30', 'East autumn day', 'east'),
      ('h3', '2026-11-06', 'East winter day', 'east'),
      ('h4', '2026-10-30', 'Berlin office day', null);
  `);
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

async function coreAs(userId: string, now: number): Promise<Core> {
  const core = createCore(db, () => now);
  await core.handlers.setCurrentUser({ userId });
  return core;
}

describe("a manager in Berlin reading a New York rep's working hours", () => {
  // Thursday 22 Oct 2026, 10:00 in Berlin: every holiday above is still to come.
  const now = DateTime.fromISO('2026-10-22T10:00', { zone: BERLIN }).toMillis();

  it("gets the rep's zone, shift and hours, not their own", async () => {
    const core = await coreAs('greta', now);
    const own = await core.handlers.getPlanHours({});
    expect(own).toMatchObject({ repTz: BERLIN, source: 'organisation', shift: null });
    expect(own.week?.[0]).toEqual(WEEKDAY_ORG);
    const nina = await core.handlers.getPlanHours({ repId: 'nina' });
    expect(nina).toMatchObject({ repTz: NY, source: 'shift', shift: 'East', zone: NY });
    expect(nina.week?.[0]).toEqual(WEEKDAY_EAST);
    expect(nina.week?.[5]).toEqual([]);
    // The shift's holidays, not the organisation's.
    expect(nina.holidays.map((h) => h.name)).toEqual([
      'East summer day',
      'East autumn day',
      'East winter day',
    ]);
    expect(own.holidays.map((h) => h.name)).toEqual(['Berlin office day']);
  });

  it("holds the rep's holidays to New York's midnights across both clock changes: 6, 5, then 6 hours ahead in Berlin", async () => {
    const core = await coreAs('greta', now);
    const { holidays } = await core.handlers.getPlanHours({ repId: 'nina' });
    const [summer, autumn, winter] = holidays;
    expect(summer?.from).toBe(ny('2026-10-23T00:00'));
    expect(summer?.to).toBe(ny('2026-10-24T00:00'));
    expect(autumn?.from).toBe(ny('2026-10-30T00:00'));
    expect(winter?.from).toBe(ny('2026-11-06T00:00'));
    // What the manager's clock reads for each: the week between the changes is an hour earlier.
    expect(holidays.map((h) => berlinClock(h.from))).toEqual([
      'Fri 23 Oct 06:00',
      'Fri 30 Oct 05:00',
      'Fri 6 Nov 06:00',
    ]);
    // A day of 24 hours on New York's clock each time, whatever Berlin's did.
    for (const h of holidays) expect(h.to - h.from).toBe(24 * 3_600_000);
  });

  it("names the holiday of the rep's closed day on the rep's calendar, in the 5-hour week too", async () => {
    const core = await coreAs('greta', now);
    expect(
      (await core.handlers.getPlanHours({ repId: 'nina', day: '2026-10-30' })).holiday,
    ).toEqual({
      date: '2026-10-30',
      name: 'East autumn day',
      from: ny('2026-10-30T00:00'),
      to: ny('2026-10-31T00:00'),
    });
    expect(
      (await core.handlers.getPlanHours({ repId: 'nina', day: '2026-11-06' })).holiday?.name,
    ).toBe('East winter day');
    // Greta's own 30 October is the organisation's holiday, not the shift's.
    expect((await core.handlers.getPlanHours({ day: '2026-10-30' })).holiday?.name).toBe(
      'Berlin office day',
    );
    expect(
      (await core.handlers.getPlanHours({ repId: 'nina', day: '2026-10-29' })).holiday,
    ).toBeNull();
  });

  it('refuses a rep another rep’s hours, as it refuses their plan', async () => {
    const core = await coreAs('anna', now);
    await expect(core.handlers.getPlanHours({ repId: 'nina' })).rejects.toThrow(
      /Anna Keller cannot see Nina Brooks's plan/,
    );
    // Their own, asked by id, are theirs.
    expect((await core.handlers.getPlanHours({ repId: 'anna' })).repTz).toBe(BERLIN);
  });
});
