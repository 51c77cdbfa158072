import { CATEGORY_LABELS, VISITOR_CATEGORIES } from '@shared/visitorCategories';
import type { RuleDraft } from './ruleDrafts';

/** Which field of a rule the core refused, and its message. */
export interface RuleError {
  field: string;
  message: string;
}

/**
 * One alert rule (VT-6): categories, owner, page pattern, lowest score, returning visitor. A
 * field the core refused is marked and its message shown under the rule.
 */
export function RuleEditor({
  rule,
  index,
  count,
  error,
  onChange,
  onMove,
  onDelete,
  teamOffered,
  ownsNoOne,
}: {
  rule: RuleDraft;
  /** The user has people reporting to them: "My team's people" is offered. */
  teamOffered: boolean;
  index: number;
  count: number;
  error: RuleError | null;
  onChange: (next: RuleDraft) => void;
  onMove: (by: -1 | 1) => void;
  onDelete: () => void;
  /** The user is an admin who owns no lead or contact: "my people" are nobody. */
  ownsNoOne: boolean;
}): React.JSX.Element {
  const id = `rule-${rule.key}`;
  const invalid = (field: string): true | undefined => (error?.field === field ? true : undefined);
  const described = error ? `${id}-error` : undefined;
  const label = rule.name.trim() || `Rule ${index + 1}`;
  return (
    <li className="rule" aria-label={`Rule ${index + 1}: ${label}`}>
      <div className="rule-line">
        <label className="rule-field rule-name">
          Name
          <input
            value={rule.name}
            aria-invalid={invalid('name')}
            aria-describedby={described}
            onChange={(e) => onChange({ ...rule, name: e.target.value })}
          />
        </label>
        <label className="rule-field">
          Whose
          <select
            value={rule.owner}
            aria-invalid={invalid('owner')}
            aria-describedby={described}
            onChange={(e) => onChange({ ...rule, owner: e.target.value as RuleDraft['owner'] })}
          >
            <option value="me">{ownsNoOne ? 'My people (you own none)' : 'My people'}</option>
            {teamOffered && <option value="team">My team’s people</option>}
            {/* Kept on a rule that has it, though nobody reports to the user (any more): the core
                reads it as their own people (a team of one, alertSettings' teamOwnerIds), and so
                does the preview and the `alerts` command. Said so, not as a team they lack. */}
            {!teamOffered && rule.owner === 'team' && (
              <option value="team">My people (you have no team)</option>
            )}
            <option value="anyone">Anyone’s (and unknown visitors)</option>
          </select>
        </label>
        <span className="rule-moves">
          <button
            type="button"
            aria-label={`Move ${label} up`}
            title="Move up (rules are tried in order)"
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            aria-label={`Move ${label} down`}
            title="Move down"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
          <button type="button" aria-label={`Delete ${label}`} onClick={onDelete}>
            Delete
          </button>
        </span>
      </div>
      <fieldset
        className="rule-categories"
        aria-invalid={invalid('categories')}
        aria-describedby={described}
      >
        <legend>Categories</legend>
        {VISITOR_CATEGORIES.map((c) => (
          <label key={c} className={`chip cat-chip cat-${c}`}>
            <input
              type="checkbox"
              checked={rule.categories.includes(c)}
              onChange={(e) =>
                onChange({
                  ...rule,
                  categories: e.target.checked
                    ? VISITOR_CATEGORIES.filter((x) => x === c || rule.categories.includes(x))
                    : rule.categories.filter((x) => x !== c),
                })
              }
            />
            {CATEGORY_LABELS[c]}
          </label>
        ))}
      </fieldset>
      <div className="rule-line">
        <label className="rule-field">
          Page
          <input
            value={rule.page}
            placeholder="any page, or /pricing*"
            aria-invalid={invalid('page')}
            aria-describedby={described}
            onChange={(e) => onChange({ ...rule, page: e.target.value })}
          />
        </label>
        <label className="rule-field">
          Score at least
          <input
            type="number"
            step={1}
            className="rule-score"
            placeholder="any"
            value={rule.minScore}
            aria-invalid={invalid('minScore')}
            aria-describedby={described}
            onChange={(e) => onChange({ ...rule, minScore: e.target.value })}
          />
        </label>
        <label className="rule-field">
          Visitor
          <select
            value={rule.returning}
            onChange={(e) =>
              onChange({ ...rule, returning: e.target.value as RuleDraft['returning'] })
            }
          >
            <option value="any">New or returning</option>
            <option value="returning">Returning (visited on an earlier day)</option>
            <option value="first">First day only</option>
          </select>
        </label>
      </div>
      {error && (
        <p id={`${id}-error`} className="error rule-error" role="alert">
          {error.message}
        </p>
      )}
    </li>
  );
}
