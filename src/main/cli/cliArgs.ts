import { DateTime } from 'luxon';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { AHEAD_DAYS, PAST_DAYS, pickableDays } from '../../shared/pickableDays';

/** A mistake in the command line: the command prints it with its usage and exits 2. */
export class UsageError extends Error {}

export function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  return n;
}

/**
 * `args` with the negative-looking value of each numeric option joined to it (`--people -5` to
 * `--people=-5`). Node's parseArgs refuses a value that starts with "-" in words of its own ("argument
 * is ambiguous… use '--people=-XYZ'"); joined, the option's own check says what it must be.
 */
export function negativeNumbersJoined(
  args: readonly string[],
  numeric: readonly string[],
): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const next = args[i + 1];
    if (
      numeric.includes(arg.replace(/^--/, '')) &&
      arg.startsWith('--') &&
      next &&
      /^-[\d.]/.test(next)
    ) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

export function requireDb(value: string | undefined): string {
  if (!value) throw new UsageError('--db FILE is required');
  return value;
}

/** A command that only reads must not leave an empty database behind a mistyped path. */
/**
 * Why `path` cannot be read as a database, in words that follow "--db": a folder, or no database
 * (a missing or empty file: opening one would write a new database there, and a read must not).
 */
export function unreadableDb(path: string): string | null {
  if (!existsSync(path))
    return `no database at ${path}: check the path, or write one with "demo" or "sync"`;
  const stat = statSync(path);
  if (stat.isDirectory()) return `${path} is a folder: --db takes a database file`;
  if (stat.size === 0)
    return `no database at ${path}: check the path, or write one with "demo" or "sync"`;
  return null;
}

/**
 * Why `path` cannot be the database a command writes when it is new (`serve --db`), in words that
 * follow the command's name, or null: a folder, or a file whose folder is not there. A new file is
 * written, never its folders: a mistyped folder would take a fresh, empty organisation.
 */
export function newDbFileProblem(path: string): string | null {
  if (path === '') return '--db needs a file name';
  const stat = existsSync(path) ? statSync(path) : null;
  const last = path.split(sep === '\\' ? /[\\/]/ : '/').pop();
  if (stat?.isDirectory() || last === '' || last === '.' || last === '..')
    return `${path} is a folder: --db takes a database file`;
  if (stat) return null;
  // As written: the system walks "missing/../demo.db" through "missing", which resolve() skips.
  const folder = dirname(path);
  if (!existsSync(folder))
    return `--db ${path}: the folder ${resolve(folder)} does not exist (a new database file is written there, not the folder: create it first)`;
  if (!statSync(folder).isDirectory())
    return `--db ${path}: ${resolve(folder)} is a file, not a folder`;
  return null;
}

export function requireExistingDb(value: string | undefined): string {
  const path = requireDb(value);
  const problem = unreadableDb(path);
  if (problem) throw new UsageError(`${problem[0]?.toUpperCase()}${problem.slice(1)}.`);
  return path;
}

/**
 * A `--date` as the usage writes it, YYYY-MM-DD, and a real day. Luxon's `fromISO` also takes a
 * week date (2026-W48-1), an ordinal (2026-327), the basic form and an instant: refused.
 */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
}

/**
 * An ISO 8601 instant or date as UTC ms, read in `zone` when it has no offset; null when it is
 * not ISO or has no date. Luxon reads a time alone ("10:00") as that time today on the machine
 * running the command, which no two runs agree on. Every ISO date form Luxon reads starts with
 * its year; a time alone starts with "T" or a two-digit hour.
 */
export function isoInstantWithDate(text: string, zone: string): number | null {
  if (!/^(?:[+-]\d{6}|\d{4})/.test(text)) return null;
  const parsed = DateTime.fromISO(text, { zone });
  return parsed.isValid ? parsed.toMillis() : null;
}

/** A trailing UTC offset as Luxon reads one (Z or z, +hh, +hh:mm, +hhmm), then maybe [Zone/Name]. */
const OFFSET = /(?:[Zz]|([+-])(\d{2})(?::?(\d{2}))?)(\[[^\]]*\])?$/;
/**
 * Every ISO date form (2026-11-23, 2026-W48-1, 2026-327, 20261123) comes before a "T"; a time
 * alone ("10:00Z", "100000Z"), which Luxon reads as that time today, has none.
 */
const DATE_THEN_TIME = /^[^Tt[]+[Tt]/;

function notAnInstant(text: string): { problem: string } {
  return {
    problem: `--now "${text}" is not an ISO instant with an offset (e.g. 2026-11-23T10:00:00+01:00)`,
  };
}

/**
 * `--now` as every command that takes it reads it (`plan`, `team`, `serve`): an ISO instant as
 * Luxon's `DateTime.fromISO` reads one, with its date and an offset or Z, or why not. Luxon reads
 * a time alone ("10:00Z") as that time today, "+25:00" as an offset of a day and more, and
 * "+05:00[Europe/Berlin]" as Berlin's time whatever the offset says: each is refused.
 */
export function instantWithOffset(text: string): { at: DateTime } | { problem: string } {
  const offset = OFFSET.exec(text);
  if (!offset || !DATE_THEN_TIME.test(text)) return notAnInstant(text);
  const [written, sign, hours, minutes = '00', zone] = offset;
  const signed =
    sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
  // The offsets clocks keep run from -12:00 (Baker Island) to +14:00 (Kiribati).
  if (Number(minutes) > 59 || signed < -12 * 60 || signed > 14 * 60)
    return {
      problem: `--now "${text}": ${sign}${hours}:${minutes} is not an offset a clock can have (from -12:00 to +14:00)`,
    };
  const at = DateTime.fromISO(text, { setZone: true });
  if (!at.isValid) {
    if (at.invalidReason === 'unit out of range')
      return { problem: `--now "${text}" names a day or a time that does not exist` };
    // The offset was read; what Luxon could not place is the zone in brackets.
    if (at.invalidReason === 'unsupported zone' && zone !== undefined)
      return {
        problem: `--now "${text}": ${zone.slice(1, -1)} is not a time zone (an IANA name such as Europe/Berlin, or leave out the brackets)`,
      };
    return notAnInstant(text);
  }
  if (zone !== undefined && at.offset !== signed)
    return {
      problem: `--now "${text}": ${written.slice(0, -zone.length)} is not the offset of ${zone.slice(1, -1)} at that time`,
    };
  return { at };
}

/**
 * Why `--date` is not a day the app would show for `now`, or null: the app's day pickers allow 90
 * days back (plans are kept that long) to a year ahead of today in `zone`, the rep's or manager's.
 */
export function datePickProblem(date: string, now: number, zone: string): string | null {
  const today = DateTime.fromMillis(now, { zone }).toISODate() ?? '';
  const { earliest, latest } = pickableDays(today, zone);
  if (!earliest || !latest || (date >= earliest && date <= latest)) return null;
  return `--date ${date} is not a day that can be planned: from ${earliest} to ${latest} (${PAST_DAYS} days before and ${AHEAD_DAYS} after ${today}, the day of --now in ${zone})`;
}
