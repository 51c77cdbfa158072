import { describe, expect, it } from 'vitest';
import { skippedTimeMessage, wallClockAt } from '../../../src/shared/wallClock';

const BERLIN = 'Europe/Berlin';

describe('reading a time typed on the rep’s clock', () => {
  it('names 02:30 on the night Berlin goes to summer time as skipped, not 03:30', () => {
    const read = wallClockAt({ year: 2027, month: 3, day: 28 }, 2, 30, BERLIN);
    expect(read).toEqual({
      skipped: { typed: '02:30', day: '28 Mar 2027', from: '02:00', to: '03:00' },
    });
    if (read && 'skipped' in read)
      expect(skippedTimeMessage(read.skipped, 'Berlin')).toBe(
        '02:30 does not exist on 28 Mar 2027 in Berlin: the clocks go forward from 02:00 to 03:00. Choose a time before 02:00 or from 03:00.',
      );
  });

  it('reads the minutes either side of the jump, and a 02:30 of the night it goes back', () => {
    const day = { year: 2027, month: 3, day: 28 };
    expect(wallClockAt(day, 1, 59, BERLIN)).toEqual({ at: Date.UTC(2027, 2, 28, 0, 59) });
    expect(wallClockAt(day, 3, 0, BERLIN)).toEqual({ at: Date.UTC(2027, 2, 28, 1, 0) });
    // 31 October 2027: 02:30 happens twice, so it is a time, not a gap (Luxon takes the second).
    expect(wallClockAt({ year: 2027, month: 10, day: 31 }, 2, 30, BERLIN)).toEqual({
      at: Date.UTC(2027, 9, 31, 1, 30),
    });
  });

  it('names a gap of half an hour, and a New York night, by their own clocks', () => {
    // Lord Howe Island moves its clocks by 30 minutes: 02:00 became 02:30 on 3 October 2027.
    expect(wallClockAt({ year: 2027, month: 10, day: 3 }, 2, 15, 'Australia/Lord_Howe')).toEqual({
      skipped: { typed: '02:15', day: '3 Oct 2027', from: '02:00', to: '02:30' },
    });
    expect(wallClockAt({ year: 2027, month: 3, day: 14 }, 2, 5, 'America/New_York')).toEqual({
      skipped: { typed: '02:05', day: '14 Mar 2027', from: '02:00', to: '03:00' },
    });
  });

  it('has no instant for a day that is not one', () => {
    expect(wallClockAt({ year: 2027, month: 2, day: 30 }, 9, 0, BERLIN)).toBeNull();
  });
});
