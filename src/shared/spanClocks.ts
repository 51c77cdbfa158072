import { DateTime } from 'luxon';

/** A visit's two instants as the rep's clock shows them. */
export interface SpanClocks {
  start: string;
  /** Null when both instants fall in one minute: "since 10:10", never "10:10–10:10". */
  end: string | null;
  /** Each time carries its offset (the clocks went back between them): a range then takes
   * spaces round its dash, "02:30 UTC+2 – 02:05 UTC+1", lest it read "UTC+2–02:05". */
  zoned: boolean;
}

/**
 * "10:02" and "10:14", or one time when both fall in one minute of time, not of the clock: on the
 * night the clocks go back (Berlin, 25 Oct 2026) 02:30 comes twice, and a visit from the first to
 * the second read "since 02:30" alone, an hour lost, while one last seen at the second 02:05 read
 * "since 02:30 · last seen 02:05", backwards (review53 4). A span across that change names each
 * time's offset, as every page names a zone (format/time's zoneLabel: "UTC+2", not "CEST", which
 * Intl writes "GMT+2" in English). In spring no clock time repeats and the clocks read in order.
 */
export function spanClocks(from: number, to: number, zone: string): SpanClocks {
  const start = DateTime.fromMillis(from, { zone });
  const end = DateTime.fromMillis(to, { zone });
  const oneMinute = Math.floor(from / 60_000) === Math.floor(to / 60_000);
  const zoned = end.offset < start.offset;
  const clock = (t: DateTime): string =>
    zoned ? `${t.toFormat('HH:mm')} ${offsetText(t.offset)}` : t.toFormat('HH:mm');
  return { start: clock(start), end: oneMinute ? null : clock(end), zoned };
}

/** "UTC+2", "UTC−5" (a minus sign, not a hyphen), "UTC+5:30", "UTC": an offset in minutes. */
export function offsetText(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  const hours = `${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
  return `UTC${minutes < 0 ? '\u2212' : '+'}${hours}`;
}
