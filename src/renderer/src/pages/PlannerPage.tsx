import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Planner } from '@shared/contract';
import { comparePlanRows, nextChange, slotState, type SlotState } from '@shared/slotStates';
import { call, onEvent } from '../api/client';
import { PlanRow } from '../components/PlanRow';
import { formatClock, formatDay } from '../format/time';
import { useNow } from '../hooks/useNow';
import { useSession } from '../stores/sessionStore';

type ChannelFilter = 'all' | 'call' | 'email';

export function PlannerPage(): React.JSX.Element {
  const userId = useSession((s) => s.session?.currentUser?.id);
  const settings = useSession((s) => s.settings);
  const [plan, setPlan] = useState<Planner | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [channel, setChannel] = useState<ChannelFilter>('all');
  const [minStars, setMinStars] = useState(0);
  const [query, setQuery] = useState('');
  const [reloads, setReloads] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => onEvent('data-changed', () => setReloads((n) => n + 1)), []);
  useEffect(() => {
    let live = true;
    call('getPlanner', {}).then(
      (p) => live && setPlan(p),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [userId, settings, reloads]);

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

  const live = useMemo(() => {
    const term = query.trim().toLowerCase();
    return (rows ?? [])
      .map((r) => ({
        ...r,
        state: (r.start !== null && r.end !== null
          ? slotState(r.start, r.end, now)
          : 'none') as SlotState,
      }))
      .filter((r) => channel === 'all' || r.channel === channel)
      .filter((r) => minStars === 0 || (r.stars ?? 0) >= minStars)
      .filter(
        (r) =>
          !term ||
          r.name.toLowerCase().includes(term) ||
          (r.company ?? '').toLowerCase().includes(term),
      )
      .sort(comparePlanRows);
  }, [rows, now, channel, minStars, query]);

  const counts = useMemo(() => {
    const c: Record<SlotState, number> = { now: 0, upcoming: 0, none: 0, passed: 0, struck: 0 };
    for (const r of live) c[r.state]++;
    return c;
  }, [live]);

  const virtual = useVirtualizer({
    count: live.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 76,
    overscan: 8,
  });

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!plan) return <p className="loading">Loading today’s plan…</p>;
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
          <span className="count count-now">{counts.now} in window now</span>
          <span className="count">{counts.upcoming} upcoming</span>
          <span className="count">{counts.none} without a window today</span>
          <span className="count count-missed">{counts.passed + counts.struck} missed</span>
        </div>
        <div className="filters">
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
        <div className="plan-scroll" ref={scroller}>
          <div
            className="plan-list"
            role="list"
            aria-label="Today’s people"
            style={{ height: virtual.getTotalSize() }}
          >
            {virtual.getVirtualItems().map((item) => {
              const row = live[item.index];
              if (!row) return null;
              return (
                <div
                  key={`${row.personId}-${row.channel}`}
                  role="listitem"
                  className="plan-slot"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <PlanRow
                    row={row}
                    state={row.state}
                    now={now}
                    repTz={plan.repTz}
                    selected={false}
                  />
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
