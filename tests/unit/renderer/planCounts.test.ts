import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { PlannerRow } from '../../../src/shared/contract';
import { rowState } from '../../../src/shared/slotStates';
import { planCounts } from '../../../src/renderer/src/plan/planCounts';

const HOUR = 3_600_000;
const at = Date.UTC(2026, 10, 24, 9);
const row = (
  state: PlannerRow['state'],
  action: PlannerRow['action'] = null,
  start: number | null = at,
): PlannerRow =>
  ({
    channel: 'call',
    state,
    action,
    start,
    end: start === null ? null : start + HOUR,
    stars: 4,
    alternatives: [],
  }) as unknown as PlannerRow;

const texts = (rows: PlannerRow[], date = '2026-11-24', now = at + 2 * HOUR) =>
  planCounts(rows, date, '2026-11-24', 'Europe/Berlin', now).map((c) => c.text);

describe("the planner header's counts", () => {
  it('counts a skip, or a snooze to another day, as skipped, never as done', () => {
    const rows = [
      row('now'),
      row('upcoming'),
      row('now', 'done'),
      row('upcoming', 'skipped'),
      row('none', 'snoozed', null),
    ];
    expect(texts(rows)).toEqual([
      '1 worth a call now',
      '1 in window now',
      '1 upcoming',
      '1 done · 2 skipped',
      '0 missed',
    ]);
    // A snooze to a later window today is still to do.
    expect(texts([row('upcoming', 'snoozed'), row('struck', 'done')])).toContain('1 done');
    // Another day's counts say the same.
    expect(texts([row('upcoming', 'skipped')], '2026-11-25')).toContain('0 done · 1 skipped');
  });

  it('counts a row whose window had only an unanswered call as tried, beside done, not as still to call or missed', () => {
    const tried = (r: PlannerRow, inWindow = true): PlannerRow => ({
      ...r,
      tried: { at: at + 10 * 60_000, outcome: 'no_answer', inWindow },
    });
    const rows = [
      row('now'),
      tried(row('now')),
      tried(row('struck', null, at - 3 * HOUR)),
      row('now', 'done'),
      // Tried before its window opened: the window is still to work.
      tried(row('upcoming', null, at + 3 * HOUR), false),
    ];
    const counts = planCounts(rows, '2026-11-24', '2026-11-24', 'Europe/Berlin', at + 2 * HOUR);
    expect(counts.map((c) => c.text)).toEqual([
      '1 worth a call now',
      '1 in window now',
      '1 upcoming',
      '1 done · 2 tried',
      '0 missed',
    ]);
    expect(counts.find((c) => c.key === 'done')?.title).toMatch(
      /\. Tried: .*no answer, busy, voicemail.*call again/,
    );
    // With skips too, each in its place; none tried, the count says nothing of it.
    expect(texts([tried(row('now')), row('upcoming', 'skipped')])).toContain(
      '0 done · 1 tried · 1 skipped',
    );
    expect(texts([row('now', 'done')])).toContain('1 done');
  });

  // Audit50 8: the Team week's "Calls: 16 logged in Zoho" beside this "0 done · 3 tried".
  it('says in the done count’s tooltip that it counts this plan’s rows marked here, not the calls in Zoho', () => {
    for (const rows of [[row('now')], [row('now', 'done')]]) {
      const title = planCounts(rows, '2026-11-24', '2026-11-24', 'Europe/Berlin', at).find(
        (c) => c.key === 'done',
      )?.title;
      expect(title).toMatch(/^Done: this plan’s rows marked done in this app/);
      expect(title).toContain('“logged in Zoho” counts every call the CRM holds');
    }
  });

  it('keeps the calls finished today as done when Calls is turned off, and leads with email (BT-8)', () => {
    const email = (r: PlannerRow): PlannerRow => ({ ...r, channel: 'email' });
    // Calls off: the plan lists email rows only, and says what was finished on calls before.
    const callsOff = { channels: ['email' as const], finishedOff: { done: 3, skipped: 1 } };
    const rows = [email(row('now')), email(row('upcoming')), email(row('now', 'done'))];
    const counts = planCounts(rows, '2026-11-24', '2026-11-24', 'Europe/Berlin', at, callsOff);
    expect(counts.map((c) => c.text)).toEqual([
      '1 worth an email now',
      '1 in window now',
      '1 upcoming',
      '4 done · 1 skipped',
      '0 missed',
    ]);
    expect(counts.find((c) => c.key === 'done')?.title).toMatch(/3 done and 1 skipped on calls/);
    // The email count leads even when it is 0: it is the day's only channel.
    expect(
      planCounts([email(row('upcoming'))], '2026-11-24', '2026-11-24', 'Europe/Berlin', at, {
        ...callsOff,
        finishedOff: { done: 3, skipped: 0 },
      }).map((c) => c.text),
    ).toEqual(['0 worth an email now', '0 in window now', '1 upcoming', '3 done', '0 missed']);
    // Another day's done count keeps them too.
    expect(
      planCounts([], '2026-11-25', '2026-11-24', 'Europe/Berlin', at, callsOff).map((c) => c.text),
    ).toContain('3 done · 1 skipped');
    // A filter narrows the list to rows: the calls, listed nowhere, are not among them.
    expect(
      planCounts(rows, '2026-11-24', '2026-11-24', 'Europe/Berlin', at, callsOff, true).map(
        (c) => c.text,
      ),
    ).toContain('1 done');
    // Emails off: no email count even with one open, and no call count for a channel off either.
    const emailsOff = { channels: ['call' as const], finishedOff: { done: 0, skipped: 0 } };
    expect(
      planCounts([row('now')], '2026-11-24', '2026-11-24', 'Europe/Berlin', at, emailsOff)[0]?.text,
    ).toBe('1 worth a call now');
    expect(
      planCounts([], '2026-11-24', '2026-11-24', 'Europe/Berlin', at, {
        channels: [],
        finishedOff: { done: 2, skipped: 0 },
      }).map((c) => c.text),
    ).toEqual(['0 in window now', '0 upcoming', '2 done', '0 missed']);
  });

  it('counts a window that ended after a call to the person in it as worked, one before it as neither worked nor missed (as the Team page does)', () => {
    const reached = (r: PlannerRow, minutes: number, inWindow: boolean): PlannerRow => ({
      ...r,
      reached: { at: (r.start ?? at) + minutes * 60_000, inWindow },
    });
    const rows = [
      // Called in the window (a call synced from the CRM, not marked done here).
      reached(row('struck'), 31, true),
      // Called before the window began: the person was reached already.
      reached(row('passed'), -75, false),
      // Called after the window ended: missed, then reached.
      reached(row('struck'), 80, false),
      row('struck'),
    ];
    expect(texts(rows)).toEqual([
      '0 worth a call now',
      '0 in window now',
      '0 upcoming',
      '0 done',
      '1 worked',
      '1 reached before their window',
      '2 missed',
    ]);
    // No chip for none.
    expect(texts([row('struck')]).some((t) => t.endsWith('worked'))).toBe(false);
  });

  it('counts only calls as worth a call now, and the emails open now beside them', () => {
    const email = (r: PlannerRow): PlannerRow => ({ ...r, channel: 'email' });
    const rows = [row('now'), row('now'), email(row('now')), email(row('now')), email(row('now'))];
    const counts = texts(rows);
    expect(counts[0]).toBe('2 worth a call now');
    expect(counts[1]).toBe('3 worth an email now');
    expect(counts).toContain('5 in window now');
    // No email chip when no email window is open.
    expect(texts([row('now')]).some((t) => t.includes('email'))).toBe(false);
  });

  it('does not count a person called in their open window as worth a call now: the window is worked', () => {
    // A call from the phone system, synced from the CRM 12 minutes ago, inside the open window.
    const called: PlannerRow = { ...row('now'), reached: { at: at + 20 * 60_000, inWindow: true } };
    expect(texts([called, row('now'), row('upcoming')])).toEqual([
      '1 worth a call now',
      '1 in window now',
      '1 upcoming',
      '0 done',
      '1 worked',
      '0 missed',
    ]);
  });

  it('does not count a person reached earlier today as worth a call now, though their row stays in window', () => {
    // Reached at 08:00 in an earlier window of theirs, a later 4★ one open now: the Team page
    // reads the open one as reached already, no call of its own needed.
    const earlier = { start: at - 2 * HOUR, end: at - HOUR, stars: 3 };
    const reachedEarlier: PlannerRow = {
      ...row('now'),
      alternatives: [earlier],
      reached: { at: at - HOUR - 10 * 60_000, inWindow: false },
    };
    // Called between windows, and emailed before an email window: the same on each channel.
    const between: PlannerRow = {
      ...row('now'),
      reached: { at: at - 5 * 60_000, inWindow: false },
    };
    const emailed: PlannerRow = {
      ...row('now'),
      channel: 'email',
      reached: { at: at - HOUR, inWindow: false },
    };
    // Tried earlier (no answer): nobody reached, still one to call now.
    const tried: PlannerRow = {
      ...row('now'),
      tried: { at: at - HOUR, outcome: 'no_answer', inWindow: false },
    };
    const counts = texts([reachedEarlier, between, emailed, tried]);
    expect(counts.slice(0, 2)).toEqual(['1 worth a call now', '4 in window now']);
    expect(counts.some((t) => t.includes('email now'))).toBe(false);
  });

  describe('missed, as the Team page counts it, on the day Berlin moves its clocks forward', () => {
    // Sunday 28 March 2027: at 02:00 Berlin's clocks jump to 03:00 (UTC+1 to UTC+2).
    const day = '2027-03-28';
    const berlin = (hm: string): number =>
      DateTime.fromISO(`${day}T${hm}`, { zone: 'Europe/Berlin' }).toMillis();
    type Win = { start: number; end: number; stars: number };
    const win = (from: string, to: string, stars = 4): Win => ({
      start: berlin(from),
      end: berlin(to),
      stars,
    });
    /** A row showing `shown`, its state at `now`, the day's other windows beside it. */
    const rowAt = (now: number, shown: Win, others: Win[] = [], channel = 'call'): PlannerRow =>
      ({
        channel,
        state: rowState(shown, now),
        action: null,
        start: shown.start,
        end: shown.end,
        stars: shown.stars,
        alternatives: others,
      }) as unknown as PlannerRow;
    // An early call window that ended before the jump (00:45 UTC), with no other that day.
    const early = win('01:00', '01:45');
    // An email window before the jump whose person has a later one at 09:00 summer time.
    const before = win('00:30', '01:30');
    const later = win('09:00', '10:00');
    // A ½★ window that ended before the jump: the list folds it under "Low confidence".
    const unsure = win('01:00', '01:30', 0.5);
    const rowsAt = (now: number): PlannerRow[] => [
      rowAt(now, early),
      rowAt(now, before, [later], 'email'),
      rowAt(now, later, [before], 'email'),
      rowAt(now, unsure),
    ];
    const countsAt = (hm: string) => {
      const now = berlin(hm);
      const rows = rowsAt(now);
      const counts = planCounts(rows, day, day, 'Europe/Berlin', now);
      // Every row is in exactly one count ("worth … now" are among those in window now).
      const counted = counts
        .filter((c) => !c.key.startsWith('worth'))
        .flatMap((c) => [...c.text.matchAll(/(?:^|· )(\d+)/g)].map((m) => Number(m[1])))
        .reduce((a, b) => a + b, 0);
      expect(counted, `every row counted once at ${hm}`).toBe(rows.length);
      return counts.map((c) => c.text);
    };

    it('is not missed until 30 real minutes after its end: at 03:10 summer time the 01:45 window just ended', () => {
      // 03:10 is 25 minutes after 01:45 across the jump, not 85: the window is not struck through.
      expect(countsAt('03:10')).toEqual([
        '0 worth a call now',
        '0 in window now',
        '2 upcoming',
        '0 done',
        '0 missed · 1 just ended · 1 under 2★',
      ]);
      expect(countsAt('03:15')).toContain('1 missed · 1 under 2★');
    });

    it('counts a window passed with a later one today as upcoming, and never a window under 2★ as missed', () => {
      expect(countsAt('08:00')).toEqual([
        '0 worth a call now',
        '0 in window now',
        '2 upcoming',
        '0 done',
        '1 missed · 1 under 2★',
      ]);
      // The later window open now: the ended one's person is still to come.
      expect(countsAt('09:30')).toEqual([
        '0 worth a call now',
        '1 worth an email now',
        '1 in window now',
        '1 upcoming',
        '0 done',
        '1 missed · 1 under 2★',
      ]);
      // The later window ended 29 minutes ago: not missed yet, nor the one before it.
      expect(countsAt('10:29')).toContain('1 upcoming');
      expect(countsAt('10:29')).toContain('1 missed · 1 just ended · 1 under 2★');
      // Struck through: every window the email rows had today has passed unworked.
      expect(countsAt('10:30')).toEqual([
        '0 worth a call now',
        '0 in window now',
        '0 upcoming',
        '0 done',
        '3 missed · 1 under 2★',
      ]);
    });

    it('counts a window passed with only windows under 2★ later today as missed once struck through, as the Team page does', () => {
      const unsureLater = win('11:00', '12:00', 0.5);
      const rowsWith = (now: number): PlannerRow[] => [
        rowAt(now, early, [unsureLater]),
        rowAt(now, unsureLater, [early]),
      ];
      const at = (hm: string) => {
        const now = berlin(hm);
        return planCounts(rowsWith(now), day, day, 'Europe/Berlin', now).map((c) => c.text);
      };
      expect(at('08:00')).toContain('1 missed');
      expect(at('10:00')).toContain('1 missed');
      expect(at('12:00')).toContain('1 missed · 1 under 2★');
      expect(at('08:00')).toContain('1 upcoming');
    });

    it('leaves out a count of rows without a window when there are none, and shows it when there are', () => {
      const now = berlin('08:00');
      const none = { ...rowAt(now, early), state: 'none', start: null, end: null, stars: null };
      expect(
        planCounts([rowAt(now, early)], day, day, 'Europe/Berlin', now).map((c) => c.key),
      ).not.toContain('none');
      expect(
        planCounts([none as PlannerRow], day, day, 'Europe/Berlin', now).map((c) => c.text),
      ).toContain('1 without a window today');
      expect(
        planCounts([none as PlannerRow], '2027-03-29', day, 'Europe/Berlin', now).map(
          (c) => c.text,
        ),
      ).toContain('1 without a window on Monday');
    });
  });
});

