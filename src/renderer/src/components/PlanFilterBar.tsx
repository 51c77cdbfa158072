import { useState } from 'react';
import type { UserInfo } from '@shared/contract';
import { moreFiltersSet, type PlanFilters } from '../plan/planFilters';
import { DayPicker } from './DayPicker';
import { pickableDays } from '@shared/pickableDays';

/**
 * The planner's filters on one line (owner for a manager, day, name, channel) and the rest (deal
 * stage, category, stars) behind "More filters", which says how many of those are set.
 */
export function PlanFilterBar({
  filters,
  onFilters,
  team,
  repId,
  onRep,
  date,
  zone,
  isToday,
  today,
  onDate,
  stages,
}: {
  filters: PlanFilters;
  onFilters: (f: PlanFilters) => void;
  /** The reps whose plan the user may see (a manager's); none for a rep. */
  team: readonly UserInfo[];
  repId: string | undefined;
  onRep: (repId: string | undefined) => void;
  date: string;
  zone: string;
  isToday: boolean;
  /** The rep's today (YYYY-MM-DD): the days that can be picked are counted from it. */
  today: string;
  onDate: (date: string | undefined) => void;
  /** The deal stages in the plan. */
  stages: readonly string[];
}): React.JSX.Element {
  const [more, setMore] = useState(false);
  const set = (patch: Partial<PlanFilters>): void => onFilters({ ...filters, ...patch });
  const hidden = moreFiltersSet(filters);
  return (
    <>
      <div className="filters">
        {team.length > 0 && (
          <select
            aria-label="Owner"
            value={repId ?? ''}
            title={team.find((u) => u.id === repId)?.name ?? 'My plan'}
            onChange={(e) => onRep(e.target.value || undefined)}
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
          date={date}
          zone={zone}
          isToday={isToday}
          onChange={onDate}
          {...pickableDays(today, zone)}
        />
        <input
          type="search"
          className="search"
          placeholder="Filter by name or company"
          aria-label="Filter the plan"
          value={filters.query}
          onChange={(e) => set({ query: e.target.value })}
        />
        <select
          aria-label="Channel"
          value={filters.channel}
          onChange={(e) => set({ channel: e.target.value as PlanFilters['channel'] })}
        >
          <option value="all">Calls and emails</option>
          <option value="call">Calls</option>
          <option value="email">Emails</option>
        </select>
        <button
          type="button"
          aria-expanded={more}
          aria-controls="more-filters"
          onClick={() => setMore((m) => !m)}
        >
          More filters{hidden ? ` (${hidden})` : ''} {more ? '▴' : '▾'}
        </button>
      </div>
      {more && (
        <div className="filters more-filters" id="more-filters">
          <select
            aria-label="Deal stage"
            value={filters.stage}
            onChange={(e) => set({ stage: e.target.value })}
          >
            <option value="all">Any deal stage</option>
            <option value="none">No open deal</option>
            {stages.map((st) => (
              <option key={st} value={st}>
                {st}
              </option>
            ))}
            {/* A stage chosen before its last deal moved on (a sync, another rep) still filters:
                the list says so instead of showing "Any deal stage" over an empty plan. */}
            {!['all', 'none', ...stages].includes(filters.stage) && (
              <option value={filters.stage}>{filters.stage} (none left)</option>
            )}
          </select>
          <select
            aria-label="Category"
            value={filters.category}
            onChange={(e) => set({ category: e.target.value })}
          >
            <option value="all">Any category</option>
            <option value="customer">Customers</option>
            <option value="customer_open_deal">Customers with open deal</option>
            <option value="lead_contact">Leads and contacts</option>
            <option value="on_site">On the website now</option>
          </select>
          <select
            aria-label="Stars at least"
            value={filters.minStars}
            onChange={(e) => set({ minStars: Number(e.target.value) })}
          >
            <option value={0}>Any stars</option>
            {[2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n === 5 ? '5 stars' : `${n}+ stars`}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}
