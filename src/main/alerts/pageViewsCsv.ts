import { csvColumns, parseInstant, readCsvRows, type CsvRow } from '../csv/csvInput';
import { excerpt } from '../../shared/excerpt';

/** A problem in an input file the user can fix; the message names the file and line. */
export class AlertInputError extends Error {}

const REQUIRED = ['timestamp', 'visitor_id', 'url'] as const;
const OPTIONAL = ['email', 'name', 'ip', 'referrer', 'user_agent'] as const;

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

const fail = (message: string): Error => new AlertInputError(message);
const readRows = (label: string, text: string): CsvRow[] => readCsvRows(label, text, fail);
const columnIndexes = (label: string, header: string[]): Record<string, number> =>
  csvColumns(label, header, { required: REQUIRED, optional: OPTIONAL, strict: true }, fail);

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
