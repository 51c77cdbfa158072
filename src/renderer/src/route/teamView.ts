import { DateTime } from 'luxon';

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
}

export const TEAM_VIEW_DEFAULT: TeamView = { view: 'day' };

const isDate = (text: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid;

/** The view an address asks for; a view, day or week edited into something else is the default. */
export function teamViewFrom(params: URLSearchParams): TeamView {
  const week = params.get('week') ?? '';
  const day = params.get('day') ?? '';
  const kept = isDate(week)
    ? { week }
    : week && params.get('view') === 'week'
      ? { badWeek: week }
      : {};
  return params.get('view') === 'week'
    ? { view: 'week', ...kept }
    : { view: 'day', ...(isDate(day) ? { day } : {}), ...(isDate(week) ? { week } : {}) };
}

/** The address's query part for a view: '' for the day view of today with no week kept. */
export function teamViewParams(view: TeamView): string {
  const params = new URLSearchParams(view.view === 'week' ? { view: 'week' } : {});
  if (view.view === 'day' && view.day) params.set('day', view.day);
  if (view.week) params.set('week', view.week);
  return params.toString();
}
