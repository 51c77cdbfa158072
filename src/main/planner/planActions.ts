import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Db } from '../db/openDatabase';
import {
  ANSWERED_MIN_MINUTES,
  CALL_MAX_MINUTES,
  CALL_OUTCOME_SUBJECT,
  isUnanswered,
  outboundCallSignal,
  type CallOutcome,
} from '../../shared/callOutcome';
import { insertActivity } from '../db/repos/activities';
import { keptHereInDemo } from '../db/repos/demoKeptHere';
import { addOutboxEntry } from '../db/repos/outbox';
import { personOwner } from '../db/repos/people';
import { userById } from '../db/repos/users';
import { shownName } from '../../shared/personName';
import { addPlanAction, clearRowMark, rowMarks } from '../db/repos/plans';
import { hasWindows } from '../db/repos/windows';
import { calledOffPlan, type KeptRows } from './offPlanCalls';
import { shareRowMark } from '../db/repos/planMarkShares';
import { snoozeChoice, snoozePayload } from '../../shared/snoozePayload';
import { transaction } from '../db/sqlRun';
import { markRefusal, planDay, type DayMark } from '../../shared/dayMarks';
import { AHEAD_DAYS, PAST_DAYS, pickableDays } from '../../shared/pickableDays';
import { personNotHereMessage } from '../../shared/personNotHere';

export type RowAction = 'done' | 'snoozed' | 'skipped';

/**
 * Marks (or clears) a plan row for a day: one mark per row and day, replaced by the latest; the
 * marks of other days stay, so a past day's plan reads as it was left. Logged calls are never removed.
 */
export function markPlanRow(
  db: Db,
  userId: string,
  row: {
    personId: string;
    channel: string;
    date: string;
    action: RowAction | 'clear';
    /** A snooze's choice (see `RowMark.snoozeTo`). */
    snoozeTo?: number | null | undefined;
  },
  at: number,
): void {
  ensureOwnRow(db, userId, row.personId);
  ensureDayTakes(db, userId, row.date, row.action, at);
  const mark = { userId, personId: row.personId, day: row.date, channel: row.channel };
  transaction(db, () => {
    clearRowMark(db, mark);
    const payload = row.action === 'snoozed' ? snoozePayload(row.snoozeTo) : null;
    if (row.action !== 'clear')
      addPlanAction(db, {
        ...mark,
        action: row.action,
        at,
        ...(payload === null ? {} : { payload }),
      });
    shareMark(db, mark, row.action, at, payload);
  });
}

/** The row's mark goes to the CRM with the next sync, for the rep's manager and other computers. */
function shareMark(
  db: Db,
  row: { userId: string; personId: string; day: string; channel: string },
  action: RowAction | 'clear',
  at: number,
  payload: string | null = null,
): void {
  shareRowMark(db, {
    user_id: row.userId,
    person_id: row.personId,
    day: row.day,
    channel: row.channel,
    action,
    at,
    payload,
  });
}

export interface RowMark {
  action: RowAction;
  /** When the rep marked the row: a snooze moves on from the window current then. */
  at: number;
  /**
   * A snooze the rep chose from Snooze's offer: the start of the day's window the row went to,
   * or null for the next day's; undefined, the next window as the plan picks it.
   */
  snoozeTo?: number | null;
}

/** The day's row marks of a rep, keyed `personId|channel`. */
export function rowActions(db: Db, userId: string, date: string): Map<string, RowMark> {
  const out = new Map<string, RowMark>();
  for (const r of rowMarks(db, userId, date)) {
    const snoozeTo = r.action === 'snoozed' ? snoozeChoice(r.payload) : undefined;
    out.set(
      `${r.person_id}|${r.channel}`,
      snoozeTo === undefined
        ? { action: r.action, at: r.at }
        : { action: r.action, at: r.at, snoozeTo },
    );
  }
  return out;
}

/** Two days' row marks that mark the same rows the same way at the same times. */
export function sameMarks(
  a: ReadonlyMap<string, RowMark>,
  b: ReadonlyMap<string, RowMark>,
): boolean {
  if (a.size !== b.size) return false;
  for (const [key, mark] of a) {
    const other = b.get(key);
    if (other?.action !== mark.action || other.at !== mark.at || other.snoozeTo !== mark.snoozeTo)
      return false;
  }
  return true;
}

export interface LoggedCall {
  personId: string;
  outcome: CallOutcome;
  /** How long the conversation lasted; only an answered call has one (ignored for the others). */
  durationMin?: number | undefined;
  note: string;
  date: string;
  /** When the call ended (UTC ms); without it, as it is logged. */
  endedAt?: number | undefined;
}

