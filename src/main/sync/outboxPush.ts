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
  leadHeldBack,
  markCreateSent,
  markOutboxPushed,
  markOutboxRefused,
  setOutboxError,
  unsentEntries,
  type OutboxKind,
} from '../db/repos/outbox';
import { readTaskChange } from '../../shared/taskChange';
import { personModule } from '../db/repos/people';
import { adoptCrmLeadId, readStoredLead } from '../db/repos/localLeads';
import { notInCrmYet } from '../../shared/localLead';
import { userById } from '../db/repos/users';
import { DateTime } from 'luxon';
import { transaction } from '../db/sqlRun';
import { takeStoredLandedLeads } from './storedLandedLeads';
import { CALL_OUTCOME_SUBJECT, isCallOutcome, type CallOutcome } from '../../shared/callOutcome';

export interface OutboxResult {
  pushed: number;
  failed: number;
  /** What the rep should hear of calls pushed this run (one created without knowing it was not there). */
  notes?: string[];
}

const CALL_REFUSED_NOTE =
  'No sync sends it again by itself: Settings › CRM account sends it once that is mended in Zoho (Retry), or keeps it here unsent (Discard)';
const LEAD_REFUSED_NOTE =
  'The lead stays here, not in Zoho, and no sync sends it again by itself: Settings › CRM account sends it once that is mended (Retry), or keeps it on this computer only (Discard)';
/** Said of a call or task change while its person is a lead Zoho does not hold yet. */
const WAITS_FOR_LEAD =
  'Waits for its lead to reach Zoho (created here from a visit): it goes with the sync after that';
/** Said of a call whose lead, created here, Zoho refused or the rep kept here only (Discard). */
const LEAD_NOT_CREATED = 'its lead was not created in Zoho';
const TASK_REFUSED_NOTE =
  'The task stays as you left it here; no sync sends the change again by itself: Settings › CRM account sends it once that is mended in Zoho (Retry), or lets it go (Discard)';

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
/** What the planner's "Book" stores (planner/bookCall.ts): a call to come, at `startedAt`. */
interface BookedCall {
  booked: true;
  activityId: string;
  personId: string;
  ownerId: string | null;
  subject: string;
  startedAt: number;
}
type StoredCall = OutboxCallPayload | LoggedCall | BookedCall;

