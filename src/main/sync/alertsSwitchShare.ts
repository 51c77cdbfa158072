import type { CrmSource } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import {
  alertsSwitchSent,
  mendAlertsSwitch,
  unsentAlertsSwitch,
  type MendedAlertsSwitch,
} from '../db/repos/alertsSwitch';

/**
 * Sends the admin's switch for visit alerts, flipped on this computer, to the CRM, where every
 * rep's app reads it: before the organisation is read, so this run does not read back the older
 * value. Optional: a refusal is a note, the switch stays in force here and goes again next run.
 * A flip to send that cannot be read is mended first (mendAlertsSwitch), said in a note once.
 */
export async function shareAlertsSwitch(
  db: Db,
  source: CrmSource,
  signal?: AbortSignal,
): Promise<string[]> {
  const mended = mendAlertsSwitch(db);
  const notes = mended ? [mendedNote(mended)] : [];
  const unsent = unsentAlertsSwitch(db);
  if (unsent === null || !source.shareVisitAlerts) return notes;
  try {
    await source.shareVisitAlerts(unsent);
  } catch (error) {
    if (signal?.aborted) throw error;
    notes.push(
      `Visit alerts for everyone: the CRM did not keep the switch (${(error as Error).message}), so they are ${unsent ? 'on' : 'off'} on this computer only; the next sync sends it again`,
    );
    return notes;
  }
  alertsSwitchSent(db, unsent);
  return notes;
}

function mendedNote({ resend }: MendedAlertsSwitch): string {
  const lost =
    'The switch for visit alerts waiting to be sent to the CRM could not be read on this computer';
  return resend === null
    ? `${lost}, nor the switch in force here, so the CRM's switch applies. Check it in Settings › Alerts and switch it again if it is not what you chose`
    : `${lost}, so the switch in force here goes in its place: visit alerts ${resend ? 'on' : 'off'} for everyone. If that is not what you chose, switch it again in Settings › Alerts`;
}
