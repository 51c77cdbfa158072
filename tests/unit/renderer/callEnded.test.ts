import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  endedAtOf,
  endedLater,
  endedLaterMessage,
  endedSkipped,
} from '../../../src/renderer/src/plan/callEnded';

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

describe('a typed end still to come today, said as it is typed', () => {
  it('names 23:30 at 10:06 as not come yet, with this minute as the latest', () => {
    const now = at('2026-11-23T10:06:40');
    const later = endedLater('at', '23:30', now, BERLIN);
    expect(later).toEqual({ typed: '23:30', latest: '10:06' });
    expect(later && endedLaterMessage(later)).toBe(
      '23:30 today has not come yet: it is 10:06 now. Type 10:06 or earlier (a call that ended before midnight is not on today’s plan).',
    );
    // This minute has come (its start is before now); the next has not.
    expect(endedLater('at', '10:06', now, BERLIN)).toBeNull();
    expect(endedLater('at', '10:07', now, BERLIN)).toEqual({ typed: '10:07', latest: '10:06' });
    // A step back, an unread or a half-typed time is not "later".
    expect(endedLater('30', '23:30', now, BERLIN)).toBeNull();
    expect(endedLater('at', '23:', now, BERLIN)).toBeNull();
  });

  it('takes a call that ended after midnight, and reads 23:50 typed just after it as tonight', () => {
    const now = at('2026-11-24T00:10');
    expect(endedLater('at', '00:05', now, BERLIN)).toBeNull();
    expect(endedAtOf('at', '00:05', now, BERLIN)).toBe(at('2026-11-24T00:05'));
    expect(endedLater('at', '23:50', now, BERLIN)).toEqual({ typed: '23:50', latest: '00:10' });
  });

  it('counts across the night summer time starts (Berlin, 29 March 2026)', () => {
    // 03:10 summer time is 01:10 UTC: 01:55 (winter time) was 15 minutes ago.
    const now = at('2026-03-29T03:10');
    expect(endedLater('at', '01:55', now, BERLIN)).toBeNull();
    expect(endedAtOf('at', '01:55', now, BERLIN)).toBe(Date.UTC(2026, 2, 29, 0, 55));
    expect(endedLater('at', '03:20', now, BERLIN)).toEqual({ typed: '03:20', latest: '03:10' });
  });

  it('reads a time of the hour the clocks go back as the one that has come (Berlin, 25 October 2026)', () => {
    // 02:20 the first time (summer time, 00:20 UTC): 02:10 was ten minutes ago, not fifty
    // minutes on (the second 02:10, winter time, which is Luxon's reading).
    const firstPass = Date.UTC(2026, 9, 25, 0, 20);
    expect(endedLater('at', '02:10', firstPass, BERLIN)).toBeNull();
    expect(endedAtOf('at', '02:10', firstPass, BERLIN)).toBe(Date.UTC(2026, 9, 25, 0, 10));
    expect(endedLater('at', '02:30', firstPass, BERLIN)).toEqual({
      typed: '02:30',
      latest: '02:20',
    });
    // 02:20 the second time (01:20 UTC): 02:10 is the second one, ten minutes ago.
    const secondPass = Date.UTC(2026, 9, 25, 1, 20);
    expect(endedAtOf('at', '02:10', secondPass, BERLIN)).toBe(Date.UTC(2026, 9, 25, 1, 10));
    expect(endedLater('at', '03:00', secondPass, BERLIN)).toEqual({
      typed: '03:00',
      latest: '02:20',
    });
  });
});
