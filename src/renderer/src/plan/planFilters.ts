import type { PlannerRow } from '@shared/contract';
import { nameSearchText } from '@shared/nameSearch';
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

/**
 * Each row's name and company as the filter compares them, folded once per row rather than on
 * every keystroke over thousands of rows. Rows are read-only and a re-plan hands unchanged ones
 * back as the same objects, so a row's text is kept as long as the row is.
 */
const searchTexts = new WeakMap<PlannerRow, string>();

function searchTextOf(row: PlannerRow): string {
  let text = searchTexts.get(row);
  if (text === undefined) {
    // A unit separator between name and company: no query spans the two.
    text = `${nameSearchText(row.name)}\u001f${searchFold(row.company ?? '')}`;
    searchTexts.set(row, text);
  }
  return text;
}

/** The rows the filters let through, the same array when none is set. */
export function filterRows(rows: readonly PlannerRow[], f: PlanFilters): readonly PlannerRow[] {
  // Folded as People's search folds it: "muller" finds Lucas Müller here too, and a Japanese
  // name is found typed in either order, with or without the space.
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
      (!term || searchTextOf(r).includes(term)),
  );
}
