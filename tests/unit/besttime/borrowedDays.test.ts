import { describe, expect, it } from 'vitest';
import { computeAll } from '../../../src/main/besttime/model/personModel';
import { groupByPerson } from '../../../src/main/besttime/model/priors';
import type { BesttimeEvent, LearnedWindow } from '../../../src/main/besttime/model/types';
import { at, event, options, weekly } from './eventFactory';

const BERLIN = 'Europe/Berlin';

function callWindows(events: BesttimeEvent[], asOf: number, personId = 'p1'): LearnedWindow[] {
  const { results } = computeAll(groupByPerson(events), options({ asOf }));
  return results.find((r) => r.personId === personId && r.channel === 'call')?.windows ?? [];
}

const first = (windows: LearnedWindow[], weekday: number): LearnedWindow | undefined =>
  windows.find((w) => w.weekday === weekday);

const hhmm = (w: LearnedWindow | undefined): string =>
  w ? `${String(w.startMin / 60).padStart(2, '0')}-${String(w.endMin / 60).padStart(2, '0')}` : '';

/**
 * One answered call on a Wednesday at 10:05 Berlin time, the only signal in the organisation,
 * on three dates: audit 40's (after the autumn change) and a week before each change of 2026-27
 * with as-of after it, so the call and the suggestions lie on opposite sides of the change.
 */
const CASES = [
  { name: 'audit 40 (CET)', call: '2026-11-04T10:05', asOf: '2026-11-10T01:00' },
  { name: 'call in CEST, as-of in CET', call: '2026-10-21T10:05', asOf: '2026-10-27T01:00' },
  { name: 'call in CET, as-of in CEST', call: '2027-03-24T10:05', asOf: '2027-03-30T02:00' },
];

