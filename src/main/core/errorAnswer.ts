import {
  damagedDatabaseMessage,
  databaseWriteMessage,
  isDamagedDatabaseError,
  isDatabaseWriteError,
} from '../db/databaseErrors';

/**
 * The requests whose screen keeps what the user entered when the save fails (the Log call dialog,
 * a task's new date, the alert rules' draft): the words tell them to save it again.
 */
const KEEPS_ENTRY: ReadonlySet<string> = new Set([
  'logCall',
  'bookCall',
  'changeTask',
  'createLead',
  'updateAlertSettings',
]);

/**
 * What a failed request answers, for the screen to show. SQLite's own words ("database disk image
 * is malformed", "database or disk is full") name neither the file nor a way out: those faults of
 * the database at `path` are said with both. Every other error's message is already for people.
 */
export function errorAnswer(method: string, path: string, error: unknown): string {
  if (isDamagedDatabaseError(error)) return damagedDatabaseMessage(path, error);
  if (isDatabaseWriteError(error))
    return databaseWriteMessage(path, error, KEEPS_ENTRY.has(method) ? 'entryKept' : 'saved');
  return error instanceof Error ? error.message : String(error);
}
