import type {
  AlertFeed,
  AlertPreview,
  AlertRule,
  AlertSettings,
  AlertsEvent,
  VisitList,
} from '../../shared/alertsContract';
import { whyRuleNeverHolds } from '../../shared/alertsContract';
import type { Db } from '../db/openDatabase';
import {
  countAlerts,
  deliveredAlerts,
  heldAlertList,
  markAlertsRead,
  markToastsDismissed,
  nextDeliverAt,
  settledAlertIds,
  type AlertRow,
} from '../db/repos/alerts';
import { transaction } from '../db/sqlRun';
import type { UserRow } from '../db/schema';
import { readSettings } from '../settings/settingsStore';
import { linkAlertsToPeople } from './alertPeople';
import { publicRule } from './alertRules';
import { previewAlertRules, type PreviewInput } from './alertPreview';
import type { Steps } from '../besttime/model/steps';
import {
  canChangeAlertsEnabled,
  effectiveWorkingHours,
  daysOffAhead,
  organisationHours,
  readRepAlertConfig,
  resetRules,
  savePreferences,
  saveRules,
} from './alertSettings';
import { alertsEnabled, switchAlertsForEveryone } from '../db/repos/alertsSwitch';
import { digestText } from './alertText';
import { heldInForce } from './heldInForce';
import {
  alertItem,
  deliverDueAlerts,
  evaluateLiveAlerts,
  releaseHeld,
  workResumesAt,
  type HoldState,
} from './liveAlerts';
import { visitSpans } from './heldVisitSpans';
import { listVisits, type VisitFilter } from './visitList';
import { parseWorkingHours } from './workingHours';

/** A timer never sleeps longer than this: the clock may be moved, and the check is cheap. */
const LONGEST_SLEEP_MS = 3_600_000;
/**
 * A call being logged holds alerts this long after the dialog last said it is open: the dialog
 * says so again every half minute (LogCallDialog.tsx), so a tab closed or a page left with it
 * open, which may never say the call is over, holds alerts two minutes at most, not until the next
 * call is saved. Four renewals may be missed on a loaded machine before a hold lapses.
 */
const CALL_HOLD_LAPSE_MS = 2 * 60_000;

export interface AlertsServiceDeps {
  db: Db;
  clock: () => number;
  /** The signed-in user, whose alerts these are. */
  currentRep: () => UserRow | null;
  /** Tells the windows and the tray (VT-7). */
  emit: (event: AlertsEvent) => void;
}

/**
 * The hot-visitor alerts of one data set, behind the core API: the Visits page, the signed-in
 * rep's rules and settings, the preview, the feed with its unread count, and the holds (pause,
 * a call being logged, working hours) with the timer that delivers held alerts when due.
 */
export class AlertsService {
  /** When an open log-call dialog last said it is open (opened or renewed); null: none is. */
  private callRenewedAt: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private quiet = false;

  constructor(private readonly deps: AlertsServiceDeps) {}

  /**
   * Delivers what fell due while the app was closed, without waiting for the next visit, and
   * releases what a call held when it closed (no call is being logged in a new process). Raises
   * what the rules say of visitors on the website now: their visits may have been stored while
   * the app was closed, and the next sync stores nothing new about them. Called once whoever
   * shows alerts listens: delivered is stamped in the database, so an alert announced to nobody
   * would never notify. Never throws.
   */
  start(): void {
    this.started = true;
    if (!this.quiet) this.catchUp();
  }

  /**
   * Quiet: this data set raises and delivers nothing (the demo while the CRM's data is shown:
   * sample visitors must not interrupt real work, nor pile up unread). Loud again, what fell
   * due meanwhile is delivered; visits of meanwhile raise alerts only while still on the site.
   */
  setQuiet(quiet: boolean): void {
    if (this.quiet === quiet) return;
    this.quiet = quiet;
    if (!quiet && this.started) this.catchUp();
  }

  private catchUp(): void {
    this.safely(() => {
      const rep = this.deps.currentRep();
      if (!rep) return;
      const now = this.deps.clock();
      if (!this.callHeld(now)) releaseHeld(this.deps.db, rep, 'call', now, this.hold(rep, now));
      // Only sessions still open raise (a visitor who left is not news), each once: the alerts
      // table remembers the sessions a sync's evaluation, or an earlier start's, alerted about.
      const immediate = evaluateLiveAlerts(this.deps.db, rep, now, this.hold(rep, now));
      this.deliver(rep, now, immediate);
    });
  }

