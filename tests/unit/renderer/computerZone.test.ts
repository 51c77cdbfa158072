import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { computerZoneNote } from '../../../src/renderer/src/format/computerZone';

const at = (iso: string): number => DateTime.fromISO(iso, { setZone: true }).toMillis();

describe("the note for a rep whose computer is on another zone than their profile's", () => {
  it('names both zones with their offsets and says how to change the one the app uses', () => {
    expect(computerZoneNote('Europe/Berlin', 'Asia/Tokyo', at('2026-12-07T07:30:00+09:00'))).toBe(
      "This computer is on Tokyo time (UTC+9); your plan, alerts and times are on Berlin time (UTC+1), your CRM profile's. " +
        "To work on this computer's time, change the time zone in your CRM profile, then sync.",
    );
  });

  it('says nothing where both zones show the same hour', () => {
    expect(
      computerZoneNote('Europe/Berlin', 'Europe/Berlin', at('2026-12-07T09:00:00Z')),
    ).toBeNull();
    expect(
      computerZoneNote('Europe/Berlin', 'Europe/Paris', at('2026-07-07T09:00:00Z')),
    ).toBeNull();
  });

  it('follows a daylight-saving change: Lagos and Berlin agree in winter, not in summer', () => {
    // Berlin springs forward at 01:00 UTC on 29 March 2026; Lagos stays on UTC+1.
    expect(
      computerZoneNote('Europe/Berlin', 'Africa/Lagos', at('2026-03-29T00:59:00Z')),
    ).toBeNull();
    expect(computerZoneNote('Europe/Berlin', 'Africa/Lagos', at('2026-03-29T01:00:00Z'))).toMatch(
      /^This computer is on Lagos time \(UTC\+1\); your plan, alerts and times are on Berlin time \(UTC\+2\)/,
    );
  });

  it('names a zone without a city by its offset, and ignores a zone it cannot read', () => {
    expect(computerZoneNote('Europe/Berlin', 'Etc/GMT-9', at('2026-12-07T00:00:00Z'))).toMatch(
      /^This computer is on UTC\+9; /,
    );
    expect(
      computerZoneNote('Europe/Berlin', 'Mars/Olympus', at('2026-12-07T00:00:00Z')),
    ).toBeNull();
  });

  it('in the sample organisation, which has no CRM profile, says whose zone the times are in', () => {
    const note = computerZoneNote(
      'Europe/Berlin',
      'Asia/Tokyo',
      at('2026-12-07T07:30:00+09:00'),
      true,
    );
    expect(note).toBe(
      "This computer is on Tokyo time (UTC+9); the sample organisation's plan, alerts and times are on Berlin time (UTC+1), the zone of the rep you are signed in as.",
    );
  });
});
