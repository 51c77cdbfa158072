import { DateTime } from 'luxon';
import { NO_FILTERS, type PlanFilters } from '../plan/planFilters';

/**
 * What the Planner shows: the day, whose plan (a manager's rep) and the filters. Kept in the
 * address (`#/planner?day=2026-12-07&q=weber&channel=call&stars=3`), so the browser's Back from a
 * person, a reload or a shared link finds the plan as it was left.
 */
export interface PlannerView {
  /** The day (YYYY-MM-DD in the rep's zone); undefined for today. */
  date?: string;
  /** A `day=` edited into something that is no date: the page says it shows today. */
  badDate?: string;
  /** A rep of the manager's team; undefined for the user's own plan. */
  repId?: string;
  filters: PlanFilters;
}

export const PLANNER_VIEW_DEFAULT: PlannerView = { filters: NO_FILTERS };

const CHANNELS: readonly PlanFilters['channel'][] = ['all', 'call', 'email'];
/** The "More filters" choices (PlanFilterBar): a value not among them is the default. */
const CATEGORIES = ['all', 'customer', 'customer_open_deal', 'lead_contact', 'on_site'];
const MIN_STARS = [0, 2, 3, 4, 5];
/** Longer than any name, company, stage or user id the list could match: cut, as the box would. */
const TEXT_MAX = 200;

/**
 * The view an address's query part asks for. An address may be edited by hand: a day that is not
 * a calendar date is today (named, for the page to say so), and a channel, category or stars value the filters do not offer is
 * their default (the page also takes a day outside the pickable range, or a rep not of the
 * user's team, as today and their own plan: it knows those).
 */
export function plannerViewFrom(params: URLSearchParams): PlannerView {
  const day = params.get('day') ?? '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(day) && DateTime.fromISO(day).isValid ? day : undefined;
  const rep = params.get('rep') ?? '';
  const stars = Number(params.get('stars') ?? '0');
  const stage = (params.get('stage') ?? '').slice(0, TEXT_MAX);
  return {
    ...(date ? { date } : {}),
    ...(day && !date ? { badDate: day.slice(0, TEXT_MAX) } : {}),
    ...(rep && rep.length <= TEXT_MAX ? { repId: rep } : {}),
    filters: {
      query: (params.get('q') ?? '').slice(0, TEXT_MAX),
      channel: CHANNELS.find((c) => c === params.get('channel')) ?? NO_FILTERS.channel,
      stage: stage || NO_FILTERS.stage,
      category: CATEGORIES.find((c) => c === params.get('category')) ?? NO_FILTERS.category,
      minStars: MIN_STARS.includes(stars) ? stars : NO_FILTERS.minStars,
    },
  };
}

/** The address's query part for a view: only what differs from the default, '' for the default. */
export function plannerViewParams(view: PlannerView): string {
  const params = new URLSearchParams();
  const f = view.filters;
  if (view.date) params.set('day', view.date);
  if (view.repId) params.set('rep', view.repId);
  if (f.query) params.set('q', f.query);
  if (f.channel !== NO_FILTERS.channel) params.set('channel', f.channel);
  if (f.stage !== NO_FILTERS.stage) params.set('stage', f.stage);
  if (f.category !== NO_FILTERS.category) params.set('category', f.category);
  if (f.minStars !== NO_FILTERS.minStars) params.set('stars', String(f.minStars));
  return params.toString();
}
