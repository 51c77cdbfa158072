import type { Db } from '../openDatabase';
import { transaction } from '../sqlRun';
import { deleteUndeliveredAlerts } from './alerts';
import { putSetting, settingValue } from './settings';

/** The admin switch (VT-6): false turns visit notifications off for everyone. */
const ENABLED_KEY = 'visit_alerts_enabled';
/**
 * The switch as flipped on this computer and not yet in the CRM (absent: nothing to send). Each
 * rep runs the app on their own computer: the CRM is where everyone's app reads the switch.
 */
const UNSENT_KEY = 'visit_alerts_enabled_unsent';

function stored(db: Db, key: string): unknown {
  const value = settingValue(db, key);
  return value === undefined ? undefined : JSON.parse(value);
}

export function alertsEnabled(db: Db): boolean {
  return stored(db, ENABLED_KEY) !== false;
}

/** Off, alerts raised and not yet delivered go too: nobody is to hear of them any more. */
function applyAlertsEnabled(db: Db, enabled: boolean): void {
  putSetting(db, ENABLED_KEY, JSON.stringify(enabled));
  if (!enabled) deleteUndeliveredAlerts(db);
}

/** The admin flips the switch here: in force at once, and sent to the CRM by the next sync. */
export function switchAlertsForEveryone(db: Db, enabled: boolean): void {
  transaction(db, () => {
    applyAlertsEnabled(db, enabled);
    putSetting(db, UNSENT_KEY, JSON.stringify(enabled));
  });
}

/** The switch flipped here and not yet in the CRM, or null. */
export function unsentAlertsSwitch(db: Db): boolean | null {
  const unsent = stored(db, UNSENT_KEY);
  return typeof unsent === 'boolean' ? unsent : null;
}

/** The CRM has `sent`; a flip made here while it was on its way is still to send. */
export function alertsSwitchSent(db: Db, sent: boolean): void {
  transaction(db, () => {
    if (unsentAlertsSwitch(db) === sent) putSetting(db, UNSENT_KEY, 'null');
  });
}

/**
 * The switch as the CRM keeps it, read by a sync: in force here unless a flip made here is still
 * to be sent (the CRM's is then the older). Whether it changed anything.
 */
export function alertsSwitchFromCrm(db: Db, enabled: boolean): boolean {
  if (unsentAlertsSwitch(db) !== null || alertsEnabled(db) === enabled) return false;
  applyAlertsEnabled(db, enabled);
  return true;
}
