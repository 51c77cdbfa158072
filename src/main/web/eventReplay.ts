import { randomBytes } from 'node:crypto';

/** How many pushed events the web host keeps for a stream that comes back (a few minutes' worth). */
const KEPT = 200;

interface Logged {
  seq: number;
  name: string;
  data: string;
}

/**
 * The web host's recent pushes, numbered, so that an EventSource that reconnects (a network blip,
 * a laptop waking) gets what it missed from its `Last-Event-ID` instead of reloading everything.
 * An id names this run of the host: one from another run, or older than what is kept, is a gap.
 */
interface EventReplay {
  /** Numbers and keeps one push; the SSE text to write to every open stream. */
  record(name: string, payload: unknown): string;
  /**
   * The SSE text of every push after `lastEventId`, or null when they are not all kept (an id
   * from another run, too old, or malformed): the page must read everything again.
   */
  after(lastEventId: string): string | null;
  /** An event naming the latest push, so that a stream opened before any push can resume too. */
  position(): string;
}

export function eventReplay(): EventReplay {
  const run = randomBytes(6).toString('base64url');
  const kept: Logged[] = [];
  let seq = 0;
  const frame = (e: Logged): string => `id: ${run}.${e.seq}\nevent: ${e.name}\ndata: ${e.data}\n\n`;
  return {
    record(name, payload) {
      seq += 1;
      const e = { seq, name, data: JSON.stringify(payload) };
      kept.push(e);
      if (kept.length > KEPT) kept.shift();
      return frame(e);
    },
    after(lastEventId) {
      const match = /^([A-Za-z0-9_-]+)\.(\d{1,15})$/.exec(lastEventId);
      if (!match || match[1] !== run) return null;
      const from = Number(match[2]);
      const oldest = kept[0]?.seq ?? seq + 1;
      // `from` itself may have left the ring: only those after it must still be there.
      if (from > seq || from < oldest - 1) return null;
      return kept
        .filter((e) => e.seq > from)
        .map(frame)
        .join('');
    },
    position() {
      return `id: ${run}.${seq}\nevent: stream-position\ndata: {}\n\n`;
    },
  };
}
