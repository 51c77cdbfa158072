import type { AlertRule, AlertSettings } from '@shared/alertsContract';
import type { VisitorCategory } from '@shared/visitorCategories';

/** A rule as its form holds it: optional fields as typed, empty for "any". */
export interface RuleDraft {
  /** Stable across reordering, for React. */
  key: number;
  name: string;
  categories: VisitorCategory[];
  owner: AlertRule['owner'];
  page: string;
  minScore: string;
  returning: 'any' | 'returning' | 'first';
}

/** Everything Settings › Alerts edits before it is saved. */
export interface AlertsDraft {
  rules: RuleDraft[];
  cooldown: string;
  hours: 'organisation' | 'own';
  ownHours: string;
}

let nextKey = 1;

function ruleDraft(rule: AlertRule): RuleDraft {
  return {
    key: nextKey++,
    name: rule.name,
    categories: [...rule.categories],
    owner: rule.owner,
    page: rule.page ?? '',
    minScore: rule.minScore === undefined ? '' : String(rule.minScore),
    returning: rule.returning === undefined ? 'any' : rule.returning ? 'returning' : 'first',
  };
}

/** A new rule: the rep's own people, any page, named so it is unique in the list. */
export function newRuleDraft(taken: readonly string[]): RuleDraft {
  let n = taken.length + 1;
  while (taken.some((t) => t.toLowerCase() === `rule ${n}`)) n++;
  return ruleDraft({
    name: `Rule ${n}`,
    categories: ['customer', 'customer_open_deal', 'lead_contact'],
    owner: 'me',
  });
}

export function draftOf(settings: AlertSettings): AlertsDraft {
  return {
    rules: settings.rules.map(ruleDraft),
    cooldown: String(settings.cooldownMinutes),
    hours: settings.workingHours === null ? 'organisation' : 'own',
    ownHours: settings.workingHours ?? '',
  };
}

/**
 * The rule as the core takes it. What is not a number stays what was typed (as NaN becomes null
 * on the way), so the core refuses it with its own message rather than the form guessing.
 */
function ruleOf(d: RuleDraft): AlertRule {
  const page = d.page.trim();
  const score = d.minScore.trim();
  return {
    name: d.name,
    categories: d.categories,
    owner: d.owner,
    ...(page ? { page } : {}),
    ...(score ? { minScore: Number(score) } : {}),
    ...(d.returning === 'any' ? {} : { returning: d.returning === 'returning' }),
  };
}

/**
 * Why a lowest score is not one a visitor can have, or null. Zoho's SalesIQ score is stored as
 * whole points (the sync rounds it), below 0 too (its rules subtract points) and with no ceiling
 * (the Visits page filters on 1000), so "at least 2.5" silently means 3 and "at least -2.5" -2.
 * Said on the rule here only: the core, the `alerts` command and its rules files keep reading
 * such a rule as before. A score out of the core's range is refused in its words.
 */
export function minScoreProblem(minScore: number | undefined): string | null {
  if (minScore === undefined || !Number.isFinite(minScore) || Number.isInteger(minScore))
    return null;
  // Math.ceil(-2.5) is -2, and `String(-0)` is "0": the whole number asked for, as it reads.
  const asked = Math.ceil(minScore) + 0;
  return `a lowest score is a whole number: visitor scores are whole points, so ${String(minScore)} asks for ${String(asked)}`;
}

/** What Save stores and the preview replays. */
export function settingsPatch(draft: AlertsDraft): {
  rules: AlertRule[];
  cooldownMinutes: number;
  workingHours: string | null;
} {
  return {
    rules: draft.rules.map(ruleOf),
    // An empty box is not "no cooldown": NaN reaches the core as null, which it refuses.
    cooldownMinutes: draft.cooldown.trim() === '' ? NaN : Number(draft.cooldown),
    workingHours: draft.hours === 'own' ? draft.ownHours : null,
  };
}
