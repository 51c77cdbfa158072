/**
 * What a rep can mark on a plan row, by the day the plan is for. Today's rows take every mark. A
 * past day is over: its rows can still be marked done (catching up on what was done) or cleared,
 * but nothing can wait for a later window of it or be skipped on it any more, and a call logged
 * now is not that day's (a Log call dialog opened before midnight and saved after it logs the
 * call on the new day: the planner leaves the day to the core's clock). A later day has not come: its rows can be skipped ahead of time (or
 * cleared), but nothing on it is done yet.
 */
export type DayMark = 'done' | 'snoozed' | 'skipped' | 'clear' | 'log' | 'book';

export type PlanDay = 'past' | 'today' | 'future';

const OFFERED: Record<PlanDay, ReadonlySet<DayMark>> = {
  past: new Set(['done', 'clear']),
  today: new Set(['done', 'snoozed', 'skipped', 'clear', 'log', 'book']),
  // Book is today's: its dialog offers the week's windows to come, a later day's among them.
  future: new Set(['skipped', 'clear']),
};

/** Both are ISO dates (yyyy-mm-dd) in the rep's zone, which order as text. */
export function planDay(date: string, today: string): PlanDay {
  return date < today ? 'past' : date > today ? 'future' : 'today';
}

export function offeredMarks(day: PlanDay): ReadonlySet<DayMark> {
  return OFFERED[day];
}

/** Why a mark cannot be made on that day's plan, or null when it can. */
export function markRefusal(day: PlanDay, mark: DayMark): string | null {
  if (OFFERED[day].has(mark)) return null;
  return day === 'past'
    ? 'That day is over: its rows can only be marked done, or their marks undone.'
    : 'That day has not come yet: its rows can only be skipped, or their marks undone.';
}
