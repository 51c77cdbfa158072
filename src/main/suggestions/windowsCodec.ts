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

/** Windows of one channel, best first within each weekday, as the stored JSON. */
export function encodeWindows(
  windows: readonly {
    weekday: number;
    startMin: number;
    endMin: number;
    stars: number;
    reason: string;
  }[],
): string {
  return JSON.stringify(
    windows.map((w): Encoded => [w.weekday, w.startMin, w.endMin, w.stars, w.reason]),
  );
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
