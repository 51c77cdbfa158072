import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { isSignalType, SIGNAL_TYPES } from '../../shared/signals';
import { isValidZone } from './model/localClock';
import type { BesttimeEvent } from './model/types';

/** An input problem the user can fix; the message names the file and line. */
export class EventsInputError extends Error {}

const REQUIRED = ['person_id', 'timestamp', 'event_type'] as const;
const OPTIONAL = ['duration_s', 'person_tz'] as const;
/** A local time without an offset could be any of 38 instants; refuse to guess. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

function parseInstant(text: string): number | null {
  if (!ISO_WITH_OFFSET.test(text)) return null;
  const parsed = DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : null;
}

interface ParsedRow {
  record: string[];
  info: { lines: number };
}

function countHeader(text: string): number {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return first.split(',').length;
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
    const {
      lines: line,
      code,
      record,
    } = error as {
      lines?: number;
      code?: string;
      record?: unknown[];
    };
    // csv-parse's own words for a short or long row name its option names, not the file's rows.
    const message =
      code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && Array.isArray(record)
        ? `${record.length} fields where the header has ${countHeader(text)}; leave an optional column empty ("a,b,,") rather than out`
        : error instanceof Error
          ? error.message.replace(/ on line \d+$/, '')
          : String(error);
    throw new EventsInputError(`${label}${line ? ` line ${line}` : ''}: ${message}`);
  }
}

function columnIndexes(label: string, header: string[]): Record<string, number> {
  const index: Record<string, number> = {};
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (key in index) throw new EventsInputError(`${label} line 1: column "${key}" appears twice`);
    index[key] = i;
  });
  for (const name of REQUIRED) {
    if (!(name in index)) {
      throw new EventsInputError(
        `${label} line 1: missing column "${name}" (header must have ${REQUIRED.join(', ')}; optional ${OPTIONAL.join(', ')})`,
      );
    }
  }
  return index;
}

/** Reads the besttime CSV; throws EventsInputError at the first bad line. */
export function parseEventsCsv(label: string, text: string): BesttimeEvent[] {
  const rows = readRows(label, text);
  const head = rows[0];
  if (!head)
    throw new EventsInputError(`${label} line 1: the file is empty (expected a header row)`);
  const col = columnIndexes(label, head.record);
  const cell = (row: string[], name: string): string => {
    const i = col[name];
    return i === undefined ? '' : (row[i] ?? '');
  };
  const events: BesttimeEvent[] = [];
  for (const { record, info } of rows.slice(1)) {
    const where = `${label} line ${info.lines}`;
    const personId = cell(record, 'person_id');
    if (personId === '') throw new EventsInputError(`${where}: empty person_id`);
    const stamp = cell(record, 'timestamp');
    const at = parseInstant(stamp);
    if (at === null) {
      throw new EventsInputError(
        `${where}: bad timestamp "${stamp}" (ISO 8601 with an offset or Z, e.g. 2024-03-05T10:15:00+09:00)`,
      );
    }
    const type = cell(record, 'event_type');
    if (!isSignalType(type))
      throw new EventsInputError(
        `${where}: unknown event_type "${type}" (one of ${SIGNAL_TYPES.join(', ')})`,
      );
    const event: BesttimeEvent = { personId, at, type };
    const duration = cell(record, 'duration_s');
    if (duration !== '') {
      const seconds = Number(duration);
      if (!Number.isFinite(seconds) || seconds < 0)
        throw new EventsInputError(`${where}: bad duration_s "${duration}" (seconds, 0 or more)`);
      event.durationS = seconds;
    }
    const zone = cell(record, 'person_tz');
    if (zone !== '') {
      if (!isValidZone(zone))
        throw new EventsInputError(
          `${where}: unknown time zone "${zone}" in person_tz (use an IANA name like Asia/Tokyo)`,
        );
      event.personTz = zone;
    }
    events.push(event);
  }
  return events;
}
