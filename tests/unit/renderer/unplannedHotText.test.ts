import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { noUnplannedHotText } from '../../../src/renderer/src/team/unplannedHotText';

// Monday 23 November 2026, 10:00 in Berlin.
const now = DateTime.fromISO('2026-11-23T10:00', { zone: 'Europe/Berlin' }).toMillis();
const day = (date: string, hotVisitors: number) => ({
  date,
  now,
  hotVisitors,
  manager: { timeZone: 'Europe/Berlin' },
});

describe('the Team page with no hot contact left unplanned, skipped or missed', () => {
  it('says every hot visitor was worked or is still to be only when there were hot visitors', () => {
    expect(noUnplannedHotText(day('2026-11-23', 3))).toBe(
      'Every hot visitor of the day was worked or has a window still to come.',
    );
    expect(noUnplannedHotText(day('2026-11-20', 3))).toBe(
      'Every hot visitor of that day was worked.',
    );
    expect(noUnplannedHotText(day('2026-11-23', 0))).toBe(
      'No hot visitor on the website yet today.',
    );
    expect(noUnplannedHotText(day('2026-11-20', 0))).toBe(
      'No hot visitor on the website that day.',
    );
  });

  it('says a day to come has had no visitors yet', () => {
    expect(noUnplannedHotText(day('2026-11-24', 0))).toBe(
      'A day still to come: hot visitors are listed as they visit.',
    );
  });

  it("takes today from the manager's zone: 00:30 in Tokyo is already the next day there", () => {
    const tokyo = { ...day('2026-11-24', 0), manager: { timeZone: 'Asia/Tokyo' } };
    tokyo.now = DateTime.fromISO('2026-11-24T00:30', { zone: 'Asia/Tokyo' }).toMillis();
    expect(noUnplannedHotText(tokyo)).toBe('No hot visitor on the website yet today.');
  });
});
