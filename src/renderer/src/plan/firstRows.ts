/**
 * A new list (opening, another day, another rep) first asks for this many rows, more than the
 * tallest screen shows, and then for the whole plan: thousands of rows take a few hundred
 * milliseconds to serialise and parse, a screenful one.
 */
export const FIRST_ROWS = 100;
