import type { TeamDay } from '@shared/teamContract';

const count = (n: number, one: string, many: string): string =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * What the Team page's clashes count, under their heading: its lines group every clash at one
 * account (or person) and channel over a stretch of overlapping windows; the `team` command lists
 * one per person and time. "Clashes (22)" on the page and 56 in the command's list could not be
 * matched before: the page now names both.
 */
export function clashCountText(day: Pick<TeamDay, 'clashTotal' | 'clashEntries'>): string | null {
  if (day.clashTotal === 0) return null;
  return (
    `${count(day.clashTotal, 'line', 'lines')}, one per account (or person) and channel over ` +
    `overlapping windows; ${count(day.clashEntries, 'clash', 'clashes')} counted per person and ` +
    'time, as the team command lists them.'
  );
}
