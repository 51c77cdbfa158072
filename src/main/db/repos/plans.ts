import type { Db } from '../openDatabase';
import type { PlanActionsTable } from '../schema';
import { iterate, run, first } from '../sqlRun';

/** The planner's own tables: `plan_actions` (a rep's marks and logged calls) and `day_plans`. */

type RowMark = 'done' | 'snoozed' | 'skipped';

/** Removes a row's mark for a day; logged calls stay. */
export function clearRowMark(
  db: Db,
  mark: { userId: string; personId: string; day: string; channel: string },
): void {
  run(
    db,
    db.kysely
      .deleteFrom('plan_actions')
      .where('user_id', '=', mark.userId)
      .where('person_id', '=', mark.personId)
      .where('day', '=', mark.day)
      .where('channel', '=', mark.channel)
      .where('action', '!=', 'call_logged'),
  );
}

export function addPlanAction(
  db: Db,
  action: {
    userId: string;
    personId: string;
    day: string;
    channel: string;
    action: PlanActionsTable['action'];
    at: number;
    payload?: string;
  },
): void {
  run(
    db,
    db.kysely.insertInto('plan_actions').values({
      user_id: action.userId,
      person_id: action.personId,
      day: action.day,
      channel: action.channel,
      action: action.action,
      at: action.at,
      ...(action.payload !== undefined ? { payload: action.payload } : {}),
    }),
  );
}

/** A rep's row marks of a day, oldest first (a later mark replaces an earlier one). */
export function rowMarks(
  db: Db,
  userId: string,
  day: string,
): IterableIterator<{ person_id: string; channel: string | null; action: RowMark; at: number }> {
  return iterate(
    db,
    db.kysely
      .selectFrom('plan_actions')
      .select(['person_id', 'channel', 'action', 'at'])
      .where('user_id', '=', userId)
      .where('day', '=', day)
      .where('action', '!=', 'call_logged')
      .orderBy('at')
      .$narrowType<{ action: RowMark }>(),
  );
}

/**
 * The people a rep logged a call with on a day while they had no call row on the plan (no call
 * windows yet: `offPlan` in the logged call's payload). The windows that call teaches plan the
 * days after; that day's plan does not list them (planActions.logCall).
 */
export function offPlanCalls(db: Db, userId: string, day: string): Set<string> {
  const out = new Set<string>();
  for (const r of iterate(
    db,
    db.kysely
      .selectFrom('plan_actions')
      .select(['person_id', 'payload'])
      .where('user_id', '=', userId)
      .where('day', '=', day)
      .where('action', '=', 'call_logged'),
  ))
    if (r.payload?.includes('"offPlan":true')) out.add(r.person_id);
  return out;
}

export function putDayPlan(
  db: Db,
  plan: { userId: string; day: string; savedAt: number; plan: string },
): void {
  run(
    db,
    db.kysely
      .insertInto('day_plans')
      .values({ user_id: plan.userId, day: plan.day, saved_at: plan.savedAt, plan: plan.plan })
      .onConflict((oc) =>
        oc.columns(['user_id', 'day']).doUpdateSet({ saved_at: plan.savedAt, plan: plan.plan }),
      ),
  );
}

/** Drops the plans of days before `day` (YYYY-MM-DD). */
export function deleteDayPlansBefore(db: Db, day: string): void {
  run(db, db.kysely.deleteFrom('day_plans').where('day', '<', day));
}

export function dayPlan(db: Db, userId: string, day: string): string | undefined {
  return first(
    db,
    db.kysely
      .selectFrom('day_plans')
      .select('plan')
      .where('user_id', '=', userId)
      .where('day', '=', day),
  )?.plan;
}
