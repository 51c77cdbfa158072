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

export interface CompiledRule {
  rule: AlertRule;
  /** Tests a page path against the rule's page pattern; null when the rule has none. */
  page: ((path: string) => boolean) | null;
}

export function compileRules(rules: readonly AlertRule[]): CompiledRule[] {
  return rules.map((rule) => ({ rule, page: rule.page ? pageMatcher(rule.page) : null }));
}

/**
 * Whether a rule holds for a session, every field it sets: the category, the owner (`me` is the
 * rep the rules belong to), the visitor score, returning or first-day, and a page read in the
 * session so far (`pageSeen`, kept by the caller as pages arrive).
 */
export function ruleHolds(
  compiled: CompiledRule,
  facts: SessionFacts,
  repId: string,
  pageSeen: boolean,
): boolean {
  const { rule } = compiled;
  if (!rule.categories.includes(facts.category)) return false;
  if (rule.owner === 'me' && facts.ownerId !== repId) return false;
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
