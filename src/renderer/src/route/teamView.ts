import { DateTime } from 'luxon';
import { pickableDays } from '@shared/pickableDays';

/**
 * How the Team page is looked at: a day of the team (the default) or its week, which day and which
 * week. Kept in the address (`#/team?view=week&week=2026-11-23`, `#/team?day=2026-11-18&week=
 * 2026-11-16`), as the Planner keeps its day, so a reload or a shared link finds the day or the
 * week the manager left, and Week from a day opened in a week returns to that week.
 */
export interface TeamView {
  view: 'day' | 'week';
  /** A date of the week shown (YYYY-MM-DD in the manager's zone); undefined for this week. */
  week?: string;
  /** The day view's date (YYYY-MM-DD); undefined for the manager's today. */
  day?: string;
  /** A `week=` edited into something that is no date: the page says it shows this week. */
  badWeek?: string;
  /** A `day=` edited into something that is no date: the page says it shows today. */
  badDay?: string;
  /** A `week=` of a week with no day the planner shows: the page says it shows this week. */
  farWeek?: FarDate;
  /** A `day=` the planner would not show: the page says it shows today. */
  farDay?: FarDate;
}

/** A date of the address beyond the days the planner shows, and on which side of them. */
export interface FarDate {
  date: string;
  side: 'past' | 'ahead';
}

export const TEAM_VIEW_DEFAULT: TeamView = { view: 'day' };

const isDate = (text: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid;

/**
 * A date of the address, or what was typed in its place when that is no date ("2026-13-45",
 * "tomorrow"), for the page to name rather than fall back without a word; nothing when absent.
 */
function dateParam(text: string): { date?: string; bad?: string } {
  if (isDate(text)) return { date: text };
  return text ? { bad: text } : {};
}

/** The view an address asks for; a view, day or week edited into something else is the default. */
export function teamViewFrom(params: URLSearchParams): TeamView {
  const week = dateParam(params.get('week') ?? '');
  const kept = week.date ? { week: week.date } : {};
  if (params.get('view') === 'week')
    return { view: 'week', ...kept, ...(week.bad ? { badWeek: week.bad } : {}) };
  // The day view only keeps a week to return to: one that is no date is dropped unsaid.
  const day = dateParam(params.get('day') ?? '');
  return {
    view: 'day',
    ...(day.date ? { day: day.date } : {}),
    ...(day.bad ? { badDay: day.bad } : {}),
    ...kept,
  };
}

/** The address's query part for a view: '' for the day view of today with no week kept. */
export function teamViewParams(view: TeamView): string {
  const params = new URLSearchParams(view.view === 'week' ? { view: 'week' } : {});
  if (view.view === 'day' && view.day) params.set('day', view.day);
  if (view.week) params.set('week', view.week);
  return params.toString();
}

/**
 * The view with its day and week kept to the days the planner shows (`pickableDays`: plans are
 * kept 90 days and made a year ahead), today in `zone` being `today`. A day beyond them would be a
 * made-up plan of today's windows, every one missed or none due; it is shown as today, and a week
 * with none of those days as this week, each named for the page to say so. A week kept in a day's
 * address only to return to is dropped unsaid, as one that is no date is.
 */
export function teamViewWithin(view: TeamView, today: string, zone: string): TeamView {
  const { earliest, latest } = pickableDays(today, zone);
  if (earliest === undefined || latest === undefined) return view;
  const sideOf = (first: string, last: string): FarDate['side'] | undefined =>
    last < earliest ? 'past' : first > latest ? 'ahead' : undefined;
  const { week, day, ...rest } = view;
  const next: TeamView = rest;
  if (week !== undefined) {
    // A week at either end shows the days of it the planner does: it is not beyond them.
    const monday = DateTime.fromISO(week, { zone }).startOf('week');
    const side = sideOf(monday.toISODate() ?? week, monday.plus({ days: 6 }).toISODate() ?? week);
    if (side === undefined) next.week = week;
    else if (view.view === 'week') next.farWeek = { date: week, side };
  }
  if (day !== undefined) {
    const side = sideOf(day, day);
    if (side === undefined) next.day = day;
    else next.farDay = { date: day, side };
  }
  return next;
}
