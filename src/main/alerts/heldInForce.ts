import type { AlertItem } from '../../shared/alertsContract';
import type { HoldState } from './liveAlerts';

/**
 * A held alert as the hold in force now tells it. Its reason and due time were set when it was
 * raised; a pause or a Log call begun since holds it longer (nothing is delivered while either
 * lasts), so the Held list would say "it comes at 08:00" at 08:30 (review51 3). A call holds
 * until the dialog closes; a pause to its end, when whatever was due by then goes out at once.
 */
export function heldInForce(item: AlertItem, hold: HoldState, now: number): AlertItem {
  if (hold.callInProgress) return { ...item, holdReason: 'call', deliverAt: null };
  const paused = hold.pausedUntil !== null && hold.pausedUntil > now ? hold.pausedUntil : null;
  if (paused !== null && item.holdReason !== 'call' && (item.deliverAt ?? 0) < paused)
    return { ...item, holdReason: 'paused', deliverAt: paused };
  return item;
}
