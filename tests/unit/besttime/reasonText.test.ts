import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { explainWindow, explainWindowBoth, type ReasonInput } from '../../../src/main/besttime/model/reasonText';

const DAY = 86_400_000;
const base: ReasonInput = {
  channel: 'call',
  weekday: 2,
  startMin: 600,
  endMin: 660,
  typeCounts: [['call_answered', 4]],
  lastAt: 100 * DAY - 9 * DAY,
  asOf: 100 * DAY,
  ownSignals: 12,
  sparse: false,
  theirZone: 'Asia/Tokyo',
  borrowedFrom: null,
  zone: 'Asia/Tokyo',
};

describe('window explanations (BT-10)', () => {
  it('names the signals, the local hours and how long ago', () => {
    expect(explainWindow(base)).toBe(
      'answered 4 calls on Tuesdays 10:00-11:00 their time; last 9 days ago',
    );
  });

  it('puts the strongest evidence for the channel first and counts the rest', () => {
    const reason = explainWindow({
      ...base,
      channel: 'email',
      weekday: 3,
      startMin: 1200,
      endMin: 1260,
      theirZone: null,
      typeCounts: [
        ['email_link_clicked', 2],
        ['email_opened', 3],
        ['email_from_contact', 1],
        ['case_submitted', 1],
      ],
      lastAt: 98 * DAY,
    });
    // audit47: "… and 2 other signals" read as if they had opened or clicked the signals.
    expect(reason).toBe(
      'opened 3 emails, clicked links in 2 emails, sent 1 email and submitted 1 case on Wednesdays 20:00-21:00; last 2 days ago',
    );
  });

  it('names two kinds beyond the first two, however many of each, not "2 other signals"', () => {
    const reason = explainWindow({
      ...base,
      channel: 'email',
      weekday: 3,
      startMin: 1200,
      endMin: 1260,
      theirZone: null,
      typeCounts: [
        ['email_opened', 4],
        ['email_from_contact', 3],
        ['web_form_submitted', 2],
      ],
      lastAt: 98 * DAY,
    });
    expect(reason).toBe(
      'sent 3 emails, opened 4 emails and submitted 2 web forms on Wednesdays 20:00-21:00; last 2 days ago',
    );
  });

  it('counts the rest apart from the verbs when there are more kinds than a reason lists', () => {
    const reason = explainWindow({
      ...base,
      channel: 'email',
      weekday: 3,
      startMin: 1200,
      endMin: 1260,
      theirZone: null,
      typeCounts: [
        ['email_opened', 4],
        ['email_from_contact', 3],
        ['web_form_submitted', 1],
        ['case_submitted', 1],
        ['chat_started', 1],
      ],
      lastAt: 98 * DAY,
    });
    expect(reason).toBe(
      'sent 3 emails and opened 4 emails, plus 3 other signals, on Wednesdays 20:00-21:00; last 2 days ago',
    );
  });

  it('names the one signal beyond the first two for what it was, not "1 other signal"', () => {
    const reason = explainWindow({
      ...base,
      channel: 'email',
      weekday: 3,
      startMin: 1200,
      endMin: 1260,
      theirZone: null,
      typeCounts: [
        ['email_opened', 3],
        ['web_form_submitted', 1],
        ['email_link_clicked', 2],
      ],
      lastAt: 98 * DAY,
    });
    // Before: "opened 3 emails, clicked links in 2 emails and 1 other signal on ...".
    expect(reason).toBe(
      'opened 3 emails, clicked links in 2 emails and submitted 1 web form on Wednesdays 20:00-21:00; last 2 days ago',
    );
  });

  it('says when strength is borrowed, and from where', () => {
    const reason = explainWindow({
      ...base,
      typeCounts: [],
      lastAt: null,
      ownSignals: 2,
      sparse: true,
      borrowedFrom: 'Asia/Tokyo',
    });
    expect(reason).toBe(
      'few calls of their own (2), none on Tuesdays 10:00-11:00 their time: borrowed from the pattern of contacts in Asia/Tokyo',
    );
    // With the counts per weekday, a weekday with none of their own says so.
    expect(
      explainWindow({
        ...base,
        typeCounts: [],
        lastAt: null,
        ownSignals: 2,
        sparse: true,
        borrowedFrom: 'Asia/Tokyo',
        // Mondays only.
        ownWeekdays: 0b0000001,
      }),
    ).toBe(
      'few calls of their own (2), none on Tuesdays: Tuesdays 10:00-11:00 their time is borrowed from their calls on Mondays and the pattern of contacts in Asia/Tokyo',
    );
  });

  it('names the weekdays a borrowed day was seen on, up to three, then "other days"', () => {
    const noneOnTuesday = (ownWeekdays: number, sparse: boolean, borrowedFrom: string | null) =>
      explainWindow({
        ...base,
        typeCounts: [],
        lastAt: null,
        ownSignals: sparse ? 1 : 12,
        sparse,
        theirZone: null,
        borrowedFrom,
        ownWeekdays,
      });
    // One call on a Wednesday, nobody else in the organisation.
    expect(noneOnTuesday(0b0000100, true, '')).toBe(
      "few calls of their own (1), none on Tuesdays: Tuesdays 10:00-11:00 is borrowed from their calls on Wednesdays (no other contact's to learn from yet)",
    );
    expect(noneOnTuesday(0b0010101, false, null)).toBe(
      'no calls of their own on Tuesdays yet: Tuesdays 10:00-11:00 is borrowed from their calls on Mondays, Wednesdays and Fridays (12 calls) and the pattern of the whole organisation',
    );
    expect(noneOnTuesday(0b1011101, false, null)).toBe(
      'no calls of their own on Tuesdays yet: Tuesdays 10:00-11:00 is borrowed from their calls on other days (12 calls) and the pattern of the whole organisation',
    );
    // Two contacts with as many calls and the same source, seen on different days: each their own.
    expect(noneOnTuesday(0b0000100, true, null)).toBe(
      'few calls of their own (1), none on Tuesdays: Tuesdays 10:00-11:00 is borrowed from their calls on Wednesdays and the pattern of the whole organisation',
    );
    expect(noneOnTuesday(0b0001000, true, null)).toBe(
      'few calls of their own (1), none on Tuesdays: Tuesdays 10:00-11:00 is borrowed from their calls on Thursdays and the pattern of the whole organisation',
    );
  });

  it('ends a window at midnight at 00:00, as the planner writes it, and the singular for one signal', () => {
    const reason = explainWindow({
      ...base,
      channel: 'email',
      startMin: 1380,
      endMin: 1440,
      typeCounts: [['email_from_contact', 1]],
      lastAt: 100 * DAY - DAY,
    });
    expect(reason).toBe('sent 1 email on Tuesdays 23:00-00:00 their time; the last one yesterday');
  });

  it('says how long ago the last one was in words, not "last 0 days ago"', () => {
    const reason = explainWindow({
      ...base,
      channel: 'email',
      typeCounts: [['email_from_contact', 2]],
      lastAt: 100 * DAY - 3 * 3_600_000,
    });
    expect(reason).toMatch(/; the last one today$/);
  });
});

