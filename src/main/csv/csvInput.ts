import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { excerpt } from '../../shared/excerpt';

// What the input files the user hands the command line (besttime events, alert page views) share:
// rows with their line numbers, a header of known columns, instants with an offset.

/** A local time without an offset could be any of 38 instants; refuse to guess. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

/** An ISO 8601 instant with a `Z` or an offset, as UTC ms; null for anything else. */
export function parseInstant(text: string): number | null {
  if (!ISO_WITH_OFFSET.test(text)) return null;
  const parsed = DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : null;
}

export interface CsvRow {
  record: string[];
  info: { lines: number };
}

/** Every row with its line; a file csv-parse cannot read fails with the file, line and why. */
export function readCsvRows(
  label: string,
  text: string,
  fail: (message: string) => Error,
): CsvRow[] {
  // A picture, a database, an archive: csv-parse would quote its bytes back in its refusal.
  if (text.slice(0, 65_536).includes('\0'))
    throw fail(`${label}: not a CSV file (it holds binary data, as a picture or a database does)`);
  try {
    return parse(text, {
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as unknown as CsvRow[];
  } catch (error) {
    const { lines, code, record } = error as { lines?: number; code?: string; record?: unknown[] };
    const header = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').split(',').length;
    // csv-parse's own words for a short or long row name its option names, not the file's rows.
    const message =
      code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && Array.isArray(record)
        ? `${record.length} fields where the header has ${header}; ${
            record.length < header
              ? 'leave an optional column empty ("a,b,,") rather than out'
              : 'put a value that holds a comma in double quotes (a,"b, c")'
          }`
        : // Its words quote the field that failed: a bounded excerpt, control characters shown.
          excerpt(
            (error instanceof Error
              ? error.message.replace(/ on line \d+$/, '')
              : String(error)
            ).replace(
              // eslint-disable-next-line no-control-regex
              /[\u0000-\u001f\u007f]/g,
              (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
            ),
          );
    throw fail(`${label}${lines ? ` line ${lines}` : ''}: ${message}`);
  }
}

/**
 * Where each column is, by its lower-cased name. Required columns must be there; with `strict`,
 * a column that is neither required nor optional is refused (a typo must not drop data quietly).
 */
export function csvColumns(
  label: string,
  header: string[],
  columns: { required: readonly string[]; optional: readonly string[]; strict: boolean },
  fail: (message: string) => Error,
): Record<string, number> {
  const { required, optional, strict } = columns;
  const expected = `header: ${required.join(',')} and optional ${optional.join(', ')}`;
  const known = new Set([...required, ...optional]);
  // A spreadsheet saved with another separator reads as one column named after the whole header.
  const other = header.length === 1 ? /[;\t|]/.exec(header[0] ?? '')?.[0] : undefined;
  if (other)
    throw fail(
      `${label} line 1: columns must be separated by commas, this file uses ${other === '\t' ? 'tabs' : `"${other}"`} (${expected})`,
    );
  const index: Record<string, number> = {};
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (strict && !known.has(key))
      throw fail(`${label} line 1: unknown column "${excerpt(key)}" (${expected})`);
    if (key in index) throw fail(`${label} line 1: column "${key}" appears twice`);
    index[key] = i;
  });
  for (const name of required)
    if (!(name in index)) throw fail(`${label} line 1: missing column "${name}" (${expected})`);
  return index;
}
