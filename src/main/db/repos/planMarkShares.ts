import type { Db } from '../openDatabase';
import type { PlanMarkSharesTable } from '../schema';
import { all, first, run, transaction } from '../sqlRun';
import { personModule } from './people';
import { addPlanAction, clearRowMark } from './plans';
import { putSetting, settingValue } from './settings';
import { userById } from './users';

/**
 * `plan_mark_shares`: each plan row's latest mark as the CRM is to have it (sync/planMarksShare.ts).
 * Marks made here wait with `sent` 0; marks read from the CRM are applied to `plan_actions`.
 */

type Mark = Omit<PlanMarkSharesTable, 'sent' | 'waiting' | 'payload'> & {
  /** A snooze's choice; left out, none (a later mark of the row drops an earlier one's). */
  payload?: string | null;
};

/** Setting: the CRM's modification time up to which its plan marks were read (UTC ms). */
export const PLAN_MARKS_PULLED_TO = 'plan_marks_pulled_to';

const rowOf = (db: Db, m: Mark) =>
  db.kysely
    .selectFrom('plan_mark_shares')
    .where('user_id', '=', m.user_id)
    .where('person_id', '=', m.person_id)
    .where('day', '=', m.day)
    .where('channel', '=', m.channel);

function putShare(db: Db, m: Mark, sent: boolean, waiting = false): void {
  const values = { ...m, payload: m.payload ?? null, sent: sent ? 1 : 0, waiting: waiting ? 1 : 0 };
  run(
    db,
    db.kysely
      .insertInto('plan_mark_shares')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['user_id', 'person_id', 'day', 'channel']).doUpdateSet({
          action: values.action,
          at: values.at,
          payload: values.payload,
          sent: values.sent,
          waiting: values.waiting,
        }),
      ),
  );
}

/** A rep marked a row here: the CRM is to have it. Run in the transaction that stores the mark. */
export function shareRowMark(db: Db, mark: Mark): void {
  putShare(db, mark, false);
}

/** Marks made here and not yet in the CRM, oldest first. */
export function unsentPlanMarks(db: Db, limit: number): Mark[] {
  return all(
    db,
    db.kysely
      .selectFrom('plan_mark_shares')
      .select(['user_id', 'person_id', 'day', 'channel', 'action', 'at', 'payload'])
      .where('sent', '=', 0)
      .orderBy('at')
      .limit(limit),
  );
}

/** The CRM has these marks; a row marked again since (a later `at`) is still to send. */
export function planMarksSent(db: Db, marks: readonly Mark[]): void {
  transaction(db, () => {
    for (const m of marks)
      run(
        db,
        db.kysely
          .updateTable('plan_mark_shares')
          .set({ sent: 1 })
          .where('user_id', '=', m.user_id)
          .where('person_id', '=', m.person_id)
          .where('day', '=', m.day)
          .where('channel', '=', m.channel)
          .where('at', '=', m.at),
      );
  });
}

/**
 * A mark read from the CRM: applied to the rep's plan unless this computer holds the row's mark
 * made as late or later (its own, sent or not). Whether the plan changed. A mark of a person or
 * rep this computer does not hold yet waits (`applyWaitingPlanMarks`): the read has moved past it.
 */
export function takeCrmPlanMark(db: Db, mark: Mark): boolean {
  return transaction(db, () => {
    const held = first(db, rowOf(db, mark).select('at'));
    if (held && held.at >= mark.at) return false;
    if (!userById(db, mark.user_id) || personModule(db, mark.person_id) === undefined) {
      putShare(db, mark, true, true);
      return false;
    }
    applyCrmMark(db, mark);
    return true;
  });
}

function applyCrmMark(db: Db, mark: Mark): void {
  putShare(db, mark, true);
  const row = {
    userId: mark.user_id,
    personId: mark.person_id,
    day: mark.day,
    channel: mark.channel,
  };
  clearRowMark(db, row);
  if (mark.action !== 'clear')
    addPlanAction(db, {
      ...row,
      action: mark.action,
      at: mark.at,
      ...(mark.action === 'snoozed' && mark.payload ? { payload: mark.payload } : {}),
    });
}

/**
 * Applies the waiting marks whose person and rep this computer now holds (they came with a later
 * read of the CRM's records). Marks of people this computer never holds (another team's) wait
 * until their day is pruned. Whether a plan changed.
 */
export function applyWaitingPlanMarks(db: Db): boolean {
  return transaction(db, () => {
    // A join, not a look-up per row: a rep's computer may hold thousands of other reps' marks.
    const arrived = all(
      db,
      db.kysely
        .selectFrom('plan_mark_shares as m')
        .innerJoin('people as p', 'p.id', 'm.person_id')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.user_id', 'm.person_id', 'm.day', 'm.channel', 'm.action', 'm.at', 'm.payload'])
        .where('m.waiting', '=', 1),
    );
    for (const mark of arrived) applyCrmMark(db, mark);
    return arrived.length > 0;
  });
}

/** Drops the marks of days before `day` (YYYY-MM-DD), sent or not. */
export function deletePlanMarkSharesBefore(db: Db, day: string): void {
  run(db, db.kysely.deleteFrom('plan_mark_shares').where('day', '<', day));
}

/** Setting: when this computer last deleted old plan marks from the CRM (UTC ms). */
export const PLAN_MARKS_SWEPT_AT = 'plan_marks_swept_at';

export function planMarksSweptAt(db: Db): number | null {
  const value = Number(settingValue(db, PLAN_MARKS_SWEPT_AT));
  return Number.isFinite(value) && value > 0 ? value : null;
}

export function setPlanMarksSweptAt(db: Db, at: number): void {
  putSetting(db, PLAN_MARKS_SWEPT_AT, String(at));
}

export function planMarksPulledTo(db: Db): number | null {
  const value = Number(settingValue(db, PLAN_MARKS_PULLED_TO));
  return Number.isFinite(value) && value > 0 ? value : null;
}

export function setPlanMarksPulledTo(db: Db, at: number): void {
  putSetting(db, PLAN_MARKS_PULLED_TO, String(at));
}
