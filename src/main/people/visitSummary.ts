import type { PersonDetail } from '../../shared/contract';
import { visitDay } from '../../shared/visitDays';

export type VisitSummary = PersonDetail['person']['visitSummary'];

/** A visit the CRM linked to nobody whose visitor gave the person's e-mail. */
export interface EmailVisit {
  id: string;
  startedAt: number;
  timeSpentS: number;
  referrer: string | null;
  /** Its chats linked to nobody (a chat linked to a person is already theirs). */
  chats: number;
}

/** What is stored of the visits the CRM linked to the person, whose summary (VT-3) it keeps. */
export interface LinkedVisits {
  count: number;
  timeSpentS: number;
  startedAt: readonly number[];
}

/**
 * A person's visit summary (VT-3) with the visits the CRM linked to nobody whose visitor gave
 * their e-mail. The CRM's summary counts only the visits it linked to them, so these are added:
 * their days not already visited (in `zone`, the organisation's), their chats, their time into
 * the average (the CRM's average weighs as many visits as are stored linked, at least one), the
 * first and last visit; the first page and referrer are the first visit's, whichever that is. The
 * visitor score stays the CRM's: the CRM alone scores, and the Visits page and the alert rules
 * give an e-mail-matched visitor the person's score too. `matched` is oldest first.
 */
export function withEmailVisits(
  crm: VisitSummary,
  linked: LinkedVisits,
  matched: readonly EmailVisit[],
  zone: string,
  firstPageOf: (visitId: string) => string | null,
): VisitSummary {
  const earliest = matched[0];
  if (!earliest) return crm;
  const latest = matched.reduce((a, b) => (b.startedAt > a.startedAt ? b : a));
  const day = (at: number): string => visitDay(at, zone);

  const linkedFirst = crm.firstVisitAt ?? minOf(linked.startedAt);
  const linkedLast = crm.lastVisitAt ?? maxOf(linked.startedAt);
  const linkedDays = new Set(linked.startedAt.map(day));
  for (const at of [linkedFirst, linkedLast]) if (at !== null) linkedDays.add(day(at));
  const newDays = new Set(matched.map((v) => day(v.startedAt)).filter((d) => !linkedDays.has(d)));

  const chats = matched.reduce((n, v) => n + v.chats, 0);
  const linkedWeight = crm.avgTimeSpentMin !== null ? Math.max(linked.count, 1) : linked.count;
  const linkedSeconds =
    crm.avgTimeSpentMin !== null ? crm.avgTimeSpentMin * 60 * linkedWeight : linked.timeSpentS;
  const seconds = matched.reduce((t, v) => t + v.timeSpentS, linkedSeconds);
  const firstIsMatched = linkedFirst === null || earliest.startedAt < linkedFirst;

  return {
    daysVisited: (crm.daysVisited ?? linkedDays.size) + newDays.size,
    chats: crm.chats === null && chats === 0 ? null : (crm.chats ?? 0) + chats,
    avgTimeSpentMin: Math.round((seconds / (linkedWeight + matched.length) / 60) * 10) / 10,
    firstVisitAt: firstIsMatched ? earliest.startedAt : linkedFirst,
    lastVisitAt: Math.max(linkedLast ?? latest.startedAt, latest.startedAt),
    firstVisitedUrl: firstIsMatched ? firstPageOf(earliest.id) : crm.firstVisitedUrl,
    referrer: firstIsMatched ? earliest.referrer : crm.referrer,
    score: crm.score,
  };
}

function minOf(values: readonly number[]): number | null {
  return values.length ? Math.min(...values) : null;
}

function maxOf(values: readonly number[]): number | null {
  return values.length ? Math.max(...values) : null;
}
