import type { PlannerRow } from '../../shared/contract';
import type { Db } from '../db/openDatabase';
import { meetingEnd } from '../../shared/activityStatus';
import {
  openTasksDue,
  openUndatedTasksBefore,
  scheduledActivitiesOf,
  type ScheduledActivity,
} from '../db/repos/activities';
import { refusedBookings } from '../db/repos/unsentWorkCounts';
import {
  lastEmailVisitsBetween,
  ownedPeopleVisitsSince,
  unlinkedEmailVisitsSince,
} from '../db/repos/visits';
import { peopleByEmail } from '../people/emailMatch';
import { emailKey } from '../../shared/emailKey';
import { LONGEST_VISIT_MS, onWebsiteAt, type VisitTimes } from '../../shared/onTheWebsite';
import { inTieOrder, type PlanPerson } from './repPlanInputs';

/** Re-read visit candidates this often so the list stays a few hours long. */
const VISITS_FRESH_MS = 3_600_000;

export type Scheduled = NonNullable<PlannerRow['next']>;

interface Visit extends VisitTimes {
  personId: string;
}

/**
 * What a day plan reads besides its people, kept with the people array it was read for. Visits and
 * scheduled work change only with a sync or a logged call, and both drop the cached array (see
 * RepPlanCache), so a re-plan after an action, a filter or a state change reads neither again.
 */
interface Memo {
  scheduled?: {
    from: number;
    to: number;
    /** Whether the day was read as the rep's today, with the open tasks whose date is over. */
    today: boolean;
    entries: Map<string, ScheduledEntry[]>;
    /** The picks as of `at`, good until a meeting among them ends. */
    picked: { at: number; until: number; byPerson: Map<string, Scheduled> } | null;
  };
  /** Every visit of these people that started at or after `since`, with no upper bound. */
  visits?: { since: number; list: Visit[] };
  inTieOrder?: boolean;
}

const memos = new WeakMap<readonly PlanPerson[], Memo>();

function memoOf(people: readonly PlanPerson[]): Memo {
  let memo = memos.get(people);
  if (!memo) {
    memo = {};
    memos.set(people, memo);
  }
  return memo;
}

/**
 * People with a visit on the website at `now` (the Visits page's rule, onTheWebsite.ts), a visit
 * the CRM linked to nobody counting for the person whose e-mail the visitor gave (as there).
 */
export function onSiteNow(
  db: Db,
  repId: string,
  now: number,
  people: readonly PlanPerson[],
): Set<string> {
  const memo = memoOf(people);
  const since = now - LONGEST_VISIT_MS;
  // The kept list covers [its since, ∞): enough for any instant at or after the one it was read for.
  if (!memo.visits || since < memo.visits.since || since - memo.visits.since > VISITS_FRESH_MS) {
    const list: Visit[] = [];
    for (const v of ownedPeopleVisitsSince(db, since, repId))
      list.push({
        personId: v.person_id,
        startedAt: v.started_at,
        endedAt: v.ended_at,
        lastPageAt: v.last_page_at,
      });
    const unlinked = unlinkedEmailVisitsSince(db, since);
    const byEmail = peopleByEmail(
      db,
      unlinked.map((v) => v.visitor_email),
      repId,
    );
    for (const v of unlinked) {
      const personId = byEmail.get(emailKey(v.visitor_email));
      if (personId)
        list.push({
          personId,
          startedAt: v.started_at,
          endedAt: v.ended_at,
          lastPageAt: v.last_page_at,
        });
    }
    memo.visits = { since, list };
  }
  const out = new Set<string>();
  for (const v of memo.visits.list) if (onWebsiteAt(v, now)) out.add(v.personId);
  return out;
}

/**
 * Per person, the last visit that started in [from, to) of those the CRM linked to nobody whose
 * visitor gave their e-mail (peopleByEmail, with `repId`'s tie-break), as `onSiteNow` counts them:
 * the Team page's hot visitors (TM-2) are read by the same rule.
 */
export function lastVisitsByEmail(
  db: Db,
  from: number,
  to: number,
  repId: string | null,
): Map<string, number> {
  const out = new Map<string, number>();
  const visits = lastEmailVisitsBetween(db, from, to);
  if (visits.length === 0) return out;
  const owners = peopleByEmail(
    db,
    visits.map((v) => v.key),
    repId,
  );
  for (const { key, last_visit } of visits) {
    const id = owners.get(key);
    if (id !== undefined) out.set(id, Math.max(out.get(id) ?? last_visit, last_visit));
  }
  return out;
}

interface ScheduledEntry {
  scheduled: Scheduled;
  /** When a meeting ends (it is planned until then); null for work the CRM holds as scheduled. */
  end: number | null;
  /** `scheduled` with a later call's `callAt`, kept: the same pick is the same object to a row. */
  withCall?: Scheduled;
}

/**
 * Whether the entry is a call still to come at `now` (one at `now` itself is still to make). A
 * booking Zoho refused is not: named beside a task it would read as booked.
 */
const callToCome = (e: ScheduledEntry, now: number): boolean =>
  e.scheduled.kind === 'call' && !e.scheduled.refused && e.scheduled.startAt >= now;

/** A call booked here that Zoho refused: it waits in Settings, whether or not its time passed. */
const refusedCall = (e: ScheduledEntry): boolean =>
  e.scheduled.kind === 'call' && e.scheduled.refused === true;

