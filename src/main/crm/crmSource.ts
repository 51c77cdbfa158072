import type {
  AccountsTable,
  ActivitiesTable,
  ChatMessagesTable,
  ChatsTable,
  DealsTable,
  PeopleTable,
  UsersTable,
  VisitPagesTable,
  VisitsTable,
} from '../db/schema';
import type { BusinessHours } from '../besttime/model/businessHours';
import type { CallOutcome } from '../../shared/callOutcome';

/**
 * What the sync engine needs from a CRM. Zoho is the first implementation; the demo
 * organisation is meant to be the second. Records arrive already mapped into local rows, so
 * the engine never learns a CRM's field names.
 */

/** The modules synced incrementally, in the order a run visits them (parents before children). */
export const SYNC_MODULES = [
  'Accounts',
  'Contacts',
  'Leads',
  'Deals',
  'Calls',
  'Events',
  'Tasks',
  'Cases',
  'Visits',
] as const;
export type SyncModule = (typeof SYNC_MODULES)[number];

/**
 * The CRM's answer to which of some leads it converted, asked many at once. It confirms the leads
 * it names; one it leaves out may only be one the CRM did not filter for (it may ignore
 * `converted` beside `ids`), so the caller trusts a left-out lead as not converted only once the
 * organisation has shown it applies the pair (`marked`).
 */
export interface ConvertedAnswer {
  /** The leads the answer names, each with its contact, or null where it names none. */
  contacts: Map<string, string | null>;
  /** The answer named a lead marked converted: the CRM applied the question. */
  marked: boolean;
}

export function isSyncModule(value: string): value is SyncModule {
  return (SYNC_MODULES as readonly string[]).includes(value);
}

/** A person's and a deal's `account_id` is the account the CRM names, stored or not (migration 023). */
export type PersonWrite = Omit<PeopleTable, 'crm_account_id'>;
/**
 * An activity row; `outcome` only for calls whose outcome the CRM tells (null: not known), and
 * `modified_at` where the CRM dates the record's edits (left out: any later copy replaces it).
 */
export type ActivityWrite = Omit<
  ActivitiesTable,
  'status' | 'outcome' | 'modified_at' | 'due_date'
> & {
  status: string;
  outcome?: CallOutcome | null;
  modified_at?: number | null;
  due_date?: string | null;
};
/** `user_agent` is optional: a CRM that keeps none (Zoho's Visits) leaves it out; its number is
 * the database's (triggers). */
// `has_form` is the store's to work out from `actions`, whichever source gave them.
type VisitWrite = Omit<
  VisitsTable,
  'time_spent_s' | 'user_agent' | 'user_agent_id' | 'modified_at' | 'crm_person_id' | 'has_form'
> & {
  time_spent_s: number;
  user_agent?: string | null;
  modified_at?: number | null;
};
export type VisitPageWrite = Omit<VisitPagesTable, 'id' | 'visit_id'>;
/** A chat of a visit; a CRM that keeps transcripts (the demo) sends the messages too (VT-5). */
export type ChatWrite = Omit<ChatsTable, 'visit_id' | 'crm_person_id'> & {
  messages?: Omit<ChatMessagesTable, 'id' | 'chat_id'>[];
};

/**
 * A deal's, a visit's and a chat's `person_id` is the person the CRM names, stored or not: the
 * store links the row once that person is here (migration 021).
 */
type DealWrite = Omit<DealsTable, 'crm_person_id' | 'crm_account_id'>;

/** One local row (or row group) a CRM record becomes. */
export type LocalWrite =
  | { table: 'people'; row: PersonWrite }
  | { table: 'accounts'; row: AccountsTable }
  | { table: 'deals'; row: DealWrite }
  | { table: 'activities'; row: ActivityWrite }
  | {
      table: 'visits';
      row: VisitWrite;
      pages: VisitPageWrite[];
      chats: ChatWrite[];
    }
  /**
   * A row the record gave before and no longer does (a call moved off its person to an account,
   * a lead's web form once its source is no longer the website): removed, unless the stored row
   * is newer than `modified_at` (the record's copy; null: any).
   */
  | { table: 'removed'; row: { table: 'activities'; id: string; modified_at: number | null } };

