/**
 * The code of the core's refusal to act on a data set it no longer shows (a switch the page has
 * not heard of yet). It crosses the process boundary with the words, so the page can tell that
 * refusal from any other failure (a core restarting) without reading the words.
 */
const DATA_SET_GONE = 'data-set-gone';

/** An error the core refused with for another data set than the one it shows. */
export class DataSetGoneError extends Error {
  readonly code = DATA_SET_GONE;
}

/** Whether a failed call was that refusal (the page's error carries the answer's code). */
export function isDataSetGone(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === DATA_SET_GONE;
}
