import { useCallback, useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { PEOPLE_QUERY_MAX, type PeoplePage as Page, type PeopleSort } from '@shared/contract';
import { call, onEvent } from '../api/client';
import { zoneLabel } from '../format/time';
import { LastActivityCell } from '../components/LastActivityCell';
import { hrefFor, useRoute } from '../stores/routeStore';
import {
  OWNER_ALL,
  OWNER_ME,
  firstDirection,
  ownerChoice,
  PEOPLE_VIEW_DEFAULT,
  type PeopleView,
} from '../route/peopleView';
import { peopleReturnFrom, peopleReturnState } from '../route/peopleReturn';
import { useSession } from '../stores/sessionStore';
import { useNow } from '../hooks/useNow';
import { coreNow } from '../clock/coreClock';
import { reloadsPeople, type PeopleShown } from './peopleReloads';
import { refusedField } from '../components/visits/fieldErrors';
import { afterColon } from '../format/afterColon';
import {
  noOneHereText,
  othersMatchingNow,
  othersMatchingText,
  showOthersText,
  type ReadFor,
} from '../format/othersMatchingText';

const LIMIT = 500;

interface SortOrder {
  by: PeopleSort;
  direction: 'asc' | 'desc';
}

/**
 * A heading of the table; one the list can be ordered by is a button: pressed, it orders by its
 * column ascending, pressed again descending. The order in force is `aria-sort` on its heading,
 * which the stylesheet shows as an arrow (kept out of the heading's text and name).
 */
function ColumnHead({
  label,
  by,
  order,
  onSort,
  className,
}: {
  label: string;
  by?: PeopleSort;
  order: SortOrder;
  onSort: (by: PeopleSort) => void;
  className?: string;
}): React.JSX.Element {
  const sorted = by !== undefined && order.by === by;
  return (
    <span
      role="columnheader"
      className={className}
      aria-sort={sorted ? (order.direction === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      {by === undefined ? (
        label
      ) : (
        <button type="button" className="sort-head" onClick={() => onSort(by)}>
          {label}
        </button>
      )}
    </span>
  );
}

/**
 * What a failed search says. The core's refusals name its schema ("Invalid input for listPeople at
 * query: Too big: expected string…"), words for developers: the rep reads what to change instead.
 */
function searchErrorText(error: string): string {
  const refused = refusedField(error);
  if (!refused) return afterColon('The search could not be run', error);
  return refused.path[0] === 'query'
    ? `A search is at most ${PEOPLE_QUERY_MAX} characters of a name, email, company or phone number: shorten it.`
    : 'The search could not be run: change the owner or the search and try again.';
}

export function PeoplePage(): React.JSX.Element {
  const me = useSession((s) => s.session?.currentUser ?? null);
  const users = useSession((s) => s.session?.users ?? []);
  // The signed-in user's clock, as the Visits page reads its times.
  const zone = useSession(
    (s) => s.session?.currentUser?.timeZone ?? s.session?.org.timeZone ?? 'UTC',
  );
  // The search, owner and order live in the address (#/people?q=…), so Back from a person, a
  // reload or a shared link shows the list as it was left; each change replaces the address.
  const view = useRoute((s) => s.route.people) ?? PEOPLE_VIEW_DEFAULT;
  const { query, sort, direction } = view;
  const owner = ownerChoice(
    view.owner,
    me,
    users.map((u) => u.id),
  );
  // An owner left unnamed stays so: the address says only what differs from the list as it opens.
  const show = (change: Partial<PeopleView>): void =>
    useRoute.getState().replace({
      page: 'people',
      people: { ...view, owner: view.owner === '' ? '' : owner, ...change },
    });
  const order: SortOrder = { by: sort, direction };
  const sortBy = (by: PeopleSort): void =>
    show(
      sort === by
        ? { sort: by, direction: direction === 'asc' ? 'desc' : 'asc' }
        : { sort: by, direction: firstDirection(by) },
    );
  // Each answer with the search it was read for: its count is worded only beside that search.
  const [page, setPage] = useState<(Page & { for: ReadFor }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The page's own clock, turning at each minute and when a shown visitor leaves the website: the
  // session's instant moves only on a data change, and People said "on the website now" long
  // after the Visits page said they left (review 50, 3).
  const rowsShown = page?.rows;
  const leaves = useCallback(
    (at: number): number | null =>
      (rowsShown ?? []).reduce<number | null>(
        (soonest, r) =>
          r.onSiteUntil !== null &&
          r.onSiteUntil > at &&
          (soonest === null || r.onSiteUntil < soonest)
            ? r.onSiteUntil
            : soonest,
        null,
      ),
    [rowsShown],
  );
  const now = useNow(60_000, leaves);
  const scroller = useRef<HTMLDivElement>(null);
  const ownerId = owner === OWNER_ME ? me?.id : owner === OWNER_ALL ? undefined : owner;
  const ownerName = (id: string | undefined): string =>
    users.find((u) => u.id === id)?.name ?? 'This user';
  const [reloads, setReloads] = useState(0);
  // Set as everyone's matches are asked for from a narrowed search: the keyboard goes on to the
  // first of them once they are in, rather than staying on a link that is gone.
  const focusFirst = useRef(false);
  // A person's link to focus once the list has drawn it.
  const focusOn = useRef<string | null>(null);
  // A sync, a logged call, a visit or another data set changes who is listed and their last
  // activity; a sync's visits of no one listed change nothing shown (peopleReloads.ts).
  const shown = useRef<PeopleShown>({ sort, rows: [] });
  useEffect(() => {
    shown.current = { sort, rows: rowsShown ?? [] };
  }, [sort, rowsShown]);
  useEffect(
    () =>
      onEvent('data-changed', (change) => {
        if (reloadsPeople(change, shown.current, coreNow())) setReloads((n) => n + 1);
      }),
    [],
  );

  useEffect(() => {
    let live = true;
    // Debounced: a search per keystroke would queue up on a large organisation.
    const timer = setTimeout(() => {
      // Ordered by the core, over everyone matching: the list holds only the first LIMIT.
      const sorting = { sort, direction };
      call('listPeople', { query, limit: LIMIT, ...sorting, ...(ownerId ? { ownerId } : {}) }).then(
        (p) => {
          if (!live) return;
          setPage({ ...p, for: { query, ownerId } });
          setError(null);
          if (focusFirst.current && !ownerId) {
            focusFirst.current = false;
            focusOn.current = p.rows[0]?.id ?? null;
          }
        },
        (e: Error) => {
          if (!live) return;
          // The list shown answered another search: kept, it would pass for this one's matches.
          setPage(null);
          setError(e.message);
        },
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, ownerId, sort, direction, reloads]);
  // Another order or owner starts at its top, as another search does.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [sort, direction, ownerId]);
  // Back from a person opened here: once the list is in, the same rows on screen, and the person
  // opened focused (the row's link, once the list has drawn it there).
  const [back] = useState(() => peopleReturnFrom(window.history.state));
  const restored = useRef(false);
  useEffect(() => {
    if (!page || restored.current) return;
    restored.current = true;
    if (!back || !scroller.current) return;
    scroller.current.scrollTop = back.top;
    if (page.rows.some((p) => p.id === back.opened)) focusOn.current = back.opened;
  }, [page, back]);
  useEffect(() => {
    if (!focusOn.current) return;
    const link = scroller.current?.querySelector<HTMLElement>(
      `a[href="${CSS.escape(hrefFor({ page: 'person', id: focusOn.current }))}"]`,
    );
    if (!link) return;
    link.focus({ preventScroll: true });
    focusOn.current = null;
  });
  // Kept in this page's history entry as a person is opened, for Back to find.
  const leaveFor = (id: string): void =>
    window.history.replaceState(
      peopleReturnState({ top: scroller.current?.scrollTop ?? 0, opened: id }),
      '',
    );

  const rows = page?.rows ?? [];
  const searched = query.trim();
  const narrowedTo = owner === OWNER_ME ? null : { ownerName: ownerName(ownerId) };
  // The matches the owner filter hides (counted by the core with the list), one link away: the
  // address names everyone's people, so Back returns to the narrowed list.
  const othersNow = othersMatchingNow(page, { query, ownerId });
  const others = ownerId && searched && othersNow ? othersNow : 0;
  const showOthers = (
    <a
      href={hrefFor({ page: 'people', people: { ...view, owner: OWNER_ALL } })}
      onClick={() => (focusFirst.current = true)}
    >
      {showOthersText(others)}
    </a>
  );
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 44,
    overscan: 10,
  });

  return (
    <section className="page page-fill">
      <header className="page-head">
        <h1>People</h1>
        <div className="filters">
          <input
            type="search"
            className="search"
            placeholder="Name, email, company or phone"
            aria-label="Search people"
            value={query}
            maxLength={PEOPLE_QUERY_MAX}
            onChange={(e) => show({ query: e.target.value })}
            autoFocus
          />
          <select
            aria-label="Owner"
            value={owner}
            title={
              owner === OWNER_ME
                ? 'My people'
                : ownerId
                  ? `${ownerName(ownerId)}’s people`
                  : 'Everyone’s people'
            }
            onChange={(e) => show({ owner: e.target.value })}
          >
            <option value={OWNER_ALL}>Everyone’s people</option>
            {me && (me.ownsPeople || owner === OWNER_ME) && (
              <option value={OWNER_ME}>My people</option>
            )}
            {/* Whoever owns no lead or contact (a director, an admin) would only lead to an
                empty list; one picked in the address stays offered, to show why it is empty. */}
            {users
              .filter((u) => u.id !== me?.id && (u.ownsPeople || u.id === owner))
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}’s people
                </option>
              ))}
          </select>
        </div>
        <p className="subtle" aria-live="polite">
          {page
            ? `${page.total.toLocaleString()} ${page.total === 1 ? 'person' : 'people'}`
            : error
              ? ''
              : 'Searching…'}
          {page && page.total > rows.length
            ? ` · showing the first ${rows.length}; refine the search`
            : ''}
        </p>
      </header>
      {error && (
        <p className="error" role="alert">
          {searchErrorText(error)}
        </p>
      )}
      {page && rows.length === 0 && (
        <div className="empty">
          {searched ? (
            ownerId ? (
              <>
                {noOneHereText(searched, narrowedTo, othersNow)}
                {others > 0 && (
                  <>
                    {' '}
                    {othersMatchingText(others, false)} {showOthers}
                  </>
                )}
              </>
            ) : (
              `No one matches “${searched}”.`
            )
          ) : owner === OWNER_ME ? (
            'You own no leads or contacts.'
          ) : ownerId ? (
            `${ownerName(ownerId)} owns no leads or contacts.`
          ) : (
            'No leads or contacts yet: connect the CRM under Settings, or sync again.'
          )}
        </div>
      )}
      <div className="people-scroll" ref={scroller} role="table" aria-label="People">
        <div className="people-row people-head" role="row">
          <ColumnHead label="Name" by="name" order={order} onSort={sortBy} />
          <ColumnHead label="Type" by="type" order={order} onSort={sortBy} className="col-type" />
          <ColumnHead label="Company" by="company" order={order} onSort={sortBy} />
          <ColumnHead label="Email" by="email" order={order} onSort={sortBy} />
          {/* By the zone's UTC offset now, west to east: the order its labels' offsets read. */}
          <ColumnHead label="Their time zone" by="timeZone" order={order} onSort={sortBy} />
          <ColumnHead
            label="Owner"
            by="owner"
            order={order}
            onSort={sortBy}
            className="col-owner"
          />
          <ColumnHead label="Last activity" by="lastActivity" order={order} onSort={sortBy} />
        </div>
        <div className="people-list" role="rowgroup" style={{ height: virtual.getTotalSize() }}>
          {virtual.getVirtualItems().map((item) => {
            const p = rows[item.index];
            if (!p) return null;
            return (
              <div
                key={p.id}
                role="row"
                className="people-row"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <span role="cell" className="ellipsis">
                  <a
                    href={hrefFor({ page: 'person', id: p.id })}
                    className="person-link"
                    title={p.name}
                    onClick={() => leaveFor(p.id)}
                  >
                    {p.name}
                  </a>
                </span>
                <span role="cell" className="col-type">
                  <span className={`chip chip-${p.module}`}>
                    {p.module === 'lead' ? 'Lead' : 'Contact'}
                  </span>
                </span>
                <span role="cell" className="subtle ellipsis" title={p.company ?? undefined}>
                  {p.company}
                </span>
                <span role="cell" className="subtle ellipsis" title={p.email ?? undefined}>
                  {p.email}
                </span>
                <span role="cell" className="subtle ellipsis" title={p.timeZone}>
                  {zoneLabel(p.timeZone, now)}
                </span>
                <span
                  role="cell"
                  className="subtle ellipsis col-owner"
                  title={p.ownerName ?? undefined}
                >
                  {p.ownerName ?? '—'}
                </span>
                <LastActivityCell person={p} now={now} zone={zone} />
              </div>
            );
          })}
        </div>
      </div>
      {/* After the list, where its end is read; announced as it changes with the search. */}
      <p className="people-others subtle" aria-live="polite">
        {others > 0 && rows.length > 0 && (
          <>
            {othersMatchingText(others, true)} {showOthers}
          </>
        )}
      </p>
    </section>
  );
}
