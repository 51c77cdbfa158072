import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DateTime } from 'luxon';
import type { Planner, PlannerRow } from '@shared/contract';
import { nextChange, sortPlanRows } from '@shared/slotStates';
import { call, onEvent } from '../api/client';
import { PlanList, rowKey, type PlanListHandle } from '../components/PlanList';
import type { RowCommand } from '../components/PlanRow';
import { rowsAt } from '../plan/planRowOrder';
import { planItems, type GroupId } from '../plan/planItems';
import { planCounts } from '../plan/planCounts';
import { useHeldRows } from '../plan/useHeldRows';
import { LogCallDialog } from '../components/LogCallDialog';
import { DayPicker } from '../components/DayPicker';
import { hrefFor, parseHash } from '../stores/routeStore';
import { formatClock, formatDay } from '../format/time';
import { useNow } from '../hooks/useNow';
import { useSession } from '../stores/sessionStore';

type ChannelFilter = 'all' | 'call' | 'email';

const ALL_GROUPS: ReadonlySet<GroupId> = new Set<GroupId>([
  'now-low',
  'upcoming-low',
  'passed-low',
  'struck-low',
  'done',
]);

/**
 * A new list (opening, another day, another rep) first asks for this many rows, more than the
 * tallest screen shows, and then for the whole plan: thousands of rows take a few hundred
 * milliseconds to serialise and parse, a screenful one.
 */
