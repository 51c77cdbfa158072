import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore } from '../core/createCore';
import { openWorkspace } from '../core/workspace';
import { DEFAULT_RETRY } from '../crm/zoho/zohoHttp';
import { MemorySecretStore } from '../secrets/secretStore';
import { generateDemo } from '../demo/generateDemo';
import { openDatabase } from '../db/openDatabase';
import { organisationStats } from '../db/organisationStats';
import { startWebHost } from '../web/webHost';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  demo --db FILE [--people N] [--seed S]   write the demo organisation (sample data) into FILE
  stats --db FILE                          print row counts per entity as JSON
  serve [--db FILE] [--port N]             serve the app on 127.0.0.1 (the demo organisation if FILE is empty;
                                           a CRM connected in Settings syncs into FILE's sibling *.crm.db)
  plan --db FILE --rep USER_ID_OR_EMAIL --now ISO [--date YYYY-MM-DD]   the rep's day plan as JSON
  sync --db FILE --api-domain URL --accounts-url URL --client-id ID --client-secret S --refresh-token T [--modules Leads,...]
                                           one sync from Zoho CRM to completion (progress on stderr, JSON summary on stdout)
  besttime --events FILE.csv --as-of ISO --out FILE.json [...]   best times to contact from an event file
`;

export type { Io } from './cliIo';
import type { Io } from './cliIo';

class UsageError extends Error {}

function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  return n;
}

/** A command that only reads must not leave an empty database behind a mistyped path. */
export function requireExistingDb(value: string | undefined): string {
  const path = requireDb(value);
  if (!existsSync(path))
    throw new UsageError(
      `No database at ${path}: check the path, or write one with "demo" or "sync".`,
    );
  return path;
}

function requireDb(value: string | undefined): string {
  if (!value) throw new UsageError('--db FILE is required');
  return value;
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'demo': {
        const { values } = parseArgs({
          args: rest,
          options: { db: { type: 'string' }, people: { type: 'string' }, seed: { type: 'string' } },
        });
        const path = requireDb(values.db);
        mkdirSync(dirname(path), { recursive: true });
        const db = await openDatabase(path);
        try {
          const started = performance.now();
          const now = Date.now();
          const summary = generateDemo(db, {
            seed: intOption(values.seed, 'seed', 1),
            people: intOption(values.people, 'people', 400),
            now,
          });
          await createCore(db, () => now).recomputeSuggestions();
          io.stderr(
            `Demo organisation written to ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
          );
          io.stdout(`${JSON.stringify(summary)}\n`);
        } finally {
          await db.close();
        }
        return 0;
      }
      case 'stats': {
        const { values } = parseArgs({ args: rest, options: { db: { type: 'string' } } });
        const db = await openDatabase(requireExistingDb(values.db));
        try {
          io.stdout(`${JSON.stringify(organisationStats(db))}\n`);
        } finally {
          await db.close();
        }
        return 0;
      }
      case 'serve':
        return await serve(rest, io);
      case 'plan': {
        const { runPlanCli } = await import('./plan');
        return await runPlanCli(rest, io);
      }
      case 'sync': {
        const { runSyncCli } = await import('./sync');
        return await runSyncCli(rest, io);
      }
      case 'besttime': {
        const { runBesttimeCli } = await import('./besttime');
        return await runBesttimeCli(rest, io);
      }
      case undefined:
      case 'help':
      case '--help':
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command "${command}"`);
    }
  } catch (error) {
    const usage =
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.stderr(`${(error as Error).message}\n${usage ? `\n${USAGE}` : ''}`);
    return usage ? 2 : 1;
  }
}

async function serve(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, port: { type: 'string' } },
  });
  const path = values.db ?? join(tmpdir(), 'contact-window', 'demo.db');
  mkdirSync(dirname(path), { recursive: true });
  if (!existsSync(path) || statSync(path).size === 0)
    io.stderr(
      'No organisation in this database yet: writing the demo organisation (sample data)…\n',
    );
  const accountsUrl = process.env['CW_ZOHO_ACCOUNTS_URL'];
  const retryBase = Number(process.env['CW_ZOHO_RETRY_BASE_MS']);
  // The sign-in lives in memory here: a web host has no OS keychain to keep it in.
  const core = await openWorkspace({
    demoPath: path,
    secrets: new MemorySecretStore(),
    // Browser tests that need the demo to hold still turn its live simulation off.
    demoLive: process.env['CW_DEMO_LIVE'] !== 'off',
    ...(accountsUrl ? { accountsUrlOverride: accountsUrl } : {}),
    ...(Number.isFinite(retryBase) && retryBase >= 0
      ? { retry: { ...DEFAULT_RETRY, baseDelayMs: retryBase, maxDelayMs: retryBase * 10 } }
      : {}),
  });
  const staticDir = fileURLToPath(new URL('../../../out/renderer', import.meta.url));
  const host = await startWebHost({ core, staticDir, port: intOption(values.port, 'port', 0) });
  io.stdout(`Contact Window is served at ${host.openUrl}\n`);
  io.stderr(`Database: ${path}. Press Ctrl+C to stop.\n`);
  await new Promise<void>((ok) => {
    process.once('SIGINT', ok);
    process.once('SIGTERM', ok);
  });
  await host.close();
  await core.close();
  return 0;
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
