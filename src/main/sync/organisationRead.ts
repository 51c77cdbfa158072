import type { CrmLicence, CrmSource } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import { alertsSwitchFromCrm } from '../db/repos/alertsSwitch';
import { LICENCE_SETTING, organisation } from '../db/repos/organisation';
import { settingValue } from '../db/repos/settings';
import { activeUserCount } from '../db/repos/users';
import { transaction } from '../db/sqlRun';
import type { LocalStore } from './localStore';
import { readState, writeState } from './syncState';

/**
 * How the app's scheduled runs spare Zoho's daily API credits (5,000 a day on the free edition;
 * the app syncs visits every minute and records every 5). The organisation's settings cost 6
 * requests (the organisation, business hours, shift hours, this year's and next year's holidays,
 * the signed-in user), the alerts switch and the users one more each, for answers that change when
 * an administrator changes them: asked by every run, that is over 11,000 credits a day. So:
 * - the settings are read again once older than `settingsMaxAgeMs`, by a run that reads records
 *   (and by any run when none were ever read, on "Sync now", and when `refreshSettings` says so);
 * - every run that reads records other than visits reads the users (a new rep's records must not
 *   arrive before them: an owner this copy does not hold is stored as none, and the record is not
 *   read again when the rep arrives) and the alerts switch (one request each);
 * - a run of visits alone reads neither, and only the visits changed: their deletions wait for
 *   the next records run.
 * Without it (the command line's one-shot `sync`) a run reads all of it.
 */
export interface SparingPolicy {
  settingsMaxAgeMs: number;
  /** Read the settings in this run whatever their age (the app's first run after it starts). */
  refreshSettings?: boolean;
}

/** When the settings were last read (its watermark, this computer's clock). */
const KEY = 'Organisation';

export interface OrganisationRead {
  /** Users read this run; 0 when a run of visits alone read none. */
  users: number;
  /** The signed-in CRM user, when the settings were read this run. */
  currentUserId: string | null;
  notes: string[];
  /** The alerts switch as the CRM keeps it changed the one here. */
  alertsSwitched: boolean;
}

/**
 * Reads what the run needs of the organisation (SparingPolicy): its settings and users, the users
 * and the alerts switch alone, or nothing, and stores it.
 */
export async function readOrganisation(
  db: Db,
  source: CrmSource,
  store: LocalStore,
  run: {
    now: number;
    /** The run reads records other than visits. */
    records: boolean;
    /** "Sync now": everything is read again. */
    refresh: boolean;
    sparing?: SparingPolicy | undefined;
  },
): Promise<OrganisationRead> {
  const { now, sparing } = run;
  const kept = organisation(db);
  const readAt = readState(db, KEY).watermark;
  const age = readAt === null ? Infinity : now - readAt;
  const settingsDue =
    !sparing ||
    run.refresh ||
    sparing.refreshSettings === true ||
    !kept ||
    // A clock set back must not keep them for ever.
    age < 0 ||
    (run.records && age >= sparing.settingsMaxAgeMs);
  if (settingsDue) {
    const org = await source.pullOrganisation();
    const users = await source.pullUsers();
    const alertsSwitched = transaction(db, () => {
      store.writeOrganisation(org, users, source.kind);
      // No last_success_at: the row must not count as a sync of records (lastSyncedAt).
      writeState(db, KEY, { watermark: now, cursor: null, lastSuccessAt: null }, now);
      return org.visitAlerts != null && alertsSwitchFromCrm(db, org.visitAlerts);
    });
    return {
      users: users.length,
      currentUserId: org.currentUserId ?? null,
      notes: org.note ? [org.note] : [],
      alertsSwitched,
    };
  }
  // What the source learns of the organisation when it reads it (pullOrganisation).
  source.useOrganisationZone?.(kept.time_zone);
  if (!run.records) return { users: 0, currentUserId: null, notes: [], alertsSwitched: false };
  const users = await source.pullUsers();
  const alerts = (await source.pullVisitAlerts?.()) ?? { read: null, note: null };
  const alertsSwitched = transaction(db, () => {
    // The users alone: the organisation as stored, its hours (null), shifts and holidays (left
    // out) kept as they are.
    store.writeOrganisation(
      { name: kept.name, timeZone: kept.time_zone, businessHours: null },
      users,
      source.kind,
    );
    return alerts.read != null && alertsSwitchFromCrm(db, alerts.read);
  });
  return {
    users: users.length,
    currentUserId: null,
    notes: alerts.note ? [alerts.note] : [],
    alertsSwitched,
  };
}

/**
 * What the app's credit budget is made of (creditBudget.ts), as the last read of the organisation
 * stored it: its edition and licences (null when the CRM did not say, or before it was read) and
 * its active users, each of whom may run the app.
 */
export function storedBudgetInputs(db: Db): { licence: CrmLicence | null; activeUsers: number } {
  let licence: CrmLicence | null = null;
  try {
    const kept = JSON.parse(settingValue(db, LICENCE_SETTING) ?? 'null') as Partial<CrmLicence>;
    if (kept && typeof kept === 'object')
      licence = {
        edition: typeof kept.edition === 'string' ? kept.edition : null,
        paid: typeof kept.paid === 'boolean' ? kept.paid : null,
        users: typeof kept.users === 'number' ? kept.users : null,
      };
  } catch {
    // Unreadable: as if the CRM had not said (the least credits are assumed).
  }
  return { licence, activeUsers: activeUserCount(db) };
}
