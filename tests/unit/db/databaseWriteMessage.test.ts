import { describe, expect, it } from 'vitest';
import { databaseWriteMessage } from '../../../src/main/db/databaseErrors';

/** An error as better-sqlite3 throws it: SQLite's words, its extended code. */
const sqliteError = (code: string, message: string): Error =>
  Object.assign(new Error(message), { code });

describe('what a failed read or write of the database says', () => {
  it('an I/O error may be a read’s (a drive pulled out while a page loads): not called a write', () => {
    expect(
      databaseWriteMessage(
        '/x/app.db',
        sqliteError('SQLITE_IOERR_READ', 'disk I/O error'),
        'saved',
      ),
    ).toBe(
      'The database at /x/app.db cannot be read or written now (disk I/O error): nothing was saved. ' +
        'Check the drive it is on and the permissions of the file and its folder, then try again.',
    );
  });

  it('a read-only file is one that cannot be written', () => {
    expect(
      databaseWriteMessage(
        '/x/app.db',
        sqliteError('SQLITE_READONLY', 'attempt to write a readonly database'),
        'entryKept',
      ),
    ).toMatch(
      /^The database at \/x\/app\.db cannot be written now \(attempt to write a readonly database\): nothing was saved, and what you entered is kept\./,
    );
  });

  it('a full disk names the disk and says to free space', () => {
    expect(
      databaseWriteMessage(
        '/x/app.db',
        sqliteError('SQLITE_FULL', 'database or disk is full'),
        'saved',
      ),
    ).toBe(
      'The disk holding /x/app.db is full (database or disk is full): nothing was saved. Free some space on it, then try again.',
    );
  });
});
