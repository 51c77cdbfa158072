import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
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

/** A counted window nothing reached yet, unless the test says. */
function block(start: number, end: number, more: Partial<CountedBlock> = {}): CountedBlock {
  return { start, end, counted: true, worked: null, setAside: false, ...more };
}
type CountedBlock = Parameters<typeof countsStaleAt>[0]['reps'][number]['blocks'][number];
const dayAt = (now: number, ...blocks: CountedBlock[]) => ({ now, reps: [{ blocks }] });

// The coverage under the board is the core's, counted at its answer's `now`; the blocks move on
// by the page's clock. The page reads again when a counted window changes state.
describe('when the Team page’s counts go stale', () => {
  it('is when a counted window that just ended is struck through, 30 minutes after its end', () => {
    const day = dayAt(
      berlin('2026-11-23T10:00'),
      block(berlin('2026-11-23T09:00'), berlin('2026-11-23T10:00')),
    );
    expect(countsStaleAt(day)).toBe(berlin('2026-11-23T10:30'));
  });

  it('is the soonest start, end or strike of any counted window', () => {
    const day = dayAt(
      berlin('2026-11-23T10:00'),
      block(berlin('2026-11-23T09:00'), berlin('2026-11-23T10:00')),
      block(berlin('2026-11-23T10:15'), berlin('2026-11-23T11:00')),
    );
    expect(countsStaleAt(day)).toBe(berlin('2026-11-23T10:15'));
  });

  it('is never for windows worked, set aside or not counted', () => {
    const [s, e] = [berlin('2026-11-23T09:00'), berlin('2026-11-23T10:00')];
    const day = dayAt(
      berlin('2026-11-23T10:00'),
      block(s, e, { worked: { at: s + MIN, by: 'logged', inWindow: true } }),
      block(s, e, { setAside: true }),
      block(s, e, { counted: false }),
    );
    expect(countsStaleAt(day)).toBeNull();
  });

  it('strikes 30 real minutes after the end across the night clocks go back', () => {
    // 02:40 CEST, then 02:00 CET again: 02:50 by the wall clock is 90 minutes on, not 30.
    const end = Date.UTC(2026, 9, 25, 0, 40); // 02:40 CEST, the first of the two
    const day = dayAt(end, block(end - 60 * MIN, end));
    const struck = countsStaleAt(day) ?? 0;
    expect(struck - end).toBe(30 * MIN);
    expect(DateTime.fromMillis(struck, { zone: 'Europe/Berlin' }).toFormat('HH:mm ZZZZ')).toBe(
      '02:10 GMT+1',
    );
  });
});

describe('reading the Team day again for its counts', () => {
  const end = berlin('2026-11-23T10:00');
  const struck = end + 30 * MIN;
  const day = dayAt(end, block(end - 60 * MIN, end));

  it('waits for the instant, then reads once', () => {
    expect(countReloadFor(day, struck - 1, null)).toBeNull();
    expect(countReloadFor(day, struck + 5, null)).toBe(struck);
  });

  it('does not read again for the same instant when the core’s answer is not newer', () => {
    // The core answered a moment before the strike: the same instant is due, and was read for.
    const behind = { ...day, now: struck - 200 };
    expect(countReloadFor(behind, struck + 5, struck)).toBeNull();
  });

  it('reads for the next instant once an answer counted the last', () => {
    const later = dayAt(
      struck + 5,
      block(end - 60 * MIN, end),
      block(end + 60 * MIN, end + 120 * MIN),
    );
    expect(countReloadFor(later, struck + 10, struck)).toBeNull();
    expect(countReloadFor(later, end + 60 * MIN + 5, struck)).toBe(end + 60 * MIN);
  });
});