/**
 * "How long ago" as a reader of "on Mondays 10:00-11:00" counts it: in calendar days of the zone
 * the window's weekday and hours are in, not in 24-hour blocks. Every instant below is worked
 * out by hand from the local time in its comment.
 */
describe('how long ago the last signal was, in calendar days (BT-10)', () => {
  const HOUR = 3_600_000;
  const ago = (zone: string, lastAt: number, asOf: number): string => {
    const reason = explainWindow({
      ...base,
      weekday: 1,
      theirZone: null,
      zone,
      typeCounts: [['call_answered', 4]],
      lastAt,
      asOf,
    });
    return reason.slice(reason.lastIndexOf('; ') + 2);
  };
  // Monday 23 November 2026, 10:20 in Berlin (CET, UTC+1).
  const mondayMorning = Date.UTC(2026, 10, 23, 9, 20);

  it('says a week on a Monday for last Monday afternoon, though under 7 × 24 hours have passed', () => {
    // Monday 16 November, 16:00 in Berlin: 6 days and 18 hours 20 minutes before.
    const lastMonday = Date.UTC(2026, 10, 16, 15, 0);
    expect(mondayMorning - lastMonday).toBeLessThan(7 * DAY);
    expect(ago('Europe/Berlin', lastMonday, mondayMorning)).toBe('last 7 days ago');
  });

  it('says today for earlier the same day', () => {
    // Monday 23 November, 08:00 in Berlin.
    expect(ago('Europe/Berlin', Date.UTC(2026, 10, 23, 7, 0), mondayMorning)).toBe(
      'the last one today',
    );
  });

  it('says yesterday for the evening before, under 24 hours ago', () => {
    // Sunday 22 November, 23:00 in Berlin: 11 hours 20 minutes before.
    expect(ago('Europe/Berlin', Date.UTC(2026, 10, 22, 22, 0), mondayMorning)).toBe(
      'the last one yesterday',
    );
    // Sunday 23:50, read at 00:10 on Monday: twenty minutes, but another day.
    expect(
      ago('Europe/Berlin', Date.UTC(2026, 10, 22, 22, 50), Date.UTC(2026, 10, 22, 23, 10)),
    ).toBe('the last one yesterday');
  });

  it('says 2 days for the Saturday evening before a Monday, under 48 hours ago', () => {
    // Saturday 21 November, 23:00 in Berlin: 35 hours 20 minutes before.
    expect(ago('Europe/Berlin', Date.UTC(2026, 10, 21, 22, 0), mondayMorning)).toBe(
      'last 2 days ago',
    );
  });

  it("counts in the window's zone: the same instants are 6 days apart in Tokyo and 7 in Berlin", () => {
    // Monday 16:00 in Berlin is Tuesday 17 November 00:00 in Tokyo; the reading, Monday 23
    // November 18:20 there.
    const at = Date.UTC(2026, 10, 16, 15, 0);
    expect(ago('Asia/Tokyo', at, mondayMorning)).toBe('last 6 days ago');
    expect(ago('Europe/Berlin', at, mondayMorning)).toBe('last 7 days ago');
  });

  it('counts calendar days across the spring change in Berlin (29 March 2026, a 23-hour day)', () => {
    // Saturday 28 March 23:30 CET (UTC+1), read Monday 30 March 09:00 CEST (UTC+2): 32.5 hours,
    // two calendar days; with Monday's offset for both, the Saturday would read as Sunday 00:30.
    expect(ago('Europe/Berlin', Date.UTC(2026, 2, 28, 22, 30), Date.UTC(2026, 2, 30, 7, 0))).toBe(
      'last 2 days ago',
    );
    // Saturday 12:00 CET, read Sunday 12:30 CEST: 23.5 hours, the day before.
    expect(ago('Europe/Berlin', Date.UTC(2026, 2, 28, 11, 0), Date.UTC(2026, 2, 29, 10, 30))).toBe(
      'the last one yesterday',
    );
    // Monday 23 March 10:00 CET, read Monday 30 March 09:30 CEST: 166.5 hours, a week of days.
    expect(ago('Europe/Berlin', Date.UTC(2026, 2, 23, 9, 0), Date.UTC(2026, 2, 30, 7, 30))).toBe(
      'last 7 days ago',
    );
  });

  it('counts calendar days across the autumn change in Berlin (25 October 2026, a 25-hour day)', () => {
    // Sunday 25 October 00:30 CEST (UTC+2), read the same Sunday 23:45 CET (UTC+1): 24 hours
    // 15 minutes, the same day.
    expect(ago('Europe/Berlin', Date.UTC(2026, 9, 24, 22, 30), Date.UTC(2026, 9, 25, 22, 45))).toBe(
      'the last one today',
    );
  });

  it('counts calendar days across both changes in Los Angeles (8 March and 1 November 2026)', () => {
    // Saturday 7 March 23:30 PST (UTC−8), read Sunday 8 March 23:45 PDT (UTC−7): 23 hours 15
    // minutes, the day before.
    expect(
      ago('America/Los_Angeles', Date.UTC(2026, 2, 8, 7, 30), Date.UTC(2026, 2, 9, 6, 45)),
    ).toBe('the last one yesterday');
    // Sunday 1 November 00:15 PDT, read the same Sunday 23:50 PST: 24 hours 35 minutes, today.
    expect(
      ago('America/Los_Angeles', Date.UTC(2026, 10, 1, 7, 15), Date.UTC(2026, 10, 2, 7, 50)),
    ).toBe('the last one today');
  });

  it('never says "today" for a last signal after the day read (a past day, windows learned since)', () => {
    // Read on Friday 23 October 16:00 in Berlin; the last call Friday 30 October 16:30.
    const friday = Date.UTC(2026, 9, 23, 14, 0);
    expect(ago('Europe/Berlin', Date.UTC(2026, 9, 30, 15, 30), friday)).toBe(
      'the last one 7 days after this day',
    );
    // Saturday 24 October 09:00: the next day.
    expect(ago('Europe/Berlin', Date.UTC(2026, 9, 24, 7, 0), friday)).toBe(
      'the last one the next day',
    );
    // Later the same Friday is still that day.
    expect(ago('Europe/Berlin', Date.UTC(2026, 9, 23, 17, 0), friday)).toBe('the last one today');
  });

  it('counts in UTC for a zone that is not one, rather than spelling NaN days', () => {
    // Sunday 22 November 23:30 UTC (Monday 00:30 in Berlin), read Monday 09:20 UTC.
    expect(ago('Mars/Olympus_Mons', Date.UTC(2026, 10, 22, 23, 30), mondayMorning)).toBe(
      'the last one yesterday',
    );
  });

  it('words one count of days the same way however many hours it spans', () => {
    // Texts are kept per count of days: Sunday 11:00 and Sunday 01:00 are both yesterday.
    const monday = Date.UTC(2026, 10, 23, 11, 0); // 12:00 in Berlin
    expect(ago('Europe/Berlin', monday - 25 * HOUR, monday)).toBe('the last one yesterday');
    expect(ago('Europe/Berlin', monday - 35 * HOUR, monday)).toBe('the last one yesterday');
    expect(ago('Europe/Berlin', monday - 37 * HOUR, monday)).toBe('last 2 days ago');
    expect(ago('Europe/Berlin', monday - 2 * HOUR, monday)).toBe('the last one today');
  });
});

