import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { BestWindow } from '../../../src/shared/alertsContract';
import {
  durationText,
  pagePath,
  referrerText,
  visitSpan,
  windowText,
} from '../../../src/renderer/src/components/visits/visitText';
import { refusedField } from '../../../src/renderer/src/components/visits/fieldErrors';
import { onWebsiteTitle } from '../../../src/renderer/src/format/onWebsiteText';
import { leavesWebsiteAt } from '../../../src/shared/onTheWebsite';

const BERLIN = 'Europe/Berlin';
const at = (iso: string): number => DateTime.fromISO(iso, { zone: BERLIN }).toMillis();
const call = (start: string, end: string, stars = 4): BestWindow => ({
  channel: 'call',
  state: 'upcoming',
  start: at(start),
  end: at(end),
  stars,
});

describe('a visitor’s window as the Visits page words it, in the rep’s time', () => {
  it('says the window is open now and until when', () => {
    const w = { ...call('2026-11-23T10:00', '2026-11-23T11:00'), state: 'now' as const };
    expect(windowText(w, BERLIN, at('2026-11-23T10:20'))).toBe('in their window now, until 11:00');
  });

  it('names the next window later today, tomorrow or on a weekday', () => {
    const now = at('2026-11-23T10:20');
    expect(windowText(call('2026-11-23T14:00', '2026-11-23T15:00'), BERLIN, now)).toBe(
      'next window 14:00–15:00',
    );
    expect(windowText(call('2026-11-24T09:00', '2026-11-24T10:00'), BERLIN, now)).toBe(
      'next window tomorrow 09:00–10:00',
    );
    expect(windowText(call('2026-11-26T09:00', '2026-11-26T10:00'), BERLIN, now)).toBe(
      'next window Thu 09:00–10:00',
    );
  });

  it('keeps the local clock and the day across a daylight-saving change', () => {
    // Saturday evening before the clocks go back (Sunday 25 October 2026, 03:00 → 02:00).
    const now = at('2026-10-24T20:00');
    expect(windowText(call('2026-10-25T09:00', '2026-10-25T10:00'), BERLIN, now)).toBe(
      'next window tomorrow 09:00–10:00',
    );
    expect(windowText(call('2026-10-26T09:00', '2026-10-26T10:00'), BERLIN, now)).toBe(
      'next window Mon 09:00–10:00',
    );
    // And in spring (Sunday 29 March 2026, 02:00 → 03:00).
    expect(
      windowText(call('2026-03-30T08:00', '2026-03-30T09:00'), BERLIN, at('2026-03-29T12:00')),
    ).toBe('next window tomorrow 08:00–09:00');
  });

  it('says nothing of a window that has passed, or of none', () => {
    const now = at('2026-11-23T12:00');
    expect(windowText(call('2026-11-23T10:00', '2026-11-23T11:00'), BERLIN, now)).toBeNull();
    expect(windowText(null, BERLIN, now)).toBeNull();
  });
});

describe('the rest of a visit row', () => {
  it('gives time on site in minutes and hours', () => {
    expect(durationText(20)).toBe('under a minute');
    expect(durationText(6 * 60 + 10)).toBe('6 min');
    expect(durationText(80 * 60)).toBe('1 h 20 min');
    expect(durationText(120 * 60)).toBe('2 h');
  });

  it('shows a page as its path, whether the CRM kept a URL or a path', () => {
    expect(pagePath('https://example.test/pricing?plan=team')).toBe('/pricing?plan=team');
    expect(pagePath('/pricing')).toBe('/pricing');
  });

  it('names where a visitor came from by the referring host', () => {
    expect(referrerText('https://www.google.com/search?q=crm')).toBe('google.com');
    expect(referrerText(null)).toBe('direct');
    expect(referrerText('newsletter')).toBe('newsletter');
  });
});

describe('a refusal placed at its field', () => {
  it('reads the field path and the core’s own message', () => {
    expect(
      refusedField(
        'Invalid input for previewAlertRules at rules.1.page: a page pattern starts with "/" (a path such as /pricing*)',
      ),
    ).toEqual({
      path: ['rules', '1', 'page'],
      message: 'a page pattern starts with "/" (a path such as /pricing*)',
    });
    expect(refusedField('Working hours "Mon": cannot read it')).toBeNull();
  });
});

