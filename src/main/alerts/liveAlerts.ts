import { shownName } from '../../shared/personName';
import type { AlertItem, BestWindow, VisitorCategory } from '../../shared/alertsContract';
import type { Db } from '../db/openDatabase';
import {
  alertsRaisedSince,
  dueHeldAlerts,
  heldAlertsFor,
  insertAlert,
  markDelivered,
  rescheduleAlerts,
  setAlertPayload,
  type AlertRow,
} from '../db/repos/alerts';
import { anonymousFirstVisits, visitTimesSince } from '../db/repos/visits';
import { transaction } from '../db/sqlRun';
import type { UserRow } from '../db/schema';
import { onWebsiteAt } from '../../shared/onTheWebsite';
import { readSettings } from '../settings/settingsStore';
import {
  AlertEngine,
  cooldownKey,
  sessionKey,
  type EngineOptions,
  type PageViewSource,
  type Session,
} from './alertEngine';
import { asksReturning, ownPeopleOnly } from './alertRules';
import {
  effectiveWorkingHours,
  organisationHours,
  readRepAlertConfig,
  repDayZone,
} from './alertSettings';
import { alertsEnabled } from '../db/repos/alertsSwitch';
import { visitsActedOn } from '../db/repos/visitsActedOn';
import { alertBody, alertTitle, heldAlertTitle, lateAlertTitle, type VisitSpan } from './alertText';
import { alertWindow, BestWindows } from './bestWindows';
import { visitSpans } from './heldVisitSpans';
import { isBotUserAgent } from './botUserAgents';
import { anonymousVisitorId, storedPageViews } from './storedPageViews';
import { loadPeople, type KnownPerson } from './visitorFacts';
import { deliveryTime, type WorkingHours } from './workingHours';

/** How far back a live evaluation reads visits: no session stays open longer (the planner's
 * longest visit), and the restraint's memory is the `alerts` table, not these visits. */
const LOOKBACK_MS = 6 * 3_600_000;
/** How far back an unknown visitor's earlier visits are looked for: the rule preview's week. */
const RETURNING_LOOKBACK_MS = 7 * 86_400_000;

/** What an alert said when it was raised, kept with it (alerts.payload). */
interface AlertPayload {
  name: string | null;
  company: string | null;
  email: string | null;
  phone: string | null;
  pages: string[];
  score: number | null;
  /** The person's zone, to find their window again when a held alert is delivered. */
  zone: string | null;
  bestWindow: BestWindow | null;
  /** A held alert's: whether the visitor was still on the website when it was delivered (what it
   * told the rep then, and says ever after). Absent on alerts delivered before it was kept. */
  onSiteAtDelivery?: boolean;
  /** A held alert's visit as it stood when delivered: its end null while they were still there.
   * Absent on alerts delivered before it was kept. */
  visitSpan?: VisitSpan;
}

/** What holds a rep's alerts back besides working hours. */
export interface HoldState {
  pausedUntil: number | null;
  callInProgress: boolean;
}

function windowsOf(db: Db): BestWindows {
  const settings = readSettings(db);
  return new BestWindows(db, { call: settings.callSuggestions, email: settings.emailSuggestions });
}

function repHours(db: Db, rep: UserRow): WorkingHours {
  return effectiveWorkingHours(db, rep, readRepAlertConfig(db, rep.id).workingHours);
}

/** When the rep's working hours next let an alert go: `now` while they work. */
export function workResumesAt(db: Db, rep: UserRow, now: number): number {
  return deliveryTime(repHours(db, rep), now);
}

/** The visits on the website at `now` by the Visits page's rule (src/shared/onTheWebsite.ts: seen
 * in the last 15 minutes, an end the CRM reports counting, as do page views a sync stamps with the
 * visit's start). */
function visitsOnSite(db: Db, now: number): Set<string> {
  const onSite = new Set<string>();
  for (const v of visitTimesSince(db, now - LOOKBACK_MS))
    if (
      onWebsiteAt({ startedAt: v.started_at, endedAt: v.ended_at, lastPageAt: v.last_page_at }, now)
    )
      onSite.add(v.id);
  return onSite;
}

/**
 * Per visitor (as the engine names them), the instants of their page views in visits on the
 * website: a person's, not those of a machine in their name (the engine leaves those out of
 * sessions). A session is on the website while any of these falls within it, and it leaves with
 * the last of its visits: the CRM stamps a visit's pages with its start, so a short visit in
 * another tab or on another device, started later and over, says nothing of a longer one still
 * going.
 */
