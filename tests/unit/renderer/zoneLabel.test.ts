import { describe, expect, it } from 'vitest';
import { zoneLabel } from '../../../src/renderer/src/format/time';

describe('a zone as the pages name it: its city and its offset at the instant shown', () => {
  it('names the city of the IANA name, with spaces, and the offset with a true minus sign', () => {
    const january = Date.UTC(2026, 0, 15, 12);
    expect(zoneLabel('America/Chicago', january)).toBe('Chicago (UTC\u22126)');
    expect(zoneLabel('Europe/Berlin', january)).toBe('Berlin (UTC+1)');
    expect(zoneLabel('America/Argentina/Buenos_Aires', january)).toBe('Buenos Aires (UTC\u22123)');
    expect(zoneLabel('Australia/Adelaide', january)).toBe('Adelaide (UTC+10:30)');
    expect(zoneLabel('Asia/Kolkata', january)).toBe('Kolkata (UTC+5:30)');
    expect(zoneLabel('Europe/London', january)).toBe('London (UTC)');
  });

  it('follows the date shown across a daylight-saving change, not today', () => {
    // Chicago moves its clocks forward at 02:00 on Sunday 8 March 2026.
    expect(zoneLabel('America/Chicago', Date.UTC(2026, 2, 8, 7, 59))).toBe('Chicago (UTC\u22126)');
    expect(zoneLabel('America/Chicago', Date.UTC(2026, 2, 8, 8, 0))).toBe('Chicago (UTC\u22125)');
    // Berlin's go back at 03:00 on Sunday 25 October 2026.
    expect(zoneLabel('Europe/Berlin', Date.UTC(2026, 9, 25, 0, 59))).toBe('Berlin (UTC+2)');
    expect(zoneLabel('Europe/Berlin', Date.UTC(2026, 9, 25, 1, 0))).toBe('Berlin (UTC+1)');
  });

  it('gives a zone with no city its offset alone', () => {
    expect(zoneLabel('UTC', 0)).toBe('UTC');
    expect(zoneLabel('Etc/UTC', 0)).toBe('UTC');
    // Etc/GMT+5 is five hours behind: the name's sign is the POSIX one, the label's is not.
    expect(zoneLabel('Etc/GMT+5', 0)).toBe('UTC\u22125');
  });
});
