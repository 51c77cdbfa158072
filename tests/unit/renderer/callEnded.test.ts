import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { endedAtOf, endedSkipped } from '../../../src/renderer/src/plan/callEnded';

const BERLIN = 'Europe/Berlin';
const at = (iso: string): number => DateTime.fromISO(iso, { zone: BERLIN }).toMillis();

describe('when the Log call dialog says the call ended', () => {
  it('leaves "just now" to the core, and counts steps back from now', () => {
    const now = at('2026-11-23T10:00:20');
    expect(endedAtOf('0', '', now, BERLIN)).toBeUndefined();
    expect(endedAtOf('30', '', now, BERLIN)).toBe(now - 30 * 60_000);
    expect(endedAtOf('120', '', now, BERLIN)).toBe(now - 2 * 3_600_000);
  });

  it('reads a typed time as that minute of today in the rep’s zone, across a clock change', () => {
    // Sunday 29 March 2026: 02:00 became 03:00 in Berlin.
    const noon = at('2026-03-29T12:00');
    expect(endedAtOf('at', '11:30', noon, BERLIN)).toBe(Date.UTC(2026, 2, 29, 9, 30));
    expect(endedAtOf('at', '01:30', noon, BERLIN)).toBe(Date.UTC(2026, 2, 29, 0, 30));
    expect(endedAtOf('at', '9:05', noon, BERLIN)).toBe(Date.UTC(2026, 2, 29, 7, 5));
  });

  it('has no instant for a time that is not one', () => {
    const now = at('2026-11-23T10:00');
    for (const typed of ['', '25:00', '10:75', 'ten', '10.30'])
      expect(endedAtOf('at', typed, now, BERLIN), typed).toBeNull();
  });
});

describe('a call ended at a time the clocks skipped today', () => {
  it('has no instant for 02:30 on the night Berlin went to summer time, and names the gap', () => {
    const noon = at('2027-03-28T12:00');
    expect(endedAtOf('at', '02:30', noon, BERLIN)).toBeNull();
    expect(endedSkipped('at', '02:30', noon, BERLIN)).toEqual({
      typed: '02:30',
      day: '28 Mar 2027',
      from: '02:00',
      to: '03:00',
    });
    expect(endedAtOf('at', '03:30', noon, BERLIN)).toBe(Date.UTC(2027, 2, 28, 1, 30));
    expect(endedSkipped('at', '03:30', noon, BERLIN)).toBeNull();
    expect(endedSkipped('30', '', noon, BERLIN)).toBeNull();
  });
});
