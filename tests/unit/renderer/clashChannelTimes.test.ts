import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { clashChannelTimes } from '../../../src/renderer/src/team/clashChannelTimes';
import type { Channel } from '../../../src/shared/signals';

const ZONE = 'Europe/Berlin';
const berlin = (iso: string): number => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const stretch = (channel: Channel, start: number, end: number) => ({ channel, start, end });

describe("a Team page clash line's times for each channel, in the manager's zone", () => {
  it('says nothing more when every channel clashes over the line’s whole time', () => {
    const start = berlin('2026-11-23T10:00');
    const end = berlin('2026-11-23T11:00');
    expect(
      clashChannelTimes(
        { start, end, channels: [stretch('call', start, end)] },
        ZONE,
        '2026-11-23',
      ),
    ).toBeNull();
    expect(
      clashChannelTimes(
        { start, end, channels: [stretch('call', start, end), stretch('email', start, end)] },
        ZONE,
        '2026-11-23',
      ),
    ).toBeNull();
  });

  it('gives each channel its own time when they differ, the day named when it is another', () => {
    const line = {
      start: berlin('2026-11-23T17:00'),
      end: berlin('2026-11-24T11:30'),
      channels: [
        stretch('call', berlin('2026-11-23T17:00'), berlin('2026-11-23T18:00')),
        stretch('call', berlin('2026-11-24T10:00'), berlin('2026-11-24T11:00')),
        stretch('email', berlin('2026-11-24T10:30'), berlin('2026-11-24T11:30')),
      ],
    };
    expect(clashChannelTimes(line, ZONE, '2026-11-24')).toBe(
      'calls Mon 17:00–18:00 and 10:00–11:00, emails 10:30–11:30',
    );
  });

  it('writes the clock of each instant on the night the clocks go back', () => {
    // Sunday 25 October 2026: calls from 01:30 to 02:30 CEST, emails from 02:00 CEST to 03:00 CET.
    const calls = stretch('call', Date.UTC(2026, 9, 24, 23, 30), Date.UTC(2026, 9, 25, 0, 30));
    const emails = stretch('email', Date.UTC(2026, 9, 25, 0, 0), Date.UTC(2026, 9, 25, 2, 0));
    expect(
      clashChannelTimes(
        { start: calls.start, end: emails.end, channels: [calls, emails] },
        ZONE,
        '2026-10-25',
      ),
    ).toBe('calls 01:30–02:30, emails 02:00–03:00');
  });
});