const FIRST_ROWS = 100;
/** After a window ends, the core is asked again this much later: its next window joins the list. */
const AFTER_END_MS = 1_000;

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
  const [moreFilters, setMoreFilters] = useState(false);
  const [openGroups, setOpenGroups] = useState<ReadonlySet<GroupId>>(new Set());
  const [offerKey, setOfferKey] = useState<string | null>(null);
  const session = useSession((s) => s.session);
  const team = useMemo(
    () =>
      (session?.users ?? []).filter(
        (u) =>
          u.role === 'rep' &&
          (session?.currentUser?.role === 'admin' || u.managerId === session?.currentUser?.id),
      ),
    [session],
  );
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

  // When a window with a later one that day ends, the core adds that later window as its own row
  // (the ended one stays, struck through in time): ask for the plan again just after.
  useEffect(() => {
    let soonest = Infinity;
    const at = Date.now();
    for (const r of rows ?? [])
      if (r.end !== null && r.end > at && r.alternatives.some((a) => a.start >= (r.end ?? 0)))
        soonest = Math.min(soonest, r.end);
    if (soonest === Infinity) return;
    const timer = setTimeout(() => setReloads((n) => n + 1), soonest - at + AFTER_END_MS);
    return () => clearTimeout(timer);
  }, [rows]);

  // A tick that changes no row's state keeps the same array, so the list does not re-render.
  const stated = useRef<{ rows: readonly PlannerRow[]; at: readonly PlannerRow[] } | null>(null);
  const rowsNow = useMemo(() => {
    if (!rows) return [];
    const previous = stated.current?.rows === rows ? stated.current.at : null;
    const at = rowsAt(rows, now, previous);
    stated.current = { rows, at };
    return at;
  }, [rows, now]);
  const { marked, isHeld, active, mark } = useHeldRows(rowsNow);
  // Rows just finished with stay where they were for a few seconds (useHeldRows).
  const ordered = useMemo(
    () => (active ? sortPlanRows(marked, false, isHeld) : marked),
    [marked, active, isHeld],
  );
  const live = useMemo(() => {
    const term = query.trim().toLowerCase();
    if (!term && channel === 'all' && minStars === 0 && stage === 'all' && category === 'all')
      return ordered;
    return ordered.filter(
      (r) =>
        (channel === 'all' || r.channel === channel) &&
        (minStars === 0 || (r.stars ?? 0) >= minStars) &&
        (stage === 'all' || (stage === 'none' ? r.dealStage === null : r.dealStage === stage)) &&
        (category === 'all' || (category === 'on_site' ? r.onSiteNow : r.category === category)) &&
        (!term ||
          r.name.toLowerCase().includes(term) ||
          (r.company ?? '').toLowerCase().includes(term)),
    );
  }, [ordered, channel, minStars, query, stage, category]);
  const stages = useMemo(
    () =>
      [
        ...new Set((rows ?? []).map((r) => r.dealStage).filter((x): x is string => x !== null)),
      ].sort(),
    [rows],
  );

  const today = plan ? DateTime.fromMillis(now, { zone: plan.repTz }).toISODate() : null;
  // The soft current-time marker (PL-1) sits in today's list only.
  const isToday = plan !== null && today === plan.date;
  // A name looked for is shown wherever it is listed, collapsed groups included.
  const searching = query.trim() !== '';
  const { items, visible } = useMemo(
    () => planItems(live, searching ? ALL_GROUPS : openGroups, isHeld, isToday),
    [live, openGroups, isHeld, isToday, searching],
  );
  const counts = useMemo(
    () => (plan && today ? planCounts(live, plan.date, today, plan.repTz) : []),
    [live, plan, today],
  );
  const toggleGroup = useCallback(
    (id: GroupId) =>
      setOpenGroups((open) => {
        const next = new Set(open);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );

  const [selected, setSelected] = useState(0);
  const [logging, setLogging] = useState<PlannerRow | null>(null);
  const act = async (row: PlannerRow, command: RowCommand): Promise<void> => {
    if (!plan) return;
    if (command === 'cancel') {
      setOfferKey(null);
      return;
    }
    // Snooze moves to the day's next window; with none left, say so and offer the next day's.
    if (
      command === 'snoozed' &&
      !row.alternatives.some((a) => a.start > (row.start ?? -Infinity))
    ) {
      setOfferKey(rowKey(row));
      return;
    }
    setOfferKey(null);
    const action = command === 'snooze-confirmed' ? 'snoozed' : command;
    mark(row, action === 'clear' ? null : action);
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
    (row: PlannerRow, command: RowCommand) => void actRef.current(row, command),
    [],
  );

  // Keyboard flow (PL-5): j/k move, enter opens, c calls, e emails, d done, s snooze, x skip.
  const keyState = useRef({ visible, selected, logging, offerKey });
  keyState.current = { visible, selected, logging, offerKey };
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      const { visible: shown, selected: index, logging: open, offerKey: offer } = keyState.current;
      if (open) return;
      const row = shown[index];
      const move = (to: number): void => {
        const next = Math.max(0, Math.min(shown.length - 1, to));
        setSelected(next);
        list.current?.scrollToRow(next);
      };
      if (e.key === 'j' || e.key === 'ArrowDown') move(index + 1);
      else if (e.key === 'k' || e.key === 'ArrowUp') move(index - 1);
      else if (e.key === 'Escape' && offer) setOfferKey(null);
      else if (!row) return;
      else if (e.key === 'Enter')
        window.location.hash = hrefFor({ page: 'person', id: row.personId });
      else if (e.key === 'c' && row.phone)
        window.location.href = `tel:${row.phone.replace(/\s/g, '')}`;
      else if (e.key === 'e' && row.email) window.location.href = `mailto:${row.email}`;
      else if (e.key === 'd') void actRef.current(row, 'done');
      else if (e.key === 's')
        void actRef.current(row, offer === rowKey(row) ? 'snooze-confirmed' : 'snoozed');
      else if (e.key === 'x') void actRef.current(row, 'skipped');
      else if (e.key === 'l' && row.channel === 'call') setLogging(row);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const list = useRef<PlanListHandle>(null);

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!plan || !today) return <p className="loading">Loading today’s plan…</p>;
  // Counts of the first rows alone would be wrong, and would jump when the rest arrives.
  const complete = plan.rows.length === plan.total;
  const filtered =
    query.trim() !== '' ||
    channel !== 'all' ||
    stage !== 'all' ||
    category !== 'all' ||
    minStars > 0;
  const extraFilters =
    (stage !== 'all' ? 1 : 0) + (category !== 'all' ? 1 : 0) + (minStars > 0 ? 1 : 0);
  const dayName = formatDay(plan.date, plan.repTz);
  const closed = plan.closed && plan.rows.every((r) => r.start === null);
  const rep = repId ? team.find((u) => u.id === repId) : null;
  return (
    <section className="page page-fill planner-page">
      <header className="page-head">
        <div className="head-line">
          <h1>Planner</h1>
          <span className="now-marker" aria-label="Current time">
            now {formatClock(now, plan.repTz)}
          </span>
          <span className="subtle">
            {dayName} · times in {plan.repTz}
          </span>
          <span className="subtle data-age" aria-live="polite">
            {dataAge(session?.dataAsOf ?? null, session?.org.isDemo ?? false, now, plan.repTz)}
          </span>
        </div>
        {!closed && plan.total > 0 && (
          <div className="counts" aria-label="Today's counts">
            {complete ? (
              counts.map((c) => (
                <span key={c.key} className={`count count-${c.key}`} title={c.title}>
                  {c.text}
                </span>
              ))
            ) : (
              <span className="count">Counting {plan.total.toLocaleString()} rows…</span>
            )}
          </div>
        )}
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
          <DayPicker
            date={plan.date}
            zone={plan.repTz}
            isToday={isToday}
            onChange={(d) => setDate(d === today ? undefined : d)}
          />
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
          <button
            type="button"
            aria-expanded={moreFilters}
            aria-controls="more-filters"
            onClick={() => setMoreFilters((m) => !m)}
          >
            More filters{extraFilters ? ` (${extraFilters})` : ''} {moreFilters ? '▴' : '▾'}
          </button>
        </div>
        {moreFilters && (
          <div className="filters more-filters" id="more-filters">
            <select
              aria-label="Deal stage"
              value={stage}
              onChange={(e) => setStage(e.target.value)}
            >
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
        )}
      </header>
      {closed ? (
        <div className="empty closed-day" role="status">
          {DateTime.fromISO(plan.date, { zone: plan.repTz }).toFormat('cccc')} is outside the
          organisation’s business hours: nothing to plan.{' '}
          {plan.nextOpenDate && (
            <button
              type="button"
              onClick={() =>
                setDate(plan.nextOpenDate === today ? undefined : (plan.nextOpenDate ?? undefined))
              }
            >
              Go to {formatDay(plan.nextOpenDate, plan.repTz)}
            </button>
          )}
        </div>
      ) : live.length === 0 ? (
        <div className="empty" role="status">
          {rows?.length && filtered ? (
            <>
              No one matches these filters.{' '}
              <button
                type="button"
                onClick={() => {
                  setQuery('');
                  setChannel('all');
                  setStage('all');
                  setCategory('all');
                  setMinStars(0);
                }}
              >
                Clear the filters
              </button>
            </>
          ) : (
            emptyReason(plan, settings, rep?.name ?? null, team.length > 0)
          )}
        </div>
      ) : (
        <PlanList
          ref={list}
          items={items}
          now={now}
          repTz={plan.repTz}
          selected={selected}
          offerKey={offerKey}
          dividerText={`now ${formatClock(now, plan.repTz)}`}
          onAction={onRowAction}
          onLogCall={setLogging}
          onToggleGroup={toggleGroup}
        />
      )}
      {logging && (
        <LogCallDialog
          row={logging}
          onClose={() => setLogging(null)}
          onSave={async (c) => {
            await call('logCall', { personId: logging.personId, ...c, date: plan.date });
            // A logged call marks the row done: it stays in place a moment, as Done does.
            mark(logging, 'done');
          }}
        />
      )}
      <p className="subtle keys">
        Keys: j/k move · enter open · c call · e email · l log a call · d done · s snooze · x skip
      </p>
    </section>
  );
}

