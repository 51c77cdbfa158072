import { describe, expect, it } from 'vitest';
import {
  comparePlanRows,
  currentWindow,
  isLowConfidence,
  LOW_CONFIDENCE_STARS,
  nextChange,
  shownWindows,
  slotState,
  STRIKE_AFTER_MS,
  type Orderable,
} from '../../../src/shared/slotStates';

const MIN = 60_000;
const start = Date.UTC(2026, 10, 23, 9, 0);
const end = start + 60 * MIN;

describe('slot states (BT-6)', () => {
  it('is upcoming before the window, now inside it, passed right after it', () => {
    expect(slotState(start, end, start - 1)).toBe('upcoming');
    expect(slotState(start, end, start)).toBe('now');
    expect(slotState(start, end, end - 1)).toBe('now');
    expect(slotState(start, end, end)).toBe('passed');
  });

  it('strikes a window through exactly 30 minutes after it ends', () => {
    expect(STRIKE_AFTER_MS).toBe(30 * MIN);
    expect(slotState(start, end, end + 30 * MIN - 1)).toBe('passed');
    expect(slotState(start, end, end + 30 * MIN)).toBe('struck');
  });

  it('names the next instant a row changes state, and none once struck', () => {
    expect(nextChange(start, end, start - 5 * MIN)).toBe(start);
    expect(nextChange(start, end, start + MIN)).toBe(end);
    expect(nextChange(start, end, end + MIN)).toBe(end + 30 * MIN);
    expect(nextChange(start, end, end + 31 * MIN)).toBeNull();
  });
});

describe("a person's window of the day", () => {
  const w = (h1: number, h2: number, stars: number) => ({
    start: start + h1 * 60 * MIN,
    end: start + h2 * 60 * MIN,
    stars,
  });

  it('is the open one, else the next to open, else the last to end', () => {
    const morning = w(0, 1, 3);
    const noon = w(3, 4, 5);
    const evening = w(8, 9, 4);
    expect(currentWindow([noon, morning, evening], start + 30 * MIN)).toBe(morning);
    expect(currentWindow([noon, morning, evening], start + 90 * MIN)).toBe(noon);
    expect(currentWindow([noon, morning, evening], start + 10 * 60 * MIN)).toBe(evening);
    expect(currentWindow([], start)).toBeNull();
  });
});

describe('plan order (PL-1)', () => {
  const row = (
    name: string,
    state: Orderable['state'],
    s: number | null,
    e: number | null,
    stars: number | null,
  ): Orderable => ({
    name,
    personId: name,
    channel: 'call',
    state,
    start: s,
    end: e,
    stars,
  });

  it('puts open windows first (more stars, then fewest minutes left), then upcoming by start, then none, then passed', () => {
    const rows = [
      row('struck-old', 'struck', start - 300 * MIN, start - 240 * MIN, 5),
      row('none', 'none', null, null, null),
      row('upcoming-late', 'upcoming', start + 120 * MIN, start + 180 * MIN, 5),
      row('now-long-5', 'now', start - 10 * MIN, start + 50 * MIN, 5),
      row('passed', 'passed', start - 80 * MIN, start - 20 * MIN, 2),
      row('upcoming-soon', 'upcoming', start + 30 * MIN, start + 90 * MIN, 3),
      row('now-short-3', 'now', start - 50 * MIN, start + 10 * MIN, 3),
      row('now-short-5', 'now', start - 50 * MIN, start + 10 * MIN, 5),
      row('struck-recent', 'struck', start - 200 * MIN, start - 140 * MIN, 4),
    ];
    expect(rows.sort(comparePlanRows).map((r) => r.name)).toEqual([
      'now-short-5',
      'now-long-5',
      'now-short-3',
      'upcoming-soon',
      'upcoming-late',
      'none',
      'passed',
      'struck-recent',
      'struck-old',
    ]);
  });

  it('never puts a half-star window open now above a five-star one, whatever minutes are left', () => {
    const rows = [
      row('half-ending-soon', 'now', start - 50 * MIN, start + 5 * MIN, 0.5),
      row('five-ending-later', 'now', start - 10 * MIN, start + 110 * MIN, 5),
    ];
    expect(rows.sort(comparePlanRows).map((r) => r.name)).toEqual([
      'five-ending-later',
      'half-ending-soon',
    ]);
  });

  it('gathers windows under 2 stars at the end of their own state', () => {
    const rows = [
      row('now-low', 'now', start - 10 * MIN, start + 50 * MIN, 1.5),
      row('now-2', 'now', start - 10 * MIN, start + 50 * MIN, 2),
      row('upcoming-low-soon', 'upcoming', start + 10 * MIN, start + 70 * MIN, 0.5),
      row('upcoming-late', 'upcoming', start + 300 * MIN, start + 360 * MIN, 2.5),
      row('struck-low', 'struck', start - 200 * MIN, start - 140 * MIN, 1),
      row('struck-old', 'struck', start - 300 * MIN, start - 240 * MIN, 3),
    ];
    expect(rows.sort(comparePlanRows).map((r) => r.name)).toEqual([
      'now-2',
      'now-low',
      'upcoming-late',
      'upcoming-low-soon',
      'struck-old',
      'struck-low',
    ]);
    expect(isLowConfidence(1.5)).toBe(true);
    expect(isLowConfidence(LOW_CONFIDENCE_STARS)).toBe(false);
    expect(isLowConfidence(null)).toBe(false);
  });
});

describe('the windows a person and channel show on the plan', () => {
  const w = (h1: number, h2: number, stars = 3) => ({
    start: start + h1 * 60 * MIN,
    end: start + h2 * 60 * MIN,
    stars,
  });

  it('keeps the window that ended beside the next one, instead of turning it into the next', () => {
    const morning = w(0, 1);
    const noon = w(3, 4);
    expect(shownWindows([morning, noon], start + 30 * MIN)).toEqual({
      current: morning,
      ended: null,
    });
    expect(shownWindows([morning, noon], start + 61 * MIN)).toEqual({
      current: noon,
      ended: morning,
    });
    expect(shownWindows([morning, noon], start + 5 * 60 * MIN)).toEqual({
      current: null,
      ended: noon,
    });
    expect(shownWindows([], start)).toEqual({ current: null, ended: null });
  });

  it('shows a window of 2★ or more before an unsure one open or opening sooner, which speaks only once the sure ones have ended', () => {
    // 09:00 ½★, 10:00-12:00 5★, 13:00 1★: the 5★ window is the person's best of the day.
    const unsureFirst = w(0, 1, 0.5);
    const best = w(1, 3, 5);
    const unsureLast = w(4, 5, 1);
    const day = [unsureFirst, best, unsureLast];
    const at = (minutes: number) => shownWindows(day, start + minutes * MIN);
    // Before and during the ½★ hour the row names 10:00 at 5★, and nothing ends under it.
    expect(at(-30)).toEqual({ current: best, ended: null });
    expect(at(30)).toEqual({ current: best, ended: null });
    expect(at(90)).toEqual({ current: best, ended: null });
    // Once the 5★ window has ended, it stays beside the later unsure one.
    expect(at(200)).toEqual({ current: unsureLast, ended: best });
    expect(at(6 * 60)).toEqual({ current: null, ended: unsureLast });
    expect(currentWindow(day, start + 30 * MIN)).toBe(best);
    // With no sure window at all, the unsure ones speak as before.
    expect(shownWindows([unsureFirst, unsureLast], start + 30 * MIN)).toEqual({
      current: unsureFirst,
      ended: null,
    });
  });
});
