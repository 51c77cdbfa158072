import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { snoozedToStart } from '../../../src/shared/slotStates';

// Where a snooze's chosen window lies once the day's windows were relearned (review53 1): the
// rep's choice is an instant, the windows are hours of the person's clock laid on that day.
const ZONE = 'Europe/Berlin';
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const win = (day: string, from: string, to: string, stars = 4) => ({
  start: at(`${day}T${from}`),
  end: at(`${day}T${to}`),
  stars,
});

describe('snoozedToStart', () => {
  it('across the autumn change (25 Oct 2026): the chosen window itself, a moved one still running at the choice, or the next one', () => {
    const day = '2026-10-25';
    const morning = win(day, '01:00', '04:00'); // five hours long: 02:00–03:00 happens twice
    const afternoon = win(day, '14:30', '15:30');
    const evening = win(day, '17:00', '18:00');
    expect(morning.end - morning.start).toBe(4 * 3_600_000);
    const windows = [morning, afternoon, evening];
    const MORNING_MARK = at(`${day}T00:30`);
    expect(snoozedToStart(windows, afternoon.start, MORNING_MARK)).toBe(afternoon.start);
    // Chosen at 15:00, relearned to 14:30–15:30: it still runs then.
    expect(snoozedToStart(windows, at(`${day}T15:00`), MORNING_MARK)).toBe(afternoon.start);
    // Chosen at 15:30, the moved window ends then: the next one.
    expect(snoozedToStart(windows, at(`${day}T15:30`), MORNING_MARK)).toBe(evening.start);
    // Chosen at 18:00: nothing left that day.
    expect(snoozedToStart(windows, at(`${day}T18:00`), MORNING_MARK)).toBe(Infinity);
  });

  it('across the spring change (29 Mar 2026): a window over the skipped hour still holds the choice', () => {
    const day = '2026-03-29';
    const night = win(day, '01:30', '04:00'); // 1 h 30 min long: 02:00–03:00 never happens
    expect(night.end - night.start).toBe(1.5 * 3_600_000);
    expect(snoozedToStart([night], at(`${day}T03:30`), at(`${day}T00:30`))).toBe(night.start);
    expect(snoozedToStart([night], at(`${day}T04:00`), at(`${day}T00:30`))).toBe(Infinity);
  });

  it('across the autumn change: a window begun when the rep snoozed is no landing place unless chosen, and a sure window comes before a ½★ one (review54 1)', () => {
    const day = '2026-10-25';
    // Snoozed at the second 02:30 (UTC+1) to the ½★ hour at 04:00.
    const snoozedAt = DateTime.fromISO(`${day}T02:30:00+01:00`).toMillis();
    const grown = win(day, '01:00', '05:00', 4); // relearned over the choice; began before the snooze
    const later = win(day, '09:00', '10:00', 4);
    const chosen = at(`${day}T04:00`);
    expect(snoozedToStart([grown, later], chosen, snoozedAt)).toBe(later.start);
    // The window chosen, begun seconds before the click, is taken (review53 5).
    const justBegun = win(day, '02:29', '03:00', 4);
    expect(snoozedToStart([justBegun, later], justBegun.start, snoozedAt)).toBe(justBegun.start);
    // A sure 04:00 choice relearned into a ½★ hour running then: the sure window after it.
    const unsure = win(day, '03:30', '04:30', 0.5);
    const sure = win(day, '04:30', '05:30', 4);
    expect(snoozedToStart([unsure, sure], chosen, snoozedAt)).toBe(sure.start);
    // Only ½★ hours left: the first of them, as before.
    expect(snoozedToStart([unsure], chosen, snoozedAt)).toBe(unsure.start);
  });
});