/** A changed record: its local rows, or why it could not be mapped (it is then quarantined). */
export interface PulledRecord {
  id: string;
  /** The CRM's modification instant, UTC epoch ms. */
  modifiedAt: number;
  writes: LocalWrite[];
  /** Set when the record is malformed; `writes` is then empty. */
  error?: string;
  /** The record as the CRM sent it, kept with a quarantined record for later inspection. */
  raw: unknown;
}

/**
 * Where a pull resumes: `since` is an exclusive lower bound on the modification (or deletion)
 * time, `position` an opaque source-specific place inside that result (null: its start).
 */
export interface PullRequest {
  since: number | null;
  position: string | null;
  /** Aborted when the page is no longer wanted (the sync stopped while it was fetched ahead). */
  signal?: AbortSignal;
}

/** Records of one user's, as a first sync's head start asks for them (sync/headStart.ts). */
export interface OwnedQuery {
  ownerId: string;
  /** Only records modified at or after this instant, UTC epoch ms (null: all of them). */
  modifiedFrom: number | null;
}

export interface ChangedPage {
  records: PulledRecord[];
  /** Null when this was the last page. */
  next: string | null;
}

/** A lead or contact, as the sync asks the CRM about it. */
export interface PersonRef {
  id: string;
  module: 'lead' | 'contact';
}

/** One page of a person's emails, newest first; each email a record of activity rows. */
export interface EmailsPage {
  records: PulledRecord[];
  next: string | null;
}

interface DeletedEntry {
  id: string;
  deletedAt: number;
}

export interface DeletedPage {
  deleted: DeletedEntry[];
  next: string | null;
}

/** A lead converted in the CRM: `contactId`, the contact it became (null: the listing did not say). */
export interface ConvertedLead {
  id: string;
  /** Its modification instant, UTC epoch ms: conversion sets it. */
  modifiedAt: number;
  contactId: string | null;
}

export interface ConvertedPage {
  converted: ConvertedLead[];
  next: string | null;
}

/**
 * What an organisation has of what the sync reads, from the CRM's own metadata: a real
 * organisation may lack modules (an edition without Cases, no website-visitor integration), fields
 * (a summary field an integration adds) or have its visits only as a related list of each person.
 */
export interface CrmMetadata {
  /** The synced modules the organisation has and its API serves, in SYNC_MODULES order. */
  modules: SyncModule[];
  /** Per module it has, the fields the sync reads that the organisation lacks. */
  missingFields: Partial<Record<SyncModule, string[]>>;
  /**
   * Where website visits come from: the Visits module; a related list on leads and contacts
   * (`name`, on the people `of` those modules), read person by person; or nowhere (null).
   * `lastVisit`: people carry the time of their last visit, so a list is read again when it moves.
   */
  visits:
    | { from: 'module' }
    | { from: 'related-list'; name: string; of: PersonRef['module'][]; lastVisit: boolean }
    | null;
  /**
   * What each deal stage means, as the CRM defines it (Zoho: the stage's forecast type), by the
   * stage's name. An organisation names its stages as it likes ("Closed - Won", "受注"): a stage
   * not listed here, or metadata read before this was, is judged by its name.
   */
  dealStages?: Record<string, DealStatus>;
  /**
   * Where reps' plan marks are kept for everyone (Zoho: the CW_Plan_Marks module): `lacks`, the
   * fields it lacks (none: ready), or null when the organisation has no such place. Absent
   * (metadata stored before this was read): not known, so tried. `snoozeTo`: it has the optional
   * field a snooze's choice travels in (Zoho: Snooze_To); absent or false, marks go without it.
   */
  planMarks?: { lacks: string[] | null; snoozeTo?: boolean };
  /** The source's own details (the field names to ask for), kept and handed back with the rest. */
  detail: unknown;
}

export type DealStatus = 'open' | 'won' | 'lost';

/**
 * The CRM refused a module it listed before (it was removed, or a field we ask for was): the
 * module is skipped for this run and the metadata read again.
 */
export class ModuleUnavailableError extends Error {
  override name = 'ModuleUnavailableError';
}

