import type { PlannerRow } from '@shared/contract';
import { searchFold } from '@shared/searchFold';

/** The planner's filters: on the one line (name, channel) and behind "More filters". */
export interface PlanFilters {
  query: string;
  channel: 'all' | 'call' | 'email';
  /** A deal stage, 'none' (no open deal) or 'all'. */
  stage: string;
  /** A VT-2 category, 'on_site' or 'all'. */
  category: string;
  minStars: number;
}

export const NO_FILTERS: PlanFilters = {
  query: '',
  channel: 'all',
  stage: 'all',
  category: 'all',
  minStars: 0,
};

export function isFiltered(f: PlanFilters): boolean {
  return f.query.trim() !== '' || f.channel !== 'all' || moreFiltersSet(f) > 0;
}

/** How many of the filters behind "More filters" narrow the list. */
export function moreFiltersSet(f: PlanFilters): number {
  return (f.stage !== 'all' ? 1 : 0) + (f.category !== 'all' ? 1 : 0) + (f.minStars > 0 ? 1 : 0);
}

/** The rows the filters let through, the same array when none is set. */
export function filterRows(rows: readonly PlannerRow[], f: PlanFilters): readonly PlannerRow[] {
  // Folded as People's search folds it: "muller" finds Lucas Müller here too.
  const term = searchFold(f.query.trim());
  if (!isFiltered(f)) return rows;
  return rows.filter(
    (r) =>
      (f.channel === 'all' || r.channel === f.channel) &&
      (f.minStars === 0 || (r.stars ?? 0) >= f.minStars) &&
      (f.stage === 'all' ||
        (f.stage === 'none' ? r.dealStage === null : r.dealStage === f.stage)) &&
      (f.category === 'all' ||
        (f.category === 'on_site' ? r.onSiteNow : r.category === f.category)) &&
      (!term || searchFold(r.name).includes(term) || searchFold(r.company ?? '').includes(term)),
  );
}
