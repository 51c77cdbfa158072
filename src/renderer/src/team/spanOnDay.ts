import { DateTime } from 'luxon';

/**
 * "HH:mm–HH:mm" of a span on the day shown (YYYY-MM-DD in `zone`), with the weekday of an end
 * on another day: a rep east of the manager has windows the manager's evening before ("Mon
 * 17:00–18:00" on Tuesday's board), one west of them windows past the manager's midnight.
 */
export function spanOnDay(start: number, end: number, zone: string, date: string): string {
  const from = DateTime.fromMillis(start, { zone });
  const to = DateTime.fromMillis(end, { zone });
  const fromDay = from.toISODate();
  const head = fromDay === date ? from.toFormat('HH:mm') : from.toFormat('ccc HH:mm');
  return `${head}–${to.toISODate() === fromDay ? to.toFormat('HH:mm') : to.toFormat('ccc HH:mm')}`;
}
