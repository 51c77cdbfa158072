import { shownName } from '../../shared/personName';
import { visitActions } from '../../shared/visitActions';
import { DateTime } from 'luxon';
import type { VisitList, VisitorCategory, VisitRow, VisitScope } from '../../shared/alertsContract';
import { maskIp } from '../../shared/maskIp';
import {
  lastSeenOf,
  leavesWebsiteAt,
  LONGEST_VISIT_MS,
  onWebsiteAt,
  type VisitTimes,
} from '../../shared/onTheWebsite';
import type { Db } from '../db/openDatabase';
import {
  pagesOfVisitsRows,
  userNameRows,
  visitFeedRows,
  type VisitFeedRow,
} from '../db/repos/alertVisits';
import type { UserRow } from '../db/schema';
import { BestWindows } from './bestWindows';
import { pageMatcher, urlPath } from './pagePaths';
import { peopleByEmail } from '../people/emailMatch';
import { emailKey } from '../../shared/emailKey';
import { loadPeople, type KnownPerson } from './visitorFacts';
import { teamOwnerIds } from './alertSettings';

const BATCH = 200;
/** A filter that matches almost nothing must not read the whole history in one call. */
const SCAN_LIMIT = 20_000;

export interface VisitFilter {
  scope: VisitScope;
  /** With scope `team`: one member's people only. */
  ownerId?: string | undefined;
  categories?: VisitorCategory[] | undefined;
  minScore?: number | undefined;
  page?: string | undefined;
  limit: number;
  before?: number | undefined;
  /** With `before`: visits at that instant with a smaller id come too (keyset paging). */
  beforeId?: string | undefined;
}

type Page = VisitRow['pages'][number];

interface Candidate {
  visit: VisitFeedRow;
  person: KnownPerson | undefined;
  pages: Page[];
  times: VisitTimes;
  lastSeen: number;
}

/**
 * The Visits page (VT-1, VT-4, VT-9): visits on the website now, today's (the rep's day) and
 * earlier ones, newest first, each with the person, category, owner, pages, score, masked IP and
 * their call and e-mail windows now or next. `mine`: visits of the rep's own people; `team`:
 * theirs and those of everyone below them in the reporting line (or one of them, `ownerId`).
 */
export function listVisits(
  db: Db,
  rep: UserRow,
  orgTz: string,
  now: number,
  filter: VisitFilter,
  channels: { call: boolean; email: boolean },
): VisitList {
  const dayStart = DateTime.fromMillis(now, { zone: rep.time_zone }).startOf('day').toMillis();
  const whose = visitOwners(db, rep, filter);
  const ownerIds = whose && [...whose];
  const page = filter.page ? pageMatcher(filter.page) : null;
  const matches = (c: Candidate): boolean => {
    // The feed gives the owners' people's visits and every unlinked visit with an e-mail: whose
    // such a visit is, only its person (matched by e-mail) says.
    if (whose !== null && !whose.has(c.person?.ownerId ?? '')) return false;
    const category = c.person?.category ?? 'unknown';
    if (filter.categories && !filter.categories.includes(category)) return false;
    const score = c.person?.score ?? null;
    if (filter.minScore !== undefined && (score === null || score < filter.minScore)) return false;
    return !page || c.pages.some((p) => page(urlPath(p.url)));
  };

  const onSite: Candidate[] = [];
  const today: Candidate[] = [];
  const earlier: Candidate[] = [];
  let scanned = 0;
  /** Walks visits newest first from `before`, handing on those the filter takes, until `visit`
   * says stop; true when it stopped at the scan limit instead (there may be more). */
  const scan = (
    start: { at: number; id: string | null },
    visit: (c: Candidate) => 'next' | 'stop',
  ): boolean => {
    let cursor = start;
    for (;;) {
      const batch = visitFeedRows(db, cursor, BATCH, ownerIds);
      scanned += batch.length;
      for (const c of candidates(db, batch, orgTz, rep.id))
        if (matches(c) && visit(c) === 'stop') return false;
      const last = batch[batch.length - 1];
      if (!last || batch.length < BATCH) return false;
      if (scanned >= SCAN_LIMIT) return true;
      cursor = { at: last.started_at, id: last.id };
    }
  };
  const isOnSite = (c: Candidate): boolean => onSiteNow(c, now);

  // Newest first from now: on the website now (a visit lasts up to hours), then today.
  const recentFrom = Math.min(dayStart, now - LONGEST_VISIT_MS);
  let moreToday = false;
  let moreEarlier = false;
  const todayCapped = scan({ at: now + 1, id: null }, (c) => {
    if (c.visit.started_at < recentFrom) return 'stop';
    if (isOnSite(c)) onSite.push(c);
    else if (c.visit.started_at >= dayStart) {
      if (today.length < filter.limit) today.push(c);
      else {
        moreToday = true;
        // Past the longest visit nothing older can be on the website now.
        if (c.visit.started_at < now - LONGEST_VISIT_MS) return 'stop';
      }
    }
    return 'next';
  });
  const shown = new Set(onSite.map((c) => c.visit.id));
  // Paging back: from the last row shown (its start and id), else from today's start.
  const from =
    filter.before !== undefined && filter.before < dayStart
      ? { at: filter.before, id: filter.beforeId ?? null }
      : { at: dayStart, id: null };
  const earlierCapped = scan(from, (c) => {
    if (shown.has(c.visit.id)) return 'next';
    if (earlier.length >= filter.limit) {
      moreEarlier = true;
      return 'stop';
    }
    earlier.push(c);
    return 'next';
  });
  moreToday ||= todayCapped;
  moreEarlier ||= earlierCapped;

  const rows = [...onSite, ...today, ...earlier];
  const windows = new BestWindows(db, channels);
  windows.preload(rows.flatMap((c) => (c.person ? [c.person.id] : [])));
  const owners = new Map(userNameRows(db).map((u) => [u.id, u.name]));
  const toRow = (c: Candidate): VisitRow => visitRow(c, now, owners, windows);
  return {
    now,
    repTz: rep.time_zone,
    onSite: onSite.map(toRow),
    today: today.map(toRow),
    earlier: earlier.map(toRow),
    more: { today: moreToday, earlier: moreEarlier },
    onSiteLeavesAt: onSite.length ? Math.min(...onSite.map(leavesAt)) : null,
    // The core says why, when it does: what the organisation has is the sync's to know.
    visitsUnavailable: null,
  };
}

