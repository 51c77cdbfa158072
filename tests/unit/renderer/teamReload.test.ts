import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  type BehindTries,
  CORE_BEHIND_TRIES,
  coreBehindRetry,
  countReloadFor,
  countsStaleAt,
  nextMidnight,
} from '../../../src/renderer/src/team/teamReload';

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

const MIN = 60_000;

/** A day whose lanes' counts next change at these instants (`TeamLane.countsChangeAt`). */
const dayOf = (...changes: (number | null)[]) => ({
  reps: changes.map((countsChangeAt) => ({ countsChangeAt })),
});

// The coverage under the board is the core's, counted at its answer's `now`; the blocks move on
// by the page's clock. The page reads again when a counted window changes state; which windows
// and when is the core's to say (teamDayView.test.ts), drawn or not.
describe('when the Team page’s counts go stale', () => {
  it('is the soonest change of any lane’s counts', () => {
    const day = dayOf(berlin('2026-11-23T10:30'), null, berlin('2026-11-23T10:15'));
    expect(countsStaleAt(day)).toBe(berlin('2026-11-23T10:15'));
  });

  it('is never when no lane’s counts change any more', () => {
    expect(countsStaleAt(dayOf(null, null))).toBeNull();
    expect(countsStaleAt(dayOf())).toBeNull();
  });
});

describe('reading the Team day again for its counts', () => {
  const end = berlin('2026-11-23T10:00');
  const struck = end + 30 * MIN;
  const day = dayOf(struck);

  it('waits for the instant, then reads once', () => {
    expect(countReloadFor(day, struck - 1, null)).toBeNull();
    expect(countReloadFor(day, struck + 5, null)).toBe(struck);
  });

  it('does not read again for the same instant when the core’s answer is not newer', () => {
    // The core answered a moment before the strike: the same instant is due, and was read for.
    expect(countReloadFor(day, struck + 5, struck)).toBeNull();
  });

  it('reads for the next instant once an answer counted the last', () => {
    const later = dayOf(end + 60 * MIN);
    expect(countReloadFor(later, struck + 10, struck)).toBeNull();
    expect(countReloadFor(later, end + 60 * MIN + 5, struck)).toBe(end + 60 * MIN);
  });
});

// At the manager's midnight the page asks for its new today; a core whose clock is a moment behind
// answers the day before. The page asks again a second later, a few times, not for ever.
describe('asking again for today while the core answers the day before', () => {
  /** How many reads the page asks again for, the core answering `answered` each time. */
  const retriesOf = (today: string, answered: string, from: BehindTries = NONE) => {
    let tried = from;
    let asked = 0;
    for (let read = 0; read < 20; read++) {
      const next = coreBehindRetry(tried, today, answered);
      if (next === null) break;
      tried = next;
      asked++;
    }
    return { asked, tried };
  };
  const NONE: BehindTries = { today: null, tries: 0 };

  it('asks again five times, then waits for the regular reload', () => {
    // The night Berlin's clocks go back: Sunday 25 October has 25 hours.
    const { asked } = retriesOf('2026-10-25', '2026-10-24');
    expect(CORE_BEHIND_TRIES).toBe(5);
    expect(asked).toBe(5);
  });

  it('does not ask again for an answer of today, on another day, or while a read is on its way', () => {
    expect(coreBehindRetry(NONE, '2026-10-25', '2026-10-25')).toBeNull();
    expect(coreBehindRetry(NONE, null, '2026-10-24')).toBeNull();
    expect(coreBehindRetry(NONE, '2026-10-25', null)).toBeNull();
  });

  it('counts its tries again at the next midnight', () => {
    const { tried } = retriesOf('2026-10-25', '2026-10-24');
    expect(retriesOf('2026-10-25', '2026-10-24', tried).asked).toBe(0);
    expect(retriesOf('2026-10-26', '2026-10-25', tried).asked).toBe(5);
  });
});
