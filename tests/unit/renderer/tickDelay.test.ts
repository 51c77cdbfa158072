import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { tickDelay } from '../../../src/renderer/src/clock/tickDelay';

const MINUTE = 60_000;
const at = (iso: string, zone: string): number => DateTime.fromISO(iso, { zone }).toMillis();
const local = (t: number, zone: string): string =>
  DateTime.fromMillis(t, { zone }).toFormat('yyyy-MM-dd HH:mm:ss.SSS ZZ');

/** Where the page's clock reads when it next turns, in `zone`. */
const ticksAt = (from: number, zone: string, everyMs = MINUTE): string =>
  local(from + tickDelay(from, everyMs), zone);

describe('the page’s clock turns with the minute (useNow)', () => {
  it('turns at the next minute’s turn, not a refresh counted from when the page opened', () => {
    const read = at('2026-11-23T10:07:42.300', 'Europe/Berlin');
    expect(tickDelay(read, MINUTE)).toBe(17_700);
    expect(ticksAt(read, 'Europe/Berlin')).toBe('2026-11-23 10:08:00.000 +01:00');
  });

  it('waits a whole minute when read exactly on a turn', () => {
    expect(tickDelay(at('2026-11-23T10:08:00', 'Europe/Berlin'), MINUTE)).toBe(MINUTE);
  });

  it('turns on every minute among a refresh that divides one', () => {
    expect(ticksAt(at('2026-11-23T10:07:12', 'Europe/Berlin'), 'Europe/Berlin', 30_000)).toBe(
      '2026-11-23 10:07:30.000 +01:00',
    );
    expect(ticksAt(at('2026-11-23T10:07:42', 'Europe/Berlin'), 'Europe/Berlin', 15_000)).toBe(
      '2026-11-23 10:07:45.000 +01:00',
    );
    expect(ticksAt(at('2026-11-23T10:07:52', 'Europe/Berlin'), 'Europe/Berlin', 30_000)).toBe(
      '2026-11-23 10:08:00.000 +01:00',
    );
  });

  it('turns from 01:59 to 03:00 the night summer time starts, and from 02:59 to 02:00 as it ends', () => {
    expect(ticksAt(at('2026-03-29T01:59:59.200', 'Europe/Berlin'), 'Europe/Berlin')).toBe(
      '2026-03-29 03:00:00.000 +02:00',
    );
    // 02:59 comes twice that night: the first, in summer time, is 00:59 UTC.
    const lastSummerMinute = Date.UTC(2026, 9, 25, 0, 59, 30);
    expect(local(lastSummerMinute, 'Europe/Berlin')).toBe('2026-10-25 02:59:30.000 +02:00');
    expect(ticksAt(lastSummerMinute, 'Europe/Berlin')).toBe('2026-10-25 02:00:00.000 +01:00');
  });

  it('turns on the minute in zones a whole hour away from no other (Kathmandu, Lord Howe’s half-hour change)', () => {
    expect(ticksAt(at('2026-11-23T15:52:10', 'Asia/Kathmandu'), 'Asia/Kathmandu')).toBe(
      '2026-11-23 15:53:00.000 +05:45',
    );
    // Lord Howe Island moves its clocks on by half an hour, from 02:00 to 02:30.
    expect(ticksAt(at('2026-10-04T01:59:40', 'Australia/Lord_Howe'), 'Australia/Lord_Howe')).toBe(
      '2026-10-04 02:30:00.000 +11:00',
    );
  });

  it('is the next turn after wherever a clock that jumped reads, and what is left of it after an early timer', () => {
    const read = at('2026-11-23T10:07:42', 'Europe/Berlin');
    // A computer that slept (or a test that moved the time on) 3 h 17 min 12.5 s later.
    const woke = read + tickDelay(read, MINUTE) + 3 * 3_600_000 + 17 * MINUTE + 12_500;
    expect(ticksAt(woke, 'Europe/Berlin')).toBe('2026-11-23 13:26:00.000 +01:00');
    // A clock set back by 40 minutes.
    expect(ticksAt(read - 40 * MINUTE, 'Europe/Berlin')).toBe('2026-11-23 09:28:00.000 +01:00');
    // A timer that fired 3 ms before the turn waits those 3 ms, not a whole minute more.
    expect(tickDelay(at('2026-11-23T10:07:59.997', 'Europe/Berlin'), MINUTE)).toBe(3);
  });
});
