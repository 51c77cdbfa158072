import { sql } from 'kysely';
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
    /** A logged call with someone who had no call row on that day's plan (planner/offPlanCalls). */
    offPlan?: boolean;
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
      ...(action.offPlan ? { off_plan: 1 } : {}),
    }),
  );
}

/** A rep's row marks of a day, oldest first (a later mark replaces an earlier one). */
export function rowMarks(
  db: Db,
  userId: string,
  day: string,
): IterableIterator<{
  person_id: string;
  channel: string | null;
  action: RowMark;
  at: number;
  payload: string | null;
}> {
  return iterate(
    db,
    db.kysely
      .selectFrom('plan_actions')
      .select(['person_id', 'channel', 'action', 'at', 'payload'])
      .where('user_id', '=', userId)
      .where('day', '=', day)
      .where('action', '!=', 'call_logged')
      .orderBy('at')
      .$narrowType<{ action: RowMark }>(),
  );
}

/**
 * The people a rep logged a call with on a day, each with whether a call of theirs was logged
 * while they had no call row on that day's plan (`off_plan`, planner/offPlanCalls.ts; calls
 * logged before migration 26 keep the flag their payload carried).
 */
export function loggedCalls(db: Db, userId: string, day: string): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const r of iterate(
    db,
    db.kysely
      .selectFrom('plan_actions')
      .select(['person_id', 'off_plan'])
      .where('user_id', '=', userId)
      .where('day', '=', day)
      .where('action', '=', 'call_logged'),
  ))
    out.set(r.person_id, out.get(r.person_id) === true || r.off_plan === 1);
  return out;
}

/**
 * Whether the rep's kept plan of a day (`day_plans`, planner/dayPlanSnapshots.ts) has a call row
 * for the person: undefined when no plan of that day was kept. Read in SQLite, so a question
 * about one person does not parse the whole day in JavaScript.
 */
export function keptDayHasCallRow(
  db: Db,
  userId: string,
  day: string,
  personId: string,
): boolean | undefined {
  // A kept day's people are [id, call windows, email windows], null where there is no row.
  const has = sql<number>`exists (select 1 from json_each(day_plans.plan, '$.people') as p
    where json_extract(p.value, '$[0]') = ${personId} and json_type(p.value, '$[1]') = 'array')`;
  // A damaged snapshot is no kept plan (dayPlanSnapshots reads it so too).
  const readable = sql<boolean>`json_valid(day_plans.plan)
    and json_type(day_plans.plan, '$.people') = 'array'`;
  const found = first(
    db,
    db.kysely
      .selectFrom('day_plans')
      .select(has.as('has'))
      .where('user_id', '=', userId)
      .where('day', '=', day)
      .where(readable),
  );
  return found === undefined ? undefined : found.has === 1;
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
