import { useEffect, useMemo, useRef, useState } from 'react';
import type { MethodInput } from '@shared/contract';
import type { VisitList, VisitRow, VisitScope } from '@shared/alertsContract';
import { reportsBelow } from '@shared/reportingLine';
import { call, onEvent } from '../api/client';
import { useNow } from '../hooks/useNow';
import { useOrganisationWide, useSession } from '../stores/sessionStore';
import { useRoute, type Route } from '../stores/routeStore';
import { VISITS_VIEW_DEFAULT, visitScopeFrom } from '../route/visitsView';
import { visitsReturnFrom, visitsReturnState } from '../route/visitsReturn';
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
    ...(f.scope === 'team' && f.rep ? { ownerId: f.rep } : {}),
    limit,
    ...(f.categories.length > 0 ? { categories: f.categories } : {}),
    ...(score !== null ? { minScore: score } : {}),
    ...(page ? { page } : {}),
  };
}

/**
 * Whose visits the page opens on when the address names none (`#/visits`, the menu's link): the
 * user's own; everyone's for an admin who owns no one, their team's for someone with people
 * reporting to them who owns no one (the demo's managers and director): their own would be empty,
 * whatever the organisation has.
 */
function openingScope(
  organisationWide: boolean,
  hasTeam: boolean,
  ownsPeople: boolean,
): VisitScope {
  if (organisationWide) return 'everyone';
  return hasTeam && !ownsPeople ? 'team' : NO_FILTERS.scope;
}

/**
 * The filters the address asks for (`#/visits/team?rep=u3&cat=customer`): whose visits is the
 * path, the rest the query part (an alert's visitor opens `#/visits/everyone/<visit>`, unfiltered).
 * What the user cannot be shown is the default: the team's scope for someone nobody reports to,
 * a rep not of their team.
 */
function filtersFor(
  route: Route,
  team: readonly { id: string }[],
  organisationWide: boolean,
  ownsPeople: boolean,
): VisitFilterValues {
  const asked = visitScopeFrom(route.id);
  const scope = asked === 'team' && team.length === 0 ? undefined : asked;
  const view = route.visits ?? VISITS_VIEW_DEFAULT;
  const rep = scope === 'team' && view.rep && team.some((u) => u.id === view.rep) ? view.rep : '';
  return {
    scope: scope ?? openingScope(organisationWide, team.length > 0, ownsPeople),
    rep,
    categories: view.categories,
    minScore: view.minScore,
    page: view.page,
  };
}

