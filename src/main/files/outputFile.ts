import {
  closeSync,
  existsSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

/** How much of an existing file is read to tell text from a database or a document. */
const SAMPLE_BYTES = 64 * 1024;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** The files SQLite keeps beside a database: writing over one damages the database too. */
const DATABASE_FILES = [
  ['', 'the database given as --db'],
  ['-wal', 'the write-ahead log of the database given as --db'],
  ['-shm', 'the shared-memory file of the database given as --db'],
  ['-journal', 'the journal of the database given as --db'],
] as const;

function firstBytes(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    return buffer.subarray(0, readSync(fd, buffer, 0, SAMPLE_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** UTF-8 without NUL bytes, as every output of these commands is; a cut last character is fine. */
function looksLikeText(sample: Buffer): boolean {
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The path a file has or would have as the system walks it: links anywhere in it resolved, and
 * ".." taken after them, as `open` does (path.resolve would take ".." first). Two spellings of
 * one file agree.
 */
function realPathOf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    // Not there (yet), or a link to nothing: a write would land beside its folder's real path.
  }
  try {
    return join(realpathSync.native(dirname(path)), basename(path));
  } catch {
    return resolve(path);
  }
}

function statOf(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** One file under two names: the same inode (links, hard links) or, not there yet, one real path. */
function isSameFile(a: string, b: string): boolean {
  const sa = statOf(a);
  const sb = statOf(b);
  if (sa && sb) return sa.dev === sb.dev && sa.ino === sb.ino;
  return realPathOf(a) === realPathOf(b);
}

/** A path ending in a separator, "." or "..": a folder, whatever is or is not there. */
function namesFolder(path: string): boolean {
  const last = path.split(sep === '\\' ? /[\\/]/ : '/').pop();
  return last === '' || last === '.' || last === '..';
}

function isFolder(path: string): boolean {
  return statOf(path)?.isDirectory() ?? false;
}

function folderProblem(out: string): string {
  return `--out ${out} is a folder: give a file name (for example ${join(out, 'out.json')})`;
}

/** What a command reads, so that its output replaces none of it. */
export interface CommandInputs {
  /** The database given as --db, with the files SQLite keeps beside it. */
  db?: string | undefined;
  /** Every other file the command reads, by the option that names it ("--events"). */
  files?: Record<string, string | undefined>;
}

/**
 * Why a command must not write its output to `out`, in words that follow the command's name, or
 * null. A run may replace a file only if a previous run could have written it: an empty file or
 * a text file. Never a file it reads (`inputs`), nor the database's journal files, never any
 * SQLite database, never a file with binary content (a document, a picture, an archive), never a
 * folder; and the folder it goes in must exist.
 */
export function outputProblem(out: string, inputs: CommandInputs = {}): string | null {
  // path.resolve drops a trailing "/": "missing/" would read as a file to write in the folder above.
  if (namesFolder(out)) {
    if (isFolder(out)) return folderProblem(out);
    const named = resolve(out);
    return statOf(named) && !isFolder(named)
      ? `--out ${out}: ${named} is a file, not a folder`
      : `--out ${out}: the folder ${named} does not exist`;
  }
  const folder = dirname(resolve(out));
  if (!existsSync(folder)) return `--out ${out}: the folder ${folder} does not exist`;
  if (!statSync(folder).isDirectory()) return `--out ${out}: ${folder} is a file, not a folder`;
  // The system takes "missing/../out.json" through "missing", which path.resolve skipped.
  if (!isFolder(dirname(out))) return `--out ${out}: the folder ${dirname(out)} does not exist`;
  const { db, files = {} } = inputs;
  if (db !== undefined) {
    // SQLite names the journals after the database's real path, not after a link to it.
    const realDb = realPathOf(db);
    for (const [suffix, what] of DATABASE_FILES)
      if (isSameFile(out, suffix === '' ? db : `${realDb}${suffix}`))
        return `--out ${out} is ${what}: give the output another file name`;
  }
  for (const [option, input] of Object.entries(files))
    if (input !== undefined && isSameFile(out, input))
      return `--out ${out} is the file given as ${option}: give the output another file name`;
  if (!existsSync(out)) return null;
  const stat = statSync(out);
  if (stat.isDirectory()) return folderProblem(out);
  if (!stat.isFile()) return `--out ${out} is not a regular file: give a file name`;
  if (stat.size === 0) return null;
  const sample = firstBytes(out);
  if (sample.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER))
    return `--out ${out} is an SQLite database: it is not replaced; give the output another file name`;
  if (!looksLikeText(sample))
    return `--out ${out} exists and is not a text file a previous run wrote: it is not replaced; give the output another file name`;
  return null;
}