describe('a past day’s header (audit49 2)', () => {
  // Read on Tuesday 24 November about Monday 23 November.
  const monday = Date.UTC(2026, 10, 23, 9);
  const worked = {
    ...row('struck', null, monday),
    reached: { at: monday + 10 * 60_000, inWindow: true },
  } as PlannerRow;
  const coverage = {
    windows: 62,
    goodWindows: 40,
    worked: 16,
    outside: 4,
    missed: 42,
    justEnded: 0,
    booked: 0,
    shareWorked: 16 / 62,
  };
  const counts = (filtered: boolean, dayCoverage = coverage) =>
    planCounts(
      [worked, row('struck', null, monday)],
      '2026-11-23',
      '2026-11-24',
      'Europe/Berlin',
      at,
      { channels: ['call', 'email'], finishedOff: { done: 0, skipped: 0 }, dayCoverage },
      filtered,
    ).map((c) => c.text);

  it('says its worked windows as the Team page says them of the rep’s lane', () => {
    expect(counts(false)).toEqual([
      '2 windows on Monday',
      '2 at 2★ or more',
      '0 done',
      '16 of 62 due worked, 62 planned',
    ]);
  });

  it('says its coverage as planned windows, so an alternative at 2★ (not the shown window) reads as no contradiction (review49 3)', () => {
    // The shown window is 1★; the person's 3★ window that day is an alternative. The header's
    // "at 2★ or more" counts the row's shown window, the Team page's coverage the 3★ one.
    const unsure = {
      ...row('struck', null, monday),
      stars: 1,
      alternatives: [{ start: monday + 3 * HOUR, end: monday + 4 * HOUR, stars: 3 }],
      reached: { at: monday + 3 * HOUR + 60_000, inWindow: false },
    } as PlannerRow;
    const one = { ...coverage, windows: 1, goodWindows: 1, worked: 1, outside: 0, missed: 0 };
    const header = planCounts(
      [unsure],
      '2026-11-23',
      '2026-11-24',
      'Europe/Berlin',
      at,
      { channels: ['call'], finishedOff: { done: 0, skipped: 0 }, dayCoverage: one },
      false,
    );
    expect(header.map((c) => c.text)).toEqual([
      '1 window on Monday',
      '0 at 2★ or more',
      '0 done',
      '1 of 1 due worked, 1 planned',
    ]);
    const title = (key: string) => header.find((c) => c.key === key)?.title ?? '';
    expect(title('sure')).toContain('shown window');
    expect(title('worked')).toContain('an alternative too');
    // Narrow, the worked part keeps its first words; the tooltip has them all.
    expect(header.find((c) => c.key === 'worked')?.short).toBe('1 of 1 due worked');
  });

  it('counts a filtered list’s rows worked in their window, as today’s header does', () => {
    expect(counts(true)).toEqual(['2 windows on Monday', '2 at 2★ or more', '0 done', '1 worked']);
  });
});
