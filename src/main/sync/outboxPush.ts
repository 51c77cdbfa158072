import {
  CrmAuthError,
  RecordRefusedError,
  type CrmSource,
  type OutboxCall,
} from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import { activityExists, deleteActivity, renameActivityToCrm } from '../db/repos/activities';
import {
  countOutboxAttempt,
  markCreateSent,
  markOutboxPushed,
  markOutboxRefused,
  setOutboxError,
  unsentCallEntries,
} from '../db/repos/outbox';
import { personModule } from '../db/repos/people';
import { transaction } from '../db/sqlRun';
import { CALL_OUTCOME_SUBJECT, isCallOutcome, type CallOutcome } from '../../shared/callOutcome';

export interface OutboxResult {
  pushed: number;
  failed: number;
  /** What the rep should hear of calls pushed this run (one created without knowing it was not there). */
  notes?: string[];
}

/** What the app stores in outbox.payload for kind 'call'. */
type OutboxCallPayload = Omit<OutboxCall, 'idempotencyKey'> & {
  /** The activity the app wrote locally for this call; it takes the CRM's id once pushed. */
  localActivityId?: string;
};

/** What the planner's "log a call" stores (planActions.logCall): facts, not CRM fields. */
interface LoggedCall {
  activityId: string;
  personId: string;
  ownerId: string | null;
  outcome: CallOutcome;
  durationS: number;
  note: string;
  startedAt: number;
}
type StoredCall = OutboxCallPayload | LoggedCall;

/** Turns a call as the rep logged it into the call the CRM gets; CRM-shaped payloads pass. */
function callPayload(db: Db, stored: StoredCall): OutboxCallPayload {
  if ('personModule' in stored) return stored;
  // An entry written by an older version may carry a length for a call nobody answered (its
  // dialog said 5 minutes by default): only an answered call has talk time to send.
  const outcome = isCallOutcome(stored.outcome) ? stored.outcome : undefined;
  return {
    personId: stored.personId,
    personModule: personModule(db, stored.personId) ?? 'contact',
    ownerId: stored.ownerId,
    subject: outcome ? CALL_OUTCOME_SUBJECT[outcome] : 'Call',
    startedAt: stored.startedAt,
    durationS: outcome && outcome !== 'answered' ? 0 : stored.durationS,
    direction: 'out',
    ...(outcome ? { outcome } : {}),
    ...(stored.note ? { description: stored.note } : {}),
    localActivityId: stored.activityId,
  };
}

/**
 * Pushes logged calls to the CRM, oldest first. Each entry is pushed until the CRM confirms
 * it once; each create's time is kept before it goes out, and an attempt after an unconfirmed
 * one asks the CRM for the call that create may have made before creating one (waiting while
 * the CRM cannot tell), so a lost answer never makes a second call. A call the CRM refuses
 * outright is not sent again until the rep asks (retryRefusedCall), or discards it. `result` is
 * counted as the calls go, so a caller that catches a failure still knows what went before it.
 */
export async function pushOutbox(
  db: Db,
  source: CrmSource,
  now: () => number,
  signal?: AbortSignal,
  result: OutboxResult = { pushed: 0, failed: 0 },
): Promise<OutboxResult> {
  const entries = unsentCallEntries(db);
  for (const entry of entries) {
    // A stop or the run's deadline stops here: no more creates go out.
    signal?.throwIfAborted();
    const stored = storedCall(entry.payload);
    if (!stored) {
      // One entry damaged in the file must not keep the calls after it from the CRM; it waits
      // with the refused ones, for the rep to discard.
      markOutboxRefused(
        db,
        entry.id,
        now(),
        'This logged call could not be read back from the local file; it cannot be sent',
      );
      result.failed++;
      continue;
    }
    const payload = callPayload(db, stored);
    countOutboxAttempt(db, entry.id);
    const sentAt = entry.create_sent_at;
    let crmId: string;
    let note: string | undefined;
    try {
      ({ crmId, note } = await source.pushCall(
        {
          ...payload,
          idempotencyKey: entry.idempotency_key,
          // An earlier create that got no confirmation may have made the call.
          ...(sentAt !== null ? { mayExist: { sentAt, now: now() } } : {}),
        },
        () => markCreateSent(db, entry.id, now()),
        signal,
      ));
    } catch (error) {
      if (error instanceof CrmAuthError || signal?.aborted) throw error;
      const message = (error as Error).message;
      result.failed++;
      if (!(error instanceof RecordRefusedError)) {
        // The network, the CRM's 5xx or rate limit, an answer lost: the next sync tries again.
        setOutboxError(db, entry.id, message);
        continue;
      }
      // Refused outright: nothing was created, and the CRM would refuse it again as it stands
      // (a mandatory field, a person or owner it no longer holds), at each run's cost in credits.
      markOutboxRefused(db, entry.id, now(), message);
      (result.notes ??= []).push(
        `${message}. No sync sends it again by itself: Settings › CRM account sends it once that is mended in Zoho (Retry), or keeps it here unsent (Discard)`,
      );
      continue;
    }
    if (note) (result.notes ??= []).push(note);
    transaction(db, () => {
      markOutboxPushed(db, entry.id, now(), note ?? null);
      const local = payload.localActivityId;
      if (!local) return;
      // A pull may already have brought the CRM's copy; then the local stand-in goes.
      if (activityExists(db, crmId)) deleteActivity(db, local);
      else renameActivityToCrm(db, local, crmId);
    });
    result.pushed++;
  }
  return result;
}

/** The call as the planner stored it, or null for a payload that is not one. */
function storedCall(payload: string): StoredCall | null {
  try {
    const value = JSON.parse(payload) as Partial<StoredCall> | null;
    return value && typeof value.personId === 'string' && typeof value.startedAt === 'number'
      ? (value as StoredCall)
      : null;
  } catch {
    return null;
  }
}