/** The address for these filters: replaced as they change, so Back and a reload find them. */
function routeFor(f: VisitFilterValues): Route {
  return {
    page: 'visits',
    id: f.scope,
    visits: {
      ...(f.scope === 'team' && f.rep ? { rep: f.rep } : {}),
      categories: f.categories,
      minScore: f.minScore,
      page: f.page,
    },
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
  const meId = session?.currentUser?.id ?? null;
  const users = session?.users;
  // The people below the user in the reporting line: a manager's "My team's" and its reps.
  const team = useMemo(
    () => (meId && users ? reportsBelow(users, meId).map((u) => ({ id: u.id, name: u.name })) : []),
    [meId, users],
  );
  // The filters live in the address (#/visits/everyone?cat=…): Back from a person, a reload or
  // a shared link shows the list as it was left; each change replaces the address.
  const organisationWide = useOrganisationWide();
  const ownsPeople = session?.currentUser?.ownsPeople ?? true;
  const asked = filtersFor(route, team, organisationWide, ownsPeople);
  const filtersKey = JSON.stringify(asked);
  // One object while the filters stay (the list is asked for again when they change).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const filters = useMemo(() => asked, [filtersKey]);
  const setFilters = (next: VisitFilterValues): void => useRoute.getState().replace(routeFor(next));
  const focus = route.focus ?? null;
  // Back from a person opened here: as much of the list as was shown, then the same cards on
  // screen and the link followed focused.
  const [back] = useState(() => visitsReturnFrom(window.history.state));
  const [limit, setLimit] = useState(() =>
    back ? Math.min(MOST, Math.max(PAGE, back.today)) : PAGE,
  );
  const [list, setList] = useState<VisitList | null>(null);
  const [older, setOlder] = useState<OlderPages>(NO_OLDER);
  // Other filters (chosen here, or an alert clicked while this page is open): another list.
  const shownKey = useRef(filtersKey);
  useEffect(() => {
    if (shownKey.current === filtersKey) return;
    shownKey.current = filtersKey;
    setLimit(PAGE);
    setOlder(NO_OLDER);
  }, [filtersKey]);
  const filtersNow = useRef(filtersKey);
  filtersNow.current = filtersKey;
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
  const showEarlier = (count = PAGE): void => {
    const cursor = list && nextCursor(earlier.rows);
    if (!list || !cursor) return;
    const askedFor = filtersKey;
    setLoadingOlder(true);
    call('listVisits', { ...query(filters, Math.min(MOST, count)), ...cursor }).then(
      (page) => {
        setLoadingOlder(false);
        // A page asked for under other filters belongs to another list.
        if (askedFor !== filtersNow.current) return;
        setOlder((kept) => withPage(list, kept, page));
      },
      (e: Error) => {
        setLoadingOlder(false);
        setError(e.message);
      },
    );
  };

  // Kept in this page's history entry as a person is opened from a card, for Back to find.
  const pageRef = useRef<HTMLElement>(null);
  const shownNow = useRef({ today: limit, earlier: earlier.rows.length });
  shownNow.current = { today: limit, earlier: earlier.rows.length };
  useEffect(() => {
    const page = pageRef.current;
    if (!page) return;
    const leave = (e: MouseEvent): void => {
      const link = e.target instanceof Element ? e.target.closest('a') : null;
      const card = link?.closest<HTMLElement>('.visit-item');
      const visit = card?.dataset['visit'];
      if (!link || !visit || !link.getAttribute('href')?.startsWith('#/person/')) return;
      window.history.replaceState(
        visitsReturnState({
          top: page.closest('.content')?.scrollTop ?? 0,
          visit,
          link: link.classList.contains('person-link') ? 'name' : 'open',
          ...shownNow.current,
        }),
        '',
      );
    };
    page.addEventListener('click', leave);
    return () => page.removeEventListener('click', leave);
  }, []);
  const restored = useRef(back === null);
  const pagedBack = useRef(false);
  useEffect(() => {
    if (restored.current || !back || !list || loadingOlder) return;
    // The earlier visits shown before, asked for at once (one page of the rest, up to 1,000).
    if (!pagedBack.current && earlier.more && earlier.rows.length < back.earlier) {
      pagedBack.current = true;
      showEarlier(back.earlier - earlier.rows.length);
      return;
    }
    restored.current = true;
    const page = pageRef.current;
    const scroller = page?.closest('.content');
    if (scroller) scroller.scrollTop = back.top;
    const card = page?.querySelector(`.visit-item[data-visit="${CSS.escape(back.visit)}"]`);
    const link = card?.querySelector<HTMLElement>(
      back.link === 'name' ? '.person-link' : '.open-person',
    );
    if (!link) return;
    link.focus({ preventScroll: true });
    // Cards above that came or went meanwhile may have moved it: the link in view, at least.
    link.scrollIntoView({ block: 'nearest' });
  });

  return (
    <section className="page visits-page" ref={pageRef}>
      <header className="page-head">
        <h1>Visits</h1>
        <p className="subtle">
          Who is on your website now, today and before: the pages they read, how they came, and when
          they are best reached.
        </p>
        <VisitFilters value={filters} onChange={setFilters} pageError={pageError} team={team} />
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
              onClick={() => showEarlier()}
            >
              Show earlier visits
            </button>
          )}
        </>
      )}
    </section>
  );
}
