import type { PulledRecord } from '../crm/crmSource';
import { startCursor, type PullCursor } from './syncState';

/**
 * A module's changed records are listed oldest first, one page after the other: each request
 * waits for the one before (its If-Modified-Since is the last page's last second). To have more
 * than one request out for one module, its listing is cut into stretches of modification time,
 * each read as such a chain of its own: records modified in (anchor, upTo], `upTo` null for the
 * last, open-ended stretch. A record modified while the sync runs moves to the end of the listing,
 * into the open-ended stretch, exactly as it does for one chain; the module's watermark moves only
 * when every stretch is read.
 */
export interface Stretch extends PullCursor {
  upTo: number | null;
}

/** What `sync_state` keeps for a module being read: its stretches, and what finished ones saw. */
export interface StretchesCursor {
  stretches: Stretch[];
  maxSeen: number | null;
  /** What the stretches that finished counted (each stretch's tally is in its own cursor). */
  counted?: { stored: number; quarantined: number };
}

/** The stored cursor: stretches, or one chain as written before stretches (or by an older app). */
export function stretchesOf(
  stored: StretchesCursor | PullCursor | null,
  watermark: number | null,
): StretchesCursor {
  if (stored && 'stretches' in stored) return stored;
  const chain = stored ?? startCursor(watermark);
  return { stretches: [{ ...chain, upTo: null }], maxSeen: watermark };
}

/** The records of a page that fall in the stretch, and whether the page went past its end. */
export function withinStretch(
  records: PulledRecord[],
  upTo: number | null,
): { records: PulledRecord[]; past: boolean } {
  if (upTo === null) return { records, past: false };
  // A page is in modification order: the first record past the end starts the next stretch.
  const at = records.findIndex((r) => r.modifiedAt > upTo);
  return at < 0 ? { records, past: false } : { records: records.slice(0, at), past: true };
}

/** A stretch being read, with what its pages so far say about the records still ahead of it. */
export interface StretchProgress {
  stretch: Stretch;
  /** The newest modification received (stored or not): a cut must come after it. */
  frontier: number | null;
  /** The oldest modification received, and how many records were received. */
  from: number | null;
  received: number;
}

export const PAGE_SIZE = 200;

/**
 * Where to cut one of the stretches in two so one more chain can run: the one with the most
 * records still ahead by its pace so far (records per second of modification time), cut at the
 * middle second of what is ahead of it. Null when none has two pages or more ahead of it (or
 * none has read a page yet: its pace is unknown). `newest` ends the open-ended stretch.
 */
export function chooseCut(
  live: readonly StretchProgress[],
  newest: number | null,
): { progress: StretchProgress; at: number } | null {
  let best: { progress: StretchProgress; at: number; ahead: number } | null = null;
  for (const p of live) {
    const end = p.stretch.upTo ?? newest;
    if (end === null || p.frontier === null || p.from === null || p.received === 0) continue;
    const span = Math.max(1000, p.frontier - p.from);
    const ahead = ((end - p.frontier) * p.received) / span;
    if (ahead < 2 * PAGE_SIZE) continue;
    // Zoho's times are whole seconds, and so is If-Modified-Since.
    const at = Math.floor((p.frontier + (end - p.frontier) / 2) / 1000) * 1000;
    if (at <= p.frontier || at >= end) continue;
    if (!best || ahead > best.ahead) best = { progress: p, at, ahead };
  }
  return best ? { progress: best.progress, at: best.at } : null;
}
