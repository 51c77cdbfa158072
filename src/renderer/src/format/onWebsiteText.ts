import { formatClock } from './time';

/**
 * The rule behind "on the website now" (onTheWebsite.ts), in words: a visitor counts as there for
 * a quarter of an hour after they were last seen, as Zoho reports an end while they are still
 * reading. Without it "on the website now 10:56–10:59" at 11:03 reads as a finished visit.
 */
export const ON_WEBSITE_RULE =
  'counted on the website until 15 minutes after they were last seen (their last page, or the end Zoho reports)';

/**
 * The tooltip of "on the website now": the rule, and when it stops counting them on the rep's
 * clock (`leavesAt`, leavesWebsiteAt: the first instant they are no longer there).
 */
export function onWebsiteTitle(leavesAt: number, zone: string): string {
  const rule = ON_WEBSITE_RULE.charAt(0).toUpperCase() + ON_WEBSITE_RULE.slice(1);
  return `${rule}: until ${formatClock(leavesAt - 1, zone)}`;
}
