import { DateTime } from 'luxon';
import type { CreditBudget, SyncStatus } from '@shared/contract';
import { formatClock, formatWeekdayClock } from '../../format/time';

const n = (x: number): string => x.toLocaleString('en');
const minutes = (m: number): string => (m === 1 ? '1 minute' : `${n(m)} minutes`);

/** "14:20" today in the rep's zone, "Sun 09:10" on another day. */
function until(at: number, now: number, zone: string): string {
  const sameDay = DateTime.fromMillis(at, { zone }).hasSame(
    DateTime.fromMillis(now, { zone }),
    'day',
  );
  return sameDay ? formatClock(at, zone) : formatWeekdayClock(at, zone);
}

/** What the budget is, and what the organisation's edition and users make it. */
function budgetText(b: CreditBudget): string {
  const users = b.users === 1 ? '1 user' : `${n(b.users)} users`;
  const source =
    b.edition === null
      ? `Zoho did not say your edition, so the free edition's ${n(b.organisation)} for the organisation are assumed, ${users}`
      : `your ${b.edition} edition allows ${n(b.organisation)} for the organisation, ${users}`;
  return `This app keeps to ${n(b.share)} API credits a day (${source}).`;
}

/** How the schedule keeps to the budget now: paused, stretched, or as the rep set it. */
function scheduleText(b: CreditBudget, now: number, zone: string): string {
  if (b.pausedUntil !== null)
    return `Automatic sync paused until ${until(b.pausedUntil, now, zone)}: this app used its ${n(b.share)} credits for the last 24 hours. Sync now still works.`;
  if (!b.stretched) return 'The schedule you set stays within it.';
  const visits = b.visitsMinutes >= b.recordsMinutes ? ', with the website visits,' : '';
  const andVisits =
    b.visitsMinutes > 1 && b.visitsMinutes < b.recordsMinutes
      ? ` and website visits every ${minutes(b.visitsMinutes)}`
      : '';
  return `Records now sync${visits} every ${minutes(b.recordsMinutes)}${andVisits} to stay within it.`;
}

/**
 * Settings › CRM account on the API credits: a first sync's estimate (and whether it is more than
 * the organisation has left), the app's daily budget and how the schedule keeps to it, and the
 * requests the app made in the last 24 hours.
 */
export function creditsText(
  credits: NonNullable<SyncStatus['credits']>,
  syncing: boolean,
  now: number,
  zone: string,
): string {
  const parts: string[] = [];
  const b = credits.budget;
  if (syncing && credits.estimate !== null) {
    parts.push(`This first sync takes about ${n(credits.estimate)} API requests.`);
    const left = b ? Math.max(0, b.organisation - credits.last24h) : null;
    if (left !== null && credits.estimate > left)
      parts.push(
        `That is more than the ${n(left)} left of the organisation's ${n(b?.organisation ?? 0)} credits for the last 24 hours: Zoho may refuse every API call of the organisation, its other integrations' too, until the 24 hours roll on.`,
      );
  }
  if (b) parts.push(budgetText(b), scheduleText(b, now, zone));
  parts.push(
    b
      ? `API requests by this app in the last 24 hours: ${n(credits.last24h)}.`
      : `API requests by this app in the last 24 hours: ${n(credits.last24h)} (Zoho counts them against the organisation's daily credits: 5,000 on the free edition, more on the others).`,
  );
  return parts.join(' ');
}
