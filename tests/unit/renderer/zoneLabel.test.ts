import { describe, expect, it } from 'vitest';
import { dayZoneLabel, weekZoneLabel, zoneLabel } from '../../../src/renderer/src/format/time';

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

describe('a day names its zone by the offsets of the whole day, on the Team page and the planner alike', () => {
  it('names an ordinary day by its one offset, whenever it is read', () => {
    expect(dayZoneLabel('2026-03-27', 'Europe/Berlin')).toBe('Berlin (UTC+1)');
    expect(dayZoneLabel('2026-03-30', 'Europe/Berlin')).toBe('Berlin (UTC+2)');
    expect(dayZoneLabel('2026-10-23', 'Europe/Berlin')).toBe('Berlin (UTC+2)');
    expect(dayZoneLabel('2026-10-26', 'Europe/Berlin')).toBe('Berlin (UTC+1)');
    expect(dayZoneLabel('2026-12-07', 'Australia/Sydney')).toBe('Sydney (UTC+11)');
    expect(dayZoneLabel('2026-12-07', 'Etc/UTC')).toBe('UTC');
  });

  it("names both offsets on the day Berlin's clocks go back in October: its axis has both", () => {
    // Sunday 25 October 2026: 00:00 to 03:00 on summer time, then winter time. The Team page
    // named it by its midnight, "(UTC+2)", over an axis and lanes on UTC+1; the planner by noon.
    expect(dayZoneLabel('2026-10-25', 'Europe/Berlin')).toBe('Berlin (UTC+2 \u2192 UTC+1)');
    // New York's a week later, and Sydney's own changes, the other way round in April.
    expect(dayZoneLabel('2026-11-01', 'America/New_York')).toBe(
      'New York (UTC\u22124 \u2192 UTC\u22125)',
    );
    expect(dayZoneLabel('2026-04-05', 'Australia/Sydney')).toBe('Sydney (UTC+11 \u2192 UTC+10)');
  });

  it("names both offsets on the day Berlin's clocks go forward in March", () => {
    expect(dayZoneLabel('2026-03-29', 'Europe/Berlin')).toBe('Berlin (UTC+1 \u2192 UTC+2)');
    expect(dayZoneLabel('2026-10-04', 'Australia/Sydney')).toBe('Sydney (UTC+10 \u2192 UTC+11)');
    // A day whose midnight is skipped (Santiago's spring night) starts at 01:00, on the new
    // offset already: one offset all day.
    expect(dayZoneLabel('2026-09-06', 'America/Santiago')).toBe('Santiago (UTC\u22123)');
  });
});

describe("the Team week names its zone by the week's offsets", () => {
  it('says both offsets, and the day of the change, for the week Berlin goes forward', () => {
    expect(weekZoneLabel('2026-03-23', 'Europe/Berlin')).toBe('Berlin (UTC+1, from 29 Mar UTC+2)');
    expect(weekZoneLabel('2026-10-19', 'Europe/Berlin')).toBe('Berlin (UTC+2, from 25 Oct UTC+1)');
    expect(weekZoneLabel('2026-10-26', 'America/New_York')).toBe(
      'New York (UTC\u22124, from 1 Nov UTC\u22125)',
    );
  });

  it('names an ordinary week by its one offset', () => {
    expect(weekZoneLabel('2026-03-30', 'Europe/Berlin')).toBe('Berlin (UTC+2)');
    expect(weekZoneLabel('2026-11-23', 'Europe/Berlin')).toBe('Berlin (UTC+1)');
  });
});
