import { DateTime } from 'luxon';

/**
 * How the Team page is looked at: a day of the team (the default) or its week, and which week.
 * Kept in the address (`#/team?view=week&week=2026-11-23`), as the Planner keeps its choices, so
 * a reload or a shared link finds the week the manager left.
 */
export interface TeamView {
  view: 'day' | 'week';
  /** A date of the week shown (YYYY-MM-DD in the manager's zone); undefined for this week. */
  week?: string;
}

export const TEAM_VIEW_DEFAULT: TeamView = { view: 'day' };

/** The view an address asks for; a view or week edited into something else is the default. */
export function teamViewFrom(params: URLSearchParams): TeamView {
  const week = params.get('week') ?? '';
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(week) && DateTime.fromISO(week).isValid;
  return params.get('view') === 'week'
    ? { view: 'week', ...(valid ? { week } : {}) }
    : TEAM_VIEW_DEFAULT;
}

/** The address's query part for a view: '' for the day view. */
export function teamViewParams(view: TeamView): string {
  if (view.view !== 'week') return '';
  const params = new URLSearchParams({ view: 'week' });
  if (view.week) params.set('week', view.week);
  return params.toString();
}
