import { DateTime } from 'luxon';

/**
 * The spans already written, by zone, day and window: a team's day of 1,800 blocks has a few dozen
 * distinct windows (they start and end on slot boundaries), and each block's label names its span.
 * Writing one takes two Luxon dates and Intl work; the board's first paint wrote every one twice.
 */
const MAX_KEPT = 20_000;
const written = new Map<string, string>();

/**
 * "HH:mm–HH:mm" of a span on the day shown (YYYY-MM-DD in `zone`), with the weekday of an end
 * on another day: a rep east of the manager has windows the manager's evening before ("Mon
 * 17:00–18:00" on Tuesday's board), one west of them windows past the manager's midnight.
 */
export function spanOnDay(start: number, end: number, zone: string, date: string): string {
  const key = `${zone}|${date}|${start}|${end}`;
  let text = written.get(key);
  if (text === undefined) {
    // A page left open for weeks meets new windows every day: start over rather than grow.
    if (written.size >= MAX_KEPT) written.clear();
    text = writeSpan(start, end, zone, date);
    written.set(key, text);
  }
  return text;
}

function writeSpan(start: number, end: number, zone: string, date: string): string {
  const from = DateTime.fromMillis(start, { zone });
  const to = DateTime.fromMillis(end, { zone });
  const fromDay = from.toISODate();
  const head = fromDay === date ? from.toFormat('HH:mm') : from.toFormat('ccc HH:mm');
  return `${head}–${to.toISODate() === fromDay ? to.toFormat('HH:mm') : to.toFormat('ccc HH:mm')}`;
}
