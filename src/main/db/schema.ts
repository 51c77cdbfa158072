import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CallOutcome } from '../../shared/callOutcome';

/** Row types of the local database. Instants are UTC epoch milliseconds; zones are IANA names. */
export interface UsersTable {
  id: string;
  name: string;
  email: string;
  role: 'rep' | 'manager' | 'admin';
  manager_id: string | null;
  team: string | null;
  time_zone: string;
  active: Generated<number>;
  /** The shift whose hours the user works (migration 15); null: the organisation's hours. */
  shift_id: Generated<string | null>;
}

/** A CRM shift: a week of working hours in its own zone (Zoho's shift hours). */
interface ShiftsTable {
  id: string;
  name: string;
  time_zone: string;
  /** BusinessHours as JSON, as the organisation's are stored. */
  hours: string;
}

/**
 * A day off (Zoho's holidays, migration 20): the whole calendar day `date` (YYYY-MM-DD) in the zone
 * of the hours it closes. `shift_id` null: a business holiday, for everyone on the organisation's
 * hours; else a holiday of that shift, for its users.
 */
interface HolidaysTable {
  id: string;
  date: string;
  name: string;
  shift_id: string | null;
}

export interface OrganisationTable {
  id: number;
  name: string;
  time_zone: string;
  /** JSON of besttime's BusinessHours: days[0] is Monday, [startMin, endMin) intervals in the org's zone. */
  business_hours: string;
  /** 'demo' for the embedded demo organisation, 'zoho' for a connected CRM. */
  source: string;
}

export interface AccountsTable {
  id: string;
  name: string;
  industry: string | null;
  website: string | null;
  country: string | null;
  owner_id: string | null;
  modified_at: number;
}

export interface PeopleTable {
  id: string;
  module: 'lead' | 'contact';
  first_name: string | null;
  last_name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  company: string | null;
  account_id: string | null;
  /**
   * The account the CRM names (migration 023), kept while that account is not stored here
   * (account_id null), so its arrival links the row; null on rows written before it, or by the app.
   */
  crm_account_id: string | null;
  owner_id: string | null;
  country: string | null;
  time_zone: string | null;
  lead_status: string | null;
  lead_source: string | null;
  days_visited: number | null;
  chats_count: number | null;
  avg_time_spent_min: number | null;
  first_visit_at: number | null;
  last_visit_at: number | null;
  first_visited_url: string | null;
  visit_referrer: string | null;
  visitor_score: number | null;
  created_at: number;
  modified_at: number;
}

export interface DealsTable {
  id: string;
  name: string;
  stage: string;
  status: 'open' | 'won' | 'lost';
  amount: number | null;
  currency: string | null;
  closing_date: string | null;
  person_id: string | null;
  /**
   * The lead or contact the CRM names (migration 021), kept while that person is not stored here
   * (person_id null), so their arrival links the row; null on rows written before it, or by the app.
   */
  crm_person_id: string | null;
  account_id: string | null;
  /**
   * The account the CRM names (migration 023), kept while that account is not stored here
   * (account_id null), so its arrival links the row; null on rows written before it, or by the app.
   */
  crm_account_id: string | null;
  owner_id: string | null;
  modified_at: number;
}

export interface ActivitiesTable {
  id: string;
  person_id: string;
  owner_id: string | null;
  signal: string | null;
  kind: string;
  channel: string;
  direction: 'in' | 'out' | null;
  started_at: number;
  duration_s: number | null;
  subject: string | null;
  /**
   * completed, scheduled, cancelled or failed, as the CRM says. A meeting's stays 'scheduled': the
   * CRM gives it no status, its time decides, so readers derive it (shared/activityStatus.ts).
   */
  status: Generated<string>;
  source_module: string;
  source_id: string | null;
  /** How a call went (migration 008); null for other activities and calls nobody said. */
  outcome: CallOutcome | null;
  /** The CRM's Modified_Time (migration 013); null when not known (emails, older rows, the app's). */
  modified_at: number | null;
  /**
   * A task's due date, YYYY-MM-DD, as the CRM keeps it (Zoho's Due_Date, a date with no zone;
   * migration 031): `started_at` is where the planner places it. Null for other activities, a
   * task with none or a malformed one, a completed task read before the migration, the demo's.
   */
  due_date: string | null;
}

