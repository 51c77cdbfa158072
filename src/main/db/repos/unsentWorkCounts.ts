import { sql } from 'kysely';
import type { Db } from '../openDatabase';
import { all, first } from '../sqlRun';

/**
 * What leaving this copy of the CRM would lose: the outbox's work no CRM holds, and plan marks
 * made here.
 */

const booked = sql<boolean>`json_valid(payload) and json_extract(payload, '$.booked') = 1`;

/** The outbox's work that has not reached the CRM, each kind apart (see `outboxWorkHereOnly`). */
export interface OutboxWorkHere {
  /** Calls logged here, refused ones included; bookings are apart. */
  calls: number;
  /** Calls booked here (planner Book), refused ones included. */
  bookings: number;
  tasks: number;
  /** Leads created here still to be sent, refused ones included. */
  leads: number;
  /** Leads created here that the rep discarded ("keeps it on this computer only"). */
  keptLeads: number;
}

/**
 * The outbox's entries no CRM holds, in one pass: what leaving this copy would lose. A discarded
 * entry is let go by the rep, except a lead, which stays here as a person when discarded.
 */
export function outboxWorkHereOnly(db: Db): OutboxWorkHere {
  const kept = sql<number>`discarded_at is null`;
  // A call with no `booked` in its payload reads null there, not false: made 0, so `not` counts it.
  const isBooking = sql<number>`ifnull(${booked}, 0)`;
  const row = first(
    db,
    db.kysely
      .selectFrom('outbox')
      .select([
        sql<number>`ifnull(sum(kind = 'call' and ${kept} and not ${isBooking}), 0)`.as('calls'),
        sql<number>`ifnull(sum(kind = 'call' and ${kept} and ${isBooking}), 0)`.as('bookings'),
        sql<number>`ifnull(sum(kind = 'task' and ${kept}), 0)`.as('tasks'),
        sql<number>`ifnull(sum(kind = 'lead' and ${kept}), 0)`.as('leads'),
        sql<number>`ifnull(sum(kind = 'lead' and discarded_at is not null), 0)`.as('keptLeads'),
      ])
      .where('pushed_at', 'is', null),
  );
  return {
    calls: row?.calls ?? 0,
    bookings: row?.bookings ?? 0,
    tasks: row?.tasks ?? 0,
    leads: row?.leads ?? 0,
    keptLeads: row?.keptLeads ?? 0,
  };
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

/**
 * Calls booked here, not yet tried by a sync, whose time is gone by `now`: the next sync sets them
 * aside unsent (outboxPush sends no booking late), so no sync will send them. One whose create went
 * out before (its answer lost) is not counted: the sync looks for it in the CRM first.
 */
export function countPassedBookingsUnsent(db: Db, now: number): number {
  return (
    first(
      db,
      db.kysely
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind', '=', 'call')
        .where('pushed_at', 'is', null)
        .where('refused_at', 'is', null)
        .where('discarded_at', 'is', null)
        .where('create_sent_at', 'is', null)
        .where(booked)
        .where(sql<boolean>`json_extract(payload, '$.startedAt') <= ${now}`),
    )?.n ?? 0
  );
}
