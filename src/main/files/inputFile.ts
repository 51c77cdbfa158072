import { readFileSync } from 'node:fs';

/** Why a file named on the command line could not be read, in words a user can act on. */
function whyUnreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'there is no such file: check the path';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'this account is not allowed to read it';
    default:
      return `cannot read it (${code ?? String(error)})`;
  }
}

/**
 * The text of a file a command was given, or `fail` with `label` (how the user named it, e.g.
 * "--events ev.csv") and the reason it could not be read.
 */
export function readInputText(
  path: string,
  label: string,
  fail: (message: string) => Error,
): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw fail(`${label}: ${whyUnreadable(error)}`);
  }
}
