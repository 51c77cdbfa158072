import type { Db } from '../openDatabase';
import { putSetting, settingValue } from './settings';

/**
 * Setting: the visits a rep made a lead of from the visitor's card (Visits › Create lead), by
 * visit id, with when. The rep just acted on that visitor: an alert about the same visit ("… is
 * on the website", raised once the visit is theirs) would be noise (alerts/liveAlerts.ts). Of
 * this organisation's data, so it goes with it (clearOrganisationData.ts).
 */
export const VISITS_ACTED_ON = 'visits_acted_on';

/** Longer than any visit stays open (the live evaluation looks back 6 hours): then forgotten. */
const KEPT_MS = 24 * 3_600_000;

function read(db: Db): Record<string, number> {
  try {
    const value = JSON.parse(settingValue(db, VISITS_ACTED_ON) ?? '{}') as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number'),
    );
  } catch {
    // A damaged value only means an alert the rep may not need: nothing else rests on it.
    return {};
  }
}

/** Notes that the rep acted on the visit at `at` (call inside the action's transaction). */
export function noteVisitActedOn(db: Db, visitId: string, at: number): void {
  const kept = Object.entries(read(db)).filter(([, t]) => at - t < KEPT_MS);
  putSetting(db, VISITS_ACTED_ON, JSON.stringify(Object.fromEntries([...kept, [visitId, at]])));
}

/** The visits the rep acted on lately. */
export function visitsActedOn(db: Db): Set<string> {
  return new Set(Object.keys(read(db)));
}
