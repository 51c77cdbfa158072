import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { PEOPLE_QUERY_MAX, type PeoplePage as Page } from '@shared/contract';
import { call, onEvent } from '../api/client';
import { formatAgo } from '../format/time';
import { hrefFor } from '../stores/routeStore';
import { useSession } from '../stores/sessionStore';
import { refusedField } from '../components/visits/fieldErrors';

const LIMIT = 500;
/** "Everyone" and "mine" as the owner filter's values; any other value is a user's id. */
const EVERYONE = '';
const MINE = 'mine';

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
      call('listPeople', { query, limit: LIMIT, ...(ownerId ? { ownerId } : {}) }).then(
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
  }, [query, ownerId, reloads]);

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
          <span role="columnheader">Name</span>
          <span role="columnheader" className="col-type">
            Type
          </span>
          <span role="columnheader">Company</span>
          <span role="columnheader">Email</span>
          <span role="columnheader">Their time zone</span>
          <span role="columnheader" className="col-owner">
            Owner
          </span>
          <span role="columnheader">Last activity</span>
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
                  {p.timeZone}
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
