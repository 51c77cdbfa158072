import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PeoplePage as Page } from '@shared/contract';
import { call } from '../api/client';
import { formatAgo } from '../format/time';
import { hrefFor } from '../stores/routeStore';
import { useSession } from '../stores/sessionStore';

const LIMIT = 500;

export function PeoplePage(): React.JSX.Element {
  const now = useSession((s) => s.session?.now ?? 0);
  const [query, setQuery] = useState('');
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    // Debounced: a search per keystroke would queue up on a large organisation.
    const timer = setTimeout(() => {
      call('listPeople', { query, limit: LIMIT }).then(
        (p) => live && setPage(p),
        (e: Error) => live && setError(e.message),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  const rows = page?.rows ?? [];
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 52,
    overscan: 10,
  });

  return (
    <section className="page page-fill">
      <header className="page-head">
        <h1>People</h1>
        <input
          type="search"
          className="search"
          placeholder="Search by name, email or company"
          aria-label="Search people"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoFocus
        />
        <p className="subtle" aria-live="polite">
          {page
            ? `${page.total.toLocaleString()} ${page.total === 1 ? 'person' : 'people'}`
            : 'Searching…'}
          {page && page.total > rows.length
            ? ` · showing the first ${rows.length}; refine the search`
            : ''}
        </p>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {page && rows.length === 0 && <div className="empty">No one matches “{query}”.</div>}
      <div className="people-scroll" ref={scroller}>
        <ul className="people-list" style={{ height: virtual.getTotalSize() }} aria-label="People">
          {virtual.getVirtualItems().map((item) => {
            const p = rows[item.index];
            if (!p) return null;
            return (
              <li
                key={p.id}
                className="people-row"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <a href={hrefFor({ page: 'person', id: p.id })} className="person-link">
                  {p.name}
                </a>
                <span className={`chip chip-${p.module}`}>
                  {p.module === 'lead' ? 'Lead' : 'Contact'}
                </span>
                <span className="subtle ellipsis">{p.company}</span>
                <span className="subtle ellipsis">{p.email}</span>
                <span className="subtle">{p.timeZone}</span>
                <span className="subtle">
                  {p.lastActivityAt ? formatAgo(p.lastActivityAt, now) : '—'}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