/**
 * The rep's work of the day that may still be planned, latest first: what starts in [from, to),
 * but the tasks with a due date, which are the day's when they are due on `date` (the rep's day):
 * a task is due on a day, not at the instant it is placed at (09:00 in the organisation's zone,
 * the evening before for a rep in Honolulu), which only orders it among the day's work. On the
 * rep's today, also every open task whose date is over: still to do, so today's work (Zoho keeps
 * it in its overdue view until done), and every open task with a time only placed before the
 * day (`taskDueDay` < `date`); placed on its own date or time, it comes before the day's own work.
 */
function dayWork(
  db: Db,
  repId: string,
  from: number,
  to: number,
  date: string,
  today: boolean,
): ScheduledActivity[] {
  const work: ScheduledActivity[] = [];
  for (const a of scheduledActivitiesOf(db, repId, from, to))
    if (a.kind !== 'task' || a.due_date === null) work.push(a);
  const due = [...openTasksDue(db, repId, 'on', date)];
  if (today) {
    for (const a of openTasksDue(db, repId, 'before', date)) due.push(a);
    // A task with a time only is due on the day that time falls on: overdue once it is over.
    for (const a of openUndatedTasksBefore(db, repId, from)) due.push(a);
  }
  if (due.length === 0) return work;
  return [...work, ...due].sort((a, b) => b.started_at - a.started_at);
}

/**
 * Each person's earliest work of the day (`dayWork`: [from, to), and the tasks due on `date`)
 * still planned at `now`, with their first call still to come when that is other work (`callAt`),
 * and when that changes next (a meeting shown ends, a call named passes). The day's list is read
 * once; which meeting is over is decided per call.
 */
export function scheduledOn(
  db: Db,
  repId: string,
  from: number,
  to: number,
  date: string,
  people: readonly PlanPerson[],
  now: number,
): { byPerson: Map<string, Scheduled>; until: number } {
  const memo = memoOf(people);
  let day = memo.scheduled;
  // The rep's today carries the overdue tasks; the same day read once it has ended does not.
  const today = from <= now && now < to;
  if (day?.from !== from || day.to !== to || day.today !== today) {
    const byPerson = new Map<string, ScheduledEntry[]>();
    const refused = refusedBookings(db);
    // Latest first: unshift keeps each person's list earliest first.
    for (const a of dayWork(db, repId, from, to, date, today)) {
      const entry: ScheduledEntry = {
        scheduled: {
          kind: a.kind,
          subject: a.subject,
          startAt: a.started_at,
          // The CRM's open tasks are what changeTask can mark done or move (taskChanges.ts).
          ...(a.kind === 'task' && a.source_module === 'Tasks' && a.status === 'scheduled'
            ? { taskId: a.id }
            : {}),
          ...(a.kind === 'task' && a.due_date ? { dueDate: a.due_date } : {}),
          ...(refused.has(a.id) ? { refused: true as const } : {}),
        },
        end: a.kind === 'meeting' ? meetingEnd(a.started_at, a.duration_s) : null,
      };
      const list = byPerson.get(a.person_id);
      if (list) list.unshift(entry);
      else byPerson.set(a.person_id, [entry]);
    }
    day = { from, to, today, entries: byPerson, picked: null };
    memo.scheduled = day;
  }
  const picked = day.picked;
  if (picked && picked.at <= now && now < picked.until) return picked;
  const byPerson = new Map<string, Scheduled>();
  let until = Infinity;
  for (const [personId, list] of day.entries) {
    const pick = list.find((e) => e.end === null || e.end > now);
    if (!pick) continue;
    // A call booked (here or in the CRM) is what is next with the person, even when an open task
    // comes first: the task stays the pick (its button marks it done), and names the call too.
    // Without one, a booking Zoho refused is named there as refused: the rep booked a call and
    // must learn, beside the task, that none exists in Zoho.
    const call = callToCome(pick, now)
      ? undefined
      : (list.find((e) => callToCome(e, now)) ??
        (refusedCall(pick) ? undefined : list.find(refusedCall)));
    if (call) {
      const callAt = call.scheduled.startAt;
      const refused = call.scheduled.refused === true;
      if (pick.withCall?.callAt !== callAt || (pick.withCall.callRefused === true) !== refused)
        pick.withCall = { ...pick.scheduled, callAt, ...(refused ? { callRefused: true } : {}) };
      byPerson.set(personId, pick.withCall);
      // A call to come stops being named once it passes; a refused one stays until mended.
      if (!refused && callAt + 1 < until) until = callAt + 1;
    } else byPerson.set(personId, pick.scheduled);
    if (pick.end !== null && pick.end < until) until = pick.end;
  }
  day.picked = { at: now, until, byPerson };
  return day.picked;
}

/** The people in tie order (see `inTieOrder`); cached inputs already are, so this is checked once. */
export function peopleInTieOrder(people: readonly PlanPerson[]): readonly PlanPerson[] {
  const memo = memoOf(people);
  if (memo.inTieOrder === undefined) {
    memo.inTieOrder = true;
    for (let i = 1; i < people.length && memo.inTieOrder; i++)
      memo.inTieOrder = inTieOrder(people[i - 1] as PlanPerson, people[i] as PlanPerson) <= 0;
  }
  return memo.inTieOrder ? people : [...people].sort(inTieOrder);
}