export interface VisitsTable {
  id: string;
  person_id: string | null;
  /**
   * The lead or contact the CRM names (migration 021), kept while that person is not stored here
   * (person_id null), so their arrival links the row; null on rows written before it, or by the app.
   */
  crm_person_id: string | null;
  visitor_name: string | null;
  visitor_email: string | null;
  ip: string | null;
  started_at: number;
  ended_at: number | null;
  time_spent_s: Generated<number>;
  referrer: string | null;
  search_engine: string | null;
  search_keyword: string | null;
  /** The browser's user agent, where the CRM keeps one (bots never alert). */
  user_agent: string | null;
  /** The user agent's row in `user_agents`; kept by triggers, never written by the app. */
  user_agent_id: ColumnType<number | null, never, never>;
  /** What the visitor did (Zoho SalesIQ's actions: its text, or its sub-list as JSON), as the
   * sync wrote it; read in plain words by shared/visitActions.ts. */
  actions: string | null;
  /** The CRM's Modified_Time (migration 013); null when not known (a related list without it). */
  modified_at: number | null;
  /**
   * 1 when `actions` hold a form submitted (shared/visitActions.ts `hasFormAction`), else 0
   * (migration 032): written with `actions` by whoever stores a visit with a form.
   */
  has_form: Generated<number>;
}

/** Each distinct user agent of the visits once (see migration 011). */
interface UserAgentsTable {
  id: Generated<number>;
  user_agent: string;
}

export interface VisitPagesTable {
  id: Generated<number>;
  visit_id: string;
  url: string;
  title: string | null;
  viewed_at: number;
  time_spent_s: number | null;
}

export interface ChatsTable {
  id: string;
  person_id: string | null;
  /**
   * The lead or contact the CRM names (migration 021), kept while that person is not stored here
   * (person_id null), so their arrival links the row; null on rows written before it, or by the app.
   */
  crm_person_id: string | null;
  visit_id: string | null;
  operator_id: string | null;
  started_at: number;
  ended_at: number | null;
}

export interface ChatMessagesTable {
  id: Generated<number>;
  chat_id: string;
  sender: 'visitor' | 'operator';
  author: string;
  sent_at: number;
  text: string;
}

/**
 * A chat transcript the CRM keeps as a note on the lead or contact (migration 029): `text` as the
 * note holds it, `written_at` when the note was made (UTC ms), which pairs it with its chat.
 */
export interface ChatTranscriptsTable {
  id: string;
  person_id: string;
  written_at: number;
  modified_at: number;
  title: string | null;
  text: string;
  /** The names of the files on the note, JSON (migration 030); null: none, or read before. */
  files: string | null;
}

export interface BestTimeWindowsTable {
  person_id: string;
  channel: 'call' | 'email';
  time_zone: string;
  /** JSON, see besttime/store/windowsCodec.ts. */
  windows: string;
}

/** The organisation's priors from the last full relearn (besttime/store/priorsCodec.ts). */
export interface LearnedPriorsTable {
  /** Always 1: one row. */
  id: number;
  /** PRIORS_VERSION of the model that wrote it: another version is relearned, not read. */
  model_version: number;
  /** The full relearn's instant, the same as the windows_learned_at setting. */
  learned_at: number;
  /** JSON, see besttime/store/priorsCodec.ts. */
  priors: string;
}

export interface PlanActionsTable {
  id: Generated<number>;
  user_id: string;
  person_id: string;
  day: string;
  channel: string | null;
  action: 'done' | 'snoozed' | 'skipped' | 'call_logged';
  at: number;
  payload: string | null;
  /** A logged call with someone who had no call row on that day's plan (1), else 0. */
  off_plan: Generated<number>;
}

/** A rep's alert rule (alerts/alertRules.ts); `rule` is the rest of the rule as JSON. */
interface AlertRulesTable {
  id: Generated<number>;
  user_id: string;
  position: number;
  name: string;
  rule: string;
  created_at: number;
}

/** A rep's alert preferences; no row means the defaults. */
export interface AlertPreferencesTable {
  user_id: string;
  /** 1 once the rep saved rules of their own (possibly none), 0 for the default rule set. */
  custom_rules: Generated<number>;
  cooldown_minutes: number | null;
  /** The rep's own working hours ("Mon-Fri 08:00-20:00"), in their zone; null: the organisation's. */
  working_hours: string | null;
  paused_until: number | null;
  updated_at: number;
}

