import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

export interface StaticFile {
  body: Buffer;
  type: string;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** A renderer build is under a megabyte; a folder far past this is not one (a wrong path). */
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

/**
 * Every regular file under `root`, read once, by its path from the root with forward slashes.
 * The web host answers a file from here in the same turn of the event loop as its request: read
 * from disk, the answer waited for the thread pool's callback, and with it for whatever the core
 * computed meanwhile (the plan the page asked for at the same moment), which held the app's script
 * back by the length of that computation. A build does not change under a running host (its
 * assets are named by their hashes, `npm run web` builds before it serves), so the files as they
 * were at the start are the build's files; a rebuild is served from the next start.
 */
export function readStaticFiles(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  let total = 0;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      // stat, not the entry's type: a symlink to a file is served as the file, as before. A
      // symlinked folder is not walked: one pointing back up would walk for ever.
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat?.isDirectory() && !lstatSync(path).isSymbolicLink()) walk(path);
      if (!stat?.isFile()) continue;
      total += stat.size;
      if (total > MAX_TOTAL_BYTES)
        throw new Error(`${root} holds over ${MAX_TOTAL_BYTES} bytes: not a renderer build.`);
      files.set(relative(root, path).split(sep).join('/'), {
        body: readFileSync(path),
        type: MIME[extname(path)] ?? 'application/octet-stream',
      });
    }
  };
  walk(root);
  return files;
}
