import { VISIT_SCOPES, type VisitScope } from '@shared/alertsContract';
import { VISITOR_CATEGORIES, type VisitorCategory } from '@shared/visitorCategories';

/**
 * What the Visits page shows besides whose visits (the scope, the address's path:
 * `#/visits/team`): one rep of the team, the categories, the lowest score and the page pattern.
 * Kept in the address (`#/visits/everyone?cat=customer_open_deal&score=20&page=/pricing*`), so the
 * browser's Back from a person, a reload or a shared link finds the list as it was left.
 */
export interface VisitsView {
  /** With the team's scope: one member's people only (a user id). */
  rep?: string;
  categories: VisitorCategory[];
  /** As typed: empty means any score. */
  minScore: string;
  /** A glob on the path, as typed: empty means any page. */
  page: string;
}

export const VISITS_VIEW_DEFAULT: VisitsView = { categories: [], minScore: '', page: '' };

/** Longer than any user id or page pattern the core takes: nonsense, the default. */
const TEXT_MAX = 200;

/** The scope an address's path names; undefined for none or one the page does not know. */
export function visitScopeFrom(segment: string | undefined): VisitScope | undefined {
  return VISIT_SCOPES.find((s) => s === segment);
}

/**
 * The view an address's query part asks for. An address may be edited by hand: a category the
 * page does not know is left out, a score that is not a number is any score, and a rep or a page
 * pattern longer than the core takes is none (the core says what is wrong with a shorter one).
 */
export function visitsViewFrom(params: URLSearchParams): VisitsView {
  const asked = (params.get('cat') ?? '').split(',');
  const categories = VISITOR_CATEGORIES.filter((c) => asked.includes(c));
  const score = (params.get('score') ?? '').trim();
  const rep = params.get('rep') ?? '';
  const page = params.get('page') ?? '';
  return {
    ...(rep && rep.length <= TEXT_MAX ? { rep } : {}),
    categories,
    minScore: score !== '' && Number.isFinite(Number(score)) ? score : '',
    page: page.length <= TEXT_MAX ? page : '',
  };
}

/** The address's query part for a view: only what differs from the default, '' for the default. */
export function visitsViewParams(view: VisitsView): string {
  const params = new URLSearchParams();
  if (view.rep) params.set('rep', view.rep);
  if (view.categories.length > 0) params.set('cat', view.categories.join(','));
  if (view.minScore.trim() !== '') params.set('score', view.minScore.trim());
  if (view.page !== '') params.set('page', view.page);
  // Commas, slashes and stars read as written: the address is one a rep may edit or share.
  return params.toString().replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%2A/g, '*');
}
