import { DateTime } from 'luxon';
import type { NextDayWindow } from '@shared/contract';
import { nextChange, slotState, type SlotState } from '@shared/slotStates';

export interface WindowAt {
  window: NextDayWindow;
  /** The planner's state of the window at the instant asked (BT-6: struck 30 minutes after it ends). */
  state: Exclude<SlotState, 'none'>;
}

/**
 * The person page's windows at `now`, in the planner's states: per channel, those open or to come
 * (in the core's order: today's, then the next day's) before the ones that ended, which stay
 * listed, plain and then struck through, as the planner keeps a row's ended window.
 */
export function windowsAt(windows: readonly NextDayWindow[], now: number): WindowAt[] {
  const out: WindowAt[] = [];
  for (const channel of ['call', 'email'] as const) {
    const mine = windows
      .filter((w) => w.channel === channel)
      .map((w) => ({ window: w, state: slotState(w.start, w.end, now) }));
    const over = (s: SlotState) => s === 'passed' || s === 'struck';
    out.push(...mine.filter((w) => !over(w.state)), ...mine.filter((w) => over(w.state)));
  }
  return out;
}

/** The next instant a window on the page opens, ends or is struck through, or null. */
export function nextWindowChange(windows: readonly NextDayWindow[], now: number): number | null {
  let soonest: number | null = null;
  for (const w of windows) {
    const at = nextChange(w.start, w.end, now);
    if (at !== null && (soonest === null || at < soonest)) soonest = at;
  }
  return soonest;
}

/**
 * When the core's list goes out of date, so the page must ask again: once a channel has no window
 * left to come (the core then adds the next day's), and at the person's midnight (in the windows'
 * zone: today's are another day's then). Null when neither is ahead.
 */
export function windowsOutdatedAt(windows: readonly NextDayWindow[], now: number): number | null {
  const zone = windows[0]?.timeZone;
  if (!zone) return null;
  const midnight = DateTime.fromMillis(now, { zone }).plus({ days: 1 }).startOf('day').toMillis();
  let soonest = Number.isFinite(midnight) ? midnight : null;
  for (const channel of ['call', 'email'] as const) {
    let last = -Infinity;
    for (const w of windows) if (w.channel === channel && w.end > last) last = w.end;
    if (last > now && (soonest === null || last < soonest)) soonest = last;
  }
  return soonest;
}
