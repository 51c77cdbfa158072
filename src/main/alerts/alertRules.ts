import type { AlertRule, VisitorCategory } from '../../shared/alertsContract';
import { pageMatcher } from './pagePaths';

/**
 * The default rule set (issue #13): tell the owner when one of their own known people starts a
 * visit; unknown visitors never alert unless a rep asks for them.
 */
export const DEFAULT_RULES: readonly AlertRule[] = [
  {
    name: 'My people on the website',
    categories: ['customer', 'customer_open_deal', 'lead_contact'],
    owner: 'me',
  },
];

/**
 * The default rule set of an admin who owns no lead or contact (sales operations): "my people"
 * would never hold for them, so theirs is about anyone's people, the visits that matter to the
 * whole pipeline: customers with an open deal (in the demo, about a dozen alerts a week).
 */
export const ORGANISATION_DEFAULT_RULES: readonly AlertRule[] = [
  { name: 'Open deals on the website', categories: ['customer_open_deal'], owner: 'anyone' },
];

export const DEFAULT_COOLDOWN_MINUTES = 60;

/** What a rule is judged on: the visitor, and the session so far. */
export interface SessionFacts {
  category: VisitorCategory;
  ownerId: string | null;
  score: number | null;
  returning: boolean;
}

/**
 * A rule as the engine judges it: an `owner: team` rule carries the users whose people it holds
 * for (the rep and everyone below them), found when the rules are read for a rep (teamRules).
 * Never stored nor handed to the renderer (publicRule).
 */
export type JudgedRule = AlertRule & { readonly teamOwners?: ReadonlySet<string> };

/** A rep's rules with their team's owners attached to every `owner: team` rule. */
export function withTeamOwners(
  rules: readonly AlertRule[],
  team: ReadonlySet<string>,
): JudgedRule[] {
  return rules.map((r) => (r.owner === 'team' ? { ...r, teamOwners: team } : r));
}

/** The rule as the contract has it (without the owners the engine was given). */
export function publicRule(rule: JudgedRule): AlertRule {
  if (rule.teamOwners === undefined) return rule;
  const copy: JudgedRule = { ...rule };
  delete (copy as { teamOwners?: unknown }).teamOwners;
  return copy;
}

export interface CompiledRule {
  rule: AlertRule;
  /** Tests a page path against the rule's page pattern; null when the rule has none. */
  page: ((path: string) => boolean) | null;
  /** Whose people it holds for; null: anyone's, unknown visitors included. */
  owners: ReadonlySet<string> | null;
}

/**
 * `me` is the rep; `team` the owners attached (a team rule read without them is the rep's own
 * people: it never alerts about more than it was given).
 */
export function compileRules(rules: readonly JudgedRule[], repId: string): CompiledRule[] {
  const me = new Set([repId]);
  return rules.map((rule) => ({
    rule: publicRule(rule),
    page: rule.page ? pageMatcher(rule.page) : null,
    owners: rule.owner === 'anyone' ? null : rule.owner === 'team' ? (rule.teamOwners ?? me) : me,
  }));
}

/**
 * Whether a rule holds for a session, every field it sets: the category, the owner (`me` is the
 * rep the rules belong to, `team` they and everyone below them), the visitor score, returning or first-day, and a page read in the
 * session so far (`pageSeen`, kept by the caller as pages arrive).
 */
export function ruleHolds(compiled: CompiledRule, facts: SessionFacts, pageSeen: boolean): boolean {
  const { rule, owners } = compiled;
  if (!rule.categories.includes(facts.category)) return false;
  if (owners !== null && (facts.ownerId === null || !owners.has(facts.ownerId))) return false;
  if (rule.minScore !== undefined && (facts.score === null || facts.score < rule.minScore))
    return false;
  if (rule.returning !== undefined && rule.returning !== facts.returning) return false;
  if (compiled.page && !pageSeen) return false;
  return true;
}

/** Whether any rule asks about returning visitors (the day arithmetic is skipped otherwise). */
export function asksReturning(rules: readonly AlertRule[]): boolean {
  return rules.some((r) => r.returning !== undefined);
}

/**
 * The rep whose people alone the rules can hold for (every rule is `owner: me`), else null:
 * nobody else's facts need reading.
 */
export function ownPeopleOnly(rules: readonly AlertRule[], repId: string): string | null {
  return rules.every((r) => r.owner === 'me') ? repId : null;
}