  private callHeld(now: number): boolean {
    return this.callRenewedAt !== null && now - this.callRenewedAt < CALL_HOLD_LAPSE_MS;
  }

  private rep(): UserRow {
    const rep = this.deps.currentRep();
    if (!rep)
      throw new Error('This database has no users yet: run a sync or load the demo organisation.');
    return rep;
  }

  private hold(rep: UserRow, now: number): HoldState {
    return {
      pausedUntil: readRepAlertConfig(this.deps.db, rep.id).pausedUntil,
      callInProgress: this.callHeld(now),
    };
  }

  /** Until when nothing may be delivered (a pause, a call being logged); null: nothing holds. */
  private heldUntil(rep: UserRow, now: number): number | null {
    const { pausedUntil, callInProgress } = this.hold(rep, now);
    const paused = pausedUntil !== null && pausedUntil > now ? pausedUntil : null;
    const call =
      callInProgress && this.callRenewedAt !== null
        ? this.callRenewedAt + CALL_HOLD_LAPSE_MS
        : null;
    if (paused === null) return call;
    return call === null ? paused : Math.max(paused, call);
  }

  /**
   * After a sync stored visits (or people): name the people of earlier alerts that had none,
   * raise what the rules say, deliver what is due. Never throws. `'unknown'`: only visitors
   * nobody known (no person, no person's e-mail), whose alerts name no window: called before a
   * relearn, which known people's alerts wait for (syncRunner.ts), and called again after it.
   */
  visitsStored(which: 'all' | 'unknown' = 'all'): void {
    if (this.quiet) return;
    this.safely(() => {
      const rep = this.deps.currentRep();
      if (!rep) return;
      // Rules about known people only (the default): nothing to raise before the relearn.
      const rules = readRepAlertConfig(this.deps.db, rep.id).rules;
      if (which === 'unknown' && !rules.some((r) => r.categories.includes('unknown'))) return;
      const now = this.deps.clock();
      // The sync may have linked visits that raised alerts to their people since: those alerts
      // name them now, and the list is read again.
      const linked = linkAlertsToPeople(this.deps.db, rep.id, now);
      const immediate = evaluateLiveAlerts(this.deps.db, rep, now, this.hold(rep, now), which);
      if (this.deliver(rep, now, immediate) === 0 && linked > 0) this.announce(rep, now, [], null);
    });
  }

  /** Delivers held alerts that are due, and ends a pause whose hour is up (the timer calls
   * this). Never throws. */
  tick(): void {
    // The timer is armed again when this data set is loud again.
    if (this.quiet) return;
    this.safely(() => {
      const rep = this.deps.currentRep();
      if (!rep) return;
      const now = this.deps.clock();
      const paused = readRepAlertConfig(this.deps.db, rep.id).pausedUntil;
      const pauseOver = paused !== null && paused <= now;
      if (pauseOver) {
        savePreferences(this.deps.db, rep.id, { pausedUntil: null }, now);
        // What it held was timed by the pause then in force, which another may have replaced.
        releaseHeld(this.deps.db, rep, 'paused', now, this.hold(rep, now));
      }
      if (this.callRenewedAt !== null && !this.callHeld(now)) {
        // No open dialog renewed the hold (its page went away): what it held goes out.
        this.callRenewedAt = null;
        releaseHeld(this.deps.db, rep, 'call', now, this.hold(rep, now));
      }
      // The tray shows the pause: it hears that it ended even when nothing was held.
      if (this.deliver(rep, now, []) === 0 && pauseOver) this.announce(rep, now, [], null);
    });
  }

  /** Delivers what is due besides `immediate`, tells the windows, re-arms the timer; a count. */
  private deliver(rep: UserRow, now: number, immediate: AlertRow[]): number {
    // A digest due at the start of working hours waits, too, while paused or logging a call.
    const due = this.heldUntil(rep, now) === null ? deliverDueAlerts(this.deps.db, rep, now) : [];
    if (immediate.length + due.length > 0) {
      const digest =
        due.length >= 2
          ? {
              ...digestText(due.map((r) => alertItem(r, rep.time_zone, now))),
              ids: due.map((r) => r.id),
            }
          : null;
      this.announce(rep, now, [...immediate, ...due], digest);
    }
    this.arm(rep);
    return immediate.length + due.length;
  }

  private announce(
    rep: UserRow,
    now: number,
    delivered: AlertRow[],
    digest: AlertsEvent['digest'],
  ): void {
    const { unread } = countAlerts(this.deps.db, rep.id);
    this.deps.emit({
      delivered: delivered.map((r) => alertItem(r, rep.time_zone, now)),
      digest,
      unread,
      pausedUntil: this.pausedUntil(rep, now),
    });
  }