/** How far past the core's now a call may say it ended: the renderer's clock, a typed minute. */
const ENDED_SLACK_MS = 60_000;
/** How long after a call ended it may still be logged: a batch logged after lunch, not yesterday's. */
const LOG_WITHIN_HOURS = 12;

/**
 * A call the rep logged (PL-4): stored locally at once as an activity with its outcome, marked
 * done on the plan when it reached the person or was a wrong number (an unanswered one leaves the
 * row to try again) and the person has a call row there (one off the plan stays off it that
 * day), and queued in the outbox to become a Calls record in the CRM on the next sync, exactly
 * once. Only an answered call of more than a minute is a `call_answered` signal. It
 * started its length before it ended: as it is logged, or at `endedAt` (a call logged later).
 */
export function logCall(
  db: Db,
  userId: string,
  call: LoggedCall,
  at: number,
  /** The day's rows as the planner shows them now (`DayPlanKeeper.keptRows`); else the snapshot's. */
  keptRows?: KeptRows,
): { activityId: string; outboxId: number; kept?: string } {
  ensureOwnRow(db, userId, call.personId);
  ensureDayTakes(db, userId, call.date, 'log', at);
  if (call.outcome === 'answered' && call.durationMin === undefined)
    throw new Error('Say how many minutes the answered call lasted.');
  // The rep's "answered" is what the plan and the Team page go by (the row done, its window
  // worked): a call of no length would be all that and, to the model, unanswered.
  const talked = call.durationMin ?? 0;
  if (
    call.outcome === 'answered' &&
    !(talked >= ANSWERED_MIN_MINUTES && talked <= CALL_MAX_MINUTES)
  )
    throw new Error(
      `An answered call lasted at least ${ANSWERED_MIN_MINUTES} minute: say how many minutes you talked (${ANSWERED_MIN_MINUTES} to ${CALL_MAX_MINUTES}), or log it as no answer, busy or voicemail.`,
    );
  const ended = callEnd(db, userId, call.date, call.endedAt, at);
  const activityId = `local-${randomUUID()}`;
  const durationS = call.outcome === 'answered' ? Math.round((call.durationMin ?? 0) * 60) : 0;
  const note = call.note.trim();
  const subject = note
    ? (note.split('\n')[0]?.slice(0, 120) ?? '')
    : CALL_OUTCOME_SUBJECT[call.outcome];
  let outboxId = 0;
  let kept: string | null = null;
  const mark = { userId, personId: call.personId, day: call.date, channel: 'call' };
  // Someone with no call row on the day's plan at this moment (offPlanCalls.ts): no call windows
  // learned (a lead who rang, a referral), or called off it earlier that day (here, or by a call
  // from the CRM). The call is logged, taught to the model and sent to the CRM like any other,
  // but it does not put them on that day's plan as a row done. The windows it teaches (one
  // answered call is enough to borrow the organisation's pattern) would make a row around the
  // call itself, worked by it, and the day's "done" would count someone the rep never planned;
  // the relearned windows plan the days after, as they do for a person reached before their
  // window. Someone with windows on other days but none that day has a row ("no window today"),
  // and a call with them marks it done like any row.
  const offPlan =
    !hasWindows(db, call.personId, 'call') ||
    calledOffPlan(db, userId, call.date, call.personId, at, keptRows);
  transaction(db, () => {
    insertActivity(db, {
      id: activityId,
      person_id: call.personId,
      owner_id: userId,
      signal: outboundCallSignal(call.outcome, durationS),
      kind: 'call',
      channel: 'call',
      direction: 'out',
      // The hour it happened is evidence for the model (BT-1); from its start to its end
      // (started_at + duration_s), the window it overlaps is the one it worked (TM-2).
      started_at: ended - durationS * 1000,
      duration_s: durationS,
      subject,
      status: 'completed',
      source_module: 'local',
      source_id: null,
      outcome: call.outcome,
    });
    addPlanAction(db, {
      ...mark,
      action: 'call_logged',
      at,
      payload: JSON.stringify({ activityId, outcome: call.outcome }),
      offPlan,
    });
    // A call that did not reach the person (no answer, busy, voicemail) leaves the row on the
    // plan, to try again (its next window); it still works the window it overlaps on the Team
    // page, as an attempt. An answered call, or a wrong number (nothing more to do that day),
    // marks the row done. A row marked done earlier that day keeps its mark: the Team page
    // credits that contact to the window it fell in, and the call to its own; replaced, the
    // earlier window read missed. The mark is made now, when the rep logs, not when the call
    // ended: the call (the window it overlaps) credits its window and a Done mark after it counts
    // for nothing (windowWork), and a mark's time is what decides between marks of a row made on
    // two computers (later wins).
    if (
      !offPlan &&
      !isUnanswered(call.outcome) &&
      rowActions(db, userId, call.date).get(`${call.personId}|call`)?.action !== 'done'
    ) {
      clearRowMark(db, mark);
      addPlanAction(db, { ...mark, action: 'done', at });
      shareMark(db, mark, 'done', at);
    }
    outboxId = addOutboxEntry(db, {
      idempotencyKey: activityId,
      kind: 'call',
      createdAt: at,
      payload: JSON.stringify({
        activityId,
        personId: call.personId,
        ownerId: userId,
        outcome: call.outcome,
        durationS,
        note: call.note,
        startedAt: ended - durationS * 1000,
      }),
    });
    // The demo has no CRM: the call is kept here (demoKeptHere.ts).
    kept = keptHereInDemo(db, outboxId, at);
  });
  return kept ? { activityId, outboxId, kept } : { activityId, outboxId };
}