describe('a past day’s reason, read once the day is over (audit49 3)', () => {
  const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
  // Sunday 25 October 2026, Berlin's 25-hour day: its window at 22:00, worded as of its start.
  const sunday = {
    ...base,
    weekday: 7,
    startMin: 22 * 60,
    endMin: 23 * 60,
    theirZone: null,
    zone: 'Europe/Berlin',
    asOf: berlin('2026-10-25T22:00'),
  };
  const words = (lastAt: number | null, dayOver: boolean, typeCounts = base.typeCounts) =>
    explainWindow({ ...sunday, typeCounts: [...typeCounts], lastAt, dayOver });

  it('says “that day” where the day’s own plan said “today”, its last hour after the clocks went back', () => {
    const lastAt = berlin('2026-10-25T23:30');
    expect(words(lastAt, false)).toBe(
      'answered 4 calls on Sundays 22:00-23:00; the last one today',
    );
    expect(words(lastAt, true)).toBe(
      'answered 4 calls on Sundays 22:00-23:00; the last one that day',
    );
  });

  it('says “the day before” and “days before that day” for what came before it', () => {
    // 00:30 on the Saturday is under 24 hours before Sunday 22:00, but the day before.
    expect(words(berlin('2026-10-24T23:30'), false)).toBe(
      'answered 4 calls on Sundays 22:00-23:00; the last one yesterday',
    );
    expect(words(berlin('2026-10-24T23:30'), true)).toBe(
      'answered 4 calls on Sundays 22:00-23:00; the last one the day before',
    );
    // 23:59 on the Saturday and 00:00 on the Sunday: either side of that day's midnight.
    expect(words(berlin('2026-10-24T23:59'), true)).toMatch(/the last one the day before$/);
    expect(words(berlin('2026-10-25T00:00'), true)).toMatch(/the last one that day$/);
    expect(words(berlin('2026-10-18T22:30'), false)).toBe(
      'answered 4 calls on Sundays 22:00-23:00; last 7 days ago',
    );
    expect(words(berlin('2026-10-18T22:30'), true)).toBe(
      'answered 4 calls on Sundays 22:00-23:00; the last one 7 days before that day',
    );
  });

  it('words a sparse window and one with unanswered calls of that day in the middle of the reason', () => {
    const sparse = explainWindow({
      ...sunday,
      sparse: true,
      ownSignals: 2,
      typeCounts: [
        ['call_answered', 1],
        ['call_no_answer', 2],
      ],
      lastAt: berlin('2026-10-25T22:10'),
      dayOver: true,
    });
    expect(sparse).toBe(
      'few calls of their own (2): answered 1 call on Sundays 22:00-23:00; the last one that day; the rest borrowed from the pattern of the whole organisation; 2 calls there went unanswered',
    );
  });

  it('says the same of what came after that day, and of a borrowed window, whenever it is read', () => {
    const after = berlin('2026-10-26T09:00');
    expect(words(after, true)).toBe(
      'answered 4 calls on Sundays 22:00-23:00; the last one the next day',
    );
    expect(words(after, false)).toBe(words(after, true));
    expect(words(berlin('2026-10-28T09:00'), true)).toBe(
      'answered 4 calls on Sundays 22:00-23:00; the last one 3 days after this day',
    );
    expect(words(null, true, [])).toBe(words(null, false, []));
  });

  it('words a kept window for its day and for after it at once, as each is worded alone (review50 4)', () => {
    // A kept day keeps both for each of a Team page's windows: worded once, they differ only in
    // "the last one …", and everything else (sparse, unanswered, borrowed) reads the same.
    const cases: Partial<ReasonInput>[] = [
      { lastAt: berlin('2026-10-25T23:30') },
      { lastAt: berlin('2026-10-24T23:30') },
      { lastAt: berlin('2026-10-18T22:30') },
      { lastAt: berlin('2026-10-28T09:00') },
      {
        sparse: true,
        ownSignals: 2,
        typeCounts: [
          ['call_answered', 1],
          ['call_no_answer', 2],
        ],
        lastAt: berlin('2026-10-25T22:10'),
      },
      { typeCounts: [['call_no_answer', 3]], lastAt: berlin('2026-10-25T22:10') },
      { typeCounts: [], lastAt: null },
    ];
    for (const c of cases) {
      const input = (dayOver: boolean): ReasonInput => ({
        ...sunday,
        ...c,
        typeCounts: [...(c.typeCounts ?? base.typeCounts)],
        dayOver,
      });
      expect(explainWindowBoth(input(false))).toEqual({
        day: explainWindow(input(false)),
        over: explainWindow(input(true)),
      });
    }
    expect(explainWindowBoth({ ...sunday, lastAt: berlin('2026-10-18T22:30') })).toEqual({
      day: 'answered 4 calls on Sundays 22:00-23:00; last 7 days ago',
      over: 'answered 4 calls on Sundays 22:00-23:00; the last one 7 days before that day',
    });
  });
});