  /** Wakes at the next held alert's due time, or the end of a pause, whichever comes first. */
  private arm(rep: UserRow): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = this.deps.clock();
    const held = this.heldUntil(rep, now);
    const due = nextDeliverAt(this.deps.db, rep.id);
    const paused = readRepAlertConfig(this.deps.db, rep.id).pausedUntil;
    // A call hold that lapsed before its timer fired (a slept laptop, a busy sync) is released
    // only by tick: look now, or whatever it held waits for the next Log call (review51 1).
    const lapsed = this.callRenewedAt !== null && !this.callHeld(now);
    // While held, the next look is when the hold ends (nothing is delivered before).
    const next = lapsed
      ? now
      : held !== null
        ? held
        : due === null
          ? paused
          : paused === null
            ? due
            : Math.min(due, paused);
    if (next === null) return;
    const delay = Math.min(LONGEST_SLEEP_MS, Math.max(0, next - now));
    this.timer = setTimeout(() => this.tick(), delay);
    // A held alert must never keep a command or a test process alive.
    this.timer.unref();
  }

  private safely(work: () => void): void {
    try {
      work();
    } catch (error) {
      // Alerts are a nicety on top of the data: a failure must not stop the sync that stored it.
      console.error(`Visit alerts: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private pausedUntil(rep: UserRow, now: number): number | null {
    const until = readRepAlertConfig(this.deps.db, rep.id).pausedUntil;
    return until !== null && until > now ? until : null;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  listVisits(filter: VisitFilter): VisitList {
    const settings = readSettings(this.deps.db);
    return listVisits(
      this.deps.db,
      this.rep(),
      organisationHours(this.deps.db).zone,
      this.deps.clock(),
      filter,
      { call: settings.callSuggestions, email: settings.emailSuggestions },
    );
  }

  settings(): AlertSettings {
    const { db } = this.deps;
    const rep = this.rep();
    const config = readRepAlertConfig(db, rep.id);
    const hours = effectiveWorkingHours(db, rep, config.workingHours);
    const other = config.workingHours === null ? hours : effectiveWorkingHours(db, rep, null);
    return {
      userId: rep.id,
      rules: config.rules.map(publicRule),
      defaultRules: config.defaultRules,
      unreadableRules: config.unreadable,
      cooldownMinutes: config.cooldownMinutes,
      workingHours: config.workingHours,
      repTz: rep.time_zone,
      effectiveHours: {
        spec: hours.spec,
        zone: hours.zone,
        source: hours.source,
        ...(hours.shift ? { shift: hours.shift } : {}),
      },
      otherHours: { spec: other.spec, zone: other.zone },
      daysOffAhead: daysOffAhead(db, rep, this.deps.clock()),
      enabledForEveryone: alertsEnabled(db),
      canChangeEnabled: canChangeAlertsEnabled(db, rep),
      pausedUntil: this.pausedUntil(rep, this.deps.clock()),
    };
  }

  /** All of the patch is stored, or none of it (a bad working-hours spec stores nothing). */
  updateSettings(patch: {
    rules?: AlertRule[] | undefined;
    resetRules?: boolean | undefined;
    cooldownMinutes?: number | undefined;
    workingHours?: string | null | undefined;
  }): AlertSettings {
    const { db } = this.deps;
    const rep = this.rep();
    const now = this.deps.clock();
    if (patch.workingHours) parseWorkingHours(patch.workingHours, rep.time_zone);
    for (const rule of patch.rules ?? []) {
      const why = whyRuleNeverHolds(rule);
      if (why) throw new Error(`The rule "${rule.name}" would raise nothing: ${why}.`);
    }
    transaction(db, () => {
      if (patch.resetRules) resetRules(db, rep.id, now);
      else if (patch.rules) saveRules(db, rep.id, patch.rules, now);
      savePreferences(
        db,
        rep.id,
        {
          ...(patch.cooldownMinutes !== undefined
            ? { cooldownMinutes: patch.cooldownMinutes }
            : {}),
          ...(patch.workingHours !== undefined ? { workingHours: patch.workingHours } : {}),
        },
        now,
      );
    });
    return this.settings();
  }

  /**
   * The admin switch. Off: no visit raises an alert for anyone, and alerts still held are
   * dropped (a digest of visits from before the switch went off would surprise everyone).
   */
  setEnabled(enabled: boolean): AlertSettings {
    const rep = this.rep();
    if (!canChangeAlertsEnabled(this.deps.db, rep))
      throw new Error(
        `${rep.name} cannot turn visit alerts on or off for everyone: only an admin can.`,
      );
    switchAlertsForEveryone(this.deps.db, enabled);
    this.arm(rep);
    return this.settings();
  }

  /** As steps (a page view each): the core runs them in slices, answering other requests. */
  preview(input: PreviewInput): Steps<AlertPreview> {
    const rep = this.rep();
    if (input.workingHours) parseWorkingHours(input.workingHours, rep.time_zone);
    return previewAlertRules(this.deps.db, rep, this.deps.clock(), input);
  }

  /** `toastIds`: the alerts a page has toasts up for, answered with those settled since. */
  feed(limit: number, toastIds?: readonly number[]): AlertFeed {
    const rep = this.rep();
    const now = this.deps.clock();
    // The first thing a window or the tray asks: the timer follows whoever is signed in now.
    this.arm(rep);
    const counts = countAlerts(this.deps.db, rep.id);
    const held = heldAlertList(this.deps.db, rep.id, limit);
    // Not delivered yet: a held alert says when the visit was as it stands now.
    const spans = visitSpans(this.deps.db, rep.id, held, now);
    // Read once, not per held alert: the rep's settings row is parsed each time it is read.
    const hold = this.hold(rep, now);
    const workFrom = workResumesAt(this.deps.db, rep, now);
    return {
      ...counts,
      pausedUntil: this.pausedUntil(rep, now),
      recent: deliveredAlerts(this.deps.db, rep.id, limit).map((r) =>
        alertItem(r, rep.time_zone, now),
      ),
      heldAlerts: held.map((r) =>
        heldInForce(alertItem(r, rep.time_zone, now, spans.get(r.id)), hold, now, workFrom),
      ),
      timeZone: rep.time_zone,
      ...(toastIds ? { settled: settledAlertIds(this.deps.db, rep.id, toastIds) } : {}),
    };
  }

  markRead(which: { ids?: number[] | undefined; all?: boolean | undefined }): { unread: number } {
    const rep = this.rep();
    const now = this.deps.clock();
    markAlertsRead(this.deps.db, rep.id, which.all ? 'all' : (which.ids ?? []), now);
    this.announce(rep, now, [], null);
    return { unread: countAlerts(this.deps.db, rep.id).unread };
  }

  /**
   * The rep dismissed these alerts' toasts: no window toasts them again, and the windows open now
   * hear of it (an event, as for a read) and take theirs down. They stay unread.
   */
  dismissToasts(ids: readonly number[]): { unread: number } {
    const rep = this.rep();
    const now = this.deps.clock();
    markToastsDismissed(this.deps.db, rep.id, ids, now);
    this.announce(rep, now, [], null);
    return { unread: countAlerts(this.deps.db, rep.id).unread };
  }

  /** "Pause alerts for 1 hour": alerts raised meanwhile are held until the pause ends. */
  pause(minutes: number): { pausedUntil: number | null } {
    const rep = this.rep();
    const now = this.deps.clock();
    savePreferences(this.deps.db, rep.id, { pausedUntil: now + minutes * 60_000 }, now);
    // What a pause in force held comes at this one's end instead: a shorter pause releases it
    // sooner (review54 1).
    releaseHeld(this.deps.db, rep, 'paused', now, this.hold(rep, now));
    this.announce(rep, now, [], null);
    this.arm(rep);
    return { pausedUntil: this.pausedUntil(rep, now) };
  }

  /** Ends a pause early: what it held is delivered now (or at the next working period). */
  resume(): { pausedUntil: number | null } {
    const rep = this.rep();
    const now = this.deps.clock();
    savePreferences(this.deps.db, rep.id, { pausedUntil: null }, now);
    releaseHeld(this.deps.db, rep, 'paused', now, this.hold(rep, now));
    if (this.deliver(rep, now, []) === 0) this.announce(rep, now, [], null);
    return { pausedUntil: null };
  }

  /**
   * While the rep logs a call, alerts wait; when the dialog closes, what waited is delivered.
   * `active` again while held renews the hold (see CALL_HOLD_LAPSE_MS).
   */
  setCallInProgress(active: boolean): { delivered: number } {
    const rep = this.rep();
    const now = this.deps.clock();
    this.callRenewedAt = active ? now : null;
    if (active) {
      this.arm(rep);
      return { delivered: 0 };
    }
    releaseHeld(this.deps.db, rep, 'call', now, this.hold(rep, now));
    return { delivered: this.deliver(rep, now, []) };
  }
}
