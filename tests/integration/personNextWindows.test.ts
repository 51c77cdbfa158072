import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/openDatabase';
import { createCore } from '../../src/main/core/createCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir, oneRepDb, type TempDir } from '../fixtures/tempDb';

let dir: TempDir;
let db: Db;

/** One rep in Berlin, the office open Monday to Friday 08:00-18:00 Berlin time. */
beforeEach(async () => {
  dir = makeTempDir();
  db = await oneRepDb(dir, 'person.db');
  const open: [number, number][] = [[480, 1080]];
  rawHandle(db)
    .prepare('update organisation set business_hours = ? where id = 1')
    .run(JSON.stringify({ days: [open, open, open, open, open, [], []] }));
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

const LA = 'America/Los_Angeles';

function person(id: string, zone: string): void {
  rawHandle(db)
    .prepare(
      "insert into people (id, module, last_name, owner_id, time_zone, created_at, modified_at) values (?, 'contact', ?, 'rep', ?, 0, 0)",
    )
    .run(id, id, zone);
}

/** Weekly windows in the contact's time, best first within each weekday. */
function windows(
  personId: string,
  channel: 'call' | 'email',
  list: [weekday: number, from: string, to: string, stars: number][],
): void {
  const min = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const stored = list.map(([d, from, to, stars]) => [d, min(from), min(to), stars, 'replied']);
  rawHandle(db)
    .prepare(
      'insert into best_time_windows (person_id, channel, time_zone, windows) values (?, ?, ?, ?)',
    )
    .run(personId, channel, LA, JSON.stringify(stored));
}

const laClock = (t: number) => DateTime.fromMillis(t, { zone: LA }).toFormat('ccc HH:mm');

describe("the person page's next day", () => {
  it("shows the windows that day's plan shows, held to business hours between the March clock changes (BT-7)", async () => {
    person('lucas', LA);
    // Learned while Los Angeles was nine hours behind Berlin: 23:00 there was 08:00 here. From
    // 8 March (the US changed, Europe changes on the 29th) it is 07:00, before the office opens.
    windows('lucas', 'email', [
      [5, '08:00', '09:00', 3],
      [7, '23:00', '24:00', 4],
      [1, '23:00', '24:00', 4],
      [2, '23:00', '24:00', 4],
      [3, '23:00', '24:00', 4],
      // 17:00-18:30 and 20:00-21:00 in Berlin now; the office closes at 18:00.
      [4, '09:00', '10:30', 2],
      [4, '12:00', '13:00', 2],
      [4, '06:00', '07:00', 1],
    ]);
    const now = Date.parse('2026-03-22T18:00:00Z'); // Sunday 11:00 in Los Angeles
    const core = createCore(db, () => now);

    const page = await core.handlers.getPerson({ id: 'lucas' });
    // Tonight's 23:00 (07:00 on Monday in Berlin) and those to Wednesday's fall before the office
    // opens: Thursday's, the first cut to 18:00 Berlin, the second gone, the third whole.
    expect(page.nextWindows.map((w) => [w.rank, `${laClock(w.start)}-${laClock(w.end)}`])).toEqual([
      [1, 'Thu 09:00-Thu 10:00'],
      [3, 'Thu 06:00-Thu 07:00'],
    ]);

    const plan = await core.handlers.getPlanner({ date: '2026-03-26' });
    const row = plan.rows.find((r) => r.personId === 'lucas' && r.channel === 'email');
    const planned = [
      ...(row?.start != null && row.end != null ? [{ start: row.start, end: row.end }] : []),
      ...(row?.alternatives ?? []).map(({ start, end }) => ({ start, end })),
    ];
    expect(page.nextWindows.map(({ start, end }) => ({ start, end }))).toEqual(
      expect.arrayContaining(planned),
    );
    expect(planned).toHaveLength(page.nextWindows.length);

    // On Thursday at 09:30 there: the window open now, and the one over since 07:00 stays listed
    // (the page strikes it through, BT-6) instead of vanishing at its end.
    const thursday = createCore(db, () => Date.parse('2026-03-26T16:30:00Z'));
    const then = await thursday.handlers.getPerson({ id: 'lucas' });
    expect(then.nextWindows.map((w) => `${laClock(w.start)}-${laClock(w.end)}`)).toEqual([
      'Thu 09:00-Thu 10:00',
      'Thu 06:00-Thu 07:00',
    ]);
  });

  it("keeps today's windows once they have all passed, then the next day's to come, across the October clock change (BT-6)", async () => {
    person('lucas', LA);
    // Friday 30 October and Monday 2 November in Los Angeles, which turns its clocks back on
    // Sunday 1 November: 09:00 there is 17:00 in Berlin before, and 18:00 after.
    windows('lucas', 'call', [
      [5, '07:00', '08:00', 4],
      [5, '08:00', '09:00', 2],
      [1, '07:00', '08:00', 3],
    ]);
    const at = (iso: string) => createCore(db, () => Date.parse(iso)).handlers;
    const shown = async (iso: string) =>
      (await (await at(iso)).getPerson({ id: 'lucas' })).nextWindows.map(
        (w) => `${laClock(w.start)}-${laClock(w.end)}`,
      );

    // Friday 08:30 there: the one open, then the one that ended, best first.
    expect(await shown('2026-10-30T15:30:00Z')).toEqual([
      'Fri 07:00-Fri 08:00',
      'Fri 08:00-Fri 09:00',
    ]);
    // Friday 09:10 there: both over, still listed; Monday's, after the clocks went back, to come.
    expect(await shown('2026-10-30T16:10:00Z')).toEqual([
      'Fri 07:00-Fri 08:00',
      'Fri 08:00-Fri 09:00',
      'Mon 07:00-Mon 08:00',
    ]);
    const monday = (await (await at('2026-10-30T16:10:00Z')).getPerson({ id: 'lucas' }))
      .nextWindows[2];
    // 07:00 in Los Angeles on Monday is 15:00 UTC (PST), not 14:00 as on Friday (PDT).
    expect(monday?.start).toBe(Date.parse('2026-11-02T15:00:00Z'));
    // Saturday there: Friday's are another day's now, and gone.
    expect(await shown('2026-10-31T16:00:00Z')).toEqual(['Mon 07:00-Mon 08:00']);
  });
});
