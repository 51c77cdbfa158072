import { describe, expect, it } from 'vitest';
import { parseBusinessHours } from '../../../src/main/besttime/model/businessHours';
import { computeAll, computePeople } from '../../../src/main/besttime/model/personModel';
import { buildPriors, groupByPerson } from '../../../src/main/besttime/model/priors';
import type { BesttimeEvent, PersonChannelWindows } from '../../../src/main/besttime/model/types';
import { at, event, options, organisation, wanderingOrganisation, weekly } from './eventFactory';

function run(events: BesttimeEvent[], overrides = {}): PersonChannelWindows[] {
  return computeAll(groupByPerson(events), options(overrides)).results;
}

function find(results: PersonChannelWindows[], personId: string, channel: 'call' | 'email') {
  return results.find((r) => r.personId === personId && r.channel === channel);
}

const tokyoCalls = weekly('tk', '2024-03-05T10:15', 'Asia/Tokyo', 4, 'call_answered', {
  durationS: 300,
});

describe('best time model (BT-1, BT-2, BT-10, BT-11)', () => {
  it('gives a contact who answered 4 calls on Tuesdays 10:00-11:00 Tokyo time that window, explained', () => {
    const call = find(run(tokyoCalls), 'tk', 'call');
    expect(call?.tz).toBe('Asia/Tokyo');
    const tuesday = call?.windows.filter((w) => w.weekday === 2) ?? [];
    expect(tuesday[0]).toMatchObject({ startMin: 600, endMin: 660, evidence: { count: 4 } });
    expect(tuesday[0]?.reason).toBe(
      "few calls of their own (4): answered 4 calls on Tuesdays 10:00-11:00 their time; last 6 days ago; the rest borrowed from their own calls at other times (no other contact's to learn from yet)",
    );
  });

  it('names the evidence without hedging once a contact has enough signals of their own', () => {
    const events = [
      ...tokyoCalls,
      ...weekly('tk', '2024-02-06T10:20', 'Asia/Tokyo', 4, 'call_answered', { durationS: 120 }),
    ];
    const tuesday = find(run(events), 'tk', 'call')?.windows.find((w) => w.weekday === 2);
    expect(tuesday?.reason).toBe(
      'answered 8 calls on Tuesdays 10:00-11:00 their time; last 6 days ago',
    );
  });

  it('ignores answered calls of a minute or less', () => {
    const short = weekly('s', '2024-03-05T10:15', 'Europe/Berlin', 4, 'call_answered', {
      durationS: 45,
    });
    expect(run(short)).toEqual([]);
    const exactlyOneMinute = weekly('s', '2024-03-05T10:15', 'Europe/Berlin', 4, 'call_answered', {
      durationS: 60,
    });
    expect(run(exactlyOneMinute)).toEqual([]);
  });

  it('uses only events strictly before as-of', () => {
    const asOf = at('2024-03-27T00:00', 'Asia/Tokyo');
    const later = weekly('tk', '2024-03-29T15:00', 'Asia/Tokyo', 3, 'call_answered', {
      durationS: 300,
    });
    const atAsOf = event('tk', asOf, 'call_answered', { durationS: 300 });
    expect(run([...tokyoCalls, ...later, atAsOf], { asOf })).toEqual(run(tokyoCalls, { asOf }));
    expect(run(later, { asOf })).toEqual([]);
  });

  it('gives a contact who only opens emails an email window and no call window', () => {
    const opens = weekly('op', '2024-03-06T20:10', 'UTC', 3, 'email_opened');
    const results = run(opens);
    expect(find(results, 'op', 'call')).toBeUndefined();
    const wednesday = find(results, 'op', 'email')?.windows.find((w) => w.weekday === 3);
    expect(wednesday).toMatchObject({ startMin: 1200, endMin: 1260 });
    expect(wednesday?.reason).toContain('opened 3 emails on Wednesdays 20:00-21:00; last');
  });

  it('places contacts without a zone in the organisation zone', () => {
    const events = weekly('nz', '2024-03-05T10:15', 'Europe/Berlin', 4, 'email_from_contact', {
      personTz: undefined,
    });
    const email = find(run(events, { orgTz: 'Europe/Berlin' }), 'nz', 'email');
    expect(email?.tz).toBe('Europe/Berlin');
    expect(email?.windows.find((w) => w.weekday === 2)).toMatchObject({
      startMin: 600,
      endMin: 660,
    });
  });

  it('keeps the local hour across a daylight-saving change', () => {
    // Berlin switches to summer time on 31 March 2024; calls at 09:30 local before and after.
    const events = [
      ...weekly('be', '2024-03-12T09:30', 'Europe/Berlin', 3, 'call_inbound_answered'),
      ...weekly('be', '2024-04-02T09:30', 'Europe/Berlin', 3, 'call_inbound_answered'),
    ];
    const tuesday = find(run(events, { asOf: Date.UTC(2024, 3, 20) }), 'be', 'call')?.windows.find(
      (w) => w.weekday === 2,
    );
    expect(tuesday).toMatchObject({ startMin: 540, endMin: 600, evidence: { count: 6 } });
  });

  it('never suggests a slot outside the organisation business hours, judged in the organisation zone', () => {
    const hours = parseBusinessHours('Mon-Fri 09:00-18:00');
    const call = find(
      run(tokyoCalls, { orgTz: 'Europe/Berlin', businessHours: hours }),
      'tk',
      'call',
    );
    // In early April Berlin (UTC+2) is 7 hours behind Tokyo: Mon-Fri 09:00-18:00 Berlin is
    // Mon-Fri 16:00-24:00 plus Tue-Sat 00:00-01:00 in Tokyo.
    expect(call?.windows.length).toBeGreaterThan(0);
    for (const w of call?.windows ?? []) {
      const evening = w.weekday <= 5 && w.startMin >= 16 * 60;
      const afterMidnight = w.weekday >= 2 && w.weekday <= 6 && w.endMin <= 60;
      expect(evening || afterMidnight).toBe(true);
    }
    expect(call?.windows.some((w) => w.weekday === 2 && w.startMin === 600)).toBe(false);
  });

  it('lets a sparse contact borrow the pattern of contacts in the same zone, with few stars', () => {
    const crowd = Array.from({ length: 30 }, (_, i) =>
      weekly(`c${i}`, '2024-03-04T14:10', 'Asia/Tokyo', 3, 'email_from_contact'),
    ).flat();
    const sparse = weekly('sp', '2024-03-07T09:05', 'Asia/Tokyo', 2, 'email_from_contact');
    const email = find(run([...crowd, ...sparse]), 'sp', 'email');
    const monday = email?.windows.find((w) => w.weekday === 1);
    expect(monday).toMatchObject({ startMin: 14 * 60 });
    expect(monday?.reason).toBe(
      'few signals of their own (2), none on Mondays: Mondays 14:00-15:00 their time is borrowed from their signals on Thursdays and the pattern of contacts in Asia/Tokyo',
    );
    expect(Math.max(...(email?.windows ?? []).map((w) => w.stars))).toBeLessThanOrEqual(2.5);
  });

  it('rates stars in halves by how often windows like it were hit in the organisation', () => {
    const busy = weekly('busy', '2023-10-03T10:15', 'UTC', 25, 'email_from_contact');
    const starsIn = (org: BesttimeEvent[]) =>
      find(run([...org, ...busy]), 'busy', 'email')?.windows ?? [];
    const habitual = starsIn(organisation(60, 12));
    for (const w of habitual) {
      expect(w.stars * 2).toBe(Math.round(w.stars * 2));
      expect(w.stars).toBeGreaterThanOrEqual(0.5);
      expect(w.stars).toBeLessThanOrEqual(5);
    }
    // Where contacts keep their hours, 25 Tuesdays at 10:15 are a sure thing; where everyone's
    // hours scatter, the same record is worth less.
    expect(habitual.find((w) => w.weekday === 2)?.stars).toBe(5);
    const scattered = starsIn(organisation(60, 12, true));
    expect(scattered.find((w) => w.weekday === 2)?.stars).toBeLessThan(5);
  });

  it('never gives more than 3.5 stars to a window the contact never engaged in on that weekday', () => {
    const busy = weekly('busy', '2023-10-03T10:15', 'UTC', 25, 'email_from_contact');
    // Everyone else keeps their hour when they move to another weekday, so borrowing from the
    // contact's own Tuesdays for the other days is a good bet: still not a 4-star one.
    const org = wanderingOrganisation(60, 24);
    const windows = find(run([...org, ...busy]), 'busy', 'email')?.windows ?? [];
    const borrowed = windows.filter((w) => w.evidence.count === 0);
    expect(borrowed.length).toBeGreaterThan(0);
    for (const w of borrowed) expect(w.stars).toBeLessThanOrEqual(3.5);
    expect(Math.max(...borrowed.map((w) => w.score))).toBeGreaterThan(0.4);
  });

  it('rates a window inside office hours by the whole day: a contact who engages after closing is rarely caught in it', () => {
    // 25 Tuesdays at 18:15, the office open 09:00-17:00: the best open window holds little of
    // their day, however it ranks among the open hours (it promised 19.5% when its share was
    // read among the open hours alone).
    const hours = parseBusinessHours('Mon-Fri 09:00-17:00');
    const evening = weekly('late', '2023-10-03T18:15', 'UTC', 25, 'email_from_contact');
    const daytime = weekly('day', '2023-10-03T10:15', 'UTC', 25, 'email_from_contact');
    const results = run([...wanderingOrganisation(60, 24), ...evening, ...daytime], {
      businessHours: hours,
    });
    const tuesday = (id: string) =>
      find(results, id, 'email')?.windows.filter((w) => w.weekday === 2) ?? [];
    expect(tuesday('late').length).toBeGreaterThan(0);
    for (const w of tuesday('late')) {
      expect(w.score).toBeLessThan(0.05);
      expect(w.stars).toBeLessThanOrEqual(1);
    }
    // The same record inside the open hours is the sure thing it was.
    expect(tuesday('day')[0]).toMatchObject({ startMin: 600, stars: 5 });
    expect(tuesday('day')[0]?.score).toBeGreaterThan(0.9);
  });

  it('explains a call window with calls, not with the emails opened in the same hour', () => {
    const events = [
      ...weekly('mx', '2024-02-06T10:15', 'UTC', 8, 'call_answered', { durationS: 300 }),
      ...weekly('mx', '2024-01-02T10:30', 'UTC', 12, 'email_opened'),
    ];
    const results = run(events);
    const call = find(results, 'mx', 'call')?.windows.find((w) => w.weekday === 2);
    expect(call?.reason).toMatch(/^answered 8 calls on Tuesdays 10:00-11:00; last \d+ days? ago$/);
    expect(call?.evidence.count).toBe(8);
    const email = find(results, 'mx', 'email')?.windows.find((w) => w.weekday === 2);
    expect(email?.reason).toMatch(/^opened 12 emails on Tuesdays 10:00-11:00; last/);
  });

  it('recomputes a subset of contacts against existing priors exactly as a full compute does', () => {
    const events = [...tokyoCalls, ...weekly('x', '2024-03-06T20:10', 'UTC', 3, 'email_opened')];
    const byPerson = groupByPerson(events);
    const opts = options();
    const full = computeAll(byPerson, opts).results;
    const priors = buildPriors(events, opts);
    const partial = computePeople(new Map([['x', byPerson.get('x') ?? []]]), priors, opts);
    expect(partial).toEqual(full.filter((r) => r.personId === 'x'));
  });

  it('gives one web form, chat, page view or social like an e-mail window, as one case or one open does (BT-1)', () => {
    const when = at('2024-03-26T11:20', 'UTC');
    for (const type of [
      'web_form_submitted',
      'chat_started',
      'page_visit',
      'social_like_or_dm',
      'case_submitted',
      'email_opened',
    ] as const) {
      const results = run([event('one', when, type, { personTz: 'UTC' })]);
      expect(find(results, 'one', 'email')?.windows.length, type).toBeGreaterThan(0);
      // Calls come only from calls: none of these says when the phone is picked up.
      expect(find(results, 'one', 'call'), type).toBeUndefined();
      const tuesday = find(results, 'one', 'email')?.windows.find(
        (w) => w.weekday === 2 && w.startMin <= 660 && w.endMin > 660,
      );
      expect(tuesday?.reason, type).toMatch(/^few signals of their own \(1\): /);
    }
  });

  it('offers a Tokyo contact no night hours on borrowed evidence, only where they engaged at that hour themselves (BT-11)', () => {
    // The organisation works Berlin 09:00-17:00, which is 16:00-24:00 (and in summer 16:00-24:00)
    // in Tokyo; everyone else engages in Berlin's afternoon, which is Tokyo's night.
    const hours = parseBusinessHours('Mon-Fri 09:00-17:00');
    const crowd = Array.from({ length: 40 }, (_, i) =>
      weekly(`b${i}`, '2024-03-04T15:10', 'Europe/Berlin', 3, 'email_from_contact'),
    ).flat();
    const tokyo = weekly('tk', '2024-03-05T17:20', 'Asia/Tokyo', 2, 'email_opened');
    const opts = { orgTz: 'Europe/Berlin', businessHours: hours };
    const windows = find(run([...crowd, ...tokyo], opts), 'tk', 'email')?.windows ?? [];
    expect(windows.length).toBeGreaterThan(0);
    for (const w of windows) {
      expect(w.startMin).toBeGreaterThanOrEqual(7 * 60);
      expect(w.endMin).toBeLessThanOrEqual(22 * 60);
    }
    // Once they have opened mail at 23:10 themselves, 23:00 may be offered, and the hour beside
    // it (a habit is not cut at the hour), but no other night hour.
    const late = weekly('tk', '2024-03-06T23:10', 'Asia/Tokyo', 3, 'email_opened');
    const withLate = find(run([...crowd, ...tokyo, ...late], opts), 'tk', 'email')?.windows ?? [];
    expect(
      withLate.some((w) => w.weekday === 3 && w.startMin <= 23 * 60 && w.endMin > 23 * 60),
    ).toBe(true);
    for (const w of withLate) {
      for (let m = w.startMin; m < w.endMin; m += 60)
        if (m < 7 * 60 || m >= 22 * 60) expect([22 * 60, 23 * 60]).toContain(m);
    }
  });

  it('keeps a window with no own signal on its weekday at 3.5 stars or fewer, whatever it borrows', () => {
    // A creature of habit: 40 Tuesdays at 10:15, nothing on other days, in an organisation of
    // people who each keep one hour on every weekday.
    const busy = weekly('busy', '2023-06-20T10:15', 'UTC', 40, 'email_from_contact');
    const org = organisation(80, 20, false, true);
    const windows = find(run([...org, ...busy]), 'busy', 'email')?.windows ?? [];
    expect(windows.some((w) => w.weekday === 2 && w.stars >= 4)).toBe(true);
    for (const w of windows.filter((x) => x.weekday !== 2))
      expect(w.stars).toBeLessThanOrEqual(3.5);
  });
});
