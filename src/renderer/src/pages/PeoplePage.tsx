import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { PEOPLE_QUERY_MAX, type PeoplePage as Page, type PeopleSort } from '@shared/contract';
import { call, onEvent } from '../api/client';
import { formatAgo, zoneLabel } from '../format/time';
import { hrefFor } from '../stores/routeStore';
import { useSession } from '../stores/sessionStore';
import { refusedField } from '../components/visits/fieldErrors';

const LIMIT = 500;
/** "Everyone" and "mine" as the owner filter's values; any other value is a user's id. */
const EVERYONE = '';
const MINE = 'mine';

interface SortOrder {
  by: PeopleSort;
  direction: 'asc' | 'desc';
}
/** Alphabetical by name, as a CRM's list opens. */
const BY_NAME: SortOrder = { by: 'name', direction: 'asc' };

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
  if (!refused) return `The search could not be run: ${error}`;
  return refused.path[0] === 'query'
    ? `A search is at most ${PEOPLE_QUERY_MAX} characters of a name, email, company or phone number: shorten it.`
    : 'The search could not be run: change the owner or the search and try again.';
}

export function PeoplePage(): React.JSX.Element {
  const now = useSession((s) => s.session?.now ?? 0);
  const me = useSession((s) => s.session?.currentUser ?? null);
  const users = useSession((s) => s.session?.users ?? []);
  const [query, setQuery] = useState('');
  // Everyone by default: a search for whoever just called must not miss another rep's people.
  const [owner, setOwner] = useState(EVERYONE);
  const [order, setOrder] = useState<SortOrder>(BY_NAME);
  const sortBy = (by: PeopleSort): void =>
    setOrder((o) =>
      o.by === by
        ? { by, direction: o.direction === 'asc' ? 'desc' : 'asc' }
        : { by, direction: 'asc' },
    );
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const ownerId = owner === MINE ? me?.id : owner || undefined;
  const [reloads, setReloads] = useState(0);
  // A sync, a logged call or another data set changes who is listed and their last activity.
  useEffect(
    () =>
      onEvent('data-changed', ({ entities }) => {
        if (entities.some((e) => e === 'people' || e === 'activities' || e === 'all'))
          setReloads((n) => n + 1);
      }),
    [],
  );

  useEffect(() => {
    let live = true;
    // Debounced: a search per keystroke would queue up on a large organisation.
    const timer = setTimeout(() => {
      // Ordered by the core, over everyone matching: the list holds only the first LIMIT.
      const sorting = { sort: order.by, direction: order.direction };
      call('listPeople', { query, limit: LIMIT, ...sorting, ...(ownerId ? { ownerId } : {}) }).then(
        (p) => {
          if (!live) return;
          setPage(p);
          setError(null);
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
  }, [query, ownerId, order, reloads]);
  // Another order starts at its top, as another search does.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [order]);

  const rows = page?.rows ?? [];
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
            onChange={(e) => setQuery(e.target.value)}
            autoFocus
          />
          <select aria-label="Owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value={EVERYONE}>Everyone’s people</option>
            {me && <option value={MINE}>My people</option>}
            {users
              .filter((u) => u.id !== me?.id)
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
          {query.trim()
            ? `No one matches “${query.trim()}”${ownerId ? ' among these people' : ''}.`
            : owner === MINE
              ? 'You own no leads or contacts.'
              : ownerId
                ? `${users.find((u) => u.id === ownerId)?.name ?? 'This user'} owns no leads or contacts.`
                : 'No leads or contacts yet: connect the CRM under Settings, or sync again.'}
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
                  <a href={hrefFor({ page: 'person', id: p.id })} className="person-link">
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
                <span role="cell" className="subtle ellipsis col-owner">
                  {p.ownerName ?? '—'}
                </span>
                <span role="cell" className="subtle">
                  {p.lastActivityAt ? formatAgo(p.lastActivityAt, now) : '—'}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
