import { z } from 'zod';
import type { Channel } from './signals';
import type { PairedCounts } from './pairedMargin';
import type { VisitAction } from './visitActions';
import type { SlotState } from './slotStates';
import type { BookableWindow } from './bookingTime';
import type { AccountUnsentWork } from './unsentWork';
import type { TaskMoveDays } from './taskMovePicks';

/**
 * The one API between the renderer and the core. Electron IPC and the loopback web host are two
 * transports over it; both validate input with these schemas before a handler runs.
 */
import {
  ANSWERED_MIN_MINUTES,
  CALL_MAX_MINUTES,
  CALL_OUTCOMES,
  type CallOutcome,
  type UnansweredOutcome,
} from './callOutcome';
import { CRM_DATA_CENTRES, type CrmDataCentre } from './crmDataCentres';
import { excerpt } from './excerpt';
import { alertInputSchemas, type AlertMethodOutputs, type AlertsEvent } from './alertsContract';
import { teamInputSchemas, type TeamCoverage, type TeamMethodOutputs } from './teamContract';
import { LEAD_FIELD_MAX } from './localLead';
export { type CrmDataCentre };

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2026-11-23');
const id = z.string().min(1).max(200);
/** The longest People search the core reads; the search box takes no more. */
export const PEOPLE_QUERY_MAX = 200;
/**
 * The People table's columns it can be ordered by. Their time zone is ordered by its UTC offset
 * now, west to east: the zone is inferred from a country or phone when the CRM gives none
 * (personZone), so the core orders those people itself rather than in the query.
 */
export const PEOPLE_SORTS = [
  'name',
  'type',
  'company',
  'email',
  'timeZone',
  'owner',
  'lastActivity',
] as const;
export type PeopleSort = (typeof PEOPLE_SORTS)[number];

/**
 * BT-13: how last period's windows did; by default the 28 days up to now. A period running past
 * now is scored on its whole days before now (the report's `days`); one with none is refused.
 */
const backtestPeriod = z
  .object({
    /** Learn from what was known before this instant (UTC ms); by default `days` ago. */
    asOf: z.number().int().min(0).optional(),
    days: z.number().int().min(1).max(366).default(28),
  })
  .strict();

