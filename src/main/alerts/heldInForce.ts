import type { AlertItem } from '../../shared/alertsContract';
import type { HoldState } from './liveAlerts';

/**
 * A held alert as the hold in force now tells it. Its reason and due time were set when it was
 * raised; a pause or a Log call begun since holds it longer (nothing is delivered while either
 * lasts), so the Held list would say "it comes at 08:00" at 08:30 (review51 3). The hold that
 * lasts longest is the one to tell: a pause to its end, working hours to their start; a call only
 * when nothing outlasts it, since saving the call releases nothing a pause or the night still
 * holds (review52 4). A call's end is unknown, so a timed hold still to come is said first.
 */
export function heldInForce(item: AlertItem, hold: HoldState, now: number): AlertItem {
  const paused = hold.pausedUntil !== null && hold.pausedUntil > now ? hold.pausedUntil : null;
  // Its own hold still to come: a call's lasted only while that call did.
  const own =
    item.holdReason !== 'call' && item.deliverAt !== null && item.deliverAt > now
      ? item.deliverAt
      : null;
  if (paused !== null && (own === null || own < paused))
    return { ...item, holdReason: 'paused', deliverAt: paused };
  // A pause that ended after work did set its due time at the next start of work, and working
  // hours hold it now: "held while alerts are paused" read on after the pause (review53).
  // holdFor keeps 'paused' while the pause lasts, so resuming early releases it in working hours.
  if (own !== null)
    return item.holdReason === 'paused' && paused === null
      ? { ...item, holdReason: 'hours' }
      : item;
  if (hold.callInProgress) return { ...item, holdReason: 'call', deliverAt: null };
  return item;
}
