import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { excerpt } from '../../shared/excerpt';

/** A problem in an input file the user can fix; the message names the file and line. */
export class AlertInputError extends Error {}

const REQUIRED = ['timestamp', 'visitor_id', 'url'] as const;
const OPTIONAL = ['email', 'name', 'ip', 'referrer', 'user_agent'] as const;
const KNOWN = new Set<string>([...REQUIRED, ...OPTIONAL]);
/** A local time without an offset could be any of 38 instants; refuse to guess. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

/** One line of a page-view file. Optional cells left empty are null. */
export interface CsvPageView {
  line: number;
  at: number;
  visitorId: string;
  url: string;
  email: string | null;
  name: string | null;
  ip: string | null;
  referrer: string | null;
  userAgent: string | null;
}

export function parseInstant(text: string): number | null {
  if (!ISO_WITH_OFFSET.test(text)) return null;
  const parsed = DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : null;
}

interface ParsedRow {
  record: string[];
  info: { lines: number };
}

function readRows(label: string, text: string): ParsedRow[] {
  try {
    return parse(text, {
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as unknown as ParsedRow[];
  } catch (error) {
    const { lines, code, record } = error as { lines?: number; code?: string; record?: unknown[] };
    const header = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').split(',').length;
    // csv-parse's own words for a short or long row name its option names, not the file's rows.
    const message =
      code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && Array.isArray(record)
        ? `${record.length} fields where the header has ${header}; leave an optional column empty ("a,b,,") rather than out`
        : error instanceof Error
          ? error.message.replace(/ on line \d+$/, '')
          : String(error);
    throw new AlertInputError(`${label}${lines ? ` line ${lines}` : ''}: ${message}`);
  }
}

function columnIndexes(label: string, header: string[]): Record<string, number> {
  const index: Record<string, number> = {};
  const expected = `header: ${REQUIRED.join(',')} and optional ${OPTIONAL.join(', ')}`;
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (!KNOWN.has(key))
      throw new AlertInputError(`${label} line 1: unknown column "${excerpt(key)}" (${expected})`);
    if (key in index) throw new AlertInputError(`${label} line 1: column "${key}" appears twice`);
    index[key] = i;
  });
  for (const name of REQUIRED)
    if (!(name in index))
      throw new AlertInputError(`${label} line 1: missing column "${name}" (${expected})`);
  return index;
}

/** A page is a path ("/pricing") or an absolute http(s) URL. */
function isPageUrl(url: string): boolean {
  return url.startsWith('/') || /^https?:\/\/[^/\s]+/i.test(url);
}

/**
 * Reads a page-view file: header `timestamp,visitor_id,url` and any of
 * `email,name,ip,referrer,user_agent`. Throws AlertInputError at the first bad line.
 */
export function parsePageViewsCsv(label: string, text: string): CsvPageView[] {
  const rows = readRows(label, text);
  const head = rows[0];
  if (!head)
    throw new AlertInputError(
      `${label} line 1: the file is empty (expected a header: ${REQUIRED.join(',')})`,
    );
  const col = columnIndexes(label, head.record);
  const out: CsvPageView[] = [];
  for (const { record, info } of rows.slice(1)) {
    const where = `${label} line ${info.lines}`;
    const cell = (name: string): string => {
      const i = col[name];
      return i === undefined ? '' : (record[i] ?? '');
    };
    const optional = (name: string): string | null => cell(name) || null;
    const stamp = cell('timestamp');
    const at = parseInstant(stamp);
    if (at === null)
      throw new AlertInputError(
        `${where}: bad timestamp "${excerpt(stamp)}" (ISO 8601 with an offset or Z, e.g. 2026-11-23T10:15:00Z)`,
      );
    const visitorId = cell('visitor_id');
    if (visitorId === '') throw new AlertInputError(`${where}: empty visitor_id`);
    const url = cell('url');
    if (!isPageUrl(url))
      throw new AlertInputError(
        `${where}: bad url "${excerpt(url)}" (a path such as /pricing or an http(s) URL)`,
      );
    const email = optional('email');
    if (email !== null && !/^[^@\s]+@[^@\s]+$/.test(email))
      throw new AlertInputError(`${where}: bad email "${excerpt(email)}"`);
    out.push({
      line: info.lines,
      at,
      visitorId,
      url,
      email,
      name: optional('name'),
      ip: optional('ip'),
      referrer: optional('referrer'),
      userAgent: optional('user_agent'),
    });
  }
  return out;
}
