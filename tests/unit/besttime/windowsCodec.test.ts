import { describe, expect, it } from 'vitest';
import type { SignalType } from '../../../src/shared/signals';
import { computeAll } from '../../../src/main/besttime/model/personModel';
import { groupByPerson } from '../../../src/main/besttime/model/priors';
import { options, organisation, weekly } from './eventFactory';
import type { LearnedWindow, ReasonContext } from '../../../src/main/besttime/model/types';
import {
  decodeWindows,
  encodeWindows,
  reasonOf,
  type WeeklyWindow,
} from '../../../src/main/besttime/store/windowsCodec';

const DAY = 86_400_000;
const TOKYO = 'Asia/Tokyo';
const asOf = Date.UTC(2026, 10, 23, 9);
const context: ReasonContext = {
  ownSignals: 9,
  sparse: false,
  theirZone: 'Asia/Tokyo',
  borrowedFrom: null,
};
const window = (
  weekday: number,
  stars: number,
  byType: [SignalType, number][],
  lastAt: number | null,
): LearnedWindow => ({
  weekday,
  startMin: 600,
  endMin: 660,
  stars,
  score: 0.3,
  reason: '',
  evidence: { count: byType.reduce((n, [, c]) => n + c, 0), lastAt, byType },
});

describe('stored windows', () => {
  it('keep the evidence and word the reason on the day it is read', () => {
    const json = encodeWindows(
      [
        window(2, 4.5, [['call_answered', 4]], asOf - 9 * DAY),
        window(2, 2, [], null),
        window(
          3,
          3,
          [
            ['email_opened', 1],
            ['call_answered', 2],
          ],
          asOf - DAY,
        ),
      ],
      context,
    );
    const windows = decodeWindows('call', json);
    // Every number comes back, ranked within its weekday, with the evidence to word it from as
    // stored ([weekday, start, end, stars, last, type, count, ...]): picked apart when worded.
    const why = (row: (number | string | null)[]) => ({ context, row });
    expect(windows).toEqual([
      {
        channel: 'call',
        weekday: 2,
        rank: 1,
        startMin: 600,
        endMin: 660,
        stars: 4.5,
        why: why([2, 600, 660, 4.5, asOf - 9 * DAY, 'call_answered', 4]),
      },
      {
        channel: 'call',
        weekday: 2,
        rank: 2,
        startMin: 600,
        endMin: 660,
        stars: 2,
        why: why([2, 600, 660, 2, null]),
      },
      {
        channel: 'call',
        weekday: 3,
        rank: 1,
        startMin: 600,
        endMin: 660,
        stars: 3,
        why: why([3, 600, 660, 3, asOf - DAY, 'email_opened', 1, 'call_answered', 2]),
      },
    ] satisfies WeeklyWindow[]);
    const [first, second, third] = windows as [WeeklyWindow, WeeklyWindow, WeeklyWindow];
    expect(reasonOf(first, asOf, TOKYO)).toBe(
      'answered 4 calls on Tuesdays 10:00-11:00 their time; last 9 days ago',
    );
    // A week later the same stored row says so.
    expect(reasonOf(first, asOf + 7 * DAY, TOKYO)).toBe(
      'answered 4 calls on Tuesdays 10:00-11:00 their time; last 16 days ago',
    );
    expect(reasonOf(second, asOf, TOKYO)).toBe(
      'no calls of their own on Tuesdays 10:00-11:00 their time yet: borrowed from their other hours (9 calls) and the pattern of the whole organisation',
    );
    // A call window stored with an e-mail open (by an older version) never names it.
    expect(reasonOf(third, asOf, TOKYO)).toMatch(/^answered 2 calls on Wednesdays 10:00-11:00 /);
  });

  it('read back, word every reason as the model words it on the day', () => {
    const events = groupByPerson([
      ...organisation(40, 10),
      ...weekly('tokyo', '2024-01-09T10:15', 'Asia/Tokyo', 6, 'call_answered', { durationS: 300 }),
      ...weekly('tokyo', '2024-01-10T16:40', 'Asia/Tokyo', 2, 'email_opened'),
      ...weekly('tokyo', '2024-01-11T15:05', 'Asia/Tokyo', 5, 'call_no_answer'),
      ...weekly('tokyo', '2024-01-16T10:50', 'Asia/Tokyo', 2, 'call_no_answer'),
      ...weekly('sparse', '2024-02-06T09:05', 'America/New_York', 2, 'email_link_clicked'),
    ]);
    const day = options({ asOf: Date.UTC(2024, 2, 1), businessHours: null });
    const worded = computeAll(events, day).results;
    const kept = computeAll(events, { ...day, wordReasons: false }).results;
    expect(kept.map((r) => r.windows.length)).toEqual(worded.map((r) => r.windows.length));
    let compared = 0;
    for (const [i, r] of kept.entries()) {
      expect(r.windows.every((w) => w.reason === '')).toBe(true);
      const read = decodeWindows(r.channel, encodeWindows(r.windows, r.context));
      expect(read.map((w) => reasonOf(w, day.asOf, r.tz))).toEqual(
        worded[i]?.windows.map((w) => w.reason),
      );
      compared += read.length;
    }
    expect(compared).toBeGreaterThan(500);
    const tokyo = worded.find((r) => r.personId === 'tokyo' && r.channel === 'call');
    expect(tokyo?.windows.find((w) => w.weekday === 2)?.reason).toBe(
      'answered 6 calls on Tuesdays 09:00-11:00 their time; last 17 days ago; 2 calls there went unanswered',
    );
  });

  it('read a row of the version that kept the hour most calls went unanswered without citing it', () => {
    // "u": [900, 5], five tries at 15:00 on any weekday; the window is 09:00-11:00.
    const json = JSON.stringify({
      n: 12,
      s: false,
      z: TOKYO,
      b: null,
      u: [900, 5],
      w: [[2, 540, 660, 5, asOf - 2 * DAY, 'call_answered', 6, 'call_no_answer', 2]],
    });
    const [w] = decodeWindows('call', json) as [WeeklyWindow];
    expect(reasonOf(w, asOf, TOKYO)).toBe(
      'answered 6 calls on Tuesdays 09:00-11:00 their time; last 2 days ago; 2 calls there went unanswered',
    );
  });

  it('stay readable when a number cannot be spelled in JSON', () => {
    const json = encodeWindows([window(1, Number.NaN, [['call_answered', 1]], asOf)], context);
    const [w] = decodeWindows('call', json) as [WeeklyWindow];
    expect(w.stars).toBe(0);
    // A window with no weekday cannot be placed: it is left out, the others are kept.
    const noDay = encodeWindows([window(Number.NaN, 3, [], null), window(4, 3, [], null)], context);
    expect(decodeWindows('call', noDay).map((x) => x.weekday)).toEqual([4]);
    expect(reasonOf(w, asOf, TOKYO)).toMatch(/^answered 1 call on Mondays/);
  });

  it('read as none when damaged, of any shape', () => {
    for (const damaged of ['{"w": [[2, 600', '{"w": 5}', '[1, 2]', 'null', '"text"', '{}'])
      expect(decodeWindows('call', damaged)).toEqual([]);
  });

  it('written by an earlier version keep their worded reasons', () => {
    const json = JSON.stringify([
      [2, 540, 600, 4.5, 'best'],
      [2, 600, 660, 2, 'second'],
      [1, 540, 600, 3, 'monday'],
    ]);
    expect(
      decodeWindows('email', json).map((w) => [w.weekday, w.rank, reasonOf(w, asOf, 'UTC')]),
    ).toEqual([
      [2, 1, 'best'],
      [2, 2, 'second'],
      [1, 1, 'monday'],
    ]);
  });

  it('worded earlier with midnight as 24:00 read it as the planner writes it, 00:00', () => {
    const json = JSON.stringify([
      [7, 1380, 1440, 3, 'sent 2 emails on Sundays 23:00-24:00 their time; last 3 days ago'],
    ]);
    const [w] = decodeWindows('email', json) as [WeeklyWindow];
    expect(reasonOf(w, asOf, TOKYO)).toBe(
      'sent 2 emails on Sundays 23:00-00:00 their time; last 3 days ago',
    );
  });

  it('leave out a signal type this version does not know, not the window', () => {
    const json = JSON.stringify({
      n: 3,
      s: true,
      z: null,
      b: null,
      w: [[5, 600, 720, 1.5, asOf - 2 * DAY, 'hologram_call', 2, 'call_answered', 1]],
    });
    const [w] = decodeWindows('call', json) as [WeeklyWindow];
    expect([w.weekday, w.startMin, w.endMin]).toEqual([5, 600, 720]);
    expect(reasonOf(w, asOf, 'Europe/Berlin')).toMatch(
      /^few calls of their own \(3\): answered 1 call on Fridays 10:00-12:00;/,
    );
  });

  it('count the days since the last signal in the calendar of the zone they are placed in', () => {
    // The organisation's zone, so no "their time": Mondays 10:00-11:00 in Berlin, the last call
    // on Monday 16 November at 16:00 there, read on Monday 23 November at 10:20 (6 days 18 hours).
    const json = encodeWindows(
      [window(1, 4, [['call_answered', 4]], Date.UTC(2026, 10, 16, 15, 0))],
      { ...context, theirZone: null },
    );
    const [w] = decodeWindows('call', json) as [WeeklyWindow];
    const monday = Date.UTC(2026, 10, 23, 9, 20);
    expect(reasonOf(w, monday, 'Europe/Berlin')).toBe(
      'answered 4 calls on Mondays 10:00-11:00; last 7 days ago',
    );
    // The same row read where that Monday 16:00 was already Tuesday 00:00.
    expect(reasonOf(w, monday, TOKYO)).toMatch(/; last 6 days ago$/);
  });
});
