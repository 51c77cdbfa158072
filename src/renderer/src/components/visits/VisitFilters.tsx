import type { VisitScope } from '@shared/alertsContract';
import {
  CATEGORY_LABELS,
  VISITOR_CATEGORIES,
  type VisitorCategory,
} from '@shared/visitorCategories';

export interface VisitFilterValues {
  scope: VisitScope;
  /** With the team's scope: one member's id; '' for the whole team. */
  rep: string;
  /** None: every category. */
  categories: VisitorCategory[];
  /** As typed: empty means any score. */
  minScore: string;
  /** A glob on the path, as typed: empty means any page. */
  page: string;
}

export const NO_FILTERS: VisitFilterValues = {
  scope: 'mine',
  rep: '',
  categories: [],
  minScore: '',
  page: '',
};

/**
 * The lowest score asked for, or null for any. Scores are SalesIQ's points, with no ceiling (so
 * 1000 is a real filter) and below 0 too: its scoring rules subtract points as well as add them.
 */
export function minScoreOf(f: VisitFilterValues): number | null {
  const score = f.minScore.trim() === '' ? NaN : Number(f.minScore);
  return Number.isFinite(score) ? score : null;
}

/** Whether anything but whose visits narrows the list (an empty section then says so). */
export function narrowsVisits(f: VisitFilterValues): boolean {
  return f.categories.length > 0 || minScoreOf(f) !== null || f.page.trim() !== '';
}

/**
 * Mine, my team's (for someone people report to: one of them, or all) or everyone's, categories,
 * a lowest score and a page pattern (VT-1's filters).
 */
export function VisitFilters({
  value,
  onChange,
  pageError,
  team,
}: {
  value: VisitFilterValues;
  onChange: (next: VisitFilterValues) => void;
  /** The core's word on a page pattern it refused. */
  pageError: string | null;
  /** The people below the user in the reporting line; none: no team's scope to offer. */
  team: readonly { id: string; name: string }[];
}): React.JSX.Element {
  const toggle = (c: VisitorCategory, on: boolean): void =>
    onChange({
      ...value,
      categories: on ? [...value.categories, c] : value.categories.filter((x) => x !== c),
    });
  return (
    <div className="visit-filters" role="group" aria-label="Filter visits">
      <div className="segmented" role="group" aria-label="Whose visits">
        <button
          type="button"
          aria-pressed={value.scope === 'mine'}
          onClick={() => onChange({ ...value, scope: 'mine', rep: '' })}
        >
          Mine
        </button>
        {team.length > 0 && (
          <button
            type="button"
            aria-pressed={value.scope === 'team'}
            onClick={() => onChange({ ...value, scope: 'team' })}
          >
            My team’s
          </button>
        )}
        <button
          type="button"
          aria-pressed={value.scope === 'everyone'}
          onClick={() => onChange({ ...value, scope: 'everyone', rep: '' })}
        >
          Everyone’s
        </button>
      </div>
      {value.scope === 'team' && team.length > 0 && (
        <label className="visit-filter-field">
          Rep
          <select value={value.rep} onChange={(e) => onChange({ ...value, rep: e.target.value })}>
            <option value="">Whole team (and mine)</option>
            {team.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}’s
              </option>
            ))}
          </select>
        </label>
      )}
      <fieldset className="category-filter">
        <legend className="visually-hidden">Categories</legend>
        {VISITOR_CATEGORIES.map((c) => (
          <label key={c} className={`chip cat-chip cat-${c}`}>
            <input
              type="checkbox"
              checked={value.categories.includes(c)}
              onChange={(e) => toggle(c, e.target.checked)}
            />
            {CATEGORY_LABELS[c]}
          </label>
        ))}
      </fieldset>
      <label className="visit-filter-field">
        Score at least
        <input
          type="number"
          inputMode="numeric"
          className="score-input"
          placeholder="any"
          value={value.minScore}
          onChange={(e) => onChange({ ...value, minScore: e.target.value })}
        />
      </label>
      <label className="visit-filter-field">
        Page
        <input
          type="search"
          className="page-input"
          placeholder="/pricing*"
          value={value.page}
          aria-invalid={pageError ? true : undefined}
          aria-describedby={pageError ? 'visit-page-error' : undefined}
          onChange={(e) => onChange({ ...value, page: e.target.value })}
        />
      </label>
      {pageError && (
        <p id="visit-page-error" className="error visit-filter-error" role="alert">
          {pageError}
        </p>
      )}
    </div>
  );
}
