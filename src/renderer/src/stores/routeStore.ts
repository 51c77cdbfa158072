import { create } from 'zustand';

import { hrefFor, parseHash, type Route } from '../route/routeHash';

export { hrefFor, parseHash, type Page, type Route } from '../route/routeHash';

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
/** Settings opened at the hours the plan follows (`#/settings/working-hours`): where a closed day leads. */
export const WORKING_HOURS = 'working-hours';

interface RouteState {
  route: Route;
  go(route: Route): void;
  /**
   * The same page seen another way (the People list's search, owner or order): the address is
   * replaced, not pushed, so Back leaves the page instead of undoing it a keystroke at a time.
   */
  replace(route: Route): void;
}

export const useRoute = create<RouteState>()((set) => ({
  route: parseHash(window.location.hash),
  go(route) {
    window.location.hash = hrefFor(route);
    set({ route });
  },
  replace(route) {
    // No hashchange follows a replaced address: the store is set here.
    window.history.replaceState(null, '', hrefFor(route));
    set({ route });
  },
}));

window.addEventListener('hashchange', () =>
  useRoute.setState({ route: parseHash(window.location.hash) }),
);
