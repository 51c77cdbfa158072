import { describe, expect, it } from 'vitest';
import { minutesToClock } from '../../../src/renderer/src/format/time';

describe('a window’s clock time on the person page', () => {
  it('writes minutes of the day as HH:mm', () => {
    expect(minutesToClock(9 * 60)).toBe('09:00');
    expect(minutesToClock(23 * 60 + 59)).toBe('23:59');
  });

  it('writes a window ending at midnight as 00:00, as the planner does, never 24:00', () => {
    expect(minutesToClock(24 * 60)).toBe('00:00');
  });
});