const inputSchemas = {
  getSession: z.object({}).strict(),
  setCurrentUser: z.object({ userId: id }).strict(),
  getPlanner: z
    .object({
      date: isoDate.optional(),
      repId: id.optional(),
      /** Only the first rows in display order: what a screen shows while the rest is on its way. */
      first: z.number().int().min(1).max(2000).optional(),
    })
    .strict(),
  listPeople: z
    .object({
      query: z.string().max(PEOPLE_QUERY_MAX).default(''),
      ownerId: id.optional(),
      /** By last name, then first name, unless another column is asked for. */
      sort: z.enum(PEOPLE_SORTS).optional(),
      direction: z.enum(['asc', 'desc']).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    })
    .strict(),
  getPerson: z.object({ id }).strict(),
  getSettings: z.object({}).strict(),
  /**
   * `day`: the closed day the user came from (a plan's holiday), named on the card even when past.
   * `repId`: whose hours (a manager looking at a rep's plan); the signed-in user's if absent.
   */
  getPlanHours: z.object({ day: isoDate.optional(), repId: id.optional() }).strict(),
  getReminders: z.object({}).strict(),
  updateSettings: z
    .object({
      callSuggestions: z.boolean().optional(),
      emailSuggestions: z.boolean().optional(),
      reminders: z.boolean().optional(),
      slotMinutes: z.union([z.literal(30), z.literal(60), z.literal(120)]).optional(),
    })
    .strict(),
  markPlanRow: z
    .object({
      personId: id,
      channel: z.enum(['call', 'email']),
      date: isoDate,
      action: z.enum(['done', 'snoozed', 'skipped', 'clear']),
      /**
       * A snooze's choice (Snooze's offer): the start of the day's window the row goes to, or null
       * for the next day's; left out, the row goes on to its next window (`planDay`).
       */
      snoozeTo: z.number().int().nullable().optional(),
    })
    .strict(),
  logCall: z
    .object({
      personId: id,
      outcome: z.enum(CALL_OUTCOMES),
      /** How long the contact and the rep talked: required when answered, ignored otherwise. */
      durationMin: z.number().min(0).max(CALL_MAX_MINUTES).optional(),
      note: z.string().max(4000).default(''),
      /** The plan's day (today's only); without it, the rep's today by the core's clock. */
      date: isoDate.optional(),
      /**
       * When the call ended (UTC ms): it started that long before. Without it, the call ended as
       * it is logged. Not after the core's now (but for a minute of clock slack), not before the
       * plan's day began in the rep's zone, not more than 12 hours before now (planActions.logCall).
       */
      endedAt: z.number().int().min(0).optional(),
    })
    .strict()
    .refine((c) => c.outcome !== 'answered' || c.durationMin !== undefined, {
      message: 'say how many minutes the answered call lasted',
      path: ['durationMin'],
    })
    // A call nobody spoke on was not answered: it is logged as no answer, busy or voicemail.
    .refine(
      (c) =>
        c.outcome !== 'answered' ||
        c.durationMin === undefined ||
        c.durationMin >= ANSWERED_MIN_MINUTES,
      {
        message: `an answered call lasted at least ${ANSWERED_MIN_MINUTES} minute: say how many minutes you talked, or log it as no answer, busy or voicemail`,
        path: ['durationMin'],
      },
    ),
  /** The contact's call windows from now to a week ahead, to book a call in (bookCall). */
  getBookingWindows: z.object({ personId: id }).strict(),
  /**
   * A call booked with one of the rep's people at `at` (UTC ms), inside one of their call windows
   * to come: stored at once as a scheduled call, and sent to the CRM by the next sync
   * (planner/bookCall.ts). `subject`: "Call <name>" when empty.
   */
  bookCall: z
    .object({
      personId: id,
      at: z.number().int().min(0),
      // Zoho's Subject on Calls holds 255 characters (bookingTime.ts).
      subject: z.string().max(255).optional(),
    })
    .strict(),
  /**
   * A task the CRM holds open (scheduled or overdue), done or moved from the person page: stored
   * at once, and queued for the CRM's next sync (taskChanges.ts). For a move, `dueDate`: the day
   * (YYYY-MM-DD) on the rep's calendar, sent to the CRM as it is, since a CRM task is due on a
   * day, not at a time. `dueAt` (UTC ms), the older form, moves it to the day that instant falls on
   * on the rep's clock, checked as a `dueDate` is, but refusing a time passed and taking another
   * hour of the day due as a move (what its callers did); `dueDate` wins when both are given.
   */
  changeTask: z
    .object({
      activityId: id,
      action: z.enum(['done', 'move']),
      dueAt: z.number().int().min(0).optional(),
      dueDate: isoDate.optional(),
    })
    .strict()
    .refine((c) => c.action !== 'move' || c.dueAt !== undefined || c.dueDate !== undefined, {
      message: 'say which day the task is due now',
      path: ['dueDate'],
    }),
  /** The rep's days a task can be moved to in one click (today, tomorrow, next working day). */
  getTaskMoveDays: z.object({}).strict(),
  /**
   * Seed 004: an unknown visitor becomes a lead the rep owns, here at once (the visit and its
   * chats are theirs), and in the CRM with the next sync (sync/outboxPush.ts).
   */
  createLead: z
    .object({
      visitId: id,
      firstName: z.string().trim().max(LEAD_FIELD_MAX.firstName).default(''),
      lastName: z
        .string()
        .trim()
        .min(1, 'enter a last name: Zoho requires one on every lead')
        .max(LEAD_FIELD_MAX.lastName),
      email: z
        .string()
        .trim()
        .max(LEAD_FIELD_MAX.email)
        .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
          message: 'enter an e-mail address like name@example.com, or leave it empty',
        })
        .default(''),
      company: z.string().trim().max(LEAD_FIELD_MAX.company).default(''),
    })
    .strict(),
  getOutbox: z.object({}).strict(),
  getBesttimeBacktest: backtestPeriod,
  /**
   * The panel that asked `getBesttimeBacktest` with these arguments no longer waits for it
   * (Settings left, another period picked): a run no other ask waits for stops at its next slice,
   * and that ask is answered with an error saying it was stopped.
   */
  cancelBesttimeBacktest: backtestPeriod,
  getCrmAccount: z.object({}).strict(),
  connectCrm: z
    .object({
      dataCentre: z.enum(CRM_DATA_CENTRES),
      clientId: z.string().trim().min(1, 'enter the client id').max(200),
      clientSecret: z.string().trim().min(1, 'enter the client secret').max(200),
      grantCode: z.string().trim().min(1, 'enter the grant code').max(500),
      /** A kept local copy of another organisation may go with its calls that never reached it. */
      discardUnsent: z.boolean().default(false),
    })
    .strict(),
  /**
   * A new sign-in for the organisation already connected (a refresh token Zoho expired or
   * revoked, a scope to add): its local copy stays. The client id and secret kept are used unless
   * new ones are given (another Self Client).
   */
  reconnectCrm: z
    .object({
      clientId: z.string().trim().min(1, 'enter the client id').max(200).optional(),
      clientSecret: z.string().trim().min(1, 'enter the client secret').max(200).optional(),
      grantCode: z.string().trim().min(1, 'enter the grant code').max(500),
    })
    .strict(),
  disconnectCrm: z.object({ discardUnsent: z.boolean().default(false) }).strict(),
  /** A logged call the CRM refused goes with the next sync once more (the refusal was mended). */
  retryRefusedCall: z.object({ id: z.number().int().positive() }).strict(),
  /** A logged call the CRM refused is never sent; it stays in the app's history. */
  discardRefusedCall: z.object({ id: z.number().int().positive() }).strict(),
  /**
   * A record held back is read again: signed in, from Zoho now (stored if this version reads it
   * and its lead or contact is here; off the list if Zoho holds it no more); signed out, from the
   * copy kept of it. Stored, its people's best times are relearned at once.
   */
  retryHeldBackRecord: z
    .object({ module: z.string().min(1).max(40), recordId: z.string().min(1).max(200) })
    .strict(),
  syncNow: z.object({}).strict(),
  useDataSet: z.object({ dataSet: z.enum(['demo', 'crm']) }).strict(),
  updateSyncSchedule: z
    .object({
      recordsMinutes: z.number().int().min(1).max(1440).optional(),
      visitsMinutes: z.number().int().min(1).max(60).optional(),
      /** Requests at Zoho at once: the organisation's edition's cap (Free 5 … Ultimate 25). */
      requestsInFlight: z.number().int().min(1).max(25).optional(),
    })
    .strict(),
  ...alertInputSchemas,
  // Team schedules (TM-1 to TM-3): see teamContract.ts.
  ...teamInputSchemas,
} as const;

