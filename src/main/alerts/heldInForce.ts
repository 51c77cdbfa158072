import type { AlertItem } from '../../shared/alertsContract';
import type { HoldState } from './liveAlerts';

/**
 * A held alert as the hold in force now tells it. Its reason and due time were set when it was
 * raised; a pause or a Log call begun since, or the end of the working day, holds it longer
 * (nothing is delivered while any lasts), so the Held list would say "it comes at 08:00" at 08:30
 * (review51 3). The hold that lasts longest from now is the one to tell: a pause to its end,
 * working hours (only while they hold it: `workFrom`, when work next starts, is after now) to
 * their start; a call only when nothing outlasts it, since saving the call releases nothing a
 * pause or the night still holds (review52 4). A call's end is unknown, so a timed hold still to
 * come is said first, its own due time included (the timer delivers it no sooner). The stored
 * reason is left as it is: resuming a pause releases what it held
 * (releaseHeld), even one the night holds longer.
 */
export function heldInForce(
  item: AlertItem,
  hold: HoldState,
  now: number,
  workFrom: number,
): AlertItem {
  const paused = hold.pausedUntil !== null && hold.pausedUntil > now ? hold.pausedUntil : null;
  const hours = workFrom > now ? workFrom : null;
  // Its own due time still to come: after the pause's end when work is over by then. A call's
  // lasted only while that call did.
  const own =
    item.holdReason !== 'call' && item.deliverAt !== null && item.deliverAt > now
      ? item.deliverAt
      : null;
  if (paused !== null && (hours === null || hours < paused))
    return { ...item, holdReason: 'paused', deliverAt: Math.max(own ?? paused, paused) };
  if (hours !== null)
    return { ...item, holdReason: 'hours', deliverAt: Math.max(own ?? hours, hours) };
  // Its own due time still holds it (the timer delivers it then): a call's saving releases nothing.
  if (own !== null) return item;
  if (hold.callInProgress) return { ...item, holdReason: 'call', deliverAt: null };
  return item;
}
