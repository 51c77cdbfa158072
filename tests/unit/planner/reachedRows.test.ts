import { describe, expect, it } from 'vitest';
import type { PlannerRow } from '../../../src/shared/contract';
import { withReached, type ContactTimes } from '../../../src/main/planner/reachedRows';

const MIN = 60_000;
const TEN = Date.UTC(2026, 10, 23, 9); // 10:00 in Berlin
const row = {
  personId: 'p1',
  channel: 'call',
  start: TEN,
  end: TEN + 60 * MIN,
  stars: 4,
  alternatives: [],
} as unknown as PlannerRow;
const calls = (
  ...list: { start: number; end: number; tried: 'no_answer' | null }[]
): ContactTimes => ({
  call: new Map([['p1', list]]),
  email: new Map(),
});

describe('a row’s unanswered calls (PlannerRow.tried)', () => {
  it('says an attempt fell in the row’s window: the rep worked it, nobody answered', () => {
    const [tried] = withReached(
      [row],
      calls({ start: TEN + 5 * MIN, end: TEN + 6 * MIN, tried: 'no_answer' }),
    );
    expect(tried?.tried).toEqual({ at: TEN + 6 * MIN, outcome: 'no_answer', inWindow: true });
    expect(tried?.reached).toBeUndefined();
  });

  it('says an attempt before the window did not: the window is still to work', () => {
    const [before] = withReached(
      [row],
      calls({ start: TEN - 30 * MIN, end: TEN - 29 * MIN, tried: 'no_answer' }),
    );
    expect(before?.tried).toEqual({ at: TEN - 29 * MIN, outcome: 'no_answer', inWindow: false });
    // One in the window, then another after it: the last is said, the window was worked.
    const [both] = withReached(
      [row],
      calls(
        { start: TEN + 5 * MIN, end: TEN + 6 * MIN, tried: 'no_answer' },
        { start: TEN + 90 * MIN, end: TEN + 91 * MIN, tried: 'no_answer' },
      ),
    );
    expect(both?.tried).toEqual({ at: TEN + 91 * MIN, outcome: 'no_answer', inWindow: true });
  });
});
