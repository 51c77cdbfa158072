import { describe, expect, it } from 'vitest';
import { formatAgo, minutesToClock } from '../../../src/renderer/src/format/time';

describe('a window’s clock time on the person page', () => {
  it('writes minutes of the day as HH:mm', () => {
    expect(minutesToClock(9 * 60)).toBe('09:00');
    expect(minutesToClock(23 * 60 + 59)).toBe('23:59');
  });

  it('writes a window ending at midnight as 00:00, as the planner does, never 24:00', () => {
    expect(minutesToClock(24 * 60)).toBe('00:00');
  });
});

describe('how long ago, in a row or an alert', () => {
  it('says "just now" for less than half a minute either way, not "0 min ago"', () => {
    const now = Date.UTC(2026, 10, 23, 9, 0);
    expect(formatAgo(now - 20_000, now)).toBe('just now');
    expect(formatAgo(now + 20_000, now)).toBe('just now');
    expect(formatAgo(now - 60_000, now)).toBe('1 min ago');
    expect(formatAgo(now + 2 * 3_600_000, now)).toBe('in 2 h');
  });
});
