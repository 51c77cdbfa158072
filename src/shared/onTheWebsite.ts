/**
 * When a visit counts as "on the website now": the one rule the Visits page and the planner share.
 *
 * A visit seen in the last quarter of an hour is on the website. An end the CRM reports is an
 * estimate (Zoho's is the start plus whole minutes of Time_Spent, and a visit is synced a minute
 * or more after), so a visit that ended a moment ago still counts: the rep can still reach a
 * visitor who just left. A visit with no end was last seen at its last page view: a visitor
 * still reading pages stays on the website however long ago the visit started.
 */
const SEEN_WITHIN_MS = 15 * 60_000;
/** No visit lasts longer (a session open longer is split by the site): the rule looks no further back. */
export const LONGEST_VISIT_MS = 6 * 3_600_000;

export interface VisitTimes {
  startedAt: number;
  endedAt: number | null;
  /** The latest of its page views; null when none is stored (or none was read: it has an end). */
  lastPageAt: number | null;
}

/** Its end, else its last page view, else its start. */
export function lastSeenOf(v: VisitTimes): number {
  return v.endedAt ?? Math.max(v.startedAt, v.lastPageAt ?? v.startedAt);
}

/** The first instant the visit is no longer on the website, as the clock runs on. */
export function leavesWebsiteAt(v: VisitTimes): number {
  return Math.min(lastSeenOf(v) + SEEN_WITHIN_MS + 1, v.startedAt + LONGEST_VISIT_MS);
}

/** Whether the visit is on the website at `now`: started, and seen within the last 15 minutes. */
export function onWebsiteAt(v: VisitTimes, now: number): boolean {
  return v.startedAt <= now && now < leavesWebsiteAt(v);
}