/** Turns a call as the rep logged it into the call the CRM gets; CRM-shaped payloads pass. */
function callPayload(db: Db, stored: StoredCall): OutboxCallPayload {
  if ('personModule' in stored) return stored;
  if ('booked' in stored)
    return {
      personId: stored.personId,
      personModule: personModule(db, stored.personId) ?? 'contact',
      ownerId: stored.ownerId,
      subject: stored.subject,
      startedAt: stored.startedAt,
      durationS: 0,
      direction: 'out',
      scheduled: true,
      localActivityId: stored.activityId,
    };
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
 * Pushes the outbox to the CRM, kind by kind, each oldest first. Each entry is pushed until the
 * CRM confirms it once; each create's time is kept before it goes out, and an attempt after an
 * unconfirmed one asks the CRM for the record that create may have made before creating one
 * (waiting while the CRM cannot tell), so a lost answer never makes a second one. An entry the
 * CRM refuses outright is not sent again until the rep asks (retryRefusedCall), or discards it. `result` is counted as the entries go, so a caller that catches a failure still
 * knows what went before it. `refusals` gets the notes of the entries refused outright (among
 * `result.notes` too): their kind, for Settings › CRM account, which lists those entries
 * themselves with Retry and Discard.
 */
export async function pushOutbox(
  db: Db,
  source: CrmSource,
  now: () => number,
  signal?: AbortSignal,
  result: OutboxResult = { pushed: 0, failed: 0 },
  refusals: string[] = [],
  /** Where the leads created here are counted; the sync keeps them apart (the CLI's counts). */
  leads: OutboxResult = result,
): Promise<OutboxResult> {
  const run: PushRun = { db, source, now, signal, result, refusals };
  // A lead whose lost create's lead is stored here already needs no search: it is taken as it.
  for (const note of takeStoredLandedLeads(db, now())) {
    leads.pushed++;
    (leads.notes ??= []).push(note);
  }
  // Leads first: a call logged with a lead created here goes under the id the CRM gives it.
  await pushLeads({ ...run, result: leads });
  await pushCalls(run);
  await pushTaskChanges(run);
  return result;
}

/** What a push run hands each kind of entry. */
interface PushRun {
  db: Db;
  source: CrmSource;
  now: () => number;
  signal: AbortSignal | undefined;
  result: OutboxResult;
  refusals: string[];
}

/** Logged and booked calls, looked for in the CRM after a create whose answer was lost. */
function pushCalls(run: PushRun): Promise<void> {
  const { db, source, now, signal } = run;
  return pushEntries(run, {
    outbox: 'call',
    read: (payload) => {
      const stored = storedCall(payload);
      return stored && callPayload(db, stored);
    },
    unreadable: 'This logged call could not be read back from the local file; it cannot be sent',
    // A lead that will not reach Zoho by itself would keep its calls waiting for ever: they are
    // set aside with the refused, for the rep to send (once the lead is) or discard.
    setAside: (payload) =>
      notInCrmYet(payload.personId) && leadHeldBack(db, payload.personId)
        ? `The call "${payload.subject}" was not sent: ${LEAD_NOT_CREATED}; send the lead first (Retry)`
        : null,
    waits: (payload) => (notInCrmYet(payload.personId) ? WAITS_FOR_LEAD : null),
    send: (entry, payload) => {
      const sentAt = entry.create_sent_at;
      // The CRM takes a call at a time gone by as one that happened (Zoho then wants its
      // length): a booking that reaches it too late is not made into a call nobody had. One
      // already sent may be in the CRM (its answer lost): it is looked for first, as logged
      // calls are, not refused while the CRM holds it.
      if (payload.scheduled && sentAt === null && payload.startedAt <= now())
        return Promise.reject(
          new RecordRefusedError(
            `The call "${payload.subject}" was booked for a time that passed before it reached the CRM (${bookedTime(db, payload)}): book it again at a time to come, and discard this one`,
          ),
        );
      return source.pushCall(
        {
          ...payload,
          idempotencyKey: entry.idempotency_key,
          // An earlier create that got no confirmation may have made the call.
          ...(sentAt !== null ? { mayExist: { sentAt, now: now() } } : {}),
        },
        () => markCreateSent(db, entry.id, now()),
        signal,
      );
    },
    // Refused outright: nothing was created, and the CRM would refuse it again as it stands
    // (a mandatory field, a person or owner it no longer holds), at each run's cost in credits.
    refusedNote: CALL_REFUSED_NOTE,
    confirmed: (entry, payload, { crmId }, note) =>
      transaction(db, () => {
        markOutboxPushed(db, entry.id, now(), note);
        const local = payload.localActivityId;
        if (!local) return;
        // A pull may already have brought the CRM's copy; then the local stand-in goes.
        if (activityExists(db, crmId)) deleteActivity(db, local);
        else renameActivityToCrm(db, local, crmId);
      }),
  });
}

/**
 * The leads the rep made here from a visit; each then takes the CRM's id (with its visits, chats
 * and queued calls). One whose create got no answer is looked for in the CRM before it is sent
 * again, and takes the lead found (never a second one). One the CRM refuses (a field it requires,
 * an e-mail it holds) waits for the rep's Retry or Discard, and the person stays here, not in the
 * CRM.
 */
function pushLeads(run: PushRun): Promise<void> {
  const { db, source, now, signal } = run;
  const pushLead = source.pushLead?.bind(source);
  if (!pushLead) return Promise.resolve();
  return pushEntries(run, {
    outbox: 'lead',
    read: readStoredLead,
    unreadable: 'This lead could not be read back from the local file; it cannot be sent',
    send: (entry, lead) =>
      pushLead(
        {
          firstName: lead.firstName,
          lastName: lead.lastName,
          email: lead.email,
          company: lead.company,
          ownerId: lead.ownerId,
          ...(entry.create_sent_at !== null
            ? { mayExist: { sentAt: entry.create_sent_at, now: now() } }
            : {}),
        },
        () => markCreateSent(db, entry.id, now()),
        signal,
      ),
    refusedNote: LEAD_REFUSED_NOTE,
    confirmed: (entry, lead, { crmId }, note) =>
      transaction(db, () => {
        markOutboxPushed(db, entry.id, now(), note);
        adoptCrmLeadId(db, lead.personId, crmId);
      }),
  });
}

/**
 * The tasks done or moved here (taskChanges.ts). A change is the same when sent twice, so one
 * whose answer was lost goes again with the next sync; one the CRM refuses waits with the refused
 * calls, for the rep to retry or discard, and the task stays here as the rep left it.
 */
function pushTaskChanges(run: PushRun): Promise<void> {
  const { db, source, now, signal } = run;
  const pushTaskChange = source.pushTaskChange?.bind(source);
  if (!pushTaskChange) return Promise.resolve();
  return pushEntries(run, {
    outbox: 'task',
    read: readTaskChange,
    unreadable: 'This task change could not be read back from the local file; it cannot be sent',
    send: (_entry, change) =>
      pushTaskChange(
        {
          taskId: change.activityId,
          subject: change.subject,
          change:
            change.action === 'done'
              ? { action: 'done', doneAt: change.at }
              : { action: 'move', dueDate: change.dueDate ?? '', dueAt: change.dueAt ?? 0 },
        },
        signal,
      ),
    refusedNote: TASK_REFUSED_NOTE,
    confirmed: (entry, _change, _answer, note) => markOutboxPushed(db, entry.id, now(), note),
  });
}

type UnsentEntry = ReturnType<typeof unsentEntries>[number];

/** One kind of outbox entry (a logged call, a task change, a lead) and how it goes to the CRM. */
interface EntryKind<T, A extends { note?: string }> {
  outbox: OutboxKind;
  /** The entry's payload as sent, or null when the local file no longer holds one. */
  read: (payload: string) => T | null;
  /** Kept as the reason of an entry `read` cannot read back. */
  unreadable: string;
  /** Why the entry is refused without being sent (as the CRM would refuse it), or null. */
  setAside?: (item: T) => string | null;
  /** Why the entry cannot go yet (it stays for a later sync), or null when it can. */
  waits?: (item: T) => string | null;
  send: (entry: UnsentEntry, item: T) => Promise<A>;
  /** What the rep hears, after the CRM's reason, of an entry it refused outright. */
  refusedNote: string;
  /** Marks the entry the CRM took as pushed (with the CRM's note, if any). */
  confirmed: (entry: UnsentEntry, item: T, answer: A, note: string | null) => void;
}

/**
 * Sends the unsent entries of one kind in order. One damaged in the file, or refused outright,
 * waits with the refused ones for the rep (Retry / Discard) and does not keep the entries after it
 * from the CRM; one that failed otherwise (the network, the CRM's 5xx or rate limit, an answer
 * lost) goes again with the next sync. A lost sign-in or a stop ends the run: no more entries go
 * out. `run.refusals` gets the notes of the entries refused outright, as well as
 * `run.result.notes`.
 */
async function pushEntries<T, A extends { note?: string }>(
  { db, now, signal, result, refusals }: PushRun,
  kind: EntryKind<T, A>,
): Promise<void> {
  const refuse = (entry: UnsentEntry, message: string, mayHaveLanded = false): void => {
    result.failed++;
    markOutboxRefused(db, entry.id, now(), message, mayHaveLanded);
    const note = `${message}. ${kind.refusedNote}`;
    (result.notes ??= []).push(note);
    refusals.push(note);
  };
  for (const entry of unsentEntries(db, kind.outbox)) {
    // A stop or the run's deadline stops here: no more creates go out.
    signal?.throwIfAborted();
    const item = kind.read(entry.payload);
    if (!item) {
      markOutboxRefused(db, entry.id, now(), kind.unreadable);
      result.failed++;
      continue;
    }
    const aside = kind.setAside?.(item);
    if (aside) {
      refuse(entry, aside);
      continue;
    }
    const waiting = kind.waits?.(item);
    if (waiting) {
      setOutboxError(db, entry.id, waiting);
      continue;
    }
    countOutboxAttempt(db, entry.id);
    let answer: A;
    try {
      answer = await kind.send(entry, item);
    } catch (error) {
      if (error instanceof CrmAuthError || signal?.aborted) throw error;
      const message = (error as Error).message;
      if (error instanceof RecordRefusedError) refuse(entry, message, error.mayHaveLanded);
      else {
        result.failed++;
        setOutboxError(db, entry.id, message);
      }
      continue;
    }
    const { note } = answer;
    if (note) (result.notes ??= []).push(note);
    kind.confirmed(entry, item, answer, note ?? null);
    result.pushed++;
  }
}

/** A booked call's time, on its owner's clock (the rep who booked it). */
function bookedTime(db: Db, call: OutboxCallPayload): string {
  const zone = (call.ownerId ? userById(db, call.ownerId)?.time_zone : undefined) ?? 'UTC';
  return DateTime.fromMillis(call.startedAt, { zone }).toFormat('ccc d LLL HH:mm');
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
