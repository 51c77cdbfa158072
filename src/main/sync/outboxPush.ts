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
  unsentTaskEntries,
} from '../db/repos/outbox';
import { readTaskChange } from '../../shared/taskChange';
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
  await pushTaskChanges(db, source, now, signal, result);
  return result;
}

/**
 * Sends the tasks done or moved here (taskChanges.ts), oldest first, after the calls. A change
 * is the same when sent twice, so one whose answer was lost goes again with the next sync; one
 * the CRM refuses waits with the refused calls, for the rep to retry or discard, and the task
 * stays here as the rep left it.
 */
async function pushTaskChanges(
  db: Db,
  source: CrmSource,
  now: () => number,
  signal: AbortSignal | undefined,
  result: OutboxResult,
): Promise<void> {
  if (!source.pushTaskChange) return;
  for (const entry of unsentTaskEntries(db)) {
    signal?.throwIfAborted();
    const change = readTaskChange(entry.payload);
    if (!change) {
      markOutboxRefused(
        db,
        entry.id,
        now(),
        'This task change could not be read back from the local file; it cannot be sent',
      );
      result.failed++;
      continue;
    }
    countOutboxAttempt(db, entry.id);
    let note: string | undefined;
    try {
      ({ note } = await source.pushTaskChange(
        {
          taskId: change.activityId,
          subject: change.subject,
          change:
            change.action === 'done'
              ? { action: 'done', doneAt: change.at }
              : { action: 'move', dueDate: change.dueDate ?? '', dueAt: change.dueAt ?? 0 },
        },
        signal,
      ));
    } catch (error) {
      if (error instanceof CrmAuthError || signal?.aborted) throw error;
      const message = (error as Error).message;
      result.failed++;
      if (!(error instanceof RecordRefusedError)) {
        setOutboxError(db, entry.id, message);
        continue;
      }
      markOutboxRefused(db, entry.id, now(), message);
      (result.notes ??= []).push(
        `${message}. The task stays as you left it here; no sync sends the change again by itself: Settings › CRM account sends it once that is mended in Zoho (Retry), or lets it go (Discard)`,
      );
      continue;
    }
    if (note) (result.notes ??= []).push(note);
    markOutboxPushed(db, entry.id, now(), note ?? null);
    result.pushed++;
  }
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
