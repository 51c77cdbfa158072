import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nextMidnight } from '../../../src/renderer/src/team/teamReload';

const berlin = (iso: string): number => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();

// The Team page's week moves on to a new today at the manager's midnight: on the day of a clock
// change that midnight is 23 or 25 hours after the one before, not 24.
describe('the manager’s next midnight', () => {
  it('is the next date’s start in the zone on an ordinary day', () => {
    expect(nextMidnight(berlin('2026-11-29T23:59:40'), 'Europe/Berlin')).toBe(
      berlin('2026-11-30T00:00'),
    );
  });

  it('comes 23 hours after the last on the day clocks go forward, 25 on the day they go back', () => {
    expect(
      nextMidnight(berlin('2027-03-28T00:00'), 'Europe/Berlin') - berlin('2027-03-28T00:00'),
    ).toBe(23 * 3_600_000);
    expect(
      nextMidnight(berlin('2026-10-25T00:00'), 'Europe/Berlin') - berlin('2026-10-25T00:00'),
    ).toBe(25 * 3_600_000);
  });

  it('is the manager’s midnight, not the computer’s', () => {
    const at = Date.UTC(2026, 10, 29, 20, 0); // Sunday 20:00 UTC, Monday 09:00 in Auckland
    expect(nextMidnight(at, 'Pacific/Auckland')).toBe(
      DateTime.fromISO('2026-12-01T00:00', { zone: 'Pacific/Auckland' }).toMillis(),
    );
  });
});
