import { DateTime } from 'luxon';
import {
  CrmAuthError,
  PlanMarksUnavailableError,
  type CrmSource,
  type SharedPlanMark,
} from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import {
  applyWaitingPlanMarks,
  planMarksPulledTo,
  planMarksSent,
  planMarksSweptAt,
  setPlanMarksPulledTo,
  setPlanMarksSweptAt,
  takeCrmPlanMark,
  unsentPlanMarks,
} from '../db/repos/planMarkShares';
import type { PlanMarkSharesTable } from '../db/schema';
import { PAST_DAYS } from '../../shared/pickableDays';
import { SecondRereads } from './secondRereads';
import { snoozeChoice, snoozePayload } from '../../shared/snoozePayload';
import { nextCursor, type PullCursor } from './syncState';

type Row = Omit<PlanMarkSharesTable, 'sent' | 'waiting' | 'payload'> & { payload?: string | null };

// Plans are kept PAST_DAYS days: a mark older than that shows on no page, so a computer reading
// the marks for the first time reads no further back (a day more for any rep's zone).
const READ_BACK_MS = (PAST_DAYS + 1) * 24 * 3_600_000;
// Zoho dates changes to the second: the last second read is read again, as a mark may have landed
// in it after the answer (a mark read twice changes nothing).
const SECOND_MS = 1000;
const PER_PUSH = 500;
// Old marks are deleted from the CRM once a day, those of days before any plan kept on any
// computer: plans are kept PAST_DAYS days and two for the zones, and ten more days spare the
// team's marks from a computer whose clock runs days ahead (it deletes by its own clock).
const SWEEP_EVERY_MS = 24 * 3_600_000;
const SWEEP_KEEP_DAYS = PAST_DAYS + 12;

const shared = (r: Row): SharedPlanMark => {
  const snoozeTo = r.action === 'snoozed' ? snoozeChoice(r.payload ?? null) : undefined;
  return {
    userId: r.user_id,
    personId: r.person_id,
    day: r.day,
    channel: r.channel,
    action: r.action,
    at: r.at,
    ...(snoozeTo === undefined ? {} : { snoozeTo }),
  };
};
const row = (m: SharedPlanMark): Row => ({
  user_id: m.userId,
  person_id: m.personId,
  day: m.day,
  channel: m.channel,
  action: m.action,
  at: m.at,
  payload: m.action === 'snoozed' ? snoozePayload(m.snoozeTo) : null,
});

/**
 * Shares reps' plan marks (done, snoozed, skipped) through the CRM, so the Team page on a
 * manager's computer, and the rep's other computers, see them (PL-4, TM-1). The marks changed in
 * the CRM since the last read are applied first, a later mark of a row winning, so a mark this
 * computer made offline never replaces a later one made elsewhere (a mark of a person or rep not
 * here yet waits for them); then this computer's marks still later than the CRM's go. A records
 * run always reads (and once a day deletes the CRM's marks of days past use); a run with marks to
 * send reads first.
 * Optional: a failure is a note (its text the same from run to run), the marks stay here and go
 * with a later sync. `changed`: a plan here changed.
 */
