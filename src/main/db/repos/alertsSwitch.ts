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

/** A stored value that is not JSON (a damaged file's page, an edit by hand). */
const DAMAGED = Symbol('damaged');

/** A flip to send is true or false; null or absent: none. Anything else is damaged. */
const damagedFlip = (unsent: unknown): boolean =>
  unsent !== undefined && unsent !== null && typeof unsent !== 'boolean';

function stored(db: Db, key: string): unknown {
  const value = settingValue(db, key);
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return DAMAGED;
  }
}

/** On unless switched off; a damaged value reads as on, the default, until a sync mends it. */
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

/** The switch flipped here and not yet in the CRM, or null (a damaged value: mendAlertsSwitch). */
export function unsentAlertsSwitch(db: Db): boolean | null {
  const unsent = stored(db, UNSENT_KEY);
  return typeof unsent === 'boolean' ? unsent : null;
}

/**
 * What mendAlertsSwitch found: the flip still to send could not be read, and was replaced by the
 * switch in force here (`sent`), or, that one unreadable too, dropped (null).
 */
export interface MendedAlertsSwitch {
  resend: boolean | null;
}

/**
 * A damaged flip still to send (anything but true, false or null) would be read as nothing to
 * send, and a sync would then put the CRM's switch over the one the admin chose here. The flip and
 * the switch in force here are written together (switchAlertsForEveryone): the one in force is
 * what the admin chose last, and becomes the flip to send. Both damaged, nothing here says what
 * was chosen: the flip is dropped and the CRM's switch applies. A damaged switch in force with a
 * readable flip to send takes that flip. Null when nothing was damaged.
 */
export function mendAlertsSwitch(db: Db): MendedAlertsSwitch | null {
  return transaction(db, () => {
    const unsent = stored(db, UNSENT_KEY);
    const enabled = stored(db, ENABLED_KEY);
    if (damagedFlip(unsent)) {
      const inForce = enabled === DAMAGED ? null : enabled !== false;
      putSetting(db, UNSENT_KEY, JSON.stringify(inForce));
      return { resend: inForce };
    }
    if (enabled === DAMAGED && typeof unsent === 'boolean') applyAlertsEnabled(db, unsent);
    return null;
  });
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
  const unsent = stored(db, UNSENT_KEY);
  // A damaged flip may be one still to send: the switch here stands until it is mended.
  if (typeof unsent === 'boolean' || damagedFlip(unsent)) return false;
  // A damaged switch here (none to send) is mended from the CRM's.
  const here = stored(db, ENABLED_KEY);
  if (here !== DAMAGED && (here !== false) === enabled) return false;
  applyAlertsEnabled(db, enabled);
  return true;
}
