/**
 * Where the Visits page was when a person was opened from it: kept in the state of the page's
 * history entry, so the browser's Back finds the same cards on screen and the link followed
 * focused (the address keeps the filters, this only where the list was read and how much of it
 * was shown).
 */
export interface VisitsReturn {
  /** How far down the page was scrolled, in pixels. */
  top: number;
  /** The visit whose person was opened. */
  visit: string;
  /** Which of its links was followed: the name, or Open person. */
  link: 'name' | 'open';
  /** How many of today's visits were asked for ("Show more of today"). */
  today: number;
  /** How many earlier visits were shown ("Show earlier visits"). */
  earlier: number;
}

const KEY = 'visitsReturn';

export function visitsReturnState(left: VisitsReturn): { [KEY]: VisitsReturn } {
  return { [KEY]: left };
}

const count = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/** The place kept in a history entry's state; none when it holds none, or not one of ours. */
export function visitsReturnFrom(state: unknown): VisitsReturn | null {
  if (typeof state !== 'object' || state === null || !(KEY in state)) return null;
  const left: unknown = state[KEY];
  if (typeof left !== 'object' || left === null) return null;
  const { top, visit, link, today, earlier } = left as Record<string, unknown>;
  if (typeof top !== 'number' || !Number.isFinite(top) || top < 0) return null;
  if (typeof visit !== 'string' || !visit) return null;
  if (link !== 'name' && link !== 'open') return null;
  if (!count(today) || !count(earlier)) return null;
  return { top, visit, link, today, earlier };
}
