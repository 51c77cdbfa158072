import { DateTime } from 'luxon';
import { formatAgo } from '../format/time';

/**
 * When the data was written, in the rep's zone: the clock alone on the day it is now there, the
 * day with it otherwise ("09:30" read on a Tuesday would pass Monday's data for the morning's).
 */
function writtenAt(asOf: number, now: number, zone: string): string {
  const at = DateTime.fromMillis(asOf, { zone });
  const today = DateTime.fromMillis(now, { zone });
  return at.hasSame(today, 'day') ? at.toFormat('HH:mm') : at.toFormat('cccc d LLLL, HH:mm');
}

/**
 * PL-3: how old the local data is, and whether the app is offline. `asOf` is undefined until the
 * session is read: nothing is said then, since "Never synced." would be a claim about data that
 * may well have been synced a minute ago.
 */
export function dataAgeText(
  asOf: number | null | undefined,
  isDemo: boolean,
  online: boolean,
  now: number,
  zone: string,
): string {
  if (asOf === undefined) return '';
  if (asOf === null) return online ? 'Never synced.' : 'Offline, never synced.';
  if (isDemo) return `Sample data written at ${writtenAt(asOf, now, zone)}.`;
  if (!online) return `Offline, data from ${writtenAt(asOf, now, zone)}.`;
  return now - asOf < 60_000 ? 'Last synced just now.' : `Last synced ${formatAgo(asOf, now)}.`;
}