/** The module is there, but the signed-in user's profile may not read it. */
export class ModuleForbiddenError extends ModuleUnavailableError {
  override name = 'ModuleForbiddenError';
}

/** The module's records are read, its deleted records may not be (the user's profile). */
export class DeletionsUnavailableError extends Error {
  override name = 'DeletionsUnavailableError';
}

/**
 * The sign-in (a scope it was not granted) or the user's profile may not read this: unlike a
 * refusal for good, it can change with a new sign-in or an administrator's change of profile.
 */
export class ReadForbiddenError extends Error {
  override name = 'ReadForbiddenError';
}

/**
 * The CRM will not search for this sign-in (a scope it was not granted, a profile without the
 * permission): asking again will not help, so what needed the search goes on without it.
 */
export class SearchUnavailableError extends Error {
  override name = 'SearchUnavailableError';
}

/** The CRM would not describe the organisation: the sync asks for every module and field. */
export class MetadataUnavailableError extends Error {
  override name = 'MetadataUnavailableError';
}

/**
 * The CRM as a whole is out of reach for now, whichever module asked: the network is down, its
 * servers (the API's or the sign-in's) do not answer, or the organisation's API requests are
 * limited. Not one module's fault, so a sync stops here rather than fail every module in turn;
 * the next run tries again.
 */
export class CrmOutageError extends Error {
  override name = 'CrmOutageError';
  constructor(
    message: string,
    /** What kept the CRM from answering, for the app's own words; null: nothing said of it. */
    readonly trouble: CrmTrouble | null = null,
  ) {
    super(message);
  }
}

/**
 * What kept the CRM from giving a usable answer through every retry, for the app to say in its
 * own words. The error's message is the client's (the request's path, the CRM's status): the
 * `sync` command prints it, and the app keeps it as the failure's details.
 */
export type CrmTrouble =
  /** No connection: no network, a name that does not resolve, a connection refused or cut. */
  | 'unreachable'
  /** Connected, but no answer within the request's deadline. */
  | 'silent'
  /** An answer that is not the CRM's: a network's sign-in page, a proxy's notice. */
  | 'not-the-crm'
  /** The CRM's servers failing (5xx). */
  | 'server-error'
  /** The CRM limiting the organisation's requests (too many at once, the day's credits). */
  | 'limited';

/**
 * A request the CRM gave no usable answer to through every retry (a 5xx, a page that is not the
 * CRM's), while the CRM was otherwise in reach: the module that asked is skipped, not the run.
 */
export class CrmRequestError extends Error {
  override name = 'CrmRequestError';
  constructor(
    message: string,
    readonly trouble: CrmTrouble,
  ) {
    super(message);
  }
}

/** What kept the CRM from answering, when the failure says (null: another failure). */
export function crmTroubleOf(error: unknown): CrmTrouble | null {
  return error instanceof CrmOutageError || error instanceof CrmRequestError ? error.trouble : null;
}

/** The CRM refused the credentials: the user must connect again; retrying will not help. */
export class CrmAuthError extends Error {
  override name = 'CrmAuthError';
  constructor(
    message: string,
    /** The CRM's code when its API refused the sign-in (Zoho's INVALID_TOKEN, OAUTH_SCOPE_MISMATCH, …). */
    readonly code: string | null = null,
    /**
     * What was refused and why, without what to do, when the message also says what to do (the
     * accounts server's refusal of the refresh token): the app says that in its own words, once.
     * Null: the message says only what happened.
     */
    readonly refused: string | null = null,
  ) {
    super(message);
  }
}

/**
 * The CRM answered a create and refused the record (a field it will not take, a person it no
 * longer holds): nothing was created, so the next attempt need not look for it first.
 */
export class RecordRefusedError extends Error {
  override name = 'RecordRefusedError';
  constructor(
    message: string,
    /**
     * Set aside for the rep though an earlier attempt may have created the record (its answer
     * lost, and the CRM would not say): the time of that attempt is kept, so a record the
     * records run brings later can still be known as that one.
     */
    readonly mayHaveLanded = false,
  ) {
    super(message);
  }
}

/** Thrown when a stored `position` is no longer valid (an expired page token): restart at `since`. */
export class PositionExpiredError extends Error {
  override name = 'PositionExpiredError';
}

