import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DateTime } from 'luxon';
import type { Planner, PlannerRow } from '@shared/contract';
import { nextChange } from '@shared/slotStates';
import { reportsBelow } from '@shared/reportingLine';
import { call, onEvent } from '../api/client';
import { PlanList, type PlanListHandle } from '../components/PlanList';
import { nowDividerIndex, rowsAt } from '../plan/planRowOrder';
import { LogCallDialog } from '../components/LogCallDialog';
import { hrefFor, parseHash } from '../stores/routeStore';
import { formatClock, formatDay } from '../format/time';
import { useNow } from '../hooks/useNow';
import { useSession } from '../stores/sessionStore';

type ChannelFilter = 'all' | 'call' | 'email';

/**
 * A new list (opening, another day, another rep) first asks for this many rows, more than the
 * tallest screen shows, and then for the whole plan: thousands of rows take a few hundred
 * milliseconds to serialise and parse, a screenful one.
 */
const FIRST_ROWS = 100;

/**
 * Opening the app on the planner asks for today's plan while the bundle is still starting, beside
 * the session, instead of after the session has arrived and the page has mounted: the plan is the
 * slow answer. The first mount takes it if nothing asked for another plan in between.
 */
let openingPlan: Promise<Planner> | null =
  parseHash(window.location.hash).page === 'planner'
    ? call('getPlanner', { first: FIRST_ROWS })
    : null;
// Its failure is reported by the page that takes it, or by the app when the session fails too.
openingPlan?.catch(() => undefined);
// Data that changes before the page mounts (and listens) makes that early answer stale.
const stopWatchingOpeningPlan = openingPlan
  ? onEvent('data-changed', () => {
      openingPlan = null;
      stopWatchingOpeningPlan?.();
    })
  : null;
// A page's first date formatter starts ICU, tens of milliseconds: pay that while the plan is on its
// way rather than in the first render after it arrives.
if (openingPlan && typeof requestIdleCallback === 'function')
  requestIdleCallback(() => formatClock(Date.now(), DateTime.local().zoneName), { timeout: 300 });