function onSiteViews(
  views: PageViewSource['views'],
  onSite: ReadonlySet<string>,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (onSite.size === 0) return out;
  const machine = new Map<string, boolean>();
  for (const view of views) {
    const { visitId, visitorId, userAgent } = view.visitor;
    if (visitId === null || !onSite.has(visitId)) continue;
    let bot = machine.get(visitId);
    if (bot === undefined) {
      bot = isBotUserAgent(userAgent);
      machine.set(visitId, bot);
    }
    if (bot) continue;
    const times = out.get(visitorId);
    if (times) times.push(view.at);
    else out.set(visitorId, [view.at]);
  }
  return out;
}

/**
 * The held alerts (by id) whose visitor is on the website at `now`, their delivery, as the live
 * evaluation judges a session: a visit of theirs on the website that they read in since the
 * alert's session began, or the alert's own visit (a later sync may have linked it to a person,
 * another visitor id).
 */
function onSiteAt(db: Db, repId: string, rows: readonly AlertRow[], now: number): Set<number> {
  const onSite = visitsOnSite(db, now);
  const seen = onSiteViews(
    storedPageViews(db, now - LOOKBACK_MS, now + 1, repId, now).views,
    onSite,
  );
  const out = new Set<number>();
  for (const r of rows)
    if (
      (r.visit_id !== null && onSite.has(r.visit_id)) ||
      (seen.get(r.visitor_id) ?? []).some((at) => at >= r.visit_started_at)
    )
      out.add(r.id);
  return out;
}

/**
 * Held until when, and why; null reason: deliver now. A call is the reason only when nothing
 * outlasts it, as heldInForce tells one raised earlier: a call claimed an alert raised on Saturday
 * evening, and saving it released nothing the night still held (review53 3). Delivery waits for an
 * open call once working hours begin. A pause stays the reason while it lasts, even one ending
 * after work, so resuming early releases the alert (releaseHeld); heldInForce tells whichever of
 * the pause and working hours holds it longer.
 */
function holdFor(
  hours: WorkingHours,
  hold: HoldState,
  now: number,
): { reason: AlertRow['hold_reason']; deliverAt: number | null } {
  const pausedUntil = hold.pausedUntil !== null && hold.pausedUntil > now ? hold.pausedUntil : null;
  if (pausedUntil !== null)
    return { reason: 'paused', deliverAt: deliveryTime(hours, pausedUntil) };
  const at = deliveryTime(hours, now);
  if (at > now) return { reason: 'hours', deliverAt: at };
  if (hold.callInProgress) return { reason: 'call', deliverAt: null };
  return { reason: null, deliverAt: now };
}

/**
 * Hot-visitor alerts as the app raises them (VT-6 to VT-9), run after the sync stores visits:
 * the visits of the last hours go through the signed-in rep's rules with the replay's restraint
 * (AlertEngine), which remembers earlier alerts from the `alerts` table. An alert is raised once
 * per session and only while the session is open (a visitor who left half an hour ago is no
 * longer news), then delivered at once or held: outside working hours, while paused, while a
 * call is being logged. Returns the alerts delivered at once.
 */