/**
 * The CRM will not list emails for now (the sign-in lacks the email scope, the profile may not
 * read emails, the mailbox is being set up): the sync goes on without them and asks again later.
 */
export class EmailsUnavailableError extends Error {
  override name = 'EmailsUnavailableError';
}

export interface CrmUser {
  id: string;
  name: string;
  email: string;
  role: UsersTable['role'];
  managerId: string | null;
  team: string | null;
  timeZone: string;
  active: boolean;
  /** The shift whose hours the user works (`CrmShift`), or null: the organisation's hours. */
  shiftId: string | null;
}

/** A week of working hours some users keep instead of the organisation's (Zoho's shift hours). */
export interface CrmShift {
  id: string;
  name: string;
  /** The zone the shift's times are in. */
  timeZone: string;
  hours: BusinessHours;
}

/**
 * A day off (Zoho's holidays): the whole calendar day `date` in the zone of the hours it closes. A
 * business holiday (`shiftId` null) is one for everyone on the organisation's hours; a shift
 * holiday, for the users of that shift.
 */
export interface CrmHoliday {
  id: string;
  /** YYYY-MM-DD. */
  date: string;
  name: string;
  shiftId: string | null;
}

export interface CrmOrganisation {
  name: string;
  timeZone: string;
  /**
   * Null when the CRM would not give them this time (`note` says why): the hours stored before
   * stay, and an organisation with none stored is open around the clock.
   */
  businessHours: BusinessHours | null;
  /**
   * The organisation's shifts; null when the CRM would not give them this time (`note` says why):
   * the shifts stored before stay.
   */
  shifts?: CrmShift[] | null;
  /**
   * The organisation's holidays of the dates `from` to `to` (YYYY-MM-DD, both included: this year
   * and the next), which replace those stored for these dates; earlier ones stay, as past days'
   * plans are kept. Null or left out when the CRM did not give them this time (`note` says why):
   * the holidays stored before stay.
   */
  holidays?: { from: string; to: string; days: CrmHoliday[] } | null;
  /** What the organisation's answer lacked, for the run's notes. */
  note?: string;
  /** The CRM's id of the organisation: a local copy is only ever of one organisation. */
  crmId?: string | null;
  /** The CRM user the sign-in belongs to: the app opens on their plan. */
  currentUserId?: string | null;
  /**
   * The admin's switch for visit alerts (VT-6) as the CRM keeps it for everyone's app; null when
   * it was never set there, or not read this time (`note` says why): the switch here stays.
   */
  visitAlerts?: boolean | null;
  /**
   * The organisation's edition and user licences, which set its daily API credits (the app keeps
   * to a share of them: sync/creditBudget.ts); null when the CRM's answer did not say. Left out:
   * not read this time, what is stored stays.
   */
  licence?: CrmLicence | null;
}

/** What the organisation pays for (Zoho's `license_details` in the answer to `GET /org`). */
export interface CrmLicence {
  /**
   * The edition as the CRM names it (Zoho's `paid_type`: free, standard, professional,
   * enterprise, ultimate, crmplus, zohoone); null when not said.
   */
  edition: string | null;
  /** A paid subscription (Zoho's `paid`): false for the free edition and a trial. */
  paid: boolean | null;
  /** User licences bought (Zoho's `users_license_purchased`). */
  users: number | null;
}

/** A call the rep logged in the app, waiting in the outbox. */
export interface OutboxCall {
  idempotencyKey: string;
  personId: string;
  personModule: 'lead' | 'contact';
  ownerId: string | null;
  subject: string;
  startedAt: number;
  durationS: number;
  direction: 'in' | 'out';
  missed?: boolean;
  /** How the call went, when the rep said: the CRM keeps it (Zoho: Call_Result, see zohoCallResult.ts). */
  outcome?: CallOutcome;
  description?: string;
  /**
   * A call booked to come (planner/bookCall.ts), not one that happened: it has no length and no
   * outcome, and the CRM keeps it as scheduled at `startedAt`.
   */
  scheduled?: boolean;
  /**
   * An earlier attempt sent its create and no answer confirmed it: it may exist, so look before
   * creating. `sentAt`: when that create was sent; `now`: this attempt; UTC ms, one clock.
   */
  mayExist?: { sentAt: number; now: number };
}

