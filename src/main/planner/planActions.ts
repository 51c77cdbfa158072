import { randomUUID } from 'node:crypto';
import type { Db } from '../db/openDatabase';
import { lastedLongEnoughToBeAnswered } from '../../shared/answeredCall';

export type RowAction = 'done' | 'snoozed' | 'skipped';

/**
 * Marks (or clears) a plan row for a day: one mark per row and day, replaced by the latest; the
 * marks of other days stay, so a past day's plan reads as it was left. Logged calls are never removed.
 */
export function markPlanRow(
  db: Db,
  userId: string,
  row: { personId: string; channel: string; date: string; action: RowAction | 'clear' },
  at: number,
): void {
  ensurePerson(db, row.personId);
  db.raw.transaction(() => {
    db.raw
      .prepare(
        "delete from plan_actions where user_id = ? and person_id = ? and day = ? and channel = ? and action != 'call_logged'",
      )
      .run(userId, row.personId, row.date, row.channel);
    if (row.action !== 'clear') {
      db.raw
        .prepare(
          'insert into plan_actions (user_id, person_id, day, channel, action, at) values (?, ?, ?, ?, ?, ?)',
        )
        .run(userId, row.personId, row.date, row.channel, row.action, at);
    }
  })();
}

/** The day's row actions of a rep, keyed `personId|channel`. */
export function rowActions(db: Db, userId: string, date: string): Map<string, RowAction> {
  const out = new Map<string, RowAction>();
  for (const r of db.raw
    .prepare(
      "select person_id, channel, action from plan_actions where user_id = ? and day = ? and action != 'call_logged' order by at",
    )
    .iterate(userId, date) as Iterable<{ person_id: string; channel: string; action: RowAction }>) {
    out.set(`${r.person_id}|${r.channel}`, r.action);
  }
  return out;
}

export interface LoggedCall {
  personId: string;
  outcome: 'answered' | 'no_answer' | 'voicemail' | 'busy';
  durationMin: number;
  note: string;
  date: string;
}

/**
 * A call the rep logged (PL-4): stored locally at once as an activity, marked done on the plan,
 * and queued in the outbox to become a Calls record in the CRM on the next sync, exactly once.
 */
export function logCall(
  db: Db,
  userId: string,
  call: LoggedCall,
  at: number,
): { activityId: string; outboxId: number } {
  ensurePerson(db, call.personId);
  const activityId = `local-${randomUUID()}`;
  const durationS = Math.round(call.durationMin * 60);
  const signal =
    call.outcome === 'answered' && lastedLongEnoughToBeAnswered(durationS) ? 'call_answered' : null;
  const subject = call.note.trim()
    ? (call.note.trim().split('\n')[0]?.slice(0, 120) ?? '')
    : `Call: ${call.outcome.replace('_', ' ')}`;
  let outboxId = 0;
  db.raw.transaction(() => {
    db.raw
      .prepare(
        `insert into activities (id, person_id, owner_id, signal, kind, channel, direction, started_at, duration_s, subject, status, source_module, source_id)
         values (?, ?, ?, ?, 'call', 'call', 'out', ?, ?, ?, 'completed', 'local', null)`,
      )
      .run(activityId, call.personId, userId, signal, at - durationS * 1000, durationS, subject);
    db.raw
      .prepare(
        "insert into plan_actions (user_id, person_id, day, channel, action, at, payload) values (?, ?, ?, 'call', 'call_logged', ?, ?)",
      )
      .run(
        userId,
        call.personId,
        call.date,
        at,
        JSON.stringify({ activityId, outcome: call.outcome }),
      );
    db.raw
      .prepare(
        "delete from plan_actions where user_id = ? and person_id = ? and day = ? and channel = 'call' and action != 'call_logged'",
      )
      .run(userId, call.personId, call.date);
    db.raw
      .prepare(
        "insert into plan_actions (user_id, person_id, day, channel, action, at) values (?, ?, ?, 'call', 'done', ?)",
      )
      .run(userId, call.personId, call.date, at);
    outboxId = Number(
      db.raw
        .prepare(
          'insert into outbox (idempotency_key, kind, payload, created_at) values (?, ?, ?, ?)',
        )
        .run(
          activityId,
          'call',
          JSON.stringify({
            activityId,
            personId: call.personId,
            ownerId: userId,
            outcome: call.outcome,
            durationS,
            note: call.note,
            startedAt: at - durationS * 1000,
          }),
          at,
        ).lastInsertRowid,
    );
  })();
  return { activityId, outboxId };
}

function ensurePerson(db: Db, personId: string): void {
  if (!db.raw.prepare('select 1 from people where id = ?').get(personId)) {
    throw new Error(`No lead or contact with id ${personId}; it may have been deleted in the CRM.`);
  }
}