describe("a day with the contact's own evidence is never rated below a day without (audit 40, BT-11)", () => {
  for (const c of CASES) {
    it(`one answered call on Wednesday 10:05 rates Wednesday first, every other day lower: ${c.name}`, () => {
      const events = [
        event('p1', at(c.call, BERLIN), 'call_answered', { durationS: 120, personTz: BERLIN }),
      ];
      const windows = callWindows(events, at(c.asOf, BERLIN));
      // By hand: the call's weight 1 spreads 1/2 to 10:00 and 1/4 to 09:00 and 11:00. Nobody
      // else is in the organisation, so what the contact borrows is uniform, 1/24 an hour, with
      // 4 pseudo-sittings; a day without calls of theirs is that profile: 10:00 (1/2 + 4/24) / 5
      // = 2/15, 09:00 (1/4 + 4/24) / 5 = 1/12 (at least 60% of 2/15, so the window takes it):
      // 09:00-11:00 holds 13/60 = 21.7%, 2.5 stars by the formula. Wednesday adds its own
      // call to 8 pseudo-sittings of that profile: 10:00 (1/2 + 8 * 2/15) / 9 = 47/270 = 17.4%,
      // 09:00 (1/4 + 8/12) / 9 = 11/108, under 60% of 10:00, so 10:00-11:00 alone: 2 stars.
      const wednesday = first(windows, 3);
      expect(hhmm(wednesday)).toBe('10-11');
      expect(wednesday?.score).toBeCloseTo(47 / 270, 6);
      expect(wednesday?.stars).toBe(2);
      expect(wednesday?.reason).toMatch(
        /^few calls of their own \(1\): answered 1 call on Wednesdays 10:00-11:00/,
      );
      for (const weekday of [1, 2, 4, 5, 6, 7]) {
        const day = first(windows, weekday);
        expect(hhmm(day)).toBe('09-11');
        expect(day?.score).toBeCloseTo(13 / 60, 6);
        // Before: 2.5 stars on each, above the day they answered. Nobody in the organisation
        // has called anyone on these days, so they read half a star under Wednesday.
        expect(day?.stars, `weekday ${weekday}`).toBe(1.5);
        // Before: "borrowed from the pattern of contacts in Europe/Berlin", of whom there are none;
        // then "from their own calls at other times", not saying which day the hour was seen on.
        expect(day?.reason).toMatch(
          /none on \w+days: \w+days 09:00-11:00 their time is borrowed from their calls on Wednesdays \(no other contact's to learn from yet\)$/,
        );
      }
      for (const w of windows) expect(w.stars).toBeLessThanOrEqual(wednesday?.stars ?? 0);
    });
  }

  it("rates weekends, where the organisation's own calls never fall, below the day the contact answered", () => {
    const asOf = at('2026-11-10T01:00', BERLIN);
    // Six other Berlin contacts answer Monday to Friday at 10:15 (7 September 2026 is a Monday)
    // for eight weeks: the organisation's pattern is weekday mornings, nothing at weekends.
    const others: BesttimeEvent[] = [];
    for (let p = 0; p < 6; p++)
      for (const day of ['07', '08', '09', '10', '11'])
        others.push(
          ...weekly(`o${p}`, `2026-09-${day}T10:15`, BERLIN, 8, 'call_answered', {
            durationS: 200,
          }),
        );
    const p1 = event('p1', at('2026-11-04T10:05', BERLIN), 'call_answered', {
      durationS: 120,
      personTz: BERLIN,
    });
    const windows = callWindows([...others, p1], asOf);
    const wednesday = first(windows, 3);
    expect(wednesday?.evidence.count).toBe(1);
    for (const weekday of [1, 2, 4, 5])
      expect(first(windows, weekday)?.stars ?? 0).toBeLessThanOrEqual(wednesday?.stars ?? 0);
    for (const weekday of [6, 7])
      expect(first(windows, weekday)?.stars ?? 0).toBeLessThan(wednesday?.stars ?? 0);
  });
});

/**
 * One answered call on a Tuesday at 10:00 Berlin time: what Monday shows. A day without the
 * contact's own calls is their other days' hours pooled with the population's; the window stays
 * (a rep calling on Monday still wants the likeliest hour), rated below the day they were seen
 * on and saying which day that was, so "Mondays 09:00-11:00" is not read as "reachable Mondays
 * at 10". Dates as above: in winter time, and with the call and the as-of on opposite sides of
 * each change of 2026-27.
 */
const TUESDAY_CASES = [
  { name: 'CET', call: '2026-11-03T10:00', asOf: '2026-11-09T01:00' },
  { name: 'call in CEST, as-of in CET', call: '2026-10-20T10:00', asOf: '2026-10-26T01:00' },
  { name: 'call in CET, as-of in CEST', call: '2027-03-23T10:00', asOf: '2027-03-29T02:00' },
];

describe('one answered call on a Tuesday at 10:00: what Monday shows', () => {
  for (const c of TUESDAY_CASES) {
    it(`Monday 09:00-11:00 at 1.5 stars, borrowed from their calls on Tuesdays: ${c.name}`, () => {
      const call = event('p1', at(c.call, BERLIN), 'call_answered', {
        durationS: 120,
        personTz: BERLIN,
      });
      const windows = callWindows([call], at(c.asOf, BERLIN));
      // By hand, as for the Wednesday above: the call weighs 1, 1/2 at 10:00 and 1/4 at 09:00
      // and 11:00; nobody else to borrow from, so the population is uniform (1/24 an hour)
      // with 4 pseudo-sittings. Tuesday: 10:00 (1/2 + 8 * 2/15) / 9 = 47/270 = 17.4%, alone
      // (09:00's 11/108 is under 60% of it): 2 stars. Monday has no call: its profile is the
      // week's, 10:00 (1/2 + 4/24) / 5 = 2/15 and 09:00 (1/4 + 4/24) / 5 = 1/12, so 09:00-11:00
      // holds 13/60 = 21.7% (2.5 stars by the formula), shown half a star under Tuesday.
      const tuesday = first(windows, 2);
      expect(hhmm(tuesday)).toBe('10-11');
      expect(tuesday?.score).toBeCloseTo(47 / 270, 6);
      expect(tuesday?.stars).toBe(2);
      expect(tuesday?.reason).toMatch(
        /^few calls of their own \(1\): answered 1 call on Tuesdays 10:00-11:00 their time; last 6 days ago/,
      );
      const monday = first(windows, 1);
      expect(hhmm(monday)).toBe('09-11');
      expect(monday?.score).toBeCloseTo(13 / 60, 6);
      expect(monday?.stars).toBe(1.5);
      expect(monday?.evidence.count).toBe(0);
      // Before: "borrowed from their own calls at other times", not saying the hour was seen on
      // a Tuesday.
      expect(monday?.reason).toBe(
        "few calls of their own (1), none on Mondays: Mondays 09:00-11:00 their time is borrowed from their calls on Tuesdays (no other contact's to learn from yet)",
      );
    });
  }

  it('names the Tuesday beside the pattern of contacts in the zone, and rates Monday no higher than Tuesday', () => {
    const asOf = at('2026-11-09T01:00', BERLIN);
    const others: BesttimeEvent[] = [];
    for (let p = 0; p < 6; p++)
      for (const day of ['07', '08', '09', '10', '11'])
        others.push(
          ...weekly(`o${p}`, `2026-09-${day}T10:15`, BERLIN, 8, 'call_answered', {
            durationS: 200,
          }),
        );
    const p1 = event('p1', at('2026-11-03T10:00', BERLIN), 'call_answered', {
      durationS: 120,
      personTz: BERLIN,
    });
    const windows = callWindows([...others, p1], asOf);
    const tuesday = first(windows, 2);
    const monday = first(windows, 1);
    expect(tuesday?.evidence.count).toBe(1);
    expect(monday?.stars ?? 0).toBeLessThanOrEqual(tuesday?.stars ?? 0);
    // Before: "borrowed from the pattern of contacts in Europe/Berlin" alone, though the
    // contact's own Tuesday call shapes every other day's hours too.
    expect(monday?.reason).toBe(
      'few calls of their own (1), none on Mondays: Mondays 10:00-11:00 their time is borrowed from their calls on Tuesdays and the pattern of contacts in Europe/Berlin',
    );
  });
});