/** A lead the rep created here from a website visit, waiting in the outbox. */
export interface OutboxLead {
  firstName: string | null;
  lastName: string;
  email: string | null;
  company: string | null;
  /** The rep who created it: the lead's owner in the CRM. */
  ownerId: string | null;
  /**
   * An earlier attempt sent its create and no answer confirmed it: the lead may exist, so look
   * before creating. `sentAt`: when that create was sent; `now`: this attempt; UTC ms, one clock.
   */
  mayExist?: { sentAt: number; now: number };
}

/** A task done or moved in the app, waiting in the outbox. */
export interface OutboxTaskChange {
  taskId: string;
  subject: string | null;
  /** Done, or due on `dueDate` (YYYY-MM-DD in the organisation's zone) at `dueAt` (UTC ms). */
  change: { action: 'done'; doneAt: number } | { action: 'move'; dueDate: string; dueAt: number };
}

/**
 * A rep's mark on a row of their plan (PL-4), as every computer of the organisation shares it:
 * the latest state of the row (`clear`: the rep took their mark back). `at`: when it was made.
 */
export interface SharedPlanMark {
  userId: string;
  personId: string;
  /** The plan's day, YYYY-MM-DD in the rep's zone. */
  day: string;
  channel: string;
  action: 'done' | 'snoozed' | 'skipped' | 'clear';
  at: number;
  /**
   * A snooze's choice (`RowMark.snoozeTo`): the start of the day's window the row went to, null
   * for the next day's; undefined, none said (another mark, or a snooze made before choices).
   */
  snoozeTo?: number | null;
}

/** Marks the CRM kept; a refused one comes with the CRM's reason and is not sent again. */
export interface PlanMarksPushed {
  kept: SharedPlanMark[];
  refused: { mark: SharedPlanMark; reason: string }[];
}

/** A record of the CRM's plan marks, as a page of them lists it. */
interface PlanMarkRecord {
  /** The CRM's id of the record. */
  id: string;
  /** When the CRM last modified it, UTC ms (0 when it did not say). */
  modifiedAt: number;
  /** The mark it holds; null for a record the app did not write (or one damaged by hand). */
  mark: SharedPlanMark | null;
}

export interface PlanMarksPage {
  records: PlanMarkRecord[];
  /** Null when this was the last page. */
  next: string | null;
}

/**
 * The organisation has nowhere to keep plan marks (Zoho: no CW_Plan_Marks module, `absent`), or
 * the place it has lacks what marks need (a field): they stay on each computer. The message
 * names what is missing.
 */
