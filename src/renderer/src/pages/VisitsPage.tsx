import { useEffect, useMemo, useRef, useState } from 'react';
import type { MethodInput } from '@shared/contract';
import type { VisitList, VisitRow } from '@shared/alertsContract';
import { call, onEvent } from '../api/client';
import { useNow } from '../hooks/useNow';
import { useOrganisationWide, useSession } from '../stores/sessionStore';
import { useRoute, type Route } from '../stores/routeStore';
import { VisitItem } from '../components/visits/VisitItem';
import {
  minScoreOf,
  narrowsVisits,
  NO_FILTERS,
  VisitFilters,
  type VisitFilterValues,
} from '../components/visits/VisitFilters';
import { RecentAlerts } from '../components/visits/RecentAlerts';
import { refusedField } from '../components/visits/fieldErrors';
import {
  earlierRows,
  nextCursor,
  NO_OLDER,
  withPage,
  type OlderPages,
} from '../components/visits/earlierVisits';
import '../components/visits/visits.css';

const PAGE = 50;
/** The core answers at most this many rows a section: today's list grows to it at most. */
const MOST = 1000;
/**
 * Ask again this often whatever happens (new visits do not wait for it: a sync that stores some
 * says so at once; a visit leaving "on the website now" sets its own timer).
 */
const REFRESH_MS = 30_000;

function query(f: VisitFilterValues, limit: number): MethodInput<'listVisits'> {
  const score = minScoreOf(f);
  const page = f.page.trim();
  return {
    scope: f.scope,
    limit,
    ...(f.categories.length > 0 ? { categories: f.categories } : {}),
    ...(score !== null ? { minScore: score } : {}),
    ...(page ? { page } : {}),
  };
}

/**
 * Whose visits the page opens on: the user's own; everyone's for an admin who owns no one (their
 * own would be empty, whatever the organisation has).
 */
function defaultScope(organisationWide: boolean): VisitFilterValues['scope'] {
  return organisationWide ? 'everyone' : 'mine';
}

/**
 * The filters a route opens the page with: unfiltered, on the user's default scope; everyone's for
 * an alert's visitor.
 */
function filtersFor(route: Route, organisationWide: boolean): VisitFilterValues {
  return {
    ...NO_FILTERS,
    scope: route.id === 'everyone' ? 'everyone' : defaultScope(organisationWide),
  };
}