export function evaluateLiveAlerts(
  db: Db,
  rep: UserRow,
  now: number,
  hold: HoldState,
  /** 'unknown': only the sessions of visitors nobody known (see `AlertsService.visitsStored`). */
  which: 'all' | 'unknown' = 'all',
): AlertRow[] {
  if (!alertsEnabled(db)) return [];
  const config = readRepAlertConfig(db, rep.id);
  const hours = effectiveWorkingHours(db, rep, config.workingHours);
  const cooldownMs = config.cooldownMinutes * 60_000;
  const stored = storedPageViews(db, now - LOOKBACK_MS, now + 1, rep.id, now);
  if (stored.views.length === 0) return [];

  // The cooldown runs from when the rep was told (the alert raised, created_at), not from the
  // page view that qualified (alert_at): a late sync or a rule change raises long after it.
  const toldAt = new Map<string, number>();
  const alertedStarts = new Map<string, number[]>();
  // A visit a later sync linked to a person is another visitor id, but the same visit.
  const alertedVisits = new Set<string>();
  for (const a of alertsRaisedSince(db, rep.id, now - LOOKBACK_MS - cooldownMs)) {
    const key = cooldownKey(a.person_id, a.visitor_id);
    toldAt.set(key, Math.max(toldAt.get(key) ?? a.created_at, a.created_at));
    alertedStarts.set(a.visitor_id, [
      ...(alertedStarts.get(a.visitor_id) ?? []),
      a.visit_started_at,
    ]);
    if (a.visit_id) alertedVisits.add(a.visit_id);
  }
  const people = loadPeople(
    db,
    stored.personIds,
    organisationHours(db).zone,
    asksReturning(config.rules) && { repId: rep.id },
    ownPeopleOnly(config.rules, rep.id),
    shownName,
  );
  // A session is news only while one of its visits is on the website now by the Visits page's
  // rule (any of them, not only the visit of its latest page view: see onSiteViews), so an alert
  // never says someone is on the website whom the Visits page says has left.
  const onSite = onSiteViews(stored.views, visitsOnSite(db, now));
  // "Returning" for a visitor nobody knows looks back as far as the rule preview does.
  let seenBefore: Map<string, number> | undefined;
  if (asksReturning(config.rules) && config.rules.some((r) => r.categories.includes('unknown'))) {
    seenBefore = new Map();
    for (const v of anonymousFirstVisits(db, now - RETURNING_LOOKBACK_MS, now - LOOKBACK_MS))
      seenBefore.set(anonymousVisitorId(v.ip, v.user_agent), v.first);
  }
  // The engine's sessions of a visitor do not overlap: a page view of theirs between a session's
  // first and last is one of its own.
  const open = ({ session }: Raised): boolean =>
    (onSite.get(session.visitorId) ?? []).some((at) => at >= session.start && at <= session.last);
  // A session already over is not news, and must not raise an alert, even one dropped after, that
  // would put the visitor's session of now in its cooldown: runs again with such sessions silent
  // until none of them raises (rare: after a start, or a sync that brings a visit late).
  const silent = new Set<string>();
  // So is a session raised by a visit the rep made a lead of from its card (Visits › Create
  // lead): they are acting on that visitor already, and "on the website" is noise. Silent, it
  // starts no cooldown either: the visitor's next visit alerts as usual.
  const actedOn = visitsActedOn(db);
  const quiet = (r: Raised): boolean => !open(r) || (r.visitId !== null && actedOn.has(r.visitId));
  let raised: Raised[];
  for (;;) {
    raised = raise(stored.views, {
      repId: rep.id,
      rules: config.rules,
      cooldownMs,
      dayZone: repDayZone(db, rep),
      facts: (id) => people.get(id),
      toldAt,
      silent,
      ...(seenBefore ? { seenBefore: (id: string) => seenBefore.get(id) } : {}),
    });
    const over = raised.filter(quiet).map((r) => sessionKey(r.session));
    if (over.length === 0) break;
    for (const key of over) silent.add(key);
  }
  // Not alerted about by an earlier evaluation (whose alert carries the session's start and
  // its visit). The restraint is per visitor, so leaving known people out changes nothing of
  // what the others raise: the evaluation that includes them later raises theirs alone.
  const fresh = raised.filter(
    ({ session, visitId }) =>
      (which === 'all' || session.personId === null) &&
      !(alertedStarts.get(session.visitorId) ?? []).some(
        (t) => t >= session.start && t <= session.last,
      ) &&
      !(visitId !== null && alertedVisits.has(visitId)),
  );
  if (fresh.length === 0) return [];

  const windows = windowsOf(db);
  const delivered: AlertRow[] = [];
  transaction(db, () => {
    for (const a of fresh) {
      const person = a.session.personId ? people.get(a.session.personId) : undefined;
      const due = holdFor(hours, hold, now);
      const row = {
        user_id: rep.id,
        person_id: person?.id ?? null,
        visit_id: a.visitId,
        visitor_id: a.session.visitorId,
        category: a.category,
        rule: a.rule,
        visit_started_at: a.session.start,
        alert_at: a.at,
        created_at: now,
        delivery: due.reason === null ? ('now' as const) : ('held' as const),
        hold_reason: due.reason,
        deliver_at: due.deliverAt,
        delivered_at: due.reason === null ? now : null,
        read_at: null,
        toast_dismissed_at: null,
        // The pages as the session stands now, not as at the page view that raised it: a sync
        // brings a minute's page views at once, and the alert says what they are reading now.
        payload: JSON.stringify(
          payloadOf(a.session, person, [...a.session.pages], windows, due.deliverAt ?? now),
        ),
      };
      const id = insertAlert(db, row);
      if (row.delivered_at !== null) delivered.push({ id, ...row });
    }
  });
  return delivered;
}

interface Raised {
  session: Session;
  rule: string;
  category: VisitorCategory;
  at: number;
  /** The stored visit of the page view that raised it. */
  visitId: string | null;
}

/** The alerts the engine raises over the views, each with the session as it stands at the end. */
function raise(views: PageViewSource['views'], options: EngineOptions): Raised[] {
  const engine = new AlertEngine(options);
  const raised: Raised[] = [];
  for (const view of views) {
    const outcome = engine.observe(view);
    if (outcome.kind === 'alert')
      raised.push({
        session: outcome.session,
        rule: outcome.rule.name,
        category: outcome.facts.category,
        at: view.at,
        visitId: view.visitor.visitId,
      });
  }
  return raised;
}

