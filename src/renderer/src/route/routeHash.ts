import { peopleViewFrom, peopleViewParams, type PeopleView } from './peopleView';
import { plannerViewFrom, plannerViewParams, type PlannerView } from './plannerView';
import { teamViewFrom, teamViewParams, type TeamView } from './teamView';
import { visitsViewFrom, visitsViewParams, type VisitsView } from './visitsView';
import { knownPage, type Page } from './pages';

export type { Page } from './pages';
export interface Route {
  page: Page;
  /**
   * The person's id; on the Visits page, whose visits: `mine`, `team` or `everyone` (none: the
   * page's default).
   */
  id?: string;
  /** On the Visits page: the visit to point out (an alert's unknown visitor). */
  focus?: string;
  /** On the People page: the search, owner and order the list was left with (the default if none). */
  people?: PeopleView;
  /** On the Planner: the day, whose plan and the filters it was left with (today's, unfiltered, if none). */
  planner?: PlannerView;
  /** On the Visits page: the rep, categories, score and page filters (none if absent). */
  visits?: VisitsView;
  /** On the Team page: the day or the week, and which week (the day view if absent). */
  team?: TeamView;
  /**
   * In Settings › Working hours: the rep whose hours are shown (a manager come from that rep's
   * closed day, #/settings/working-hours/2026-11-26?rep=u-r6); the signed-in user's if absent.
   */
  rep?: string;
}

/**
 * Hash routes (#/people, #/person/p12) so a reload or a shared link keeps its place. The People
 * list's view is the route's query part: #/people?q=weber&owner=me; the Planner's too:
 * #/planner?day=2026-12-07&channel=call; the Visits page's filters too, after whose visits:
 * #/visits/everyone?cat=customer_open_deal (and an alert's visit: #/visits/everyone/v12).
 */
export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const mark = text.indexOf('?');
  const path = mark < 0 ? text : text.slice(0, mark);
  const [page, id, focus] = path.split('/');
  const known = page === undefined ? undefined : knownPage(page);
  if (!known) return { page: 'planner' };
  const params = new URLSearchParams(mark >= 0 ? text.slice(mark + 1) : '');
  const visits = mark >= 0 && known === 'visits' ? { visits: visitsViewFrom(params) } : {};
  if (!id) {
    if (known === 'visits') return { page: known, ...visits };
    if (mark >= 0 && known === 'people') return { page: known, people: peopleViewFrom(params) };
    if (mark >= 0 && known === 'planner') return { page: known, planner: plannerViewFrom(params) };
    if (mark >= 0 && known === 'team') return { page: known, team: teamViewFrom(params) };
    return { page: known };
  }
  const rep = known === 'settings' ? params.get('rep') : null;
  const route: Route = { page: known, id: decoded(id), ...visits, ...(rep ? { rep } : {}) };
  return focus ? { ...route, focus: decoded(focus) } : route;
}

/** A part of the address as written when it is not a whole escape (cut off, or edited by hand). */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function hrefFor(route: Route): string {
  const id = route.id ? `/${encodeURIComponent(route.id)}` : '';
  const focus = route.id && route.focus ? `/${encodeURIComponent(route.focus)}` : '';
  const view =
    route.page === 'people' && !route.id && route.people
      ? peopleViewParams(route.people)
      : route.page === 'planner' && !route.id && route.planner
        ? plannerViewParams(route.planner)
        : route.page === 'visits' && route.visits
          ? visitsViewParams(route.visits)
          : route.page === 'team' && !route.id && route.team
            ? teamViewParams(route.team)
            : route.page === 'settings' && route.id && route.rep
              ? new URLSearchParams({ rep: route.rep }).toString()
              : '';
  return `#/${route.page}${id}${focus}${view ? `?${view}` : ''}`;
}
