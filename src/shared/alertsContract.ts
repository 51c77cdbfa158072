import { z } from 'zod';
import type { Channel } from './signals';
import type { VisitAction } from './visitActions';
import { VISITOR_CATEGORIES, type VisitorCategory } from './visitorCategories';

export type { VisitorCategory };

/**
 * The hot-visitor part of the API (VT-1 to VT-10): the Visits page, alert rules and settings,
 * the rule preview and the alert feed. Merged into the one contract in contract.ts.
 */

/** A glob on the URL path: `*` any characters (slashes too), `?` one; case is ignored. */
const pageGlob = z
  .string()
  .trim()
  .min(1, 'a page pattern is a path such as /pricing*')
  .max(200)
  .regex(/^\//, 'a page pattern starts with "/" (a path such as /pricing*)');

/** A lowest visitor score, as the app takes it (the `alerts` command's rules files: rulesFile.ts). */
const visitorScore = z
  .number({ error: 'a lowest score is a number, such as 20 or -10' })
  .min(-1_000_000, 'a lowest score is at least -1,000,000')
  .max(1_000_000, 'a lowest score is at most 1,000,000');

/** Whose people a rule is about (see alertRuleSchema's `owner`). */
const RULE_OWNERS = ['me', 'team', 'anyone'] as const;

/** One alert rule: a visit session raises an alert when every field it sets holds. */
export const alertRuleSchema = z
  .object({
    name: z.string().trim().min(1, 'a rule needs a name').max(100),
    categories: z
      .array(z.enum(VISITOR_CATEGORIES))
      .min(1, 'a rule names at least one category')
      .max(VISITOR_CATEGORIES.length),
    /**
     * `me`: only people the rep owns; `team`: theirs and those of everyone who reports to them,
     * at every level (a manager's); `anyone`: any owner, unknown visitors included.
     */
    owner: z.enum(RULE_OWNERS, {
      error: 'whose people is "me", "team" (a manager\'s team) or "anyone"',
    }),
    page: pageGlob.optional(),
    /**
     * The person's visitor score (VT-3) is at least this; unknown visitors have none. Below 0 too:
     * SalesIQ's scoring rules subtract points as well as add them, and Zoho syncs the total.
     */
    minScore: visitorScore.optional(),
    /** The visitor was on the website on an earlier day (true), or this is their first day (false). */
    returning: z.boolean().optional(),
  })
  .strict();
export type AlertRule = z.output<typeof alertRuleSchema>;

/**
 * Why a rule can never raise an alert, or null: unknown visitors have no owner and no score, so a
 * rule for them alone that asks `owner: me` or a minimum score never holds.
 */
export function whyRuleNeverHolds(
  rule: Pick<AlertRule, 'categories' | 'owner' | 'minScore'>,
): string | null {
  if (rule.categories.some((c) => c !== 'unknown')) return null;
  if (rule.owner !== 'anyone')
    return `a rule for unknown visitors only never holds with owner "${rule.owner}": nobody owns them (use "anyone")`;
  if (rule.minScore !== undefined)
    return 'a rule for unknown visitors only never holds with a minimum score: they have none';
  return null;
}

const ruleList = z
  .array(alertRuleSchema)
  .max(50)
  .refine(
    (rules) => new Set(rules.map((r) => r.name.toLowerCase())).size === rules.length,
    'two rules have the same name: an alert names the rule that raised it',
  );
const COOLDOWN_WORDS = 'whole minutes from 0 to 1440';
const cooldownMinutes = z
  .number({ error: COOLDOWN_WORDS })
  .int({ error: COOLDOWN_WORDS })
  .min(0, { error: COOLDOWN_WORDS })
  .max(1440, { error: COOLDOWN_WORDS });
/** `besttime --business-hours` syntax ("Mon-Fri 08:00-20:00"), in the rep's zone; null: the organisation's. */
const workingHours = z.string().trim().min(1).max(200).nullable();

/**
 * The data set the page's alerts are of: alert ids are per data set (each its own file), and a
 * switch may show the other one before the page hears of it. A read or a dismissal that names a
 * set no longer shown marks nothing there.
 */
const alertsDataSet = z.enum(['demo', 'crm']);

/** Whose visits the Visits page lists (see listVisits' `scope`). */
export const VISIT_SCOPES = ['mine', 'team', 'everyone'] as const;
export type VisitScope = (typeof VISIT_SCOPES)[number];

export const alertInputSchemas = {
  /** The Visits page: on the website now, today, earlier (newest first). */
  listVisits: z
    .object({
      /**
       * `mine`: the user's own people's visits; `team`: theirs and those of everyone who reports
       * to them (at every level); `everyone`: all visits, unknown visitors included.
       */
      scope: z.enum(VISIT_SCOPES).default('mine'),
      /** With scope `team`: only this member's people (the user, or someone below them). */
      ownerId: z.string().min(1).max(200).optional(),
      categories: z.array(z.enum(VISITOR_CATEGORIES)).max(VISITOR_CATEGORIES.length).optional(),
      /** Below 0 too, as a rule's lowest score. */
      minScore: z.number().optional(),
      page: pageGlob.optional(),
      /** At most this many rows in each of today and earlier. */
      limit: z.number().int().min(1).max(1000).default(100),
      /** Earlier rows only: visits that started before this instant (paging back). */
      before: z.number().int().optional(),
      /**
       * With `before`: also the visits that started at that instant with an id below this one.
       * The last row shown (its start and id) pages back without a gap or a repeat, whatever
       * arrives meanwhile.
       */
      beforeId: z.string().min(1).max(200).optional(),
    })
    .strict()
    .refine((f) => f.ownerId === undefined || f.scope === 'team', {
      message: "one member's visits are asked for with scope 'team'",
      path: ['ownerId'],
    }),
  getAlertSettings: z.object({}).strict(),
  updateAlertSettings: z
    .object({
      rules: ruleList.optional(),
      /** Back to the default rule set (overrides `rules`). */
      resetRules: z.boolean().optional(),
      cooldownMinutes: cooldownMinutes.optional(),
      workingHours: workingHours.optional(),
    })
    .strict(),
  /** The admin switch: visit notifications on or off for everyone. */
  setVisitAlertsEnabled: z.object({ enabled: z.boolean() }).strict(),
  /** VT-10: what these (unsaved) rules would have raised over the last days of stored visits. */
  previewAlertRules: z
    .object({
      rules: ruleList.optional(),
      cooldownMinutes: cooldownMinutes.optional(),
      workingHours: workingHours.optional(),
      days: z.number().int().min(1).max(90).default(7),
    })
    .strict(),
  listAlerts: z
    .object({
      limit: z.number().int().min(1).max(500).default(50),
      /**
       * The alerts the page has toasts up for: the answer says which of them are read or
       * dismissed (`settled`), also those older than the newest `limit` (a burst of alerts).
       */
      toastIds: z.array(z.number().int()).max(1000).optional(),
    })
    .strict(),
  markAlertsRead: z
    .object({
      ids: z.array(z.number().int()).max(1000).optional(),
      all: z.boolean().optional(),
      dataSet: alertsDataSet.optional(),
    })
    .strict(),
  /** The rep dismissed these toasts (Dismiss): never toasted again, in any window; still unread. */
  dismissAlertToasts: z
    .object({ ids: z.array(z.number().int()).min(1).max(1000), dataSet: alertsDataSet.optional() })
    .strict(),
  pauseAlerts: z.object({ minutes: z.number().int().min(1).max(1440).default(60) }).strict(),
  resumeAlerts: z.object({}).strict(),
  /** The log-call dialog is open (alerts wait) or closed (what waited is delivered). */
  setCallInProgress: z.object({ active: z.boolean() }).strict(),
} as const;

/** A person's call or e-mail window open now, or the next one to open (UTC ms). */
export interface BestWindow {
  channel: Channel;
  state: 'now' | 'upcoming';
  start: number;
  end: number;
  stars: number;
}

export interface VisitRow {
  /** The stored visit (the CRM's record). */
  id: string;
  personId: string | null;
  /**
   * The CRM links the visit to a lead or contact not stored here yet (the next sync brings them):
   * the visitor is not unknown, and a lead made of them would be a second one.
   */
  personInCrmOnly: boolean;
  /** The person's name, else the name the visitor gave; null for an unknown visitor. */
  name: string | null;
  company: string | null;
  email: string | null;
  phone: string | null;
  category: VisitorCategory;
  ownerId: string | null;
  ownerName: string | null;
  startedAt: number;
  /** The visit's end, else its latest page view. */
  lastSeenAt: number;
  timeSpentS: number;
  onSiteNow: boolean;
  pages: { url: string; title: string | null; viewedAt: number; timeSpentS: number | null }[];
  referrer: string | null;
  searchEngine: string | null;
  searchKeyword: string | null;
  /** VT-1: what the visitor did besides reading pages (a form sent, a chat…), in plain words. */
  actions: VisitAction[];
  /** The person's visitor score (VT-3); null for an unknown visitor. */
  score: number | null;
  ipMasked: string | null;
  windows: { call: BestWindow | null; email: BestWindow | null };
}

export interface VisitList {
  now: number;
  /** The zone "today" is the rep's day in. */
  repTz: string;
  onSite: VisitRow[];
  today: VisitRow[];
  earlier: VisitRow[];
  /** More rows than `limit` matched in today / earlier. */
  more: { today: boolean; earlier: boolean };
  /**
   * The first instant one of `onSite` is no longer on the website: a quarter of an hour after it
   * was last seen (its end, else its last page view); null when nobody is.
   * The page asks again then, instead of waiting for its next refresh.
   */
  onSiteLeavesAt: number | null;
  /**
   * Why no visit can come, in the user's words: the CRM has no website visits (no SalesIQ, so no
   * Visits module and no visits listed on people); null when visits come or the sync has not
   * yet read what the organisation has.
   */
  visitsUnavailable: string | null;
}

export interface AlertSettings {
  /** Whose settings these are: the signed-in user. */
  userId: string;
  rules: AlertRule[];
  /** The rep never edited their rules: these are the default set. */
  defaultRules: boolean;
  /**
   * Stored rules this version cannot read (an owner it does not know, written by a newer version
   * or by hand), each with why: they raise nothing, and saving the rules keeps them as stored.
   */
  unreadableRules: { name: string; problem: string }[];
  cooldownMinutes: number;
  /** The rep's own working hours, in their zone; null when their shift's or the organisation's apply. */
  workingHours: string | null;
  /** The rep's zone, the one their own hours are read in. */
  repTz: string;
  /**
   * The hours alerts are delivered in, as a spec, and the zone they are read in; `shift` names
   * the shift the user works, if any (the hours when `source` is 'shift').
   */
  effectiveHours: {
    spec: string;
    zone: string;
    source: 'rep' | 'shift' | 'organisation';
    shift?: string;
  };
  /**
   * The hours "not my own" goes back to, also while the rep's own are in force: their shift's
   * (`effectiveHours.shift` names it), else the organisation's.
   */
  otherHours: { spec: string; zone: string };
  /**
   * The rep's days off (holidays of their shift, else of the organisation, in the CRM) that are on
   * now or come next, in order, the first few: each a calendar day (YYYY-MM-DD) in the zone of the
   * hours it closes, and when it ends (UTC ms). Whatever their hours, alerts raised on one are held
   * for the next working day. A list, not the next one: a page left open names the next by its own
   * clock, and a day off that has ended gives way to the one after without a reload.
   */
  daysOffAhead: { date: string; name: string; to: number }[];
  /** The admin switch: false turns visit notifications off for everyone. */
  enabledForEveryone: boolean;
  /** The signed-in user may flip that switch. */
  canChangeEnabled: boolean;
  pausedUntil: number | null;
}

export type Suppression = 'bots' | 'session' | 'rules' | 'cooldown';

/** What a replay of stored visits through rules gave (the CLI's summary, in camel case). */
export interface AlertReplaySummary {
  pageViews: number;
  sessions: number;
  botSessions: number;
  alertsNow: number;
  alertsHeld: number;
  /** Page views that raised no alert, by the first restraint that stopped them. */
  suppressed: Record<Suppression, number>;
}

export interface AlertPreview extends AlertReplaySummary {
  from: number;
  to: number;
  /** alertsNow + alertsHeld: "these rules would have raised N alerts". */
  alerts: number;
  /** Different people (or unknown visitors) alerted about. */
  visitors: number;
}

export interface AlertItem {
  id: number;
  personId: string | null;
  visitId: string | null;
  visitorId: string;
  name: string | null;
  company: string | null;
  email: string | null;
  phone: string | null;
  category: VisitorCategory;
  /** The rule that raised it. */
  rule: string;
  score: number | null;
  /** The pages read in the session up to the alert, in order; the last is what they read now. */
  pages: string[];
  visitStartedAt: number;
  /** The page view that raised it. */
  alertAt: number;
  delivery: 'now' | 'held';
  holdReason: 'hours' | 'paused' | 'call' | null;
  /** When a held alert is due (null while it waits for a call to be logged). */
  deliverAt: number | null;
  deliveredAt: number | null;
  readAt: number | null;
  /** When the rep dismissed its toast, in any window: it is not toasted again (still unread). */
  toastDismissedAt: number | null;
  /** The person's call window now or next, else their e-mail window, as of delivery. */
  bestWindow: BestWindow | null;
  /** Worded by the core for the notification and the toast, in the rep's zone. */
  title: string;
  body: string;
}

export interface AlertFeed {
  unread: number;
  /** Alerts raised and not delivered yet (outside working hours, paused, during a call). */
  held: number;
  pausedUntil: number | null;
  /** Delivered alerts, newest first. */
  recent: AlertItem[];
  /**
   * Alerts held (not delivered yet), the first raised first, at most `limit`: each with why
   * (`holdReason`) and until when (`deliverAt`; null for a call, held until the dialog closes).
   */
  heldAlerts: AlertItem[];
  /** The rep's zone (IANA), which the app's times are in: the tray says "paused until" in it. */
  timeZone: string;
  /** The data set these alerts are of, when the core is one of the app's two (not a command's). */
  dataSet?: 'demo' | 'crm';
  /** Of the `toastIds` asked about, those read or whose toast was dismissed (only when asked). */
  settled?: number[];
}

/** Pushed when alerts are delivered (one, or a digest of held ones) or read. */
export interface AlertsEvent {
  delivered: AlertItem[];
  /** Several held alerts delivered together: show this one notice instead of one per alert. */
  digest: { title: string; body: string; ids: number[] } | null;
  unread: number;
  pausedUntil: number | null;
}

export interface AlertMethodOutputs {
  listVisits: VisitList;
  getAlertSettings: AlertSettings;
  updateAlertSettings: AlertSettings;
  setVisitAlertsEnabled: AlertSettings;
  previewAlertRules: AlertPreview;
  listAlerts: AlertFeed;
  markAlertsRead: { unread: number };
  dismissAlertToasts: { unread: number };
  pauseAlerts: { pausedUntil: number | null };
  resumeAlerts: { pausedUntil: number | null };
  setCallInProgress: { delivered: number };
}
