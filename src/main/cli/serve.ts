import { existsSync, rmSync, statSync, truncateSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openWorkspace } from '../core/workspace';
import { makePrivateFolderFor } from '../db/privateFolder';
import { DEFAULT_RETRY } from '../crm/zoho/zohoHttp';
import { MemorySecretStore } from '../secrets/secretStore';
import { startWebHost, unbuiltPages } from '../web/webHost';
import {
  instantWithOffset,
  intOption,
  negativeNumbersJoined,
  newDbFileProblem,
  UsageError,
} from './cliArgs';
import { usageMistake } from './commandUsage';
import { removeDatabaseFiles } from '../sync/syncLock';
import type { Io } from './cliIo';
import { isAcceptableAccountsUrl } from '../crm/zoho/zohoEndpoints';

/**
 * A clock that reads `start` now and runs on from there: a demo or screenshot shows a chosen
 * morning while windows still open, close and strike through as they would.
 */
function clockFrom(start: number): () => number {
  const offset = start - Date.now();
  return () => Date.now() + offset;
}

/** `--port N`: a TCP port, or 0 for any free one. */
function portOption(value: string | undefined): number {
  const port = intOption(value, 'port', 0);
  if (port > 65535)
    throw new UsageError(`--port must be from 1 to 65535 (or 0 for a free one), got "${value}"`);
  return port;
}

/**
 * Whether `port` on 127.0.0.1 is taken, asked before a demo is written for a host that could
 * not start; the host's own listen still decides (another program may take it in between).
 */
function portInUse(port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(false);
  return new Promise((answer) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => answer(error.code === 'EADDRINUSE'));
    probe.listen(port, '127.0.0.1', () => probe.close(() => answer(false)));
  });
}

function portInUseMessage(port: number): string {
  return `Port ${port} on 127.0.0.1 is in use (another serve?): choose another with --port, or leave --port out for a free one.\n`;
}

/**
 * Without --db, the demo lives in this user's own data folder, not in a shared, predictable
 * /tmp path another user could create first.
 */
function defaultDatabase(): string {
  const home = homedir();
  const base =
    process.platform === 'darwin'
      ? join(home, 'Library', 'Application Support')
      : process.platform === 'win32'
        ? (process.env['APPDATA'] ?? join(home, 'AppData', 'Roaming'))
        : process.env['XDG_DATA_HOME'] || join(home, '.local', 'share');
  return join(base, 'contact-window', 'web', 'demo.db');
}

/** Where `npm run build` puts the renderer, from this file as the source or as built. */
const BUILT_PAGES = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

/** `serve [--db FILE] [--port N] [--now ISO]`: the app on 127.0.0.1 until Ctrl+C. */
export async function runServeCli(
  args: string[],
  io: Io,
  staticDir: string = BUILT_PAGES,
): Promise<number> {
  const { values } = parseArgs({
    args: negativeNumbersJoined(args, ['port']),
    options: { db: { type: 'string' }, port: { type: 'string' }, now: { type: 'string' } },
  });
  let clock: (() => number) | undefined;
  if (values.now !== undefined) {
    // Refused in the words `plan` and `team` use, and as they print it.
    const instant = instantWithOffset(values.now);
    if ('problem' in instant) {
      return usageMistake(io, 'serve', instant.problem);
    }
    clock = clockFrom(instant.at.toMillis());
  }
  const port = portOption(values.port);
  // Given a path, serve writes the file but never its folder: a mistyped folder is a mistake in
  // the command line, not a new, empty organisation. Without --db, the user's data folder is made.
  if (values.db !== undefined) {
    const problem = newDbFileProblem(values.db);
    if (problem) throw new UsageError(problem);
  }
  // Served without them, every address answers "Not found." and nothing says why.
  const unbuilt = unbuiltPages(staticDir);
  if (unbuilt) {
    io.stderr(`${unbuilt}\n`);
    return 1;
  }
  const accountsUrl = process.env['CW_ZOHO_ACCOUNTS_URL'];
  // The sign-in's client secret and grant code go there: never in clear over the network.
  if (accountsUrl && !isAcceptableAccountsUrl(accountsUrl)) {
    return usageMistake(
      io,
      'serve',
      `CW_ZOHO_ACCOUNTS_URL ${accountsUrl} is neither https nor a server on this computer (127.0.0.1, localhost, [::1])`,
    );
  }
  if (await portInUse(port)) {
    io.stderr(portInUseMessage(port));
    return 1;
  }
  const path = values.db ?? defaultDatabase();
  // A file this run turns into the demo goes again if the host cannot start: nothing is left
  // that the next try would have to be told about.
  const created = !existsSync(path);
  const wasEmpty = !created && statSync(path).isFile() && statSync(path).size === 0;
  makePrivateFolderFor(path);
  if (created || wasEmpty)
    io.stderr(
      'No organisation in this database yet: writing the demo organisation (sample data)…\n',
    );
  const retryBase = Number(process.env['CW_ZOHO_RETRY_BASE_MS']);
  // The sign-in lives in memory here: a web host has no OS keychain to keep it in.
  const core = await openWorkspace({
    demoPath: path,
    secrets: new MemorySecretStore(),
    ...(clock ? { clock } : {}),
    // Browser tests that need the demo to hold still turn its live simulation off.
    demoLive: process.env['CW_DEMO_LIVE'] !== 'off',
    ...(accountsUrl ? { accountsUrlOverride: accountsUrl } : {}),
    ...(Number.isFinite(retryBase) && retryBase >= 0
      ? { retry: { ...DEFAULT_RETRY, baseDelayMs: retryBase, maxDelayMs: retryBase * 10 } }
      : {}),
  });
  let host;
  try {
    host = await startWebHost({ core, staticDir, port });
  } catch (error) {
    await core.close();
    if (created) removeDatabaseFiles(path);
    if (wasEmpty) {
      for (const side of ['-wal', '-shm']) rmSync(`${path}${side}`, { force: true });
      truncateSync(path, 0);
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      io.stderr(portInUseMessage(port));
      return 1;
    }
    throw error;
  }
  // Listened for before the address is printed: whoever reads it may stop the host at once, and
  // a Ctrl+C before the listener would kill the process without closing the database.
  const stopped = new Promise<void>((ok) => {
    process.once('SIGINT', ok);
    process.once('SIGTERM', ok);
  });
  io.stdout(`Contact Window is served at ${host.openUrl}\n`);
  if (values.now !== undefined) io.stderr(`The app's clock started at ${values.now}.\n`);
  io.stderr(`Database: ${path}. Press Ctrl+C to stop.\n`);
  await stopped;
  await host.close();
  await core.close();
  return 0;
}