export type MethodName = keyof typeof inputSchemas;

/** Methods about the CRM connection and the data sets, answered above any one database. */
export const WORKSPACE_METHODS = [
  'getCrmAccount',
  'connectCrm',
  'reconnectCrm',
  'disconnectCrm',
  'retryRefusedCall',
  'discardRefusedCall',
  'retryHeldBackRecord',
  'syncNow',
  'useDataSet',
  'updateSyncSchedule',
] as const satisfies readonly MethodName[];
export type WorkspaceMethod = (typeof WORKSPACE_METHODS)[number];
/** Methods one data set's core answers. */
export type CoreMethod = Exclude<MethodName, WorkspaceMethod>;
export type MethodInput<M extends MethodName> = z.input<(typeof inputSchemas)[M]>;
export type ParsedInput<M extends MethodName> = z.output<(typeof inputSchemas)[M]>;

export interface UserInfo {
  id: string;
  name: string;
  email: string;
  role: 'rep' | 'manager' | 'admin';
  /**
   * What the user is called beside their name: the role, except that a manager with managers
   * below them is a director (`role` stays 'manager': what they may see is the same).
   */
  title: 'rep' | 'manager' | 'director' | 'admin';
  team: string | null;
  managerId: string | null;
  timeZone: string;
  /** Owns at least one lead or contact (a director or an admin may own none). */
  ownsPeople: boolean;
}

/**
 * Settings › Working hours: the hours and holidays the signed-in user's plan is held to, as the
 * planner reads them (their shift's, else the organisation's business hours, less that set's
 * holidays).
 */
export interface PlanHours {
  /** The user's zone, their plan's. */
  repTz: string;
  /** 'none': no hours are known (not read from the CRM yet) and no holiday: every hour is open. */
  source: 'shift' | 'organisation' | 'none';
  /** The shift's name (Zoho's shift hours), or null: the organisation's hours. */
  shift: string | null;
  /** The IANA zone the hours are in (the shift's or the organisation's); null with no hours. */
  zone: string | null;
  /** Monday first: each day's [startMin, endMin) in minutes from local midnight; null with no hours. */
  week: [number, number][][] | null;
  /** The holidays not over yet, the next few: a calendar date of `zone`, [from, to) as UTC ms. */
  holidays: { date: string; name: string; from: number; to: number }[];
  /**
   * The holiday on the day asked for (`day`), over or beyond the next few, or null: the card
   * names the holiday a closed day's link came from, which `holidays` may not list.
   */
  holiday: { date: string; name: string; from: number; to: number } | null;
}

export interface Session {
  org: { name: string; timeZone: string; source: string; isDemo: boolean };
  currentUser: UserInfo | null;
  users: UserInfo[];
  /** False with a CRM's data unless its signed-in account is an administrator: the user is fixed. */
  mayChooseUser: boolean;
  lastSyncedAt: number | null;
  /** When the local data was last known fresh: the last sync, or when the demo was written. */
  dataAsOf: number | null;
  /** The core's clock when it read the session. */
  now: number;
  /**
   * The core runs on a clock set for a demo (`serve --now`), not this computer's: the pages take
   * their "now" from `now` rather than from their own clock (see the renderer's coreClock).
   */
  clockSet: boolean;
}

/** A median time and the number of e-mails (or replies) it is the median of. */
export interface ResponseTime {
  medianMs: number;
  count: number;
}

/**
 * BT-2: how fast a contact reacts to the reps' e-mails, from the mails, opens, clicks and the
 * contact's own mails of the last year. Each part is null when fewer than the model's minimum
 * of them are known (besttime/model/emailResponsiveness.ts).
 */
export interface EmailResponsiveness {
  /** From a rep's e-mail to the contact's first open of it. */
  open: ResponseTime | null;
  /** From a rep's e-mail to the contact's first click of a link in it. */
  click: ResponseTime | null;
  /** From a rep's e-mail to the contact's next e-mail, when it came within the reply limit. */
  reply: ResponseTime | null;
}

/** A weekly window as the person page shows it: in the contact's zone, its reason worded. */
export interface ShownWindow {
  channel: Channel;
  weekday: number;
  rank: number;
  startMin: number;
  endMin: number;
  timeZone: string;
  stars: number;
  reason: string;
}

/**
 * A window of the contact's today, or of their next day with one still to come, dated as the
 * planner dates it: held to the organisation's business hours on that date, so it may start later
 * or end sooner than the weekly window it comes from.
 */
export interface NextDayWindow extends ShownWindow {
  start: number;
  end: number;
}

