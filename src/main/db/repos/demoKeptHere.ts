import type { Db } from '../openDatabase';
import { markOutboxPushed } from './outbox';
import { organisation } from './organisation';
import { putSetting, settingValue } from './settings';

/** The outbox entry's note: where the change went, for getOutbox and the file's history. */
export const DEMO_KEPT_NOTE = 'Kept here: the demo organisation has no CRM to send it to.';

/** Said once per demo file, with the first call logged or booked, or task changed there. */
export const DEMO_KEPT_TOLD =
  'The demo organisation has no CRM: calls logged or booked, tasks done or moved, and leads made here are kept on this computer, and nothing is sent anywhere.';

const TOLD_KEY = 'demo_kept_here_told';

/**
 * A call logged or booked, a task changed or a lead made on the demo organisation: the demo has no CRM, so its outbox
 * entry is settled at once (kept here, with DEMO_KEPT_NOTE) instead of waiting for a sync that
 * has nowhere to send it. Returns what to tell the rep the first time only; null on a CRM's copy,
 * and after the first. Runs inside the caller's transaction.
 */
export function keptHereInDemo(db: Db, outboxId: number, at: number): string | null {
  if (organisation(db)?.source !== 'demo') return null;
  markOutboxPushed(db, outboxId, at, DEMO_KEPT_NOTE);
  if (settingValue(db, TOLD_KEY) !== undefined) return null;
  putSetting(db, TOLD_KEY, 'true');
  return DEMO_KEPT_TOLD;
}
