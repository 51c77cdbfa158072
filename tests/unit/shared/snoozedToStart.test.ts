import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { snoozedToStart } from '../../../src/shared/slotStates';

// Where a snooze's chosen window lies once the day's windows were relearned (review53 1): the
// rep's choice is an instant, the windows are hours of the person's clock laid on that day.
const ZONE = 'Europe/Berlin';
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const win = (day: string, from: string, to: string) => ({
  start: at(`${day}T${from}`),
  end: at(`${day}T${to}`),
});

describe('snoozedToStart', () => {
  it('across the autumn change (25 Oct 2026): the chosen window itself, a moved one still running at the choice, or the next one', () => {
    const day = '2026-10-25';
    const morning = win(day, '01:00', '04:00'); // five hours long: 02:00–03:00 happens twice
    const afternoon = win(day, '14:30', '15:30');
    const evening = win(day, '17:00', '18:00');
    expect(morning.end - morning.start).toBe(4 * 3_600_000);
    const windows = [morning, afternoon, evening];
    expect(snoozedToStart(windows, afternoon.start)).toBe(afternoon.start);
    // Chosen at 15:00, relearned to 14:30–15:30: it still runs then.
    expect(snoozedToStart(windows, at(`${day}T15:00`))).toBe(afternoon.start);
    // Chosen at 15:30, the moved window ends then: the next one.
    expect(snoozedToStart(windows, at(`${day}T15:30`))).toBe(evening.start);
    // Chosen at 18:00: nothing left that day.
    expect(snoozedToStart(windows, at(`${day}T18:00`))).toBe(Infinity);
  });

  it('across the spring change (29 Mar 2026): a window over the skipped hour still holds the choice', () => {
    const day = '2026-03-29';
    const night = win(day, '01:30', '04:00'); // 1 h 30 min long: 02:00–03:00 never happens
    expect(night.end - night.start).toBe(1.5 * 3_600_000);
    expect(snoozedToStart([night], at(`${day}T03:30`))).toBe(night.start);
    expect(snoozedToStart([night], at(`${day}T04:00`))).toBe(Infinity);
  });
});