export class PlanMarksUnavailableError extends Error {
  override name = 'PlanMarksUnavailableError';
  constructor(
    message: string,
    readonly absent: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * A chat transcript the CRM keeps on a lead or contact (VT-5; Zoho: a note SalesIQ adds), as
 * written there: the app shows its text as it is, as no format of it is documented.
 */
export interface CrmTranscript {
  personId: string;
  /** When the CRM's record of it was made, UTC ms: it pairs the transcript with its chat. */
  writtenAt: number;
  title: string | null;
  text: string;
  /** The names of files the CRM keeps with it (Zoho: the note's attachments), not downloaded. */
  files: string[];
}

/** A page of the CRM's notes changed since a time, each a transcript or not one (null). */
export interface TranscriptsPage {
  records: { id: string; modifiedAt: number; transcript: CrmTranscript | null }[];
  /** Null when this was the last page. */
  next: string | null;
  /** The CRM would not name the files on notes: ask withoutFiles from now on. */
  filesRefused?: boolean;
}

/** Notes as PullRequest asks, without the names of the files on them when the CRM refused those. */
export interface TranscriptsRequest extends PullRequest {
  withoutFiles?: boolean;
}

/** A call in the CRM: the one created, or the one an earlier attempt had created. */
export interface PushedCall {
  crmId: string;
  /** Something the rep should know about it (created without confirming it was not there). */
  note?: string;
}

export interface CrmSource {
  readonly kind: string;
  pullOrganisation(): Promise<CrmOrganisation>;
  pullUsers(): Promise<CrmUser[]>;
  /**
   * The admin's switch for visit alerts alone, as `CrmOrganisation.visitAlerts` gives it, with a
   * note when the CRM would not give it: for the runs that do not read the whole organisation.
   * Absent: only pullOrganisation reads it.
   */
  pullVisitAlerts?(): Promise<{ read: boolean | null; note: string | null }>;
  /**
   * The organisation's time zone as an earlier run stored it, for a run that does not read the
   * organisation: records are read in it (a task's due day) as when pullOrganisation told it.
   */
  useOrganisationZone?(timeZone: string): void;
  /** Records of `module` modified after `since`, oldest first, one page at a time. */
  pullChanged(module: SyncModule, request: PullRequest): Promise<ChangedPage>;
  /** Ids of records of `module` deleted after `since`. */
  pullDeleted(module: SyncModule, request: PullRequest): Promise<DeletedPage>;
  /**
   * The contacts holding these emails, keyed by email in lower case: how a deleted lead is found
   * converted when this run has not listed Contacts. Throws SearchUnavailableError when the CRM
   * will not search for this sign-in. Absent: such a lead is deleted as any lead is.
   */
  findContactsByEmail?(
    emails: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, PulledRecord>>;
  /**
   * Leads converted (so modified) after `since`, oldest first, one page at a time. A CRM that
   * keeps a converted lead out of its listing rather than deleting it (Zoho) says so here, and a
   * lead converted since it was stored must become its contact. Absent: conversions are found
   * among the deleted leads only.
   */
  pullConverted?(request: PullRequest): Promise<ConvertedPage>;
  /**
   * Which of these leads the CRM converted, many a request (ConvertedAnswer). Null: the CRM
   * refused the question, and each lead is asked alone.
   */
  convertedAmong?(leadIds: readonly string[], signal?: AbortSignal): Promise<ConvertedAnswer | null>;
  /** The contact a converted lead became, read from the lead itself (null: the CRM does not say). */
  convertedContactOf?(leadId: string, signal?: AbortSignal): Promise<string | null>;
  /**
   * The contact with this id, for a lead that became one not stored yet. Null: the CRM has none
   * (deleted since), and the converted lead is deleted here; a refusal must throw instead.
   */
  findContactById?(id: string, signal?: AbortSignal): Promise<PulledRecord | null>;
  /**
   * One record read now, mapped as a sync maps it (Settings' Retry of a record held back). Null:
   * the CRM has none with that id; a refusal throws.
   */
  pullOne?(module: SyncModule, id: string, signal?: AbortSignal): Promise<PulledRecord | null>;
  /**
   * The records among `ids` the signed-in user may see now, mapped as a sync maps them, read in
   * as few requests as the CRM allows (Zoho: 100 ids each). An id with no record in the answer is
   * one the CRM shows them none for (deleted, converted, given to another rep, no longer shared).
   * Throws unless every request was answered whole: then nothing is told of any of them.
   */
  pullByIds?(
    module: SyncModule,
    ids: readonly string[],
    signal?: AbortSignal,
  ): Promise<PulledRecord[]>;
  /**
   * Creates the call in the CRM, or finds the one an earlier attempt created; returns its id.
   * `createSent` runs just before a create goes out, so its time is kept whatever its answer.
   * Throws while it cannot tell whether an earlier attempt created it (the call waits).
   */
  pushCall(call: OutboxCall, createSent: () => void, signal?: AbortSignal): Promise<PushedCall>;
  /**
   * Creates a lead the rep made here from a visit, and returns its id in the CRM. `createSent`
   * runs just before the create goes out. Throws RecordRefusedError when the CRM refuses it
   * outright (a field it requires, an e-mail another lead holds). Absent: leads wait here.
   */
  pushLead?(lead: OutboxLead, createSent: () => void, signal?: AbortSignal): Promise<PushedCall>;
  /**
   * Sets a task the CRM holds (`taskId`, its record id) done, or due on another day. The same
   * change sent twice leaves the task as once, so an attempt whose answer was lost is simply
   * sent again. Throws RecordRefusedError when the CRM refuses it outright (the task is gone, the
   * organisation's tasks lack the field); resolves with a note when the CRM kept it only in part.
   * Absent: the CRM takes no task changes, and they wait here.
   */
  pushTaskChange?(change: OutboxTaskChange, signal?: AbortSignal): Promise<{ note?: string }>;
  /**
   * Keeps the admin's switch for visit alerts in the CRM, where every rep's app reads it
   * (`CrmOrganisation.visitAlerts`). Throws, saying why, when the CRM will not keep it.
   */
  shareVisitAlerts?(enabled: boolean): Promise<void>;
  /**
   * Keeps reps' plan marks in the CRM, one record per rep, person, day and channel, so a manager's
   * computer (and the rep's other one) sees them. Throws PlanMarksUnavailableError when the
   * organisation has nowhere to keep them. Absent: marks stay on each computer.
   */
  pushPlanMarks?(marks: SharedPlanMark[], signal?: AbortSignal): Promise<PlanMarksPushed>;
  /**
   * One page of the plan marks changed in the CRM after `request.since` (UTC ms, the CRM's
   * modification time), oldest change first, from `request.position`, as pullChanged pages.
   * Throws PlanMarksUnavailableError as pushPlanMarks does.
   */
  pullPlanMarks?(request: PullRequest): Promise<PlanMarksPage>;
  /**
   * Deletes the CRM's plan marks of days before `day` (YYYY-MM-DD), so they do not pile up there.
   * `refused`: why the CRM would not (the user may not delete them); `more`: some are left for the
   * next call. Throws PlanMarksUnavailableError as pushPlanMarks does.
   */
  deletePlanMarksBefore?(
    day: string,
    signal?: AbortSignal,
  ): Promise<{ deleted: number; refused: string | null; more: boolean }>;
  /**
   * One page of the notes changed in the CRM after `request.since` (UTC ms), oldest change first,
   * from `request.position`, as pullChanged pages; those that are chat transcripts say whose.
   * Absent: the CRM keeps no transcripts (the demo's chats carry their messages).
   */
  pullTranscripts?(request: TranscriptsRequest): Promise<TranscriptsPage>;
  /**
   * One page of one person's notes, from `request.position` (`since` unused): their transcripts,
   * read again when a person whose transcripts went with them is stored again.
   */
  pullPersonTranscripts?(person: PersonRef, request: TranscriptsRequest): Promise<TranscriptsPage>;
  /**
   * One page of the notes deleted in the CRM after `request.since` (UTC ms), from
   * `request.position`: the transcripts among them go here too. Absent with pullTranscripts.
   * Throws DeletionsUnavailableError when the CRM will not list them at all, ReadForbiddenError
   * when this sign-in or the user's profile may not.
   */
  pullDeletedTranscripts?(request: PullRequest): Promise<DeletedPage>;
  /**
   * One page of the person's emails (sent, received, opened, clicked), newest first, from
   * `position` (null: the first page). Absent when the CRM keeps no emails with people.
   * Throws EmailsUnavailableError when it cannot list them for now.
   */
  pullPersonEmails?(
    person: PersonRef,
    position: string | null,
    signal?: AbortSignal,
  ): Promise<EmailsPage>;
  /**
   * Reads what the organisation has (modules, fields, related lists). Absent: the CRM has every
   * module and field. The engine keeps the answer (a day) and hands it back with useMetadata.
   * Throws MetadataUnavailableError when the CRM will not describe the organisation.
   */
  discoverMetadata?(): Promise<CrmMetadata>;
  /** Metadata discovered earlier: from now on only what exists is asked for. */
  useMetadata?(metadata: CrmMetadata): void;
  /**
   * One page of a person's website visits from their visits related list (when the metadata says
   * visits come from one), from `position` (null: the first page).
   */
  pullPersonVisits?(
    person: PersonRef,
    position: string | null,
    signal?: AbortSignal,
  ): Promise<ChangedPage>;
  /**
   * How many requests the CRM takes at once for this organisation now (its limit, lowered for a
   * while after it refused one): the engine keeps that many reads going. Absent: one at a time.
   */
  requestsAtOnce?(): number;
  /** Requests made to the CRM's API so far by this source (retries included): API credits. */
  requestsMade?(): number;
  /**
   * The CRM's time when it made its latest answer, by its own clock (UTC epoch ms); null when it
   * did not say. Absent: the CRM never says. A first sync asks the CRM for deletions only since
   * shortly before it began (sync/deletionAnchor.ts), which this computer's clock cannot tell.
   */
  answeredAt?(): number | null;
  /**
   * One page of the module's records a user owns (modified since `query.modifiedFrom`), in the
   * CRM's order, from `position` (null: the first page). The CRM may stop short of all of them
   * (Zoho's search gives 2,000 at most): the full listing brings the rest. Absent: a first sync
   * has no head start.
   */
  pullOwnedBy?(
    module: SyncModule,
    query: OwnedQuery,
    position: string | null,
    signal?: AbortSignal,
  ): Promise<ChangedPage>;
  /** How many records the module holds (null: the CRM did not say). */
  countRecords?(module: SyncModule): Promise<number | null>;
  /**
   * The newest modification instant of the module's records (null: none), so a long listing can
   * be read in stretches of time at once. Absent: a module is read as one listing.
   */
  newestModifiedAt?(module: SyncModule, signal?: AbortSignal): Promise<number | null>;
  /**
   * The ids of the module's records modified after `since`, newest first, as far as one request
   * goes (`complete`: that was all of them). Lets a sync tell cheaply that no record left a
   * second it read page by page (sync/secondRereads.ts). Absent: such a second is read again.
   */
  changedAfter?(
    module: SyncModule,
    since: number,
    signal?: AbortSignal,
  ): Promise<{ ids: string[]; complete: boolean }>;
  /**
   * One page of the ids of every record of `module` the signed-in user may see now, from
   * `position` (null: the first page); `next` null on the last. A record the CRM stopped showing
   * them without deleting it (reassigned, no longer shared) is in no listing of changes nor of
   * deletions: only this tells (sync/visibilityPass.ts). Absent: such records stay as stored.
   */
  listIds?(
    module: SyncModule,
    position: string | null,
    signal?: AbortSignal,
  ): Promise<{ ids: string[]; next: string | null }>;
  /**
   * The CRM's export of a whole module into a file (Zoho's Bulk Read), for a large module's first
   * sync. Absent: every module is read page by page.
   */
  bulkRead?: BulkReader;
}

/** An export job: its id, and the CRM's time it was created (records changed later may be missing). */
export interface BulkJob {
  id: string;
  createdAt: number;
}

export type BulkJobState =
  | { state: 'waiting' }
  | { state: 'failed'; reason: string }
  /** `next`: where the next job of the same export starts (null: this was the last). */
  | { state: 'completed'; next: string | null };

/** A job's records, parsed and mapped as they are asked for: null once all were given. */
export interface BulkRows {
  next(max: number): Promise<PulledRecord[] | null>;
}

export interface BulkReader {
  /** Whether the module can be exported at all (the file cannot carry all of some modules' fields). */
  supports(module: SyncModule): boolean;
  /** Starts an export of the module from `from` (null: its start). Throws BulkReadUnavailableError. */
  start(module: SyncModule, from: string | null, signal?: AbortSignal): Promise<BulkJob>;
  /**
   * Throws BulkResultGoneError when the CRM no longer knows the job, BulkReadUnavailableError
   * when it refuses to tell (it will not change its mind on asking again: page instead).
   */
  check(jobId: string, signal?: AbortSignal): Promise<BulkJobState>;
  /**
   * The finished job's records, downloaded. Throws BulkResultGoneError when the file expired and
   * BulkReadUnavailableError when it cannot be read (then records come page by page instead).
   */
  rows(module: SyncModule, jobId: string, signal?: AbortSignal): Promise<BulkRows>;
}

/** The CRM will not export this module for this sign-in (edition, scope, profile): page instead. */
export class BulkReadUnavailableError extends Error {
  override name = 'BulkReadUnavailableError';
}

/** The job or its file is gone (results are kept a day): a new job is needed. */
export class BulkResultGoneError extends Error {
  override name = 'BulkResultGoneError';
}
