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
  /** The earliest stored one, whose first page and referrer stand in for an empty summary's. */
  first?: { id: string; startedAt: number; referrer: string | null } | null;
}

/**
 * Whether the CRM's summary leaves out visits stored here that it linked to the person: it is
 * empty (SalesIQ fills it later, and an organisation may lack the fields: SY-5), or a stored
 * visit is later than its last visit or on more days than it counts.
 */
function summaryBehind(crm: VisitSummary, linked: LinkedVisits, zone: string): boolean {
  if (linked.count === 0) return false;
  const last = maxOf(linked.startedAt);
  if (crm.daysVisited === null || crm.lastVisitAt === null) return true;
  if (last !== null && last > crm.lastVisitAt) return true;
  return new Set(linked.startedAt.map((at) => visitDay(at, zone))).size > crm.daysVisited;
}

/**
 * A person's visit summary (VT-3) with the visits the CRM linked to nobody whose visitor gave
 * their e-mail, and with the visits it linked to them where its summary is empty or behind those
 * stored here (the page must not say "No website visits known" above the visits it lists). The
 * CRM's summary counts only the visits it linked to them, so the e-mail-matched ones are added:
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
  const behind = summaryBehind(crm, linked, zone);
  if (!earliest && !behind) return crm;
  const day = (at: number): string => visitDay(at, zone);

  const storedFirst = minOf(linked.startedAt);
  const storedLast = maxOf(linked.startedAt);
  // Behind, the stored visits move the CRM's first and last out; else the CRM's stand.
  const linkedFirst = behind
    ? minOf(nonNull([crm.firstVisitAt, storedFirst]))
    : (crm.firstVisitAt ?? storedFirst);
  const linkedLast = behind
    ? maxOf(nonNull([crm.lastVisitAt, storedLast]))
    : (crm.lastVisitAt ?? storedLast);
  const linkedDays = new Set(linked.startedAt.map(day));
  for (const at of [linkedFirst, linkedLast]) if (at !== null) linkedDays.add(day(at));
  const linkedDayCount = behind
    ? Math.max(crm.daysVisited ?? 0, linkedDays.size)
    : (crm.daysVisited ?? linkedDays.size);
  // The first page and referrer: the CRM's, unless a stored visit came before its first one.
  const storedIsFirst =
    linked.first != null &&
    (crm.firstVisitAt === null || linked.first.startedAt < crm.firstVisitAt);
  const linkedUrl =
    behind && storedIsFirst && linked.first ? firstPageOf(linked.first.id) : crm.firstVisitedUrl;
  const linkedReferrer =
    behind && storedIsFirst && linked.first ? linked.first.referrer : crm.referrer;
  if (!earliest)
    return {
      daysVisited: linkedDayCount,
      chats: crm.chats,
      avgTimeSpentMin:
        crm.avgTimeSpentMin ?? Math.round((linked.timeSpentS / linked.count / 60) * 10) / 10,
      firstVisitAt: linkedFirst,
      lastVisitAt: linkedLast,
      firstVisitedUrl: linkedUrl,
      referrer: linkedReferrer,
      score: crm.score,
    };
  const latest = matched.reduce((a, b) => (b.startedAt > a.startedAt ? b : a));
  const newDays = new Set(matched.map((v) => day(v.startedAt)).filter((d) => !linkedDays.has(d)));

  const chats = matched.reduce((n, v) => n + v.chats, 0);
  const linkedWeight = crm.avgTimeSpentMin !== null ? Math.max(linked.count, 1) : linked.count;
  const linkedSeconds =
    crm.avgTimeSpentMin !== null ? crm.avgTimeSpentMin * 60 * linkedWeight : linked.timeSpentS;
  const seconds = matched.reduce((t, v) => t + v.timeSpentS, linkedSeconds);
  const firstIsMatched = linkedFirst === null || earliest.startedAt < linkedFirst;

  return {
    daysVisited: linkedDayCount + newDays.size,
    chats: crm.chats === null && chats === 0 ? null : (crm.chats ?? 0) + chats,
    avgTimeSpentMin: Math.round((seconds / (linkedWeight + matched.length) / 60) * 10) / 10,
    firstVisitAt: firstIsMatched ? earliest.startedAt : linkedFirst,
    lastVisitAt: Math.max(linkedLast ?? latest.startedAt, latest.startedAt),
    firstVisitedUrl: firstIsMatched ? firstPageOf(earliest.id) : linkedUrl,
    referrer: firstIsMatched ? earliest.referrer : linkedReferrer,
    score: crm.score,
  };
}

function nonNull(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null);
}

function minOf(values: readonly number[]): number | null {
  return values.length ? Math.min(...values) : null;
}

function maxOf(values: readonly number[]): number | null {
  return values.length ? Math.max(...values) : null;
}
