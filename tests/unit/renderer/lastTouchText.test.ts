import { describe, expect, it } from 'vitest';
import type { PlannerRow } from '../../../src/shared/contract';
import { lastTouchText } from '../../../src/renderer/src/plan/planRowText';

const ZONE = 'Europe/Berlin';
// Monday 7 December 2026, 17:40 in Berlin (CET).
const NOW = Date.UTC(2026, 11, 7, 16, 40);
// Anna's last call to the person: 17:31 that Monday, 9 minutes before.
const touched = Date.UTC(2026, 11, 7, 16, 31);

function row(start: number | null, alternatives: number[] = []): PlannerRow {
  return {
    start,
    end: start === null ? null : start + 3_600_000,
    alternatives: alternatives.map((s) => ({ start: s, end: s + 3_600_000, stars: 1 })),
    lastTouchAt: touched,
    lastTouch: 'call_out',
  } as unknown as PlannerRow;
}

describe('a plan row’s last touch (PL-2)', () => {
  it('says how long ago on today’s plan', () => {
    expect(lastTouchText(row(Date.UTC(2026, 11, 7, 13, 0)), NOW, ZONE)).toBe('called 9 min ago');
  });

  it('says the date and time on a past day, never "9 min ago" beside that day’s "Called 09:41"', () => {
    // Friday 23 October 16:00 in Berlin (CEST).
    const friday = Date.UTC(2026, 9, 23, 14, 0);
    expect(lastTouchText(row(friday), NOW, ZONE)).toBe('called 7 Dec 17:31');
    // A row with no window of its own that day reads its day from the day's other windows.
    expect(lastTouchText(row(null, [friday]), NOW, ZONE)).toBe('called 7 Dec 17:31');
  });

  it('says "never touched" for someone nobody has touched', () => {
    expect(lastTouchText({ ...row(null), lastTouchAt: null }, NOW, ZONE)).toBe('never touched');
  });
});