/** An alert raised for a rep (alerts/liveAlerts.ts); `payload` is what it said, as JSON. */
export interface AlertsTable {
  id: Generated<number>;
  user_id: string;
  person_id: string | null;
  visit_id: string | null;
  visitor_id: string;
  category: 'customer' | 'customer_open_deal' | 'lead_contact' | 'unknown';
  rule: string;
  visit_started_at: number;
  alert_at: number;
  created_at: number;
  delivery: 'now' | 'held';
  hold_reason: 'hours' | 'paused' | 'call' | null;
  deliver_at: number | null;
  delivered_at: number | null;
  read_at: number | null;
  /** The rep dismissed its toast (in any window): not toasted again, still unread. */
  toast_dismissed_at: number | null;
  payload: string;
}

interface SettingsTable {
  key: string;
  value: string;
}

export interface SyncStateTable {
  module: string;
  watermark: number | null;
  cursor: string | null;
  last_success_at: number | null;
  updated_at: number;
}

export interface OutboxTable {
  id: Generated<number>;
  idempotency_key: string;
  kind: string;
  payload: string;
  created_at: number;
  attempts: Generated<number>;
  last_error: string | null;
  pushed_at: number | null;
  /** When the last create was sent (UTC ms); null: none yet. Set before its answer is known. */
  create_sent_at: number | null;
  /** When the CRM refused it outright (UTC ms): not sent again until the rep retries it. */
  refused_at: number | null;
  /** When the rep chose not to send it (UTC ms): kept as history, never sent. */
  discarded_at: number | null;
}

/**
 * A CRM record the sync could not store, with its error; `writes` holds the mapped rows of a
 * record that only waits for its parent, retried at the end of every sync (sync/quarantineRetry.ts).
 */
interface QuarantineTable {
  module: string;
  record_id: string;
  error: string;
  /** JSON of the record as the CRM sent it. */
  raw: string;
  /** JSON of the record's LocalWrite rows, or null when the record could not be mapped. */
  writes: string | null;
  modified_at: number;
  first_seen_at: number;
  last_seen_at: number;
  /**
   * When a sync found `writes` could not be read back (UTC ms; migration 25): kept, not retried
   * until the CRM sends a newer copy. Null otherwise.
   */
  unreadable_at: number | null;
  /**
   * The person id its activity row names, who is not stored (migration 28): what it waits for.
   * Null for a record Zoho sent as this app cannot read.
   */
  waits_for: string | null;
}

/** A plan row's latest mark, shared through the CRM (migration 16); `sent` 0: not yet there. */
export interface PlanMarkSharesTable {
  user_id: string;
  person_id: string;
  day: string;
  channel: string;
  action: 'done' | 'snoozed' | 'skipped' | 'clear';
  at: number;
  /** A snooze's choice, as `plan_actions.payload`; null for none. */
  payload: string | null;
  sent: Generated<number>;
  /** 1: read from the CRM for a person or rep not held here yet; applied when they arrive. */
  waiting: Generated<number>;
}

/** A rep's day as planned (see planner/dayPlanSnapshots.ts for `plan`). */
interface DayPlansTable {
  user_id: string;
  day: string;
  saved_at: number;
  plan: string;
}

export interface Database {
  users: UsersTable;
  organisation: OrganisationTable;
  shifts: ShiftsTable;
  holidays: HolidaysTable;
  accounts: AccountsTable;
  /** With name, email and company as a search compares them, kept by triggers (migration 14). */
  people: PeopleTable & {
    search_text: Generated<string | null>;
    /** The latest of what can be their last activity, coded (migration 39, repos/lastTouch.ts). */
    last_touch: Generated<number | null>;
    /**
     * From when last_touch is their last activity for every rep; NEVER_FOR_SURE: never (an
     * e-mail's visit); null: stale, to be set again (the list then reads the seeks).
     */
    last_touch_from: Generated<number | null>;
  };
  deals: DealsTable;
  activities: ActivitiesTable;
  visits: VisitsTable;
  user_agents: UserAgentsTable;
  visit_pages: VisitPagesTable;
  chats: ChatsTable;
  chat_messages: ChatMessagesTable;
  chat_transcripts: ChatTranscriptsTable;
  best_time_windows: BestTimeWindowsTable;
  learned_priors: LearnedPriorsTable;
  plan_actions: PlanActionsTable;
  day_plans: DayPlansTable;
  plan_mark_shares: PlanMarkSharesTable;
  alert_rules: AlertRulesTable;
  alert_preferences: AlertPreferencesTable;
  alerts: AlertsTable;
  settings: SettingsTable;
  sync_state: SyncStateTable;
  outbox: OutboxTable;
  quarantine: QuarantineTable;
}

export type UserRow = Selectable<UsersTable>;
export type ShiftRow = Selectable<ShiftsTable>;
