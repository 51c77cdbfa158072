import { DateTime } from 'luxon';
import type { RepDay } from './teamSchedule';

const HEADER = ['rep', 'person', 'channel', 'state', 'start', 'end', 'stars'];

/**
 * A cell as spreadsheets read it: quoted when it holds a comma, a quote or a line break; a name
 * that begins like a formula (=, +, -, @) gets a leading apostrophe, so opening the file in a
 * spreadsheet never runs a CRM value as a formula.
 */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The day's schedule as CSV (TM-2): one line per row of every rep, in each rep's display order,
 * times in the rep's zone with their offset (as `plan` prints them).
 */
export function teamCsv(reps: readonly RepDay[]): string {
  const lines = [HEADER.join(',')];
  for (const { rep, rows } of reps) {
    const iso = (ms: number | null): string | null =>
      ms === null
        ? null
        : DateTime.fromMillis(ms, { zone: rep.time_zone }).toISO({ suppressMilliseconds: true });
    for (const row of rows)
      lines.push(
        [rep.name, row.name, row.channel, row.state, iso(row.start), iso(row.end), row.stars]
          .map(cell)
          .join(','),
      );
  }
  return `${lines.join('\r\n')}\r\n`;
}
