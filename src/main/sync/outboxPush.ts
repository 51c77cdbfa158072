import { CrmAuthError, type CrmSource, type OutboxCall } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';

export interface OutboxResult {
  pushed: number;
  failed: number;
}

/** What the app stores in outbox.payload for kind 'call'. */
export type OutboxCallPayload = Omit<OutboxCall, 'idempotencyKey'> & {
  /** The activity the app wrote locally for this call; it takes the CRM's id once pushed. */
  localActivityId?: string;
};

/** What the planner's "log a call" stores (planActions.logCall): facts, not CRM fields. */
interface LoggedCall {
  activityId: string;
  personId: string;
  ownerId: string | null;
  outcome: 'answered' | 'no_answer' | 'voicemail' | 'busy';
  durationS: number;
  note: string;
  startedAt: number;
}
type StoredCall = OutboxCallPayload | LoggedCall;

const OUTCOME_SUBJECT: Record<LoggedCall['outcome'], string> = {
  answered: 'Call',
  no_answer: 'Call: no answer',
  voicemail: 'Call: left a voicemail',
  busy: 'Call: line busy',
};

/** Turns a call as the rep logged it into the call the CRM gets; CRM-shaped payloads pass. */
function callPayload(db: Db, stored: StoredCall): OutboxCallPayload {
  if ('personModule' in stored) return stored;
  const person = db.raw.prepare('select module from people where id = ?').get(stored.personId) as
    { module: 'lead' | 'contact' } | undefined;
  return {
    personId: stored.personId,
    personModule: person?.module ?? 'contact',
    ownerId: stored.ownerId,
    subject: OUTCOME_SUBJECT[stored.outcome],
    startedAt: stored.startedAt,
    durationS: stored.durationS,
    direction: 'out',
    ...(stored.note ? { description: stored.note } : {}),
    localActivityId: stored.activityId,
  };
}

/**
 * Pushes logged calls to the CRM, oldest first. Each entry is pushed until the CRM confirms
 * it once; a retry after an unconfirmed attempt reuses the idempotency key, so the CRM
 * updates the call it may already hold instead of creating a second one.
 */
export async function pushOutbox(
  db: Db,
  source: CrmSource,
  now: () => number,
): Promise<OutboxResult> {
  const entries = db.raw
    .prepare(
      `select id, idempotency_key, payload from outbox where pushed_at is null and kind = 'call' order by id`,
    )
    .all() as { id: number; idempotency_key: string; payload: string }[];
  const result: OutboxResult = { pushed: 0, failed: 0 };
  for (const entry of entries) {
    const payload = callPayload(db, JSON.parse(entry.payload) as StoredCall);
    db.raw.prepare('update outbox set attempts = attempts + 1 where id = ?').run(entry.id);
    let crmId: string;
    try {
      ({ crmId } = await source.pushCall({ ...payload, idempotencyKey: entry.idempotency_key }));
    } catch (error) {
      if (error instanceof CrmAuthError) throw error;
      db.raw
        .prepare('update outbox set last_error = ? where id = ?')
        .run((error as Error).message, entry.id);
      result.failed++;
      continue;
    }
    db.raw.transaction(() => {
      db.raw
        .prepare('update outbox set pushed_at = ?, crm_id = ?, last_error = null where id = ?')
        .run(now(), crmId, entry.id);
      const local = payload.localActivityId;
      if (!local) return;
      // A pull may already have brought the CRM's copy; then the local stand-in goes.
      const pulled = db.raw.prepare('select 1 from activities where id = ?').get(crmId);
      if (pulled) db.raw.prepare('delete from activities where id = ?').run(local);
      else
        db.raw
          .prepare(
            `update activities set id = ?, source_id = ?, source_module = 'Calls' where id = ?`,
          )
          .run(crmId, crmId, local);
    })();
    result.pushed++;
  }
  return result;
}
