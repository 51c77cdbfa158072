import { describe, expect, it } from 'vitest';
import { zoneLabel, zoneNamedAt } from '../../../src/renderer/src/format/time';

describe('a zone as the pages name it: its city and its offset at the instant shown', () => {
  const january = Date.UTC(2026, 0, 15, 12);

  it.each([
    ['America/Chicago', 'Chicago (UTC\u22126)'],
    ['Europe/Berlin', 'Berlin (UTC+1)'],
    ['America/Argentina/Buenos_Aires', 'Buenos Aires (UTC\u22123)'],
    ['Australia/Adelaide', 'Adelaide (UTC+10:30)'],
    ['Asia/Kolkata', 'Kolkata (UTC+5:30)'],
    ['Europe/London', 'London (UTC)'],
  ])('names the city of %s, with spaces, and its offset with a true minus sign', (zone, label) => {
    expect(zoneLabel(zone, january)).toBe(label);
  });

  it('follows the date shown across a daylight-saving change, not today', () => {
    // Chicago moves its clocks forward at 02:00 on Sunday 8 March 2026.
    expect(zoneLabel('America/Chicago', Date.UTC(2026, 2, 8, 7, 59))).toBe('Chicago (UTC\u22126)');
    expect(zoneLabel('America/Chicago', Date.UTC(2026, 2, 8, 8, 0))).toBe('Chicago (UTC\u22125)');
    // Berlin's go back at 03:00 on Sunday 25 October 2026.
    expect(zoneLabel('Europe/Berlin', Date.UTC(2026, 9, 25, 0, 59))).toBe('Berlin (UTC+2)');
    expect(zoneLabel('Europe/Berlin', Date.UTC(2026, 9, 25, 1, 0))).toBe('Berlin (UTC+1)');
  });

  it.each([
    ['America/Sao_Paulo', 'São Paulo (UTC\u22123)'],
    ['America/Bogota', 'Bogotá (UTC\u22125)'],
    ['Europe/Chisinau', 'Chișinău (UTC+2)'],
    // Zoho still sends some users' zones by their old names.
    ['Asia/Calcutta', 'Kolkata (UTC+5:30)'],
    ['Europe/Kiev', 'Kyiv (UTC+2)'],
    ['Asia/Ho_Chi_Minh', 'Ho Chi Minh City (UTC+7)'],
  ])(
    'names %s as English writes it where the IANA name cannot: accents, old spellings',
    (zone, label) => {
      expect(zoneLabel(zone, january)).toBe(label);
    },
  );

  it('follows the date for a city named by hand: São Paulo keeps no summer time since 2019', () => {
    expect(zoneLabel('America/Sao_Paulo', Date.UTC(2026, 6, 15, 12))).toBe(
      'São Paulo (UTC\u22123)',
    );
  });

  it('gives a zone with no city its offset alone', () => {
    expect(zoneLabel('UTC', 0)).toBe('UTC');
    expect(zoneLabel('Etc/UTC', 0)).toBe('UTC');
    // Etc/GMT+5 is five hours behind: the name's sign is the POSIX one, the label's is not.
    expect(zoneLabel('Etc/GMT+5', 0)).toBe('UTC\u22125');
  });
});

describe('the Team page names its zone at one instant for the header and the day by hour', () => {
  // Berlin's clocks go forward at 02:00 on Sunday 29 March 2026: Friday is UTC+1, Monday UTC+2.
  const fridayNoon = Date.UTC(2026, 2, 27, 11);
  const name = (date: string, now: number): string =>
    zoneLabel('Europe/Berlin', zoneNamedAt(date, 'Europe/Berlin', now));

  it('names a day after the clock change by its own offset, not the one of today', () => {
    expect(name('2026-03-30', fridayNoon)).toBe('Berlin (UTC+2)');
    expect(name('2026-03-27', Date.UTC(2026, 2, 30, 8))).toBe('Berlin (UTC+1)');
  });

  it('names today at the present instant: on the day of the change, the offset now', () => {
    expect(name('2026-03-27', fridayNoon)).toBe('Berlin (UTC+1)');
    expect(name('2026-03-29', Date.UTC(2026, 2, 29, 10))).toBe('Berlin (UTC+2)');
    expect(zoneNamedAt('2026-03-29', 'Europe/Berlin', Date.UTC(2026, 2, 29, 10))).toBe(
      Date.UTC(2026, 2, 29, 10),
    );
  });
});
