import { create } from 'zustand';

export type Page = 'planner' | 'people' | 'person' | 'visits' | 'team' | 'settings';
export interface Route {
  page: Page;
  id?: string;
}

const PAGES: readonly Page[] = ['planner', 'people', 'person', 'visits', 'team', 'settings'];

/** Hash routes (#/people, #/person/p12) so a reload or a shared link keeps its place. */
export function parseHash(hash: string): Route {
  const [page, id] = hash.replace(/^#\/?/, '').split('/');
  const known = PAGES.find((p) => p === page);
  if (!known) return { page: 'planner' };
  return id ? { page: known, id: decodeURIComponent(id) } : { page: known };
}

export function hrefFor(route: Route): string {
  return `#/${route.page}${route.id ? `/${encodeURIComponent(route.id)}` : ''}`;
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
