import { sql } from 'kysely';
import type { Db } from '../openDatabase';
import { all, first } from '../sqlRun';

/**
 * What leaving this copy of the CRM would lose besides the outbox's logged calls, task changes and
 * leads (outbox.ts `countUnsent`): calls booked here, plan marks made here, leads kept here.
 */

const booked = sql<boolean>`json_valid(payload) and json_extract(payload, '$.booked') = 1`;

/** Calls booked here (planner Book) that have not reached the CRM, refused ones included. */
export function countUnsentBookings(db: Db): number {
  return (
    first(
      db,
      db.kysely
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('pushed_at', 'is', null)
        .where('kind', '=', 'call')
        .where('discarded_at', 'is', null)
        .where(booked),
    )?.n ?? 0
  );
}

/**
 * Leads created here that the rep discarded ("keeps it on this computer only"): never sent, so
 * the copy going takes them for good.
 */
export function countLeadsKeptHere(db: Db): number {
  return (
    first(
      db,
      db.kysely
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('pushed_at', 'is', null)
        .where('kind', '=', 'lead')
        .where('discarded_at', 'is not', null),
    )?.n ?? 0
  );
}

/**
 * Done, snoozed and skipped marks made here that no CRM holds: not sent yet, or never to be where
 * the organisation keeps no plan marks (sync/planMarksShare.ts). A mark cleared again loses
 * nothing the rep would miss, so it is not counted.
 */
export function countPlanMarksHereOnly(db: Db): number {
  return (
    first(
      db,
      db.kysely
        .selectFrom('plan_mark_shares')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('sent', '=', 0)
        .where('waiting', '=', 0)
        .where('action', '!=', 'clear'),
    )?.n ?? 0
  );
}

/**
 * The activities of calls booked here that the CRM refused and the rep has neither retried nor
 * discarded, with their outbox entry: booked nowhere but here, so not booked work.
 */
export function refusedBookings(db: Db): Map<string, number> {
  const rows = all(
    db,
    db.kysely
      .selectFrom('outbox')
      .select('id')
      .select(sql<string | null>`json_extract(payload, '$.activityId')`.as('activity_id'))
      .where('pushed_at', 'is', null)
      .where('kind', '=', 'call')
      .where('refused_at', 'is not', null)
      .where('discarded_at', 'is', null)
      .where(booked),
  );
  const out = new Map<string, number>();
  for (const r of rows) if (typeof r.activity_id === 'string') out.set(r.activity_id, r.id);
  return out;
}