export interface PlannerRow {
  personId: string;
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  contactTz: string;
  dealStage: string | null;
  channel: Channel;
  /** As computed for `Planner.now`; a live view recomputes it from start and end. */
  state: SlotState;
  /** The window that speaks for this person today (UTC ms), or null for "no window today". */
  start: number | null;
  end: number | null;
  stars: number | null;
  reason: string | null;
  /** The day's other windows on this channel (BT: up to two alternatives). */
  alternatives: { start: number; end: number; stars: number }[];
  lastTouchAt: number | null;
  /**
   * What that touch was: the activity's kind and direction, as "email_out" or "call_in";
   * "email_opened" when the contact opened or clicked an e-mail of ours.
   */
  lastTouch: string | null;
  /** VT-2 category: a won deal, an open deal, or neither. */
  category: 'customer' | 'customer_open_deal' | 'lead_contact';
  /** On the website right now (a visit in the last 15 minutes). */
  onSiteNow: boolean;
  /** What the rep did with this row on the day (PL-4), if anything. */
  action: 'done' | 'snoozed' | 'skipped' | null;
  /**
   * The day's first call to the person (on the email channel, email), as the CRM has it or the
   * rep logged it, up to now; `inWindow`: it fell in this row's window. The Team page counts the
   * same contact as working the window (or the person reached before it).
   */
  reached?: { at: number; inWindow: boolean } | null;
  /**
   * The day's last call to the person that did not reach them (no answer, busy, voicemail), when
   * no call or email reached them in this row's window: the row stays on the plan to try again.
   * `inWindow`: one of the day's attempts fell in this row's window, which the rep then worked
   * (the Team page counts the window worked; the planner's header "tried").
   */
  tried?: { at: number; outcome: UnansweredOutcome; inWindow?: boolean } | null;
  /**
   * Work scheduled in the CRM for this person on the day, if any. `taskId`: a task the CRM holds
   * open, which the row can mark done or move as the person page does (changeTask). `callAt`: the
   * person's first call still to come that day (booked here or in the CRM) when other work comes
   * first, such as an open task (Zoho's tasks have a day, placed at 09:00, not a time): the side
   * line names the call too, as what is next with the person; without one, a booking of the day
   * Zoho refused (`callRefused`).
   */
  next: {
    kind: string;
    subject: string | null;
    startAt: number;
    taskId?: string;
    /**
     * A task's due date (YYYY-MM-DD), when the CRM gives one: a day, not a time (`startAt` only
     * places it in the day), due until the date is over on the rep's clock (shared/taskDue.ts).
     */
    dueDate?: string;
    callAt?: number;
    /**
     * The call at `callAt` is a booking Zoho refused, named beside the other work as refused (no
     * call to come was found): never "call booked".
     */
    callRefused?: true;
    /** A call booked here that Zoho refused (Settings › CRM account has it, to retry or discard). */
    refused?: true;
  } | null;
  /**
   * The channel's first window after this day (within a week), when the day has none after this
   * row's (for a row of 2★ or more, no sure one: only hours under 2★ follow): what Snooze offers
   * instead of a window that does not exist, or beside the ½★ hour.
   */
  nextWindow: { start: number; end: number; stars: number } | null;
  /** Today only: where this window was when the day was first planned, if a relearn moved it. */
  movedFrom: { start: number; end: number } | null;
}

export interface Planner {
  date: string;
  /** Whose plan this is (a manager may look at a rep of theirs). */
  repId: string;
  repTz: string;
  now: number;
  /** The channels the plan has rows on: those whose suggestions are on (BT-8). */
  channels: Channel[];
  /**
   * Rows of the day finished with on a channel switched off (marked done, or skipped): not
   * listed, as the plan has no rows on that channel, but still the day's work in the counts.
   */
  finishedOff: { done: number; skipped: number };
  /** When the first row changes state, so a view can re-order then without polling. */
  refreshAt: number | null;
  rows: PlannerRow[];
  /** Rows in the whole plan: more than `rows.length` when only the first rows were asked for. */
  total: number;
  /** The rep's hours (their shift's, else the business hours) have no minute in this day. */
  closed: boolean;
  /** When closed: the rep's next day with business hours (within a week), YYYY-MM-DD. */
  nextOpenDate: string | null;
  /**
   * When closed by a day off (Zoho's holidays: the organisation's, or the rep's shift's), the
   * holiday's name; null on a day the hours have no minute of anyway (a weekend), or not closed.
   */
  holiday: string | null;
  /**
   * The name of the shift whose hours the rep works (Zoho's shift hours), or null: they work the
   * organisation's business hours.
   */
  shift: string | null;
  /** The leads and contacts the rep owns: none at all is why a manager's own plan is empty. */
  owned: number;
  /**
   * The rep's open CRM tasks of the day that no row shows: due that day, and on the rep's today
   * those overdue too, oldest first. A row shows one task only (its `next.taskId`), so this holds
   * the tasks of people with no row (no window learned on a channel planned, or owned by someone
   * else) and a rowed person's other tasks; on a closed day (`closedPlan`: no row is shown) every
   * one. Given by the app's plan read (getPlanner); the command line's plan has no such list.
   */
  tasksWithoutRow?: PlanTask[];
  /**
   * On a day over on the rep's clock, its windows counted as the Team page counts the rep's lane
   * (TM-2, one rule: `coverageOf`), so the header's worked count is the Team page's. Given by the
   * app's plan read (getPlanner) of a past day only.
   */
  dayCoverage?: TeamCoverage;
}

/** An open CRM task (one `changeTask` can mark done or move) listed apart from the plan's rows. */
export interface PlanTask {
  /** The task's activity id. */
  id: string;
  personId: string;
  /** The person's name as the rows show it. */
  name: string;
  company: string | null;
  subject: string | null;
  /** The CRM's due date (YYYY-MM-DD, a day: shared/taskDue.ts), or null for a time only. */
  dueDate: string | null;
  /** Where the task is placed: its due date's 09:00 in the organisation's zone, else its time. */
  startAt: number;
}

/** BT-8: a reminder that windows open soon, for the signed-in rep's plan of today. */
export interface Reminder {
  /** When it goes off (UTC ms): a few minutes before `start`. */
  at: number;
  /** When the windows open. */
  start: number;
  /** The best-rated people whose window opens then. */
  people: { personId: string; name: string; channel: Channel; stars: number; end: number }[];
  /** Others whose window opens then too. */
  more: number;
}

