import { DateTime } from 'luxon';
import { existsSync, statSync } from 'node:fs';

/** A mistake in the command line: the command prints it with its usage and exits 2. */
export class UsageError extends Error {}

export function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  return n;
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
