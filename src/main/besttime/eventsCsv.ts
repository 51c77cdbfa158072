import { csvColumns, parseInstant, readCsvRows, type CsvRow } from '../csv/csvInput';
import { excerpt } from '../../shared/excerpt';
import { isSignalType, SIGNAL_TYPES } from '../../shared/signals';
import { isValidZone } from './model/localClock';
import type { BesttimeEvent } from './model/types';

/** An input problem the user can fix; the message names the file and line. */
export class EventsInputError extends Error {}

const REQUIRED = ['person_id', 'timestamp', 'event_type'] as const;
const OPTIONAL = ['duration_s', 'person_tz'] as const;
const fail = (message: string): Error => new EventsInputError(message);
const readRows = (label: string, text: string): CsvRow[] => readCsvRows(label, text, fail);
const columnIndexes = (label: string, header: string[]): Record<string, number> =>
  csvColumns(label, header, { required: REQUIRED, optional: OPTIONAL, strict: false }, fail);

const READ: readonly string[] = [...REQUIRED, ...OPTIONAL];

/**
 * One message per header column the parser does not read. The file is not refused (the command's
 * interface accepts extra columns), but a near-miss such as "duration" must not drop data unseen.
 */
function ignoredColumnWarnings(label: string, header: string[]): string[] {
  return header.flatMap((name, i) => {
    if (READ.includes(name.trim().toLowerCase())) return [];
    const which =
      name.trim() === '' ? `column ${i + 1} (no name)` : `column "${excerpt(name.trim())}"`;
    return [`${label}: ${which} is not one the command reads (${READ.join(', ')}); it is ignored`];
  });
}

/**
 * Reads the besttime CSV; throws EventsInputError at the first bad line. `warn` hears of each
 * column that is ignored.
 */
export function parseEventsCsv(
  label: string,
  text: string,
  warn: (message: string) => void = () => undefined,
): BesttimeEvent[] {
  const rows = readRows(label, text);
  const head = rows[0];
  if (!head)
    throw new EventsInputError(`${label} line 1: the file is empty (expected a header row)`);
  const col = columnIndexes(label, head.record);
  for (const message of ignoredColumnWarnings(label, head.record)) warn(message);
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
