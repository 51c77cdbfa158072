/**
 * What an error from SQLite (or from the file system around it) means for the user's database
 * file, in words that say what to do. The advice differs by cause: "move it aside" is right for a
 * damaged file and wrong for a healthy one in a read-only folder.
 */

/** better-sqlite3's SqliteError and Node's fs errors both carry a string `code`. */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** SQLite reports extended codes (SQLITE_CORRUPT_INDEX, SQLITE_READONLY_DIRECTORY, ...). */
function hasCode(error: unknown, ...codes: string[]): boolean {
  const code = codeOf(error);
  return codes.some((c) => code === c || code.startsWith(`${c}_`));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The file is damaged: SQLite found pages it cannot read, or no database at all. */
export function isDamagedDatabaseError(error: unknown): boolean {
  return hasCode(error, 'SQLITE_CORRUPT', 'SQLITE_NOTADB');
}

/**
 * A query met a damaged page after the file opened fine (SQLite rolls the failing statement's
 * transaction back); a CRM copy comes back with a sync.
 */
export function damagedDatabaseMessage(path: string, error: unknown): string {
  return (
    `The database at ${path} is damaged (${messageOf(error)}). ` +
    'Restore a backup, or move it aside and start a fresh one (a CRM copy is then synced again).'
  );
}

/** The disk holding the file has no room left for what was being written. */
function isDiskFullError(error: unknown): boolean {
  return hasCode(error, 'SQLITE_FULL', 'ENOSPC');
}

/**
 * The file opened fine but cannot be written now: the drive went away or failed, or the file or
 * its folder was made read-only while the app ran (SQLite says only "disk I/O error").
 */
function isUnwritableDatabaseError(error: unknown): boolean {
  // SQLite's codes only: a system error's code (EACCES) may be another file's.
  return hasCode(error, 'SQLITE_IOERR', 'SQLITE_READONLY');
}

/** A write met a full disk or a file that cannot be written: nothing of it was stored. */
export function isDatabaseWriteError(error: unknown): boolean {
  return isDiskFullError(error) || isUnwritableDatabaseError(error);
}

/**
 * What happened to the work that met the write error: `saved` for a request that wrote nothing
 * (`entryKept`: the screen still holds what the user entered, so they save it again), `synced`
 * for a sync run, whose earlier pages stay stored.
 */
type WriteOutcome = 'saved' | 'entryKept' | 'synced';

/**
 * Why a write to the database at `path` failed and what to do, for a full disk or a file that
 * cannot be written ({@link isDatabaseWriteError}); SQLite's own words in brackets.
 */
export function databaseWriteMessage(path: string, error: unknown, outcome: WriteOutcome): string {
  const cause = isDiskFullError(error)
    ? `The disk holding ${path} is full (${messageOf(error)})`
    : // An I/O error may be a read's (a drive pulled out while a page loads), read-only only a write's.
      `The database at ${path} cannot be ${hasCode(error, 'SQLITE_READONLY') ? 'written' : 'read or written'} now (${messageOf(error)})`;
  const fix = isDiskFullError(error)
    ? 'Free some space on it'
    : 'Check the drive it is on and the permissions of the file and its folder';
  switch (outcome) {
    case 'saved':
      return `${cause}: nothing was saved. ${fix}, then try again.`;
    case 'entryKept':
      return `${cause}: nothing was saved, and what you entered is kept. ${fix}, then save again.`;
    case 'synced':
      return `${cause}: the sync stopped, and everything synced so far is kept. ${fix}; the app retries on schedule.`;
  }
}

/** Why `path` could not be opened, with the advice that fits the cause. */
export function openFailureMessage(path: string, error: unknown): string {
  const message = messageOf(error);
  if (isDamagedDatabaseError(error))
    return (
      `Cannot open the database at ${path}: ${message}. ` +
      'The file was left untouched; move it aside to start fresh, or restore a backup.'
    );
  if (
    hasCode(
      error,
      'SQLITE_READONLY',
      'SQLITE_CANTOPEN',
      'SQLITE_PERM',
      'SQLITE_AUTH',
      'EACCES',
      'EPERM',
      'EROFS',
    )
  )
    return (
      `The database at ${path} cannot be opened or written here (a read-only file or folder, or a drive out of reach) (${message}): ` +
      'check its permissions; the file was left untouched.'
    );
  // The folder it goes in cannot be made: some part of that path is a file.
  if (hasCode(error, 'ENOTDIR', 'EEXIST'))
    return `Cannot create the database at ${path}: a part of its folder path is a file, not a folder (${message}). Give a path inside a folder.`;
  if (hasCode(error, 'SQLITE_BUSY', 'SQLITE_LOCKED'))
    return (
      `Cannot open the database at ${path}: another program holds it (${message}). ` +
      'Close that program (or another Contact Window) and try again; the file was left untouched.'
    );
  return `Cannot open the database at ${path}: ${message}.`;
}
