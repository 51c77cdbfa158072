import type { Channel } from '../../shared/signals';

/** One stored window, in the contact's local time. */
export interface StoredWindow {
  channel: Channel;
  weekday: number;
  /** 1 = the best of its weekday. */
  rank: number;
  startMin: number;
  endMin: number;
  stars: number;
  reason: string;
}

type Encoded = [weekday: number, startMin: number, endMin: number, stars: number, reason: string];

/** What JSON must escape in a string, and surrogates (JSON.stringify escapes a lone one). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * Windows of one channel, best first within each weekday, as the stored JSON: to the character
 * what JSON.stringify of [weekday, startMin, endMin, stars, reason] arrays writes. Spelled out,
 * because a thousand people's windows are 4 MB of JSON and JSON.stringify of an array per
 * window took a sixth of an incremental recompute; reasons are plain text, quoted as they are.
 */
export function encodeWindows(
  windows: readonly {
    weekday: number;
    startMin: number;
    endMin: number;
    stars: number;
    reason: string;
  }[],
): string {
  const parts = windows.map((w) =>
    Number.isFinite(w.weekday + w.startMin + w.endMin + w.stars) && !NEEDS_ESCAPING.test(w.reason)
      ? `[${w.weekday},${w.startMin},${w.endMin},${w.stars},"${w.reason}"]`
      : JSON.stringify([w.weekday, w.startMin, w.endMin, w.stars, w.reason]),
  );
  return `[${parts.join(',')}]`;
}

export function decodeWindows(channel: Channel, json: string): StoredWindow[] {
  const out: StoredWindow[] = [];
  const rank = new Map<number, number>();
  for (const [weekday, startMin, endMin, stars, reason] of JSON.parse(json) as Encoded[]) {
    const r = (rank.get(weekday) ?? 0) + 1;
    rank.set(weekday, r);
    out.push({ channel, weekday, rank: r, startMin, endMin, stars, reason });
  }
  return out;
}