/**
 * When the logged call ended: `endedAt`, or now without it. A call ends before it is logged (a
 * minute's slack for a clock either way: taken as ended now, or at midnight when the clock behind
 * still read the day before), on the plan's day in the rep's zone
 * (the day's plan the call is logged on), and at most LOG_WITHIN_HOURS before.
 */
function callEnd(
  db: Db,
  userId: string,
  date: string,
  endedAt: number | undefined,
  at: number,
): number {
  if (endedAt === undefined) return at;
  const zone = userById(db, userId)?.time_zone ?? 'UTC';
  const said = (t: number): string => {
    const d = DateTime.fromMillis(t, { zone });
    return d.toISODate() === date ? d.toFormat('HH:mm') : d.toFormat('ccc d LLL HH:mm');
  };
  if (endedAt > at + ENDED_SLACK_MS)
    throw new Error(
      `The call cannot have ended at ${said(endedAt)}: it is ${said(at)} now. Choose when it ended: now or earlier.`,
    );
  const dayStart = DateTime.fromISO(date, { zone }).toMillis();
  // "Just now" by a page whose clock runs a moment behind the core's, saved just after midnight,
  // says the day before by seconds: it is the day's first instant (as a moment ahead is now), not
  // a call refused for a day it was not made on. "5 minutes ago" then is still the day before.
  if (endedAt < dayStart && at >= dayStart && endedAt >= at - ENDED_SLACK_MS) return dayStart;
  if (endedAt < dayStart)
    throw new Error(
      `The call cannot be logged as ended at ${said(endedAt)}: that is before today began (00:00). Only a call that ended today goes on today's plan.`,
    );
  if (endedAt < at - LOG_WITHIN_HOURS * 3_600_000)
    throw new Error(
      `The call cannot be logged as ended at ${said(endedAt)}: that is more than ${LOG_WITHIN_HOURS} hours ago. A call is logged within ${LOG_WITHIN_HOURS} hours of its end.`,
    );
  return Math.min(endedAt, at);
}

/**
 * A plan lists the people its rep owns, and marks are kept per rep: a mark or call by anyone else
 * would land on a plan that does not list the person (TM-1: a manager sees a rep's plan read-only).
 */
/** The pages offer only the marks a day takes (see dayMarks); this holds for every caller. */
function ensureDayTakes(db: Db, userId: string, date: string, mark: DayMark, at: number): void {
  const zone = userById(db, userId)?.time_zone ?? 'UTC';
  const today = DateTime.fromMillis(at, { zone }).toISODate() ?? date;
  if (!DateTime.fromISO(date, { zone }).isValid) throw new Error(`${date} is not a day.`);
  // A mark on a day no picker shows could never be seen or undone, and would never be pruned.
  const { earliest, latest } = pickableDays(today, zone);
  if (earliest && latest && (date < earliest || date > latest))
    throw new Error(
      `${date} is not a day whose plan can be marked: from ${earliest} to ${latest} (plans are kept ${PAST_DAYS} days, and made up to ${AHEAD_DAYS} days ahead).`,
    );
  const refusal = markRefusal(planDay(date, today), mark);
  if (refusal) throw new Error(refusal);
}

export function ensureOwnRow(db: Db, userId: string, personId: string): void {
  const person = personOwner(db, personId);
  if (!person) {
    throw new Error(personNotHereMessage(personId));
  }
  if (person.owner_id === userId) return;
  const name = shownName(person.first_name, person.last_name);
  const owner = person.owner_id ? userById(db, person.owner_id) : undefined;
  const user = userById(db, userId);
  throw new Error(
    owner
      ? `${name} is on ${owner.name}'s plan, not ${user?.name ?? userId}'s: only ${owner.name} can mark the row or log a call from it.`
      : `${name} has no owner in the CRM, so is on no one's plan: give them an owner there to plan them.`,
  );
}
