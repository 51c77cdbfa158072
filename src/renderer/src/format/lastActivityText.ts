import type { PeoplePage } from '@shared/contract';
import { touchWords } from '@shared/touchWords';
import { formatAgo } from './time';

type Person = PeoplePage['rows'][number];

/**
 * People's last activity in words: what it was and when, as a planner row's last touch words the
 * same activity ("called 3 d ago", "visited 2 h ago"), and "on the website now" for a visit the
 * Visits page shows as on the website (its rule, onTheWebsite.ts, read at `now`).
 */
export function lastActivityText(p: Person, now: number): string {
  if (p.lastActivityAt === null) return '—';
  if (onSiteNow(p, now)) return 'on the website now';
  const words = touchWords(p.lastActivityKind);
  const ago = formatAgo(p.lastActivityAt, now);
  return words ? `${words} ${ago}` : ago;
}

/** Their last activity is a visit on the website at `now`. */
export function onSiteNow(p: Person, now: number): boolean {
  return (
    p.onSiteUntil !== null &&
    p.lastActivityAt !== null &&
    p.lastActivityAt <= now &&
    now < p.onSiteUntil
  );
}
