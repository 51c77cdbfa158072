import type { Db } from '../db/openDatabase';
import { RUN_COSTS_SETTING } from '../db/repos/organisation';
import { putSetting, settingValue } from '../db/repos/settings';
import { NO_RUNS, type RunCosts } from './creditBudget';

const counts = (value: unknown): number[] =>
  Array.isArray(value)
    ? value.filter((n): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0)
    : [];

/**
 * What the last scheduled runs cost, as the app kept them (a restarted app paces its runs by
 * them, not by the unmeasured guess). None when never measured, or unreadable.
 */
export function storedRunCosts(db: Db): RunCosts {
  try {
    const kept = JSON.parse(settingValue(db, RUN_COSTS_SETTING) ?? 'null') as unknown;
    if (!kept || typeof kept !== 'object') return NO_RUNS;
    const { records, visits } = kept as Partial<Record<keyof RunCosts, unknown>>;
    return { records: counts(records), visits: counts(visits) };
  } catch {
    return NO_RUNS; // Damaged JSON: measured again by the next runs.
  }
}

/** Keeps the runs' costs for the next start of the app. */
export function keepRunCosts(db: Db, costs: RunCosts): void {
  putSetting(db, RUN_COSTS_SETTING, JSON.stringify(costs));
}
