/**
 * Where the People list was when a person was opened from it: kept in the state of the list's
 * history entry, so the browser's Back finds the same rows on screen and the person opened
 * focused (the address keeps what the list shows, this only where it was read).
 */
export interface PeopleReturn {
  /** How far down the list was scrolled, in pixels. */
  top: number;
  /** The person whose link was followed. */
  opened: string;
}

const KEY = 'peopleReturn';

export function peopleReturnState(left: PeopleReturn): { [KEY]: PeopleReturn } {
  return { [KEY]: left };
}

/** The place kept in a history entry's state; none when it holds none, or not one of ours. */
export function peopleReturnFrom(state: unknown): PeopleReturn | null {
  if (typeof state !== 'object' || state === null || !(KEY in state)) return null;
  const left = state[KEY];
  if (typeof left !== 'object' || left === null || !('top' in left) || !('opened' in left))
    return null;
  const { top, opened } = left;
  return typeof top === 'number' &&
    Number.isFinite(top) &&
    top >= 0 &&
    typeof opened === 'string' &&
    opened
    ? { top, opened }
    : null;
}
