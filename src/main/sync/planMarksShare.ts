import {
  CrmAuthError,
  PlanMarksUnavailableError,
  type CrmSource,
  type SharedPlanMark,
} from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import {
  planMarksPulledTo,
  planMarksSent,
  setPlanMarksPulledTo,
  takeCrmPlanMark,
  unsentPlanMarks,
} from '../db/repos/planMarkShares';
import type { PlanMarkSharesTable } from '../db/schema';
import { PAST_DAYS } from '../../shared/pickableDays';

type Row = Omit<PlanMarkSharesTable, 'sent'>;

// Plans are kept PAST_DAYS days: a mark older than that shows on no page, so a computer reading
// the marks for the first time reads no further back (a day more for any rep's zone).
const READ_BACK_MS = (PAST_DAYS + 1) * 24 * 3_600_000;
// Zoho dates changes to the second: the last second read is read again, as a mark may have landed
// in it after the answer (a mark read twice changes nothing).
const SECOND_MS = 1000;
const PER_PUSH = 500;

const shared = (r: Row): SharedPlanMark => ({
  userId: r.user_id,
  personId: r.person_id,
  day: r.day,
  channel: r.channel,
  action: r.action,
  at: r.at,
});
const row = (m: SharedPlanMark): Row => ({
  user_id: m.userId,
  person_id: m.personId,
  day: m.day,
  channel: m.channel,
  action: m.action,
  at: m.at,
});

const marksText = (n: number): string => (n === 1 ? '1 plan mark' : `${n} plan marks`);

/**
 * Shares reps' plan marks (done, snoozed, skipped) through the CRM, so the Team page on a
 * manager's computer, and the rep's other computers, see them (PL-4, TM-1): this computer's
 * unsent marks go first (`push`), then the marks changed in the CRM since the last read are
 * applied (`pull`), a later mark of a row winning. Optional: a failure is a note, the marks stay
 * here and go with a later sync. `changed`: a plan here changed.
 */
export async function sharePlanMarks(
  db: Db,
  source: CrmSource,
  options: { now: number; push: boolean; pull: boolean; signal?: AbortSignal | undefined },
): Promise<{ notes: string[]; changed: boolean }> {
  const notes: string[] = [];
  const out = { notes, changed: false };
  if (!source.pushPlanMarks || !source.pullPlanMarks) return out;
  const rethrow = (error: unknown): void => {
    if (error instanceof CrmAuthError || options.signal?.aborted) throw error;
  };
  if (options.push) {
    let unsent = unsentPlanMarks(db, PER_PUSH);
    let refused = 0;
    let reason = '';
    while (unsent.length > 0) {
      try {
        const pushed = await source.pushPlanMarks(unsent.map(shared), options.signal);
        // A refused mark is not sent again: the CRM would refuse it again.
        planMarksSent(db, [...pushed.kept, ...pushed.refused.map((r) => r.mark)].map(row));
        refused += pushed.refused.length;
        reason ||= pushed.refused[0]?.reason ?? '';
      } catch (error) {
        rethrow(error);
        if (error instanceof PlanMarksUnavailableError) {
          const more = unsent.length === PER_PUSH ? ' or more' : '';
          notes.push(
            `${marksText(unsent.length)}${more} made here ${unsent.length === 1 ? 'stays' : 'stay'} on this computer, unseen by your manager: ${error.message}`,
          );
          return out;
        }
        // Whatever kept the CRM from taking them would keep it from giving the team's: next run.
        notes.push(
          `Plan marks were not sent to the CRM this time (${(error as Error).message}); the next sync sends them`,
        );
        return out;
      }
      unsent = unsentPlanMarks(db, PER_PUSH);
    }
    if (refused > 0)
      notes.push(
        `The CRM refused ${marksText(refused)}, which ${refused === 1 ? 'stays' : 'stay'} on this computer: ${reason}`,
      );
  }
  if (!options.pull) return out;
  const since = Math.max((planMarksPulledTo(db) ?? 0) - SECOND_MS, options.now - READ_BACK_MS);
  try {
    const pulled = await source.pullPlanMarks(since, options.signal);
    for (const m of pulled.marks) if (takeCrmPlanMark(db, row(m))) out.changed = true;
    if (pulled.newest !== null) setPlanMarksPulledTo(db, pulled.newest);
    if (pulled.unreadable > 0)
      notes.push(
        `${pulled.unreadable === 1 ? '1 record' : `${pulled.unreadable} records`} of the CRM's plan marks could not be read as one (changed by hand?) and were left out`,
      );
  } catch (error) {
    rethrow(error);
    // An organisation that keeps no marks hears of it only when a rep has marks to share.
    if (!(error instanceof PlanMarksUnavailableError))
      notes.push(
        `The team's plan marks were not read from the CRM this time (${(error as Error).message})`,
      );
  }
  return out;
}
