import type { PeopleSort, PushedEvents } from '@shared/contract';
import { LONGEST_VISIT_MS } from '@shared/onTheWebsite';

/** What of the People list a change may touch: its order and the rows it shows. */
export interface PeopleShown {
  sort: PeopleSort;
  rows: readonly { id: string; lastActivityKind: string | null; lastActivityAt: number | null }[];
}

/**
 * Whether a data change makes the People list read its page again. A sync announces its visits
 * every run, nearly all of visitors nobody knows, and the list (500 people, each one's last
 * activity looked up) was read again each time. Visits alone are read again only when they may
 * change what is shown: someone's visit when the list is ordered by last activity, a visit of
 * someone listed, or any visit while a listed visit may still gain a page (a page the sync adds to
 * it names nobody, and keeps the person "on the website now"). A change that does not say whose
 * visits they were may be anyone's.
 */
export function reloadsPeople(
  change: PushedEvents['data-changed'],
  shown: PeopleShown,
  now: number,
): boolean {
  const { entities, people } = change;
  if (entities.some((e) => ['people', 'activities', 'all'].includes(e))) return true;
  if (!entities.includes('visits')) return false;
  if (people === undefined) return true;
  if (shown.sort === 'lastActivity' && people.length > 0) return true;
  const whose = new Set(people);
  return shown.rows.some(
    (r) =>
      whose.has(r.id) ||
      (r.lastActivityKind === 'visit' &&
        r.lastActivityAt !== null &&
        now < r.lastActivityAt + LONGEST_VISIT_MS),
  );
}

/**
 * Whether a data change makes a person's page read them again: as for the People list, visits
 * alone only when they may be this person's (a visit of theirs stored, by link or e-mail, shows
 * "on the website now" at once), or a visit of theirs may still gain a page (which names nobody);
 * the visits of everyone else a sync announces every run change nothing on the page.
 */
export function reloadsPerson(
  change: PushedEvents['data-changed'],
  personId: string,
  lastVisitAt: number | null,
  now: number,
): boolean {
  const { entities, people } = change;
  if (entities.some((e) => e !== 'settings' && e !== 'visits')) return true;
  if (!entities.includes('visits')) return false;
  if (people === undefined || people.includes(personId)) return true;
  return lastVisitAt !== null && now < lastVisitAt + LONGEST_VISIT_MS;
}
