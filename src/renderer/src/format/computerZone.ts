import { DateTime } from 'luxon';
import { zoneOffset } from './time';
import { zoneCity } from './zoneCities';

/** "Tokyo time (UTC+9)", or the offset alone for a zone with no city. */
function timeOf(zone: string, now: number): string {
  const offset = zoneOffset(zone, now) ?? zone;
  const city = zoneCity(zone);
  return city ? `${city} time (${offset})` : offset;
}

/**
 * What a rep whose computer is set to another zone than their CRM profile's is told (a rep
 * abroad): the app's days and hours follow the profile, as the CRM, the manager's Team page and
 * the other reps do, so the note says where the times come from and how to change them. Null
 * when the two zones show the same hour at `now` (Berlin and Paris; Lagos and Berlin in winter),
 * as nothing on screen would read otherwise.
 */
export function computerZoneNote(
  repZone: string,
  computerZone: string,
  now: number,
  demo = false,
): string | null {
  const rep = DateTime.fromMillis(now, { zone: repZone });
  const computer = DateTime.fromMillis(now, { zone: computerZone });
  if (!rep.isValid || !computer.isValid || rep.offset === computer.offset) return null;
  // The sample organisation has no CRM profile to change: its reps' zones are its own.
  if (demo)
    return (
      `This computer is on ${timeOf(computerZone, now)}; the sample organisation's plan, alerts ` +
      `and times are on ${timeOf(repZone, now)}, the zone of the rep you are signed in as.`
    );
  return (
    `This computer is on ${timeOf(computerZone, now)}; your plan, alerts and times are on ` +
    `${timeOf(repZone, now)}, your CRM profile's. To work on this computer's time, change the ` +
    'time zone in your CRM profile, then sync.'
  );
}