interface PersonSummary {
  id: string;
  module: 'lead' | 'contact';
  name: string;
  company: string | null;
  email: string | null;
  timeZone: string;
  ownerName: string | null;
  /**
   * When the last thing that happened with them was, as a planner row's `lastTouchAt` times it: a
   * visit to the website or an activity when it began, a call when it ended. The list is ordered
   * by the same instant.
   */
  lastActivityAt: number | null;
  /** What it was: 'visit', or an activity's kind and direction as a planner row's `lastTouch`. */
  lastActivityKind: string | null;
  /** It is a visit, on the website until this instant (onTheWebsite.ts); else null. */
  onSiteUntil: number | null;
}

export interface TimelineItem {
  id: string;
  kind: string;
  signal: string | null;
  channel: string;
  direction: 'in' | 'out' | null;
  startAt: number;
  durationS: number | null;
  subject: string | null;
  /**
   * As of the moment the page was read (statusAt): a meeting is 'scheduled' until it ends; a call
   * still open in the CRM is 'scheduled' until its time and 'overdue' after it; a task until the
   * day it is due (its due date, else the day of its time) is over on the reader's clock.
   */
  status: string;
  /**
   * A task's due date (YYYY-MM-DD) when the CRM gives one: a day, not the time `startAt` places it
   * at; the task is overdue only once that date is over on the reader's clock (shared/taskDue.ts).
   */
  dueDate?: string;
  /** How a call went, when known. */
  outcome: CallOutcome | null;
  /** A call booked here that Zoho refused: in no CRM, so not planned (Settings › CRM account). */
  refused?: true;
}

export interface PersonDetail {
  person: {
    id: string;
    module: 'lead' | 'contact';
    name: string;
    firstName: string | null;
    lastName: string;
    email: string | null;
    phone: string | null;
    title: string | null;
    company: string | null;
    country: string | null;
    timeZone: string;
    leadStatus: string | null;
    leadSource: string | null;
    /** Whose person this is (a user id), null for nobody's. */
    ownerId: string | null;
    ownerName: string | null;
    visitSummary: {
      daysVisited: number | null;
      chats: number | null;
      avgTimeSpentMin: number | null;
      firstVisitAt: number | null;
      lastVisitAt: number | null;
      firstVisitedUrl: string | null;
      referrer: string | null;
      score: number | null;
    };
  };
  account: { id: string; name: string; industry: string | null; website: string | null } | null;
  deals: {
    id: string;
    name: string;
    stage: string;
    status: string;
    amount: number | null;
    /** ISO 4217 code as the CRM holds it (deals in one organisation may differ), or null. */
    currency: string | null;
  }[];
  timeline: TimelineItem[];
  /**
   * The person's call row on the signed-in rep's plan of today (their day, in their zone), which
   * the page logs a call or marks done on as the planner does; null when the person is not the
   * rep's (a plan lists the people its rep owns, and only they mark it). `onPlan` false: the plan
   * has no call row of theirs today (no call windows, or call suggestions off), so there is no
   * row to mark (`mark` null) and only a call to log.
   */
  callToday: {
    date: string;
    mark: 'done' | 'snoozed' | 'skipped' | null;
    onPlan: boolean;
  } | null;
  windows: ShownWindow[];
  /**
   * Per channel, the windows of the contact's today, passed ones included (struck through on the
   * page, BT-6), then, once none of today's is to come, those of their next day with any: what
   * the page features.
   */
  nextWindows: NextDayWindow[];
  /**
   * BT-2: how long the contact takes to open, click in and reply to the reps' e-mails (medians);
   * null when e-mail suggestions are switched off (BT-8).
   */
  emailResponse: EmailResponsiveness | null;
  /** VT-4: each visit with its pages, newest first; the IP masked (it is personal data). */
  visits: {
    id: string;
    startedAt: number;
    ipMasked: string | null;
    timeSpentS: number;
    referrer: string | null;
    searchEngine: string | null;
    searchKeyword: string | null;
    pages: { url: string; title: string | null }[];
    /** VT-1: what the visitor did besides reading pages (a form sent, a chat…), in plain words. */
    actions: VisitAction[];
  }[];
  /** VT-5: chat transcripts. */
  chats: {
    id: string;
    startedAt: number;
    messages: { sender: 'visitor' | 'operator'; author: string; sentAt: number; text: string }[];
    /**
     * The transcript the CRM keeps (Zoho: a note on the person) as plain text: HTML turned into
     * lines, every tag dropped (noteText.ts), for a text node only; null when there is none, or
     * the chat has its messages.
     */
    transcript: string | null;
    /**
     * The files the CRM keeps with the transcript (Zoho: on its note), by name: the transcript is
     * attached there, and not downloaded here. Absent or empty when none.
     */
    transcriptFiles?: string[];
  }[];
}

/**
 * The person page's answer: the person, and whether they are on the website now as the Visits
 * page and People say it.
 */
export interface PersonPageDetail extends PersonDetail {
  /**
   * On the website by the Visits page's rule (onTheWebsite.ts) when the page was read, until this
   * instant (the first at which none of their visits counts there); null when not.
   */
  onSiteUntil: number | null;
}

export interface PeoplePage {
  total: number;
  /**
   * With an owner asked for and a search typed: how many more the same search finds among
   * everyone's people (owned by someone else, or by no one). Null otherwise.
   */
  othersMatching: number | null;
  rows: PersonSummary[];
}

