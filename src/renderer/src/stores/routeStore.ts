import { create } from 'zustand';

export type Page = 'planner' | 'people' | 'person' | 'visits' | 'team' | 'settings';
export interface Route {
  page: Page;
  /** The person's id; on the Visits page, `everyone` for everyone's visits (see VISITS_OF_EVERYONE). */
  id?: string;
  /** On the Visits page: the visit to point out (an alert's unknown visitor). */
  focus?: string;
}

/**
 * The Visits page with everyone's visits, and one visit pointed out: where an alert about an
 * unknown visitor, or a digest that may name other reps' people, opens (the rep's own visits
 * would not list them).
 */
export function visitsOfEveryone(focus?: string | null): Route {
  return focus ? { page: 'visits', id: 'everyone', focus } : { page: 'visits', id: 'everyone' };
}

/** Settings opened at the CRM account (`#/settings/crm`): where the demo's banner leads. */
export const CRM_ACCOUNT = 'crm';
/** Settings opened at the best-time switches (`#/settings/best-time`): where a plan with both off leads. */
export const BEST_TIME = 'best-time';

const PAGES: readonly Page[] = ['planner', 'people', 'person', 'visits', 'team', 'settings'];

/** Hash routes (#/people, #/person/p12) so a reload or a shared link keeps its place. */
export function parseHash(hash: string): Route {
  const [page, id, focus] = hash.replace(/^#\/?/, '').split('/');
  const known = PAGES.find((p) => p === page);
  if (!known) return { page: 'planner' };
  if (!id) return { page: known };
  const route: Route = { page: known, id: decodeURIComponent(id) };
  return focus ? { ...route, focus: decodeURIComponent(focus) } : route;
}

export function hrefFor(route: Route): string {
  const id = route.id ? `/${encodeURIComponent(route.id)}` : '';
  return `#/${route.page}${id}${route.id && route.focus ? `/${encodeURIComponent(route.focus)}` : ''}`;
}

interface RouteState {
  route: Route;
  go(route: Route): void;
}

export const useRoute = create<RouteState>()((set) => ({
  route: parseHash(window.location.hash),
  go(route) {
    window.location.hash = hrefFor(route);
    set({ route });
  },
}));

window.addEventListener('hashchange', () =>
  useRoute.setState({ route: parseHash(window.location.hash) }),
);
