import type { CrmSource } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import { alertsSwitchSent, unsentAlertsSwitch } from '../db/repos/alertsSwitch';

/**
 * Sends the admin's switch for visit alerts, flipped on this computer, to the CRM, where every
 * rep's app reads it: before the organisation is read, so this run does not read back the older
 * value. Optional: a refusal is a note, the switch stays in force here and goes again next run.
 */
export async function shareAlertsSwitch(
  db: Db,
  source: CrmSource,
  signal?: AbortSignal,
): Promise<string | null> {
  const unsent = unsentAlertsSwitch(db);
  if (unsent === null || !source.shareVisitAlerts) return null;
  try {
    await source.shareVisitAlerts(unsent);
  } catch (error) {
    if (signal?.aborted) throw error;
    return `Visit alerts for everyone: the CRM did not keep the switch (${(error as Error).message}), so they are ${unsent ? 'on' : 'off'} on this computer only; the next sync sends it again`;
  }
  alertsSwitchSent(db, unsent);
  return null;
}