export interface Settings {
  callSuggestions: boolean;
  emailSuggestions: boolean;
  reminders: boolean;
  slotMinutes: 30 | 60 | 120;
}

/** Hit rates (0 to 1) of one method's first window and of any of its first three. */
/** The simple rules a backtest scores the windows against (the `backtest` command's keys). */
export type BacktestRule = 'org' | 'own' | 'last';

interface BacktestHits {
  hit1: number;
  hit3: number;
}

/**
 * BT-13, and the `backtest` command's output as it is written (its keys are that command's
 * fixed interface): the model learns from what was known before `as_of` and is scored on the
 * acts of the next `days` (a person's signals within 30 minutes are one act), against the
 * simple rules with windows of the same widths. `by_stars`: every shown window on an act's
 * weekday is a window judged; `acts` of them caught the act.
 */
export interface BacktestReport {
  as_of: string;
  days: number;
  channels: Record<
    Channel,
    BacktestHits & { acts: number; baselines: Record<BacktestRule, BacktestHits> }
  >;
  by_stars: BacktestStarLevel[];
}

/** One star level: of the `windows` shown at it on a day someone acted, `acts` caught the act. */
export interface BacktestStarLevel {
  stars: number;
  windows: number;
  acts: number;
  hit_rate: number;
}

/**
 * The command's report, and the star levels per channel for the panel: `by_stars` adds calls and
 * e-mails together (the command's fixed output), which reads the e-mail levels as well hit as
 * the call levels that outnumber them.
 */
export type BacktestScores = BacktestReport & {
  starsByChannel: Record<Channel, BacktestStarLevel[]>;
  /**
   * Per channel and simple rule, the acts only one of the two caught in its first window: the
   * panel's verdict needs a gap wider than chance, and this is what that chance is reckoned from.
   */
  pairedByChannel: Record<Channel, Record<BacktestRule, PairedCounts>>;
};

/**
 * Settings › How the windows did: the period's scores, and when the first and the last stored
 * call or e-mail happened (null: none is stored), for a period with nothing to score to name.
 */
export type BacktestAnswer = BacktestScores & {
  callsAndEmails: { from: number; to: number } | null;
};

export interface MethodOutputs extends AlertMethodOutputs, TeamMethodOutputs {
  getSession: Session;
  setCurrentUser: Session;
  getPlanner: Planner;
  listPeople: PeoplePage;
  getPerson: PersonPageDetail;
  getSettings: Settings;
  getPlanHours: PlanHours;
  getReminders: Reminder[];
  updateSettings: Settings;
  markPlanRow: { ok: true };
  /** `kept`: said once, the first time on the demo organisation (which has no CRM). */
  logCall: { activityId: string; outboxId: number; kept?: string };
  changeTask: { outboxId: number; kept?: string };
  getTaskMoveDays: TaskMoveDays;
  /** `kept`: said on the demo organisation, which has no CRM to send the lead to. */
  createLead: { personId: string; outboxId: number; kept?: string };
  getBookingWindows: { name: string; contactTz: string; windows: BookableWindow[] };
  bookCall: {
    activityId: string;
    outboxId: number;
    startAt: number;
    subject: string;
    kept?: string;
  };
  getOutbox: OutboxEntry[];
  getBesttimeBacktest: BacktestAnswer;
  /** False when no such ask was waiting (its report had come). */
  cancelBesttimeBacktest: { stopped: boolean };
  getCrmAccount: CrmAccount;
  connectCrm: CrmAccount;
  reconnectCrm: CrmAccount;
  disconnectCrm: CrmAccount;
  retryRefusedCall: CrmAccount;
  discardRefusedCall: CrmAccount;
  /** `gone`: Zoho holds the record no more, so it left the list; what to tell the user. */
  retryHeldBackRecord: CrmAccount & { gone?: string };
  syncNow: CrmAccount;
  useDataSet: CrmAccount;
  updateSyncSchedule: CrmAccount;
}

export type DataSet = 'demo' | 'crm';

/** One module's part of a running (or the last) sync. */
export interface ModuleProgress {
  module: string;
  stored: number;
  deleted: number;
  quarantined: number;
  /** Records the CRM holds in the module, when known (first sync): what the bar fills toward. */
  total: number | null;
  done: boolean;
  /** Being read now (modules are read side by side, each once what it points at is read). */
  running: boolean;
  /** The organisation does not have this module (or the CRM refused it this run): not synced. */
  missing: boolean;
  /** With `missing`: the organisation has it, but the signed-in Zoho user may not read it. */
  forbidden?: boolean;
  /**
   * The CRM failed to give the module in this run, and why: over for this run, and shown so at
   * once (the others go on; the run's end tells it as the sync's problem). Null otherwise.
   */
  failed: string | null;
}

/** What the organisation lacks of what the sync reads, from the CRM's metadata. */
export interface CrmMissing {
  /** Modules it does not have: not synced. */
  modules: string[];
  /** Per module, the fields it does not have: not read. */
  fields: Record<string, string[]>;
}

/**
 * The API credits this app keeps to a day, and how its schedule keeps to them (sync/creditBudget.ts):
 * half the organisation's credits over its active users.
 */
