import { DateTime } from 'luxon';
import { formatAgo } from '../format/time';

/**
 * Where the data on screen comes from: a CRM, the demo as it was written, or the demo with sample
 * activity added since by its live source (the web host's and the app's demo, every minute).
 */
type DataSource = 'crm' | 'demo' | 'live-demo';

/**
 * The demo has had sample activity added since it was written when it was ever synced: only its
 * live source syncs it.
 */
export function dataSourceOf(
  session: { org: { isDemo: boolean }; lastSyncedAt: number | null } | null,
): DataSource {
  if (!session?.org.isDemo) return 'crm';
  return session.lastSyncedAt === null ? 'demo' : 'live-demo';
}

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
 * The live demo adds activity every minute (as the demo's schedule has it): a run this recent
 * means it is still running. Longer, and it says how long ago, as a stopped feed should.
 */
const LIVE_WITHIN_MS = 10 * 60_000;

/** "just now" under a minute, else how long ago. */
function agoText(asOf: number, now: number): string {
  return now - asOf < 60_000 ? 'just now' : formatAgo(asOf, now);
}

/**
 * PL-3: how old the local data is, and whether the app is offline. `asOf` is undefined until the
 * session is read: nothing is said then, since "Never synced." would be a claim about data that
 * may well have been synced a minute ago. The live demo's `asOf` is its last run: "Sample data
 * written at 10:06", a minute after "written at 10:05", read as sample data written anew every
 * minute (and was read out anew by a screen reader); it says once that it is live, and how long
 * ago it was updated once it is no longer.
 */
export function dataAgeText(
  asOf: number | null | undefined,
  source: DataSource,
  online: boolean,
  now: number,
  zone: string,
): string {
  if (asOf === undefined) return '';
  if (asOf === null) return online ? 'Never synced.' : 'Offline, never synced.';
  if (source === 'live-demo')
    return now - asOf < LIVE_WITHIN_MS
      ? 'Sample data, updated live.'
      : `Sample data, updated ${agoText(asOf, now)}.`;
  if (source === 'demo') return `Sample data written at ${writtenAt(asOf, now, zone)}.`;
  if (!online) return `Offline, data from ${writtenAt(asOf, now, zone)}.`;
  return `Last synced ${agoText(asOf, now)}.`;
}