function payloadOf(
  session: Session,
  person: KnownPerson | undefined,
  pages: string[],
  windows: BestWindows,
  at: number,
): AlertPayload {
  return {
    name: person?.name ?? session.visitorName,
    company: person?.company ?? null,
    email: person?.email ?? null,
    phone: person?.phone ?? null,
    pages,
    score: person?.score ?? null,
    zone: person?.zone ?? null,
    bestWindow: person ? alertWindow(windows.of(person.id, person.zone, at)) : null,
  };
}

function readPayload(row: Pick<AlertRow, 'payload'>): AlertPayload {
  try {
    return JSON.parse(row.payload) as AlertPayload;
  } catch {
    return {
      name: null,
      company: null,
      email: null,
      phone: null,
      pages: [],
      score: null,
      zone: null,
      bestWindow: null,
    };
  }
}

/**
 * Held alerts whose time has come, delivered now, together (a digest when there are several),
 * each with the person's window as of now rather than as of when it was raised, and whether the
 * visitor is still on the website now (what its title says, then and later). Nothing is
 * delivered while the admin switch is off.
 */
export function deliverDueAlerts(db: Db, rep: UserRow, now: number): AlertRow[] {
  if (!alertsEnabled(db)) return [];
  const due = dueHeldAlerts(db, rep.id, now);
  if (due.length === 0) return [];
  const windows = windowsOf(db);
  const onSite = onSiteAt(db, rep.id, due, now);
  const spans = visitSpans(db, rep.id, due, now);
  return transaction(db, () => {
    const out: AlertRow[] = [];
    for (const row of due) {
      const payload = readPayload(row);
      if (row.person_id && payload.zone)
        payload.bestWindow = alertWindow(windows.of(row.person_id, payload.zone, now));
      const span = spans.get(row.id);
      // The span and the quarter-hour rule are one rule (onWebsiteAt): both say whether they are there.
      payload.onSiteAtDelivery = onSite.has(row.id) && span?.end == null;
      if (span) payload.visitSpan = span;
      const text = JSON.stringify(payload);
      setAlertPayload(db, row.id, text);
      out.push({ ...row, payload: text, delivered_at: now });
    }
    markDelivered(
      db,
      due.map((r) => r.id),
      now,
    );
    return out;
  });
}

/**
 * Alerts held for one reason, timed again by the holds of now: the call was logged, the pause
 * ended (early or on time) or another replaced it. Due now, or at the next working period, or at
 * the end of the pause in force.
 */
export function releaseHeld(
  db: Db,
  rep: UserRow,
  reason: 'call' | 'paused',
  now: number,
  hold: HoldState,
): void {
  const rows = heldAlertsFor(db, rep.id, reason);
  if (rows.length === 0) return;
  const due = holdFor(repHours(db, rep), hold, now);
  rescheduleAlerts(
    db,
    rows.map((r) => r.id),
    { hold_reason: due.reason ?? reason, deliver_at: due.deliverAt ?? now },
  );
}

/** An alert as the API gives it, worded in the rep's zone. `span`: a held alert's visit as it
 * stands now (visitSpans), for one not delivered yet; a delivered one says what it said then. */
export function alertItem(row: AlertRow, repTz: string, now: number, span?: VisitSpan): AlertItem {
  const p = readPayload(row);
  const visitSpan = row.delivery === 'held' ? (p.visitSpan ?? span) : undefined;
  const wording = {
    name: p.name,
    company: p.company,
    category: row.category,
    pages: p.pages,
    score: p.score,
    bestWindow: p.bestWindow,
    // A held alert says they are on the website if they were when it was delivered (judged then,
    // so its title in Recent alerts does not change as time passes), else when they came. One
    // delivered before that was kept is judged by the page view that raised it, at its delivery.
    heldAt:
      row.delivery === 'held' &&
      !(
        p.onSiteAtDelivery ??
        onWebsiteAt(
          { startedAt: row.alert_at, endedAt: null, lastPageAt: row.alert_at },
          row.delivered_at ?? now,
        )
      )
        ? row.alert_at
        : null,
  };
  return {
    id: row.id,
    personId: row.person_id,
    visitId: row.visit_id,
    visitorId: row.visitor_id,
    name: p.name,
    company: p.company,
    email: p.email,
    phone: p.phone,
    category: row.category,
    rule: row.rule,
    score: p.score,
    pages: p.pages,
    visitStartedAt: row.visit_started_at,
    alertAt: row.alert_at,
    delivery: row.delivery,
    holdReason: row.hold_reason,
    deliverAt: row.deliver_at,
    deliveredAt: row.delivered_at,
    readAt: row.read_at,
    toastDismissedAt: row.toast_dismissed_at,
    bestWindow: p.bestWindow,
    title: visitSpan
      ? lateAlertTitle(wording, visitSpan, repTz, now)
      : wording.heldAt != null
        ? heldAlertTitle(wording, wording.heldAt, repTz, now)
        : alertTitle(wording),
    body: alertBody(wording, repTz, now),
  };
}