function Section({
  title,
  rows,
  zone,
  now,
  today,
  empty,
  focus,
  suggestions,
  more = false,
}: {
  title: string;
  rows: VisitRow[];
  suggestions: { call: boolean; email: boolean };
  /** The visit an alert pointed at. */
  focus: string | null;
  /** More rows than shown match: the count says "50+", not 50 as if that were all. */
  more?: boolean;
  zone: string;
  now: number;
  today: boolean;
  empty: string;
}): React.JSX.Element {
  const id = `visits-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="visit-section" aria-labelledby={id}>
      <h2 id={id}>
        {title}{' '}
        <span
          className="count-badge"
          title={more ? `${rows.length} shown; more to show below` : undefined}
        >
          {rows.length}
          {more ? '+' : ''}
        </span>
      </h2>
      {rows.length === 0 ? (
        <p className="subtle visit-empty">{empty}</p>
      ) : (
        <ul className="visit-list" aria-label={title}>
          {rows.map((v) => (
            <VisitItem
              key={v.id}
              visit={v}
              zone={zone}
              now={now}
              today={today}
              suggestions={suggestions}
              focused={v.id === focus}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The Visits page (VT-1, VT-4, VT-9): who is on the website now, then today's visits and earlier
 * ones, each with what a rep needs to call while the visitor is warm. Live: a sync that stores
 * visits says so and the list is asked for again; a visit leaves "now" when its time is up.
 */
export function VisitsPage(): React.JSX.Element {
  const session = useSession((s) => s.session);
  const userId = session?.currentUser?.id;
  // A read asked for before a switch of user ended is dropped and asked again.
  const switched = useSession((s) => s.switched);
  const route = useRoute((s) => s.route);
  const callSuggestions = useSession((s) => s.settings?.callSuggestions ?? true);
  const emailSuggestions = useSession((s) => s.settings?.emailSuggestions ?? true);
  // One object while the switches stay: the rows are memoised on their props.
  const suggestions = useMemo(
    () => ({ call: callSuggestions, email: emailSuggestions }),
    [callSuggestions, emailSuggestions],
  );
  const organisationWide = useOrganisationWide();
  const [filters, setFilters] = useState<VisitFilterValues>(() =>
    filtersFor(route, organisationWide),
  );
  const focus = route.focus ?? null;
  const [limit, setLimit] = useState(PAGE);
  const [list, setList] = useState<VisitList | null>(null);
  const [older, setOlder] = useState<OlderPages>(NO_OLDER);
  // An alert clicked while this page is open: its route comes again, and the page follows it.
  const routeShown = useRef(route);
  useEffect(() => {
    if (routeShown.current === route) return;
    routeShown.current = route;
    setFilters(filtersFor(route, organisationWide));
    setLimit(PAGE);
    setOlder(NO_OLDER);
  }, [route, organisationWide]);
  // Another user signed in: a scope left at the one before's default becomes the new one's (the
  // admin's everyone's, a rep's own); one picked by hand, and the other filters, stay.
  const shownFor = useRef(organisationWide);
  useEffect(() => {
    if (shownFor.current === organisationWide) return;
    const before = defaultScope(shownFor.current);
    shownFor.current = organisationWide;
    setFilters((f) => (f.scope === before ? { ...f, scope: defaultScope(organisationWide) } : f));
    setLimit(PAGE);
    setOlder(NO_OLDER);
  }, [organisationWide]);
  const filtersNow = useRef(filters);
  filtersNow.current = filters;
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const now = useNow(REFRESH_MS);

  useEffect(() => {
    const again = (): void => setReloads((n) => n + 1);
    const timer = setInterval(again, REFRESH_MS);
    const stop = onEvent('data-changed', ({ entities }) => {
      // Plan marks and the outbox change nothing shown here.
      if (entities.some((e) => e !== 'plan' && e !== 'outbox')) again();
    });
    return () => {
      clearInterval(timer);
      stop();
    };
  }, []);

  useEffect(() => {
    let live = true;
    // Typing a score or a page pattern asks once it pauses, not per keystroke.
    const timer = setTimeout(() => {
      call('listVisits', query(filters, limit)).then(
        (l) => {
          if (!live) return;
          setList(l);
          setError(null);
        },
        (e: Error) => live && setError(e.message),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [filters, limit, reloads, userId, switched]);

  // A visit leaves "on the website now" by the clock: ask again the moment the first one does,
  // timed on the core's clock (its `now`), not this window's.
  const leavesAt = list?.onSiteLeavesAt ?? null;
  const listedAt = list?.now ?? 0;
  useEffect(() => {
    if (leavesAt === null) return;
    const timer = setTimeout(() => setReloads((n) => n + 1), Math.max(0, leavesAt - listedAt));
    return () => clearTimeout(timer);
  }, [leavesAt, listedAt]);

  const refused = error ? refusedField(error) : null;
  const pageError = refused?.path[0] === 'page' ? refused.message : null;
  const zone = list?.repTz ?? session?.currentUser?.timeZone ?? session?.org.timeZone ?? 'UTC';
  // An empty section under filters says the filters matched nobody, not that nobody came.
  const narrowed = narrowsVisits(filters);
  const moreToday = list !== null && list.more.today && limit < MOST;
  const earlier = list ? earlierRows(list, older) : { rows: [], more: false };
  const showEarlier = (): void => {
    const cursor = list && nextCursor(earlier.rows);
    if (!list || !cursor) return;
    const asked = filters;
    setLoadingOlder(true);
    call('listVisits', { ...query(filters, PAGE), ...cursor }).then(
      (page) => {
        setLoadingOlder(false);
        // A page asked for under other filters belongs to another list.
        if (asked !== filtersNow.current) return;
        setOlder((kept) => withPage(list, kept, page));
      },
      (e: Error) => {
        setLoadingOlder(false);
        setError(e.message);
      },
    );
  };

  return (
    <section className="page visits-page">
      <header className="page-head">
        <h1>Visits</h1>
        <p className="subtle">
          Who is on your website now, today and before: the pages they read, how they came, and when
          they are best reached.
        </p>
        <VisitFilters
          value={filters}
          onChange={(next) => {
            setFilters(next);
            setLimit(PAGE);
            setOlder(NO_OLDER);
          }}
          pageError={pageError}
        />
      </header>
      {organisationWide && filters.scope === 'mine' && (
        <p className="notice" role="note">
          You own no leads or contacts, so none of the visits is yours: Everyone’s shows the whole
          organisation’s.
        </p>
      )}
      {error && !pageError && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <RecentAlerts zone={zone} now={now} />
      {!list ? (
        <p className="loading">Loading…</p>
      ) : (
        <>
          {list.visitsUnavailable && (
            <p className="notice" role="note">
              {list.visitsUnavailable}
            </p>
          )}
          <Section
            title="On the website now"
            rows={list.onSite}
            zone={zone}
            now={now}
            today
            focus={focus}
            suggestions={suggestions}
            empty={
              narrowed
                ? 'Nobody on the website now matches the filters.'
                : 'Nobody is on the website now.'
            }
          />
          <Section
            title="Today"
            rows={list.today}
            more={list.more.today}
            zone={zone}
            now={now}
            today
            focus={focus}
            suggestions={suggestions}
            empty={narrowed ? 'No other visits today match the filters.' : 'No other visits today.'}
          />
          {moreToday && (
            <button
              type="button"
              className="show-more"
              onClick={() => setLimit((n) => Math.min(MOST, n + PAGE))}
            >
              Show more of today
            </button>
          )}
          {list.more.today && limit >= MOST && (
            <p className="subtle">More visits today match: narrow the filters to see them.</p>
          )}
          <Section
            title="Earlier"
            rows={earlier.rows}
            more={earlier.more}
            zone={zone}
            now={now}
            today={false}
            focus={focus}
            suggestions={suggestions}
            empty={narrowed ? 'No earlier visits match the filters.' : 'No earlier visits.'}
          />
          {earlier.more && (
            <button
              type="button"
              className="show-more"
              disabled={loadingOlder}
              onClick={showEarlier}
            >
              Show earlier visits
            </button>
          )}
        </>
      )}
    </section>
  );
}