export interface CreditBudget {
  /** This app's credits for 24 hours. */
  share: number;
  /** The organisation's credits for 24 hours, from its edition and user licences. */
  organisation: number;
  /** The edition ("Free", "Enterprise"); null when the CRM did not say: the free edition's assumed. */
  edition: string | null;
  /** The organisation's active users, each of whom may run the app. */
  users: number;
  /** The minutes between records runs and between visits runs now: the rep's, or stretched. */
  recordsMinutes: number;
  visitsMinutes: number;
  /** Whether the budget stretched the rep's setting. */
  stretched: boolean;
  /** The app's own runs wait until then, the share spent (Sync now still runs); else null. */
  pausedUntil: number | null;
}

export interface SyncStatus {
  /** offline: the CRM cannot be reached, the app keeps working and retries on schedule. */
  state: 'idle' | 'syncing' | 'offline' | 'error';
  /** The first sync of this data set: it shows a bar per module and an estimate. */
  first: boolean;
  startedAt: number | null;
  modules: ModuleProgress[];
  /** Estimated time left of a first sync, from its records per second so far. */
  etaMs: number | null;
  lastSyncedAt: number | null;
  lastError: string | null;
  /**
   * The technical words of the failure `lastError` tells in the app's own (the request's path,
   * the CRM's status): Settings keeps them under Details, for whoever mends it. Null when
   * `lastError` says it all.
   */
  errorDetail: string | null;
  /** When the next scheduled sync runs. */
  nextAt: number | null;
  /** Records still held back as malformed (quarantine), for the user to know data is missing. */
  quarantined: number;
  /** Null until the organisation's metadata has been read. */
  missing: CrmMissing | null;
  /** Where website visits come from: the Visits module, each person's visits list, or nowhere. */
  visitsFrom: 'module' | 'related-list' | null;
  /**
   * The last run's Emails step (opens, clicks, replies): people read, why the CRM refused to list
   * emails, and the first person whose emails could not be read (asked again later, the others
   * read regardless). Null before a run that read emails.
   */
  emails: { people: number; unavailable: string | null; failed: string | null } | null;
  /** What the last runs skipped and why: a module the CRM refused, a visits list that failed. */
  notes: string[];
  /**
   * Modules the CRM failed to give (a 5xx after the retries, a page that cannot be read), each as
   * the last run that read it found, with why: the rest synced, what was stored of them stays, and
   * every sync tries them again. While there are any, a finished run's state is 'error' and
   * `lastError` names them. Empty otherwise.
   */
  unread: { module: string; reason: string }[];
  /**
   * API requests this app made to the organisation in the last 24 hours (Zoho counts them
   * against its daily credits), and a first sync's estimate of its own, said before it reads
   * records. Null for a source that does not count (the demo organisation).
   */
  credits: { last24h: number; estimate: number | null; budget: CreditBudget | null } | null;
  /**
   * During a first sync: the signed-in rep's plan is there already, learned from their own
   * people and recent activity, read first (the head start). False otherwise.
   */
  planReady: boolean;
  /**
   * During a first sync: the share of the organisation's records stored so far, 0 to 1, against
   * the CRM's counts. Null otherwise, or while the counts are not known.
   */
  shareSynced: number | null;
}

export interface CrmAccount {
  /**
   * Orders the accounts the core gives: an action's answer and an account pushed after it travel
   * apart (the web host's fetch and its event stream) and may arrive in either order. Of one `run`
   * of the core, the higher `seq` is the newer; a restarted core is another run.
   */
  revision: { run: string; seq: number };
  activeDataSet: DataSet;
  /** The connected CRM, or null when signed out (the demo organisation is always there). */
  crm: {
    provider: 'zoho';
    dataCentre: CrmDataCentre;
    orgName: string | null;
    /** False when this computer has no OS keychain: the sign-in lasts until the app quits. */
    keptAcrossRestarts: boolean;
  } | null;
  sync: SyncStatus;
  schedule: { recordsMinutes: number; visitsMinutes: number; requestsInFlight: number };
  /** Calls logged in the app that have not reached the CRM yet, the refused ones included. */
  unsentCalls: number;
  /** Tasks done or moved here whose change has not reached the CRM yet, refused ones included. */
  unsentTasks: number;
  /** Leads created here (Visits › Create lead) not in the CRM yet, refused ones included. */
  unsentLeads: number;
  /**
   * All a sign-out would lose, by kind as it is worded (bookings apart from logged calls, plan
   * marks no CRM holds, leads kept here only): Settings' sign-out button and Discard say these,
   * with whether a sync sends the plan marks (marksSent).
   */
  unsentWork: AccountUnsentWork;
  /**
   * What the oldest of those a sync still sends last met (a 5xx, a wait to learn whether it
   * landed), if anything.
   */
  unsentCallsWhy: string | null;
  /** Calls the CRM refused outright, oldest first: no sync sends them until the rep retries one. */
  refusedCalls: RefusedCall[];
  /**
   * Tasks done or moved here whose change the CRM refused outright (the task deleted there, a
   * field the organisation lacks), oldest first: kept here as the rep left them, sent again only
   * when the rep retries one (retryRefusedCall), or let go (discardRefusedCall).
   */
  refusedTasks: RefusedTaskChange[];
  /**
   * Leads created here from a visit that the CRM refused outright (a field it requires, an e-mail
   * it already holds), oldest first: the person stays here, not in the CRM, until the rep retries
   * one (retryRefusedCall) or lets it stay here only (discardRefusedCall).
   */
  refusedLeads: RefusedLead[];
  /**
   * The records held back (sync.quarantined counts them all), newest first, at most
   * HELD_BACK_LISTED of them.
   */
  heldBack: HeldBackRecord[];
}

