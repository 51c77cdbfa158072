import { currentWindow, isLowConfidence, shownWindows } from './slotStates';

interface DayWindow {
  start: number;
  end: number;
  stars: number;
}

/**
 * Where a snooze with no choice, made at `at`, moves a row of these windows (a person's channel,
 * that day): the window the plan then shows among those after the one that spoke for the row
 * (`shownWindows`: a sure window still to come before a ½★ hour sooner), or null when none is
 * left that day (the next day's). The planner's rule (dayPlan), for the page to say where the row went.
 */
export function snoozedOnTo<W extends DayWindow>(windows: readonly W[], at: number): W | null {
  const from = currentWindow(windows, at);
  if (!from) return null;
  return shownWindows(
    windows.filter((w) => w.start > from.start),
    at,
  ).current;
}

/**
 * Why a snooze's choice (`snoozeTo`: the start of a later window that day, or null for the next
 * day's) made at `at` is not one the planner and the Team page read alike, or null when it is.
 * The Team page counts the first window of 2★ or more still to come after the one snoozed from
 * (it sets aside only that one): a choice past it would leave the planner showing a later window,
 * or none today, while the Team page counts that one missed. `none`: no later window of the day
 * starts there (a page showing windows since relearned, or a hand-made call).
 */
export function snoozeChoiceFault<W extends DayWindow>(
  windows: readonly W[],
  at: number,
  snoozeTo: number | null,
): { fault: 'none' } | { fault: 'passes'; sure: W } | null {
  const from = currentWindow(windows, at);
  let sure: W | null = null;
  if (from)
    for (const w of windows)
      if (w.start > from.start && w.end > at && !isLowConfidence(w.stars))
        if (!sure || w.start < sure.start) sure = w;
  if (
    snoozeTo !== null &&
    !(from && windows.some((w) => w.start === snoozeTo && w.start > from.start))
  )
    return { fault: 'none' };
  if (sure && (snoozeTo === null || snoozeTo > sure.start)) return { fault: 'passes', sure };
  return null;
}