describe('a visit of today by its times', () => {
  const at = (hhmmss: string) =>
    DateTime.fromISO(`2026-11-23T${hhmmss}`, { zone: BERLIN }).toMillis();
  it('gives a visit within one minute one time: "since" while it goes on', () => {
    expect(visitSpan(at('10:10:05'), at('10:10:40'), true, BERLIN)).toBe('since 10:10');
    expect(visitSpan(at('10:10:05'), at('10:10:40'), false, BERLIN)).toBe('10:10');
    expect(visitSpan(at('10:02:00'), at('10:14:30'), false, BERLIN)).toBe('10:02–10:14');
  });

  // Audit50 13: at 11:03, "on the website now 10:56–10:59" read as a visit that was over.
  it('gives a visit on the website now no end: since when, and when they were last seen', () => {
    expect(visitSpan(at('10:56:10'), at('10:59:40'), true, BERLIN)).toBe(
      'since 10:56 · last seen 10:59',
    );
  });
});

// Review53 4: clock times compared as printed lost an hour, or read backwards, when one repeats.
describe('a visit across the clocks going back, on the Visits page', () => {
  const utc = (month: number, day: number, h: number, m: number) =>
    Date.UTC(2026, month, day, h, m);
  it('tells the two 02:30s apart in Berlin (25 Oct 2026) and never reads backwards', () => {
    const start = utc(9, 25, 0, 30); // 02:30 summer time
    expect(visitSpan(start, utc(9, 25, 1, 30), true, BERLIN)).toBe(
      'since 02:30 UTC+2 · last seen 02:30 UTC+1',
    );
    expect(visitSpan(start, utc(9, 25, 1, 5), true, BERLIN)).toBe(
      'since 02:30 UTC+2 · last seen 02:05 UTC+1',
    );
    expect(visitSpan(start, utc(9, 25, 1, 5), false, BERLIN)).toBe('02:30 UTC+2 – 02:05 UTC+1');
    // Within one pass of the repeated hour the clock reads in order.
    expect(visitSpan(utc(9, 25, 1, 10), utc(9, 25, 1, 30), false, BERLIN)).toBe('02:10–02:30');
  });
  it('does the same in New York (1 Nov 2026), and in spring reads the clock alone (8 Mar)', () => {
    const NEW_YORK = 'America/New_York';
    expect(visitSpan(utc(10, 1, 5, 30), utc(10, 1, 6, 10), true, NEW_YORK)).toBe(
      'since 01:30 UTC\u22124 · last seen 01:10 UTC\u22125',
    );
    expect(visitSpan(utc(2, 8, 6, 55), utc(2, 8, 7, 5), false, NEW_YORK)).toBe('01:55–03:05');
    expect(visitSpan(utc(2, 29, 0, 55), utc(2, 29, 1, 5), false, BERLIN)).toBe('01:55–03:05');
  });
});

describe('the rule behind "on the website now", in words', () => {
  const visit = (startedAt: number, lastSeenAt: number) =>
    leavesWebsiteAt({ startedAt, endedAt: lastSeenAt, lastPageAt: null });
  it('says they count there until 15 minutes after they were last seen, and until when', () => {
    const leaves = visit(at('2026-11-23T10:56'), at('2026-11-23T10:59:40'));
    expect(onWebsiteTitle(leaves, BERLIN)).toBe(
      'Counted on the website until 15 minutes after they were last seen (their last page, or the end Zoho reports): until 11:14',
    );
  });
  it('reads the quarter hour on the clock across the spring change (Berlin, 29 Mar 2026)', () => {
    // Last seen 01:55 CET; 15 minutes on, the clocks have gone from 02:00 to 03:00: 03:10 CEST.
    const leaves = visit(at('2026-03-29T01:50'), at('2026-03-29T01:55'));
    expect(onWebsiteTitle(leaves, BERLIN)).toMatch(/: until 03:10$/);
    expect(visitSpan(at('2026-03-29T01:50'), at('2026-03-29T03:05'), true, BERLIN)).toBe(
      'since 01:50 · last seen 03:05',
    );
  });
});
