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
