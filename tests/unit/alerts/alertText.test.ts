import { describe, expect, it } from 'vitest';
import type { BestWindow } from '../../../src/shared/alertsContract';
import {
  alertBody,
  alertTitle,
  digestText,
  heldAlertTitle,
  lateAlertTitle,
  starText,
  windowText,
} from '../../../src/main/alerts/alertText';

/** Monday 2026-11-23 10:00 in Berlin. */
const NOW = Date.UTC(2026, 10, 23, 9, 0);
const H = 3_600_000;
const call = (start: number, end: number, stars = 4): BestWindow => ({
  channel: 'call',
  state: start <= NOW ? 'now' : 'upcoming',
  start,
  end,
  stars,
});

describe('what an alert says (VT-9)', () => {
  it('draws stars with a half for a partly suitable time', () => {
    expect(starText(4)).toBe('★★★★');
    expect(starText(3.5)).toBe('★★★½');
    expect(starText(0.5)).toBe('½★');
  });

  it("names the call window open now, else the next one in the rep's time", () => {
    const tz = 'Europe/Berlin';
    expect(windowText(call(NOW - H, NOW + H), tz, NOW)).toBe('In their call window now ★★★★');
    expect(windowText(call(NOW + 4 * H, NOW + 5 * H, 3), tz, NOW)).toBe(
      'Next call window 14:00–15:00 ★★★',
    );
    expect(windowText(call(NOW + 24 * H, NOW + 25 * H), tz, NOW)).toBe(
      'Next call window tomorrow 10:00–11:00 ★★★★',
    );
    expect(windowText(call(NOW + 72 * H, NOW + 73 * H), tz, NOW)).toBe(
      'Next call window Thu 10:00–11:00 ★★★★',
    );
    expect(windowText(call(NOW - 2 * H, NOW - H), tz, NOW)).toBeNull();
    expect(
      windowText({ ...call(NOW + H, NOW + 2 * H), channel: 'email' }, 'America/New_York', NOW),
    ).toBe('Next email window 05:00–06:00 ★★★★');
  });

  it('names the person and company, category, page read now, score and window', () => {
    const wording = {
      name: 'Ann Lee',
      company: 'Acme',
      category: 'customer_open_deal' as const,
      pages: ['/', 'https://example.com/pricing?x=1'],
      score: 42,
      bestWindow: call(NOW - H, NOW + H, 4.5),
    };
    expect(alertTitle(wording)).toBe('Ann Lee (Acme) is on the website');
    expect(alertBody(wording, 'Europe/Berlin', NOW)).toBe(
      'Customer with open deal · reading /pricing · score 42\nIn their call window now ★★★★½',
    );
    expect(alertTitle({ name: null, company: null })).toBe('An unknown visitor is on the website');
    expect(
      alertBody(
        { ...wording, category: 'unknown', score: null, bestWindow: null, pages: [] },
        'Europe/Berlin',
        NOW,
      ),
    ).toBe('Unknown visitor');
  });

  it("says when a held alert's visitor came, in the rep's time, across a daylight-saving change", () => {
    const wording = {
      name: 'Ann Lee',
      company: 'Acme',
      category: 'customer' as const,
      pages: ['/pricing'],
      score: null,
      bestWindow: null,
    };
    // Saturday 11:02 in Berlin (summer time), delivered Monday 08:00 (winter time).
    const saturday = Date.UTC(2026, 9, 24, 9, 2);
    const monday = Date.UTC(2026, 9, 26, 7, 0);
    const held = { ...wording, heldAt: saturday };
    expect(heldAlertTitle(held, saturday, 'Europe/Berlin', monday)).toBe(
      'Ann Lee (Acme) visited the website Sat 24 Oct at 11:02',
    );
    expect(alertBody(held, 'Europe/Berlin', monday)).toBe('Customer · read /pricing');
    // Sunday 23:30 in Berlin (22:30 UTC, winter time now) is yesterday on Monday 08:00 there.
    expect(heldAlertTitle(wording, Date.UTC(2026, 9, 25, 22, 30), 'Europe/Berlin', monday)).toBe(
      'Ann Lee (Acme) visited the website yesterday at 23:30',
    );
    expect(heldAlertTitle(wording, monday - H, 'Europe/Berlin', monday)).toBe(
      'Ann Lee (Acme) visited the website at 07:00',
    );
  });

  it("says of a late alert when the visit was, and that they left, in the rep's time across a daylight-saving change", () => {
    const who = { name: 'Takumi Garcia', company: 'Vertex Textiles Ltd' };
    // Sunday 29 Mar 2026 in Berlin: 01:55 winter time to 03:05 summer time (ten minutes).
    const start = Date.UTC(2026, 2, 29, 0, 55);
    const end = Date.UTC(2026, 2, 29, 1, 5);
    expect(lateAlertTitle(who, { start, end }, 'Europe/Berlin', end + 4 * 60_000)).toBe(
      'Takumi Garcia (Vertex Textiles Ltd) was on the website 01:55–03:05',
    );
    // Delivered the next morning, when work starts.
    const monday = Date.UTC(2026, 2, 30, 6, 0);
    expect(lateAlertTitle(who, { start, end }, 'Europe/Berlin', monday)).toBe(
      'Takumi Garcia (Vertex Textiles Ltd) was on the website yesterday 01:55–03:05',
    );
    expect(lateAlertTitle(who, { start, end: null }, 'Europe/Berlin', end)).toBe(
      'Takumi Garcia (Vertex Textiles Ltd) is on the website since 01:55',
    );
  });

  it("says of a visitor still there when they were last seen, in the Visits page's words, across a daylight-saving change", () => {
    const who = { name: 'Takumi Garcia', company: 'Vertex Textiles Ltd' };
    // Sunday 29 Mar 2026 in Berlin: since 01:55 winter time, last seen 03:05 summer time.
    const start = Date.UTC(2026, 2, 29, 0, 55);
    const seen = Date.UTC(2026, 2, 29, 1, 5);
    const span = { start, end: null, lastSeen: seen };
    expect(lateAlertTitle(who, span, 'Europe/Berlin', seen + 4 * 60_000)).toBe(
      'Takumi Garcia (Vertex Textiles Ltd) is on the website since 01:55 · last seen 03:05',
    );
    // Seen again within the minute they came: one time, as the Visits page says "since 10:10".
    expect(lateAlertTitle(who, { ...span, lastSeen: start + 30_000 }, 'Europe/Berlin', seen)).toBe(
      'Takumi Garcia (Vertex Textiles Ltd) is on the website since 01:55',
    );
    // Came before midnight, still there at 00:20: the day before is named, today's time alone.
    const sat = Date.UTC(2026, 9, 24, 21, 50);
    const sun = Date.UTC(2026, 9, 24, 22, 10);
    expect(
      lateAlertTitle(
        who,
        { start: sat, end: null, lastSeen: sun },
        'Europe/Berlin',
        Date.UTC(2026, 9, 24, 22, 20),
      ),
    ).toBe(
      'Takumi Garcia (Vertex Textiles Ltd) is on the website since yesterday 23:50 · last seen 00:10',
    );
  });

  // Review53 4: on 25 Oct 2026 in Berlin 02:00–03:00 comes twice (03:00 summer time is 02:00
  // winter time), and times compared as printed lost an hour or read backwards.
  it('tells the two 02:30s apart on the night the clocks go back, and never reads backwards', () => {
    const who = { name: 'Ann Lee', company: 'Acme' };
    const start = Date.UTC(2026, 9, 25, 0, 30); // 02:30 summer time
    const sameClock = Date.UTC(2026, 9, 25, 1, 30); // 02:30 winter time, an hour on
    const earlierClock = Date.UTC(2026, 9, 25, 1, 5); // 02:05 winter time, 35 minutes on
    const now = Date.UTC(2026, 9, 25, 1, 35);
    expect(
      lateAlertTitle(who, { start, end: null, lastSeen: sameClock }, 'Europe/Berlin', now),
    ).toBe('Ann Lee (Acme) is on the website since 02:30 UTC+2 · last seen 02:30 UTC+1');
    expect(
      lateAlertTitle(who, { start, end: null, lastSeen: earlierClock }, 'Europe/Berlin', now),
    ).toBe('Ann Lee (Acme) is on the website since 02:30 UTC+2 · last seen 02:05 UTC+1');
    expect(lateAlertTitle(who, { start, end: earlierClock }, 'Europe/Berlin', now)).toBe(
      'Ann Lee (Acme) was on the website 02:30 UTC+2 – 02:05 UTC+1',
    );
    // Within one pass of the hour the clock reads in order: no offsets.
    const second = { start: sameClock - 20 * 60_000, end: null, lastSeen: sameClock };
    expect(lateAlertTitle(who, second, 'Europe/Berlin', now)).toBe(
      'Ann Lee (Acme) is on the website since 02:10 · last seen 02:30',
    );
    // One minute of time is one time, as the Visits page says "since 10:10".
    expect(lateAlertTitle(who, { start, end: start + 40_000 }, 'Europe/Berlin', now)).toBe(
      'Ann Lee (Acme) was on the website at 02:30',
    );
  });

  it('tells the two 01:30s apart when New York’s clocks go back (1 Nov 2026), not in spring (8 Mar)', () => {
    const who = { name: 'Ann Lee', company: 'Acme' };
    const NEW_YORK = 'America/New_York';
    const start = Date.UTC(2026, 10, 1, 5, 30); // 01:30 EDT
    const seen = Date.UTC(2026, 10, 1, 6, 10); // 01:10 EST, 40 minutes on
    expect(lateAlertTitle(who, { start, end: null, lastSeen: seen }, NEW_YORK, seen)).toBe(
      'Ann Lee (Acme) is on the website since 01:30 UTC\u22124 · last seen 01:10 UTC\u22125',
    );
    // 01:55 EST to 03:05 EDT: ten minutes, in order on the clock.
    const spring = { start: Date.UTC(2026, 2, 8, 6, 55), end: Date.UTC(2026, 2, 8, 7, 5) };
    expect(lateAlertTitle(who, spring, NEW_YORK, spring.end)).toBe(
      'Ann Lee (Acme) was on the website 01:55–03:05',
    );
  });

  it('names both days of a late alert whose visit went past midnight, without "at" inside the span', () => {
    const who = { name: 'Ann Lee', company: 'Acme' };
    // Sat 24 Oct 23:50 to Sun 25 Oct 00:10 in Berlin (summer time), read on Sunday at 09:00.
    const start = Date.UTC(2026, 9, 24, 21, 50);
    const end = Date.UTC(2026, 9, 24, 22, 10);
    const sunday = Date.UTC(2026, 9, 25, 8, 0);
    expect(lateAlertTitle(who, { start, end }, 'Europe/Berlin', sunday)).toBe(
      'Ann Lee (Acme) was on the website yesterday 23:50–00:10',
    );
    // Read on the Monday: both days are named, each as the rep's calendar has it.
    const monday = Date.UTC(2026, 9, 26, 8, 0);
    expect(lateAlertTitle(who, { start, end }, 'Europe/Berlin', monday)).toBe(
      'Ann Lee (Acme) was on the website Sat 24 Oct 23:50–yesterday 00:10',
    );
  });

  it('sums held alerts up in one digest', () => {
    expect(digestText([{ name: 'A' }, { name: 'B' }])).toEqual({
      title: '2 website visits while alerts were held',
      body: 'A, B',
    });
    expect(
      digestText([{ name: 'A' }, { name: 'B' }, { name: null }, { name: 'C' }, { name: 'D' }]).body,
    ).toBe('A, B, an unknown visitor and 2 more');
  });
});
