import type { Planner } from './contract';

/**
 * Whether the plan's day shows no rows, only the "closed" line: the rep's hours have no minute in
 * the day (a weekend, a holiday) and no row found a window anyway. The plan still has a row (state
 * none) for everyone with evidence, but the Planner hides them, so they show nobody's work.
 */
export function closedPlan(plan: Pick<Planner, 'closed' | 'rows'>): boolean {
  return plan.closed && plan.rows.every((r) => r.start === null);
}