/**
 * Whose people's visits a scope lists; null for everyone's. One member of the team is theirs
 * only when they are the user or below them: anyone else is refused in words.
 */
function visitOwners(db: Db, rep: UserRow, filter: VisitFilter): ReadonlySet<string> | null {
  if (filter.scope === 'everyone') return null;
  if (filter.scope === 'mine') return new Set([rep.id]);
  const team = teamOwnerIds(db, rep.id);
  if (filter.ownerId === undefined) return team;
  if (!team.has(filter.ownerId))
    throw new Error(
      `${userNameRows(db).find((u) => u.id === filter.ownerId)?.name ?? `No user ${filter.ownerId}`} is not in ${rep.name}'s team: a manager sees the visits of the people who report to them.`,
    );
  return new Set([filter.ownerId]);
}

const onSiteNow = (c: Candidate, now: number): boolean => onWebsiteAt(c.times, now);
const leavesAt = (c: Candidate): number => leavesWebsiteAt(c.times);

/**
 * The batch's visits with their people, pages and times. A visit the CRM linked to nobody whose
 * visitor gave a person's e-mail is that person's, as the alerts take it (peopleByEmail, with the
 * rep's tie-break): one query for the batch's e-mails, none when it has none.
 */
function candidates(db: Db, batch: VisitFeedRow[], orgTz: string, repId: string): Candidate[] {
  const byEmail = peopleByEmail(
    db,
    batch.flatMap((v) => (!v.person_id && v.visitor_email ? [v.visitor_email] : [])),
    repId,
  );
  const personOf = (v: VisitFeedRow): string | null =>
    v.person_id ?? (v.visitor_email ? (byEmail.get(emailKey(v.visitor_email)) ?? null) : null);
  const people = loadPeople(
    db,
    batch.flatMap((v) => {
      const id = personOf(v);
      return id ? [id] : [];
    }),
    orgTz,
    false,
    null,
    shownName,
  );
  const pages = new Map<string, Page[]>();
  for (const p of pagesOfVisitsRows(
    db,
    batch.map((v) => v.id),
  )) {
    const list = pages.get(p.visit_id) ?? [];
    list.push({ url: p.url, title: p.title, viewedAt: p.viewed_at, timeSpentS: p.time_spent_s });
    pages.set(p.visit_id, list);
  }
  return batch.map((visit) => {
    const own = pages.get(visit.id) ?? [];
    const times: VisitTimes = {
      startedAt: visit.started_at,
      endedAt: visit.ended_at,
      lastPageAt: own.reduce<number | null>((t, p) => Math.max(t ?? p.viewedAt, p.viewedAt), null),
    };
    const personId = personOf(visit);
    return {
      visit,
      person: personId ? people.get(personId) : undefined,
      pages: own,
      times,
      lastSeen: lastSeenOf(times),
    };
  });
}

function visitRow(
  c: Candidate,
  now: number,
  owners: Map<string, string>,
  windows: BestWindows,
): VisitRow {
  const { visit, person } = c;
  const ownerId = person?.ownerId ?? null;
  return {
    id: visit.id,
    personId: person?.id ?? null,
    personInCrmOnly: !person && visit.crm_person_id !== null,
    name: person?.name ?? visit.visitor_name,
    company: person?.company ?? null,
    email: person?.email ?? visit.visitor_email,
    phone: person?.phone ?? null,
    category: person?.category ?? 'unknown',
    ownerId,
    ownerName: ownerId ? (owners.get(ownerId) ?? null) : null,
    startedAt: visit.started_at,
    lastSeenAt: c.lastSeen,
    timeSpentS: visit.time_spent_s,
    onSiteNow: onSiteNow(c, now),
    pages: c.pages,
    referrer: visit.referrer,
    searchEngine: visit.search_engine,
    searchKeyword: visit.search_keyword,
    actions: visitActions(visit.actions),
    score: person?.score ?? null,
    ipMasked: maskIp(visit.ip),
    windows: person ? windows.of(person.id, person.zone, now) : { call: null, email: null },
  };
}
