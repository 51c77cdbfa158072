import { PEOPLE_QUERY_MAX, PEOPLE_SORTS, type PeopleSort } from '@shared/contract';

/**
 * What the People list shows: the search, whose people, and the order. Kept in the address
 * (`#/people?q=weber&owner=me&sort=lastActivity&dir=desc`), so the browser's Back from a person,
 * a reload or a shared link finds the list as it was left.
 */
export interface PeopleView {
  query: string;
  /**
   * '' when the address names no owner (the list opens on its opening choice), OWNER_ALL for
   * everyone's people, OWNER_ME for the signed-in user's, any other value a user's id.
   */
  owner: string;
  sort: PeopleSort;
  direction: 'asc' | 'desc';
}

/** The owner filter's value for "my people", in the address as in the Owner list. */
export const OWNER_ME = 'me';
/** The owner filter's value for everyone's people: named in the address, since '' is the opening choice. */
export const OWNER_ALL = 'all';
/** The longest user id the core takes (the contract's ids); a longer `owner` is none. */
const OWNER_MAX = 200;

// No owner named: whose people it opens on depends on who is signed in (ownerChoice).
// Alphabetical by name, as a CRM's list opens.
export const PEOPLE_VIEW_DEFAULT: PeopleView = {
  query: '',
  owner: '',
  sort: 'name',
  direction: 'asc',
};

/**
 * Which way a column orders at its first click: the way a rep reads it first. Words read A to Z
 * and the time zones west to east, as a CRM's list does; the last activity newest first (who was
 * in touch lately is what a rep looks for, not who went quiet longest ago).
 */
export function firstDirection(sort: PeopleSort): PeopleView['direction'] {
  return sort === 'lastActivity' ? 'desc' : 'asc';
}

/**
 * The view an address's query part asks for. An address may be edited by hand: an unknown sort,
 * direction or a malformed owner falls back to its default, and a search longer than the search
 * box takes is cut to its length (the core would refuse it whole).
 */
export function peopleViewFrom(params: URLSearchParams): PeopleView {
  const sort = PEOPLE_SORTS.find((s) => s === params.get('sort')) ?? PEOPLE_VIEW_DEFAULT.sort;
  const owner = params.get('owner') ?? '';
  return {
    query: (params.get('q') ?? '').slice(0, PEOPLE_QUERY_MAX),
    owner: owner.length <= OWNER_MAX ? owner : '',
    sort,
    direction: params.get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

/** The address's query part for a view: only what differs from the default, '' for the default. */
export function peopleViewParams(view: PeopleView): string {
  const params = new URLSearchParams();
  if (view.query) params.set('q', view.query);
  if (view.owner) params.set('owner', view.owner);
  if (view.sort !== PEOPLE_VIEW_DEFAULT.sort) params.set('sort', view.sort);
  if (view.direction !== PEOPLE_VIEW_DEFAULT.direction) params.set('dir', view.direction);
  return params.toString();
}

/**
 * The Owner list's choice for an owner read from the address. None named is the opening choice:
 * "my people" for someone who owns people (a rep's first view is their own, not other reps'),
 * everyone's for someone who owns none (a director, an admin), whose own list would be empty.
 * The signed-in user's own id is "my people" (the list does not offer it by name); an id no user
 * has, or "me" with nobody signed in, is the opening choice, as the list could show no such choice.
 */
export function ownerChoice(
  owner: string,
  me: { id: string; ownsPeople: boolean } | null,
  userIds: readonly string[],
): string {
  const opening = me?.ownsPeople ? OWNER_ME : OWNER_ALL;
  if (owner === OWNER_ALL) return OWNER_ALL;
  if (owner === OWNER_ME || (me !== null && owner === me.id))
    return me === null ? opening : OWNER_ME;
  return userIds.includes(owner) ? owner : opening;
}
