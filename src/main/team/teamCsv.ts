import { DateTime } from 'luxon';
import type { Channel } from '../../shared/signals';
import type { RepDay } from './teamSchedule';

const HEADER = ['rep', 'person', 'channel', 'state', 'start', 'end', 'stars'];

/** One line of a team's CSV: a window (or a row with none) of a rep's day. */
export interface TeamCsvLine {
  rep: { name: string; time_zone: string };
  person: string;
  channel: Channel;
  state: string;
  start: number | null;
  end: number | null;
  stars: number | null;
}

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
 * A team's day as CSV (TM-2), one line each in the order given. The `team` command's lines
 * (`planCsvLines`, a fixed interface) give times in each rep's zone with their offset, as `plan`
 * prints them. The Team page's (`pageExport`) are in `shownIn`, the zone the page shows (the
 * manager's), named in a column `time_zone`: a spreadsheet sorts one zone's times as text
 * rightly, where Tokyo's 09:00+09:00 sorted after Berlin's 08:00+01:00, eight hours later. All
 * but on the day its clocks go back: the repeated hour's second 02:15+01:00 sorts before its
 * first 02:45+02:00. The last columns, `start_utc` and `end_utc`, give the instants in UTC
 * (`2026-10-25T01:15:00Z`), which sort as text in the order they happen on every day.
 */
export function teamCsv(lines: Iterable<TeamCsvLine>, shownIn?: string): string {
  const out = [
    (shownIn === undefined ? HEADER : [...HEADER, 'time_zone', 'start_utc', 'end_utc']).join(','),
  ];
  for (const line of lines) {
    const iso = (ms: number | null, zone: string): string | null =>
      ms === null
        ? null
        : DateTime.fromMillis(ms, { zone }).toISO({
            suppressMilliseconds: true,
          });
    const shown = shownIn ?? line.rep.time_zone;
    out.push(
      [
        line.rep.name,
        line.person,
        line.channel,
        line.state,
        iso(line.start, shown),
        iso(line.end, shown),
        line.stars,
        ...(shownIn === undefined ? [] : [shownIn, iso(line.start, 'utc'), iso(line.end, 'utc')]),
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${out.join('\r\n')}\r\n`;
}

/**
 * The `team` command's CSV lines (a fixed interface): every row of every rep, in each rep's
 * display order, in the planner's row state.
 */
export function* planCsvLines(reps: readonly RepDay[]): Generator<TeamCsvLine> {
  for (const { rep, rows } of reps)
    for (const row of rows)
      yield {
        rep,
        person: row.name,
        channel: row.channel,
        state: row.state,
        start: row.start,
        end: row.end,
        stars: row.stars,
      };
}