export function PlannerPage(): React.JSX.Element {
  const userId = useSession((s) => s.session?.currentUser?.id);
  const settings = useSession((s) => s.settings);
  const [plan, setPlan] = useState<Planner | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [channel, setChannel] = useState<ChannelFilter>('all');
  const [minStars, setMinStars] = useState(0);
  const [query, setQuery] = useState('');
  const [reloads, setReloads] = useState(0);
  const [date, setDate] = useState<string | undefined>(undefined);
  const session = useSession((s) => s.session);
  // The reps whose plans the user may open: everyone below them in the reporting line.
  const team = useMemo(() => {
    const me = session?.currentUser;
    if (!me) return [];
    const users = session.users;
    const below = me.role === 'admin' ? users : reportsBelow(users, me.id);
    return below.filter((u) => u.role === 'rep' && u.id !== me.id);
  }, [session]);
  const [repId, setRepId] = useState<string | undefined>(undefined);
  const [stage, setStage] = useState('all');
  // Another signed-in user starts on their own plan.
  useEffect(() => setRepId(undefined), [userId]);
  const [category, setCategory] = useState('all');

  useEffect(() => onEvent('data-changed', () => setReloads((n) => n + 1)), []);
  const shownView = useRef<string | null>(null);
  useEffect(() => {
    let live = true;
    const opening = openingPlan;
    openingPlan = null;
    stopWatchingOpeningPlan?.();
    const params = { ...(date ? { date } : {}), ...(repId ? { repId } : {}) };
    const view = JSON.stringify([userId, params]);
    // A reload of the list on screen asks for all of it at once: a shorter list for a moment
    // would pull the rows from under a rep scrolled further down.
    const sameView = shownView.current === view;
    const failed = (e: Error): void => {
      if (live) setError(e.message);
    };
    const asked =
      opening && reloads === 0 && !date && !repId
        ? opening
        : call('getPlanner', sameView ? params : { ...params, first: FIRST_ROWS });
    asked.then((p) => {
      if (!live) return;
      setPlan(p);
      setError(null);
      shownView.current = view;
      if (p.rows.length < p.total)
        call('getPlanner', params).then((whole) => {
          if (live) setPlan(whole);
        }, failed);
    }, failed);
    return () => {
      live = false;
    };
  }, [userId, settings, reloads, date, repId]);

  // States follow the clock here, so windows open, close and strike through with no reload.
  const rows = plan?.rows;
  const firstChange = useMemo(() => {
    let soonest: number | null = null;
    for (const r of rows ?? []) {
      if (r.start === null || r.end === null) continue;
      const c = nextChange(r.start, r.end, Date.now());
      if (c !== null && (soonest === null || c < soonest)) soonest = c;
    }
    return soonest;
  }, [rows]);
  const now = useNow(30_000, firstChange);

  // A tick that changes no row's state keeps the same array, so the list does not re-render.
  const stated = useRef<{ rows: readonly PlannerRow[]; at: readonly PlannerRow[] } | null>(null);
  const rowsNow = useMemo(() => {
    if (!rows) return [];
    const previous = stated.current?.rows === rows ? stated.current.at : null;
    const at = rowsAt(rows, now, previous);
    stated.current = { rows, at };
    return at;
  }, [rows, now]);
  const live = useMemo(() => {
    const term = query.trim().toLowerCase();
    if (!term && channel === 'all' && minStars === 0 && stage === 'all' && category === 'all')
      return rowsNow;
    return rowsNow.filter(
      (r) =>
        (channel === 'all' || r.channel === channel) &&
        (minStars === 0 || (r.stars ?? 0) >= minStars) &&
        (stage === 'all' || (stage === 'none' ? r.dealStage === null : r.dealStage === stage)) &&
        (category === 'all' || (category === 'on_site' ? r.onSiteNow : r.category === category)) &&
        (!term ||
          r.name.toLowerCase().includes(term) ||
          (r.company ?? '').toLowerCase().includes(term)),
    );
  }, [rowsNow, channel, minStars, query, stage, category]);
  const stages = useMemo(
    () =>
      [
        ...new Set((rows ?? []).map((r) => r.dealStage).filter((x): x is string => x !== null)),
      ].sort(),
    [rows],
  );

  const counts = useMemo(() => {
    const c = { now: 0, upcoming: 0, none: 0, passed: 0, struck: 0, done: 0 };
    for (const r of live) {
      if (r.action === 'done') c.done++;
      else if (r.action !== 'skipped') c[r.state]++;
    }
    return c;
  }, [live]);

  const [selected, setSelected] = useState(0);
  const [logging, setLogging] = useState<PlannerRow | null>(null);
  const act = async (
    row: PlannerRow,
    action: 'done' | 'snoozed' | 'skipped' | 'clear',
  ): Promise<void> => {
    if (!plan) return;
    try {
      await call('markPlanRow', {
        personId: row.personId,
        channel: row.channel,
        date: plan.date,
        action,
      });
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const actRef = useRef(act);
  actRef.current = act;
  const onRowAction = useCallback(
    (row: PlannerRow, action: 'done' | 'snoozed' | 'skipped' | 'clear') =>
      void actRef.current(row, action),
    [],
  );

  // Keyboard flow (PL-5): j/k move, enter opens, c calls, e emails, d done, s snooze, x skip.
  const keyState = useRef({ live, selected, logging });
  keyState.current = { live, selected, logging };
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      const { live: rowsNow, selected: index, logging: open } = keyState.current;
      if (open) return;
      const row = rowsNow[index];
      const move = (to: number): void => {
        const next = Math.max(0, Math.min(rowsNow.length - 1, to));
        setSelected(next);
        list.current?.scrollToRow(next);
      };
      if (e.key === 'j' || e.key === 'ArrowDown') move(index + 1);
      else if (e.key === 'k' || e.key === 'ArrowUp') move(index - 1);
      else if (!row) return;
      else if (e.key === 'Enter')
        window.location.hash = hrefFor({ page: 'person', id: row.personId });
      else if (e.key === 'c' && row.phone)
        window.location.href = `tel:${row.phone.replace(/\s/g, '')}`;
      else if (e.key === 'e' && row.email) window.location.href = `mailto:${row.email}`;
      else if (e.key === 'd') void act(row, 'done');
      else if (e.key === 's') void act(row, 'snoozed');
      else if (e.key === 'x') void act(row, 'skipped');
      else if (e.key === 'l' && row.channel === 'call') setLogging(row);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plan]);

  const list = useRef<PlanListHandle>(null);
  // The soft current-time marker (PL-1) sits in today's list only.
  const isToday =
    plan !== null && DateTime.fromMillis(now, { zone: plan.repTz }).toISODate() === plan.date;
  const dividerAt = isToday ? nowDividerIndex(live) : null;

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!plan) return <p className="loading">Loading today’s plan…</p>;
  // Counts of the first rows alone would be wrong, and would jump when the rest arrives.
  const complete = plan.rows.length === plan.total;
  return (
    <section className="page page-fill">
      <header className="page-head">
        <div className="head-line">
          <h1>Planner</h1>
          <span className="now-marker" aria-label="Current time">
            now {formatClock(now, plan.repTz)}
          </span>
        </div>
        <p className="subtle">
          {formatDay(plan.date, plan.repTz)} · times in {plan.repTz}
        </p>
        <div className="counts" aria-label="Today's counts">
          {complete ? (
            <>
              <span className="count count-now">{counts.now} in window now</span>
              <span className="count">{counts.upcoming} upcoming</span>
              <span className="count">{counts.none} without a window today</span>
              <span className="count count-done">{counts.done} done</span>
              <span className="count count-missed">{counts.passed + counts.struck} missed</span>
            </>
          ) : (
            <span className="count">Counting {plan.total.toLocaleString()} rows…</span>
          )}
        </div>
        <p className="subtle data-age" aria-live="polite">
          {dataAge(session?.dataAsOf ?? null, session?.org.isDemo ?? false, now, plan.repTz)}
        </p>
        <div className="filters">
          {team.length > 0 && (
            <select
              aria-label="Owner"
              value={repId ?? ''}
              onChange={(e) => setRepId(e.target.value || undefined)}
            >
              <option value="">My plan</option>
              {team.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
          <input
            type="date"
            aria-label="Day"
            value={plan.date}
            onChange={(e) => setDate(e.target.value || undefined)}
          />
          {date && (
            <button type="button" onClick={() => setDate(undefined)}>
              Today
            </button>
          )}
          <input
            type="search"
            className="search"
            placeholder="Filter by name or company"
            aria-label="Filter the plan"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <select
            aria-label="Channel"
            value={channel}
            onChange={(e) => setChannel(e.target.value as ChannelFilter)}
          >
            <option value="all">Calls and emails</option>
            <option value="call">Calls</option>
            <option value="email">Emails</option>
          </select>
          <select aria-label="Deal stage" value={stage} onChange={(e) => setStage(e.target.value)}>
            <option value="all">Any deal stage</option>
            <option value="none">No open deal</option>
            {stages.map((st) => (
              <option key={st} value={st}>
                {st}
              </option>
            ))}
          </select>
          <select
            aria-label="Category"
            value={category}
            onChange={(e) => setCategory(e.target.value)}
          >
            <option value="all">Any category</option>
            <option value="customer">Customers</option>
            <option value="customer_open_deal">Customers with open deal</option>
            <option value="lead_contact">Leads and contacts</option>
            <option value="on_site">On the website now</option>
          </select>
          <select
            aria-label="Stars at least"
            value={minStars}
            onChange={(e) => setMinStars(Number(e.target.value))}
          >
            <option value={0}>Any stars</option>
            {[2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}+ stars
              </option>
            ))}
          </select>
        </div>
      </header>
      {live.length === 0 ? (
        <div className="empty">
          {rows?.length
            ? 'No one matches these filters.'
            : 'No suggestions for today: best-time suggestions may be switched off in Settings.'}
        </div>
      ) : (
        <PlanList
          ref={list}
          rows={live}
          now={now}
          repTz={plan.repTz}
          selected={selected}
          dividerAt={dividerAt}
          dividerText={`now ${formatClock(now, plan.repTz)}`}
          onAction={onRowAction}
          onLogCall={setLogging}
        />
      )}
      {logging && (
        <LogCallDialog
          row={logging}
          onClose={() => setLogging(null)}
          onSave={async (c) => {
            await call('logCall', { personId: logging.personId, ...c, date: plan.date });
          }}
        />
      )}
      <p className="subtle keys">
        Keys: j/k move · enter open · c call · e email · l log a call · d done · s snooze · x skip
      </p>
    </section>
  );
}

/** PL-3: how old the local data is, and whether the app is offline. */
function dataAge(asOf: number | null, isDemo: boolean, now: number, zone: string): string {
  const online = typeof navigator === 'undefined' || navigator.onLine;
  if (asOf === null) return online ? 'Never synced.' : 'Offline, never synced.';
  const when = formatClock(asOf, zone);
  if (isDemo) return `Sample data written at ${when}.`;
  const minutes = Math.max(0, Math.round((now - asOf) / 60_000));
  return online
    ? `Last synced ${minutes < 1 ? 'just now' : `${minutes} min ago`}.`
    : `Offline, data from ${when}.`;
}
