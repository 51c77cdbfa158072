import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { planHours } from '../../src/main/planner/planHours';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { alertsOrgDb } from '../fixtures/alertsOrg';

// Settings › Working hours, opened from a closed day, names the holiday that closed it: the day
// is the rep's, and a holiday closes it as the planner finds it, by overlapping it on their clock.

let dir: TempDir;
let db: Db;
beforeEach(async () => {
  dir = makeTempDir('cw-plan-hours-');
  // The organisation's hours and holidays are Berlin's.
  db = await alertsOrgDb(dir, 'hours.db');
  rawHandle(db)
    .prepare(
      "insert into holidays (id, date, name, shift_id) values ('x', '2026-12-25', 'Christmas Day', null)",
    )
    .run();
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

describe('the holiday of the day a rep came from', () => {
  it('is found on the rep’s own calendar, a day later for a rep far ahead of its zone', () => {
    const now = Date.UTC(2026, 11, 28, 9, 0);
    // Berlin's Christmas Day runs 12:00 Friday to 12:00 Saturday in Auckland (summer time there).
    const auckland = { time_zone: 'Pacific/Auckland', shift_id: null };
    expect(planHours(db, auckland, now, '2026-12-26').holiday?.name).toBe('Christmas Day');
    expect(planHours(db, auckland, now, '2026-12-25').holiday?.name).toBe('Christmas Day');
    expect(planHours(db, auckland, now, '2026-12-27').holiday).toBeNull();
    // In Berlin, the day itself only.
    const berlin = { time_zone: 'Europe/Berlin', shift_id: null };
    expect(planHours(db, berlin, now, '2026-12-25').holiday?.name).toBe('Christmas Day');
    expect(planHours(db, berlin, now, '2026-12-26').holiday).toBeNull();
    expect(planHours(db, berlin, now, '2026-12-24').holiday).toBeNull();
    // Not a day: nothing named.
    expect(planHours(db, berlin, now, '2026-02-30').holiday).toBeNull();
  });
});