export async function sharePlanMarks(
  db: Db,
  source: CrmSource,
  options: { now: number; push: boolean; pull: boolean; signal?: AbortSignal | undefined },
): Promise<{ notes: string[]; changed: boolean }> {
  const notes: string[] = [];
  const out = { notes, changed: false };
  if (!source.pushPlanMarks || !source.pullPlanMarks) return out;
  let unsent = options.push ? unsentPlanMarks(db, PER_PUSH) : [];
  const stayHere = (why: string): void => {
    notes.push(`Plan marks made here stay on this computer, unseen by your manager: ${why}`);
  };
  const failed = (error: unknown): boolean => {
    if (error instanceof CrmAuthError || options.signal?.aborted) throw error;
    if (!(error instanceof PlanMarksUnavailableError)) return false;
    // An organisation that keeps no marks hears of it only from a rep with marks to share.
    if (!error.absent) notes.push(`Plan marks are not shared with the team: ${error.message}`);
    else if (unsent.length > 0) stayHere(error.message);
    return true;
  };
  // People and reps this run's records brought: marks read before them now apply.
  if (options.pull && applyWaitingPlanMarks(db)) out.changed = true;
  if (options.pull || unsent.length > 0) {
    const since = Math.max((planMarksPulledTo(db) ?? 0) - SECOND_MS, options.now - READ_BACK_MS);
    try {
      const pulled = await readCrmMarks(db, source, since, options);
      if (pulled.changed) out.changed = true;
      if (pulled.newest !== null) setPlanMarksPulledTo(db, pulled.newest);
      if (pulled.unreadable > 0)
        notes.push(
          "Some records of the CRM's plan marks could not be read as marks (changed by hand?) and were left out",
        );
    } catch (error) {
      if (failed(error)) return out;
      notes.push(
        `The team's plan marks were not read from the CRM this time (${(error as Error).message})`,
      );
      // Sent unread, an older mark from here could replace a later one made elsewhere.
      return out;
    }
    unsent = options.push ? unsentPlanMarks(db, PER_PUSH) : [];
  }
  let refused = '';
  while (unsent.length > 0) {
    try {
      const pushed = await source.pushPlanMarks(unsent.map(shared), options.signal);
      // A refused mark is not sent again: the CRM would refuse it again.
      planMarksSent(db, [...pushed.kept, ...pushed.refused.map((r) => r.mark)].map(row));
      refused ||= pushed.refused[0]?.reason ?? '';
    } catch (error) {
      if (failed(error)) return out;
      notes.push(
        `Plan marks were not sent to the CRM this time (${(error as Error).message}); the next sync tries again`,
      );
      return out;
    }
    unsent = unsentPlanMarks(db, PER_PUSH);
  }
  if (refused) notes.push(`The CRM refused a plan mark, which stays on this computer: ${refused}`);
  if (options.pull) await sweepOldMarks(db, source, options.now, options.signal);
  return out;
}

/**
 * Reads the marks changed in the CRM after `since` and puts each on its plan here, paged as a
 * module's records are (modulePull.ts): each page re-anchored at its last second, so a mark
 * re-marked on another computer meanwhile (it jumps to the end) moves no unread one onto a page
 * read; a second of more marks than a page (one upsert's) is read again until none left it.
 * `newest`: the latest change read; `unreadable`: records that are not marks.
 */
async function readCrmMarks(
  db: Db,
  source: CrmSource,
  since: number,
  options: { now: number; signal?: AbortSignal | undefined },
): Promise<{ changed: boolean; newest: number | null; unreadable: number }> {
  const out = { changed: false, newest: null as number | null, unreadable: 0 };
  if (!source.pullPlanMarks) return out;
  const unreadable = new Set<string>(); // a second read again lists them again
  const rereads = new SecondRereads(() => options.now);
  let cursor: PullCursor | null = { anchor: since, position: null, maxSeen: null };
  while (cursor) {
    const page = await source.pullPlanMarks({
      since: cursor.anchor,
      position: cursor.position,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    for (const r of page.records) {
      if (r.modifiedAt > (out.newest ?? 0)) out.newest = r.modifiedAt;
      if (!r.mark) unreadable.add(r.id);
      else if (takeCrmPlanMark(db, row(r.mark))) out.changed = true;
    }
    let after = nextCursor(cursor, page.records, page.next, out.newest);
    const ended = after === null || after.anchor !== cursor.anchor;
    // Zoho's changes are not asked about here (the marks' second is read again instead).
    if (rereads.page(cursor.anchor, cursor.position, page.records, ended).decide && rereads.again())
      after = { anchor: cursor.anchor, position: null, maxSeen: out.newest };
    cursor = after;
  }
  out.unreadable = unreadable.size;
  return out;
}

/**
 * Deletes the CRM's marks of days no plan is kept for, at most once a day: a record per mark
 * would otherwise pile up there for good. Whichever computer may delete them does; one whose user
 * may not is silent (the README says which profile needs it), as is a failure: tomorrow again.
 */
async function sweepOldMarks(
  db: Db,
  source: CrmSource,
  now: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (!source.deletePlanMarksBefore) return;
  const last = planMarksSweptAt(db);
  if (last !== null && now - last < SWEEP_EVERY_MS) return;
  const before = DateTime.fromMillis(now, { zone: 'UTC' })
    .minus({ days: SWEEP_KEEP_DAYS })
    .toISODate();
  if (!before) return;
  try {
    const swept = await source.deletePlanMarksBefore(before, signal);
    // Left over by the page limit: the next records run goes on.
    if (!swept.more) setPlanMarksSweptAt(db, now);
  } catch (error) {
    if (error instanceof CrmAuthError || signal?.aborted) throw error;
    setPlanMarksSweptAt(db, now);
  }
}