/** Why a plan has no rows at all: never "maybe the Settings switches", but what is so. */
function emptyReason(
  plan: Planner,
  settings: { callSuggestions: boolean; emailSuggestions: boolean } | null,
  repName: string | null,
  hasTeam: boolean,
): React.ReactNode {
  if (settings && !settings.callSuggestions && !settings.emailSuggestions)
    return (
      <>
        Suggestions for calls and for emails are both switched off:{' '}
        <a href={hrefFor({ page: 'settings' })}>Settings › Best time</a>.
      </>
    );
  if (plan.owned === 0)
    return repName ? (
      `${repName} owns no leads or contacts, so there is nothing to plan.`
    ) : hasTeam ? (
      <>
        You own no leads or contacts, so your own plan is empty. Pick one of your reps under Owner
        to see their day, or <a href={hrefFor({ page: 'team' })}>see your team</a>.
      </>
    ) : (
      'You own no leads or contacts, so there is nothing to plan.'
    );
  const whose = repName ? `${repName}’s` : 'your';
  const off =
    settings && !settings.callSuggestions
      ? ' (suggestions for calls are switched off)'
      : settings && !settings.emailSuggestions
        ? ' (suggestions for emails are switched off)'
        : '';
  return `None of ${whose} ${plan.owned.toLocaleString()} ${plan.owned === 1 ? 'person has' : 'people have'} a suggested window yet${off}: a window appears once someone has engaged, by answering a call, opening an email or replying.`;
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