/** How many held-back records Settings lists; the count says how many there are in all. */
export const HELD_BACK_LISTED = 50;

/** A CRM record the sync could not store, kept with Zoho's copy of it (the quarantine). */
export interface HeldBackRecord {
  /** The Zoho module ("Leads", "Calls", "Emails"…). */
  module: string;
  recordId: string;
  /** The record's name or subject in Zoho's copy, when it has one. */
  name: string | null;
  /** Why it is held back, in words. */
  reason: string;
  /** When a sync first held it back, UTC ms. */
  since: number;
  /** It is well formed and waits for its lead or contact: every sync's end tries it again. */
  waiting: boolean;
}

/** A task's change (done, moved) the CRM refused. */
export interface RefusedTaskChange {
  /** Its outbox entry. */
  id: number;
  personName: string | null;
  subject: string | null;
  action: 'done' | 'move';
  /** The due time it was moved to (UTC ms); null for a task marked done. */
  dueAt: number | null;
  refusedAt: number;
  reason: string;
}

/** A lead created here that the CRM refused. */
export interface RefusedLead {
  /** Its outbox entry. */
  id: number;
  /** The lead's name as it stands here; null when it is not in this copy any more. */
  personName: string | null;
  refusedAt: number;
  reason: string;
}

/** A logged call the CRM refused outright (or that could not be read back to be sent). */
export interface RefusedCall {
  /** Its outbox entry. */
  id: number;
  /** Who it was logged with; null when they are not in this copy any more (or not known). */
  personName: string | null;
  /** When the call was made (or is booked for), UTC ms; null when it could not be read back. */
  startedAt: number | null;
  /** A call booked to come ("Book" on a planner row), not one logged. */
  booked?: boolean;
  /**
   * A booked call whose time has passed: it is not sent (the app refuses a booking late, as a
   * call nobody had), so Retry cannot help; the rep books again and discards this one.
   */
  passed?: boolean;
  refusedAt: number;
  /** Why, in words (the CRM's code and field at the end, for whoever mends it). */
  reason: string;
}

/** A local change waiting to be pushed to the CRM (or pushed already). */
interface OutboxEntry {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: number;
  attempts: number;
  lastError: string | null;
  pushedAt: number | null;
  /** When the CRM refused it outright: no sync sends it until the rep retries it. */
  refusedAt: number | null;
  /** When the rep chose not to send it (it stays as history). */
  discardedAt: number | null;
}

/** Events the core pushes to every open window. */
export interface PushedEvents {
  'data-changed': {
    entities: string[];
    /**
     * With visits alone: the people the changed visits are of (linked, or by the e-mail a visitor
     * gave), none for visitors nobody knows; absent, they may be anyone's.
     */
    people?: string[];
  };
  /** The CRM connection or a sync moved on (progress, finished, failed, went offline). */
  'crm-account': CrmAccount;
  /** Hot-visitor alerts delivered (one, or a digest of held ones) or read (VT-7). */
  /** The shown data set's alerts, saying which set that is (alert ids are per set). */
  alerts: AlertsEvent & { dataSet?: DataSet };
  /**
   * Alerts delivered in a data set not on screen (the CRM's while the demo is shown): the rep's
   * real prospects are news anyway. The tray notifies, and a click shows that data set; the
   * window, which shows the other one, leaves them to its feed.
   */
  'alerts-elsewhere': AlertsEvent & { dataSet: DataSet };
  /** Sent by the desktop shell, not the core: a tray item or notification asks for a page. */
  /** `visits` with `id: 'everyone'`: everyone's visits, `focus` the visit to point out. */
  'open-page': { page: 'person' | 'visits'; id?: string; focus?: string };
  /**
   * A data set's database is being updated to this version's layout as the core opens it (once
   * after an app update; minutes on a large database): `done` of `total` steps, pushed before
   * each step and after the last. Pushed before the core is ready, when the window has no session.
   */
  'database-update': { dataSet: DataSet; done: number; total: number };
  /**
   * The Team page's day being made for the first time since the data changed (seconds on a large
   * organisation): `done` of the `total` reps' plans made, pushed after each one. `request` is the
   * number the asker gave `getTeamDay`: two requests made at once (a manager stepping through days)
   * push in turns, and each asker follows its own.
   */
  'team-day-progress': { request?: number; done: number; total: number };
}
export type EventName = keyof PushedEvents;
/** What the core pushes (forwarded by the worker and the web host). */
export const EVENT_NAMES: readonly EventName[] = [
  'data-changed',
  'crm-account',
  'alerts',
  'alerts-elsewhere',
  'database-update',
  'team-day-progress',
];

/**
 * Results cross a process boundary as values, never as thrown errors. A `code` names the few
 * failures the page acts on differently (see dataSetGone.ts).
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string; code?: string };

/** What the preload exposes as `window.api`, and the web client imitates. */
export interface Bridge {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutputs[M]>>;
  on<E extends EventName>(event: E, listener: (payload: PushedEvents[E]) => void): () => void;
}

export function validateInput<M extends MethodName>(
  method: string,
  input: unknown,
): ParsedInput<M> {
  if (!Object.hasOwn(inputSchemas, method))
    throw new Error(`Unknown method "${excerpt(method, 80)}"`);
  const schema = inputSchemas[method as M];
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new Error(`Invalid input for ${method}${where}: ${issue?.message ?? 'rejected'}`);
  }
  return parsed.data as ParsedInput<M>;
}
