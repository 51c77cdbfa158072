import { existsSync } from 'node:fs';
import { readInputText } from '../files/inputFile';
import { parseArgs } from 'node:util';
import { CrmAuthError, isSyncModule, SYNC_MODULES, type SyncModule } from '../crm/crmSource';
import { createCore } from '../core/createCore';
import { DatabaseOpenError, openDatabase, type Db } from '../db/openDatabase';
import { damagedDatabaseMessage, isDamagedDatabaseError } from '../db/databaseErrors';
import { makePrivateFolderFor } from '../db/privateFolder';
import { hasOrganisation } from '../db/repos/organisation';
import { removeDatabaseFiles } from '../sync/syncLock';
import { TouchedPeople } from '../sync/touchedPeople';
import { FULL_RECOMPUTE_ABOVE } from '../sync/syncRunner';
import type { Io } from './cliIo';
import { excerpt } from '../../shared/excerpt';
import { runSync, SyncRefusedError, type SyncProgress, type SyncSummary } from '../sync/syncEngine';
import { HEAD_START_DAYS } from '../sync/headStart';
import { ZohoSource } from '../crm/zoho/zohoSource';
import { DEFAULT_RETRY, REQUEST_DEADLINE_MS, type RetryPolicy } from '../crm/zoho/zohoHttp';
import { DEFAULT_IN_FLIGHT, MAX_IN_FLIGHT } from '../crm/zoho/inFlightLimit';
import { negativeNumbersJoined, UsageError } from './cliArgs';
import { isAcceptableAccountsUrl } from '../crm/zoho/zohoEndpoints';

const USAGE = `Usage: sync --db FILE --api-domain URL --accounts-url URL --client-id ID
            --client-secret S --refresh-token T [--modules ${SYNC_MODULES.slice(0, 3).join(',')},...]
            [--requests-in-flight N]
--requests-in-flight: requests at Zoho at once, 1 to ${MAX_IN_FLIGHT} (default ${DEFAULT_IN_FLIGHT}, the free edition's
limit; Standard 10, Professional 15, Enterprise 20, Ultimate 25).
The secret and the refresh token may come from CW_ZOHO_CLIENT_SECRET and CW_ZOHO_REFRESH_TOKEN, or
from files (--client-secret-file F, --refresh-token-file F): a flag's value is visible to every
user of this computer in the process list.
`;

/**
 * The summary as this command has always printed it (a fixed interface): the notes' kinds, the
 * daily visibility check's account, the leads created here and the newer steps' notes (chat
 * transcripts) are the app's own, and the refusal notes are among `notes` as before.
 */
function printed(
  summary: SyncSummary,
): Omit<SyncSummary, 'refusals' | 'visibility' | 'leads' | 'appNotes'> {
  const { refusals, visibility, leads, appNotes, ...rest } = summary;
  void refusals;
  void visibility;
  void leads;
  void appNotes;
  return rest;
}

/**
 * Leaves the copy as the app would: everyone's best times relearned when the last full relearn
 * is over 12 hours old or left no stored priors (a first sync), else those of the people the run
 * touched, against the stored priors. A failure is reported and the sync still counts: the next
 * run (or the app) relearns.
 */
async function relearn(db: Db, touched: readonly string[], io: Io): Promise<void> {
  const started = performance.now();
  try {
    const core = createCore(db);
    const everyone = await core.refreshStaleSuggestions();
    if (!everyone && touched.length > FULL_RECOMPUTE_ABOVE) await core.recomputeSuggestions();
    else if (!everyone && touched.length > 0) await core.recomputeSuggestionsFor(touched);
    io.stderr(`Best times relearned in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    io.stderr(
      `Best times could not be relearned: ${(error as Error).message}. The synced records are kept; the next sync or the app relearns them.\n`,
    );
  }
}

function required(value: string | undefined, what: string, env?: string): string {
  const v = value ?? (env ? process.env[env] : undefined);
  if (!v) throw new UsageError(`${what} is required${env ? ` (or set ${env})` : ''}`);
  return v;
}

/**
 * A secret from its flag (with a warning: other users see the process list), its file (first
 * line), or the environment.
 */
function secret(
  flag: string | undefined,
  file: string | undefined,
  name: string,
  env: string,
  warn: (s: string) => void,
): string {
  if (flag !== undefined && file !== undefined)
    throw new UsageError(`give --${name} or --${name}-file, not both`);
  if (flag !== undefined)
    warn(
      `Warning: --${name} is visible to other users in the process list; use ${env} or --${name}-file next time.\n`,
    );
  if (flag === undefined && file !== undefined) {
    const text = readInputText(file, `--${name}-file ${file}`, (m) => new UsageError(m));
    const first = text.split(/\r?\n/)[0]?.trim() ?? '';
    if (!first) throw new UsageError(`--${name}-file ${file} is empty`);
    return first;
  }
  return required(flag, `--${name} ${name === 'client-secret' ? 'S' : 'T'}`, env);
}

/**
 * Why the sign-in must not go to these addresses, or null: the client secret and the refresh
 * token go to the accounts server, and the access token to the API address (this one only when
 * the token answer names none), so neither may be plain http to another machine.
 */
function refusedAddress(accountsUrl: string, apiDomain: string): string | null {
  const nearby = 'neither https nor a server on this computer (127.0.0.1, localhost, [::1])';
  for (const [flag, url, example] of [
    ['--accounts-url', accountsUrl, 'https://accounts.zoho.eu'],
    ['--api-domain', apiDomain, 'https://www.zohoapis.eu'],
  ] as const) {
    if (!URL.canParse(url))
      return `${flag} "${excerpt(url, 80)}" is not a URL (for example ${example})`;
    if (!isAcceptableAccountsUrl(url)) return `${flag} ${url} is ${nearby}`;
  }
  return null;
}

function modulesOf(value: string | undefined): SyncModule[] | undefined {
  if (!value) return undefined;
  const names = value
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  const unknown = names.filter((m) => !isSyncModule(m));
  if (unknown.length)
    throw new UsageError(
      `Unknown module(s) ${unknown.join(', ')}; known: ${SYNC_MODULES.join(', ')}`,
    );
  return names as SyncModule[];
}

/** Lists read person by person (emails, visits lists): one line every this many people. */
const PEOPLE_PER_LINE = 100;

/**
 * The progress lines on stderr. Page lines give the module's counts so far (a deletions page, what
 * was deleted so far); lists read person by person are summed up every PEOPLE_PER_LINE people and
 * once at the end, not a line per person.
 */
function progressLines(): (p: SyncProgress) => string | null {
  const people = new Map<string, { asked: number; stored: number; told: number }>();
  return (p) => {
    if (p.module === 'organisation') return `organisation and ${p.counts.upserted} users\n`;
    if (p.module === 'plan')
      return p.phase === 'done'
        ? `head start: ${p.counts.upserted} records of the signed-in user's people, their deals and their last ${HEAD_START_DAYS} days of activity stored first\n`
        : null;
    if (p.phase === 'skipped')
      return p.skippedAs === 'forbidden'
        ? `${p.module}: the signed-in Zoho user may not read it, skipped\n`
        : p.skippedAs === 'refused'
          ? `${p.module}: Zoho refused it this time, skipped\n`
          : `${p.module}: not in this organisation, skipped\n`;
    if (p.phase === 'failed')
      return `${p.module}: could not be read (${p.reason ?? 'no reason given'}); the other modules go on\n`;
    const read = people.get(p.module);
    if (p.phase === 'done') {
      if (!read) return null;
      people.delete(p.module);
      return `${p.module}: ${read.asked.toLocaleString('en')} people asked, ${read.stored.toLocaleString('en')} stored\n`;
    }
    if (p.phase === 'started') return null;
    const c = p.counts;
    if (p.step === 'person') {
      const now = { asked: p.page, stored: c.upserted, told: read?.told ?? 0 };
      people.set(p.module, now);
      if (now.asked - now.told < PEOPLE_PER_LINE) return null;
      now.told = now.asked;
      return `${p.module}: ${now.asked.toLocaleString('en')} people asked so far, ${now.stored.toLocaleString('en')} stored\n`;
    }
    if (p.phase === 'deletions')
      return `${p.module} ${p.step === 'conversions' ? 'conversions' : 'deletions'} page ${p.page}: ${c.deleted} deleted so far\n`;
    return `${p.module} ${p.phase} page ${p.page}: ${c.upserted} stored, ${c.quarantined} quarantined so far\n`;
  };
}

function inFlightOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_IN_FLIGHT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_IN_FLIGHT)
    throw new UsageError(
      `--requests-in-flight must be a whole number from 1 to ${MAX_IN_FLIGHT}, not "${excerpt(value, 40)}"`,
    );
  return n;
}

/**
 * Test hooks: tests shorten the backoff (CW_ZOHO_RETRY_BASE_MS) and a request's deadline
 * (CW_ZOHO_REQUEST_DEADLINE_MS, never past the default) so fault runs stay fast.
 */
function retryPolicy(): RetryPolicy {
  const base = Number(process.env['CW_ZOHO_RETRY_BASE_MS']);
  const deadline = Number(process.env['CW_ZOHO_REQUEST_DEADLINE_MS']);
  return {
    ...DEFAULT_RETRY,
    ...(Number.isFinite(base) && base >= 0 ? { baseDelayMs: base } : {}),
    // Only ever shorter: the variable cannot take a request's deadline away.
    ...(deadline > 0 && deadline < REQUEST_DEADLINE_MS ? { requestDeadlineMs: deadline } : {}),
  };
}

/**
 * `sync`: one sync to completion against Zoho CRM (or the test server), progress on stderr,
 * a JSON summary on stdout. Tokens live in memory only: never in the database or the output.
 */
export async function runSyncCli(
  argv: string[],
  io: { stdout(s: string): void; stderr(s: string): void },
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: negativeNumbersJoined(argv, ['requests-in-flight']),
      options: {
        db: { type: 'string' },
        'api-domain': { type: 'string' },
        'accounts-url': { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        'refresh-token': { type: 'string' },
        'client-secret-file': { type: 'string' },
        'refresh-token-file': { type: 'string' },
        modules: { type: 'string' },
        'requests-in-flight': { type: 'string' },
      },
    }));
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  let db;
  let createdHere = false;
  let finished = false;
  let damaged = false;
  try {
    const path = required(values.db, '--db FILE');
    const accountsUrl = required(values['accounts-url'], '--accounts-url URL');
    const apiDomain = required(values['api-domain'], '--api-domain URL');
    const refused = refusedAddress(accountsUrl, apiDomain);
    if (refused) {
      io.stderr(`sync: ${refused}\n\n${USAGE}`);
      return 2;
    }
    const source = new ZohoSource({
      credentials: {
        accountsUrl,
        clientId: required(values['client-id'], '--client-id ID', 'CW_ZOHO_CLIENT_ID'),
        clientSecret: secret(
          values['client-secret'],
          values['client-secret-file'],
          'client-secret',
          'CW_ZOHO_CLIENT_SECRET',
          io.stderr,
        ),
        refreshToken: secret(
          values['refresh-token'],
          values['refresh-token-file'],
          'refresh-token',
          'CW_ZOHO_REFRESH_TOKEN',
          io.stderr,
        ),
      },
      apiDomain,
      retry: retryPolicy(),
      requestsInFlight: inFlightOf(values['requests-in-flight']),
    });
    const modules = modulesOf(values.modules);
    makePrivateFolderFor(path);
    createdHere = !existsSync(path);
    db = await openDatabase(path);
    const started = performance.now();
    // The people this run writes to, to relearn them as the app's sync runner does.
    const touched = new TouchedPeople(db);
    touched.attach();
    // Modules the CRM failed to give: the rest is synced and summed up, and the exit code says so.
    const unread: string[] = [];
    const progressLine = progressLines();
    // The organisation is read first (users, modules, fields): minutes against a slow Zoho.
    io.stderr(
      `Signing in to Zoho at ${accountsUrl} and reading the organisation (users, modules, fields)…\n`,
    );
    const summary = await runSync(db, source, {
      ...(modules ? { modules } : {}),
      onProgress: (p) => {
        if (p.phase === 'failed') unread.push(p.module);
        const line = progressLine(p);
        if (line) io.stderr(line);
      },
      onEstimate: (e) =>
        io.stderr(
          `First sync: about ${e.requests.toLocaleString('en')} API requests (Zoho counts each against the organisation's daily credits)\n`,
        ),
    });
    io.stderr(`Sync finished in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    if (summary.credits)
      io.stderr(
        `API requests: ${summary.credits.run.toLocaleString('en')} this run, ${summary.credits.last24h.toLocaleString('en')} by this app in the last 24 hours\n`,
      );
    for (const note of summary.notes) io.stderr(`Note: ${note}\n`);
    await relearn(db, touched.take(), io);
    io.stdout(`${JSON.stringify(printed(summary))}\n`);
    finished = true;
    if (unread.length === 0) return 0;
    io.stderr(
      `Sync incomplete: ${unread.join(', ')} could not be read (the notes say why); everything else is synced. Run sync again to read ${unread.length === 1 ? 'it' : 'them'} from where ${unread.length === 1 ? 'it' : 'they'} stopped.\n`,
    );
    return 1;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    // Running again meets the same damaged pages: the advice is a backup or a fresh file. Nothing
    // more is read from the file, not even whether it holds an organisation.
    if (isDamagedDatabaseError(error)) {
      damaged = true;
      io.stderr(`Sync stopped: ${damagedDatabaseMessage(db?.path ?? values.db ?? '', error)}\n`);
      return 1;
    }
    const what =
      error instanceof CrmAuthError ? 'Sync stopped: sign-in problem. ' : 'Sync stopped: ';
    const message = (error as Error).message;
    // A database that cannot be opened, or one sync must not write (another sync's, the demo's),
    // is not resumed by running again: the message says what to do instead.
    const resumable = !(error instanceof DatabaseOpenError || error instanceof SyncRefusedError);
    // Running again with the same sign-in gets the same refusal, and a first sync that stored
    // nothing has nothing to resume: the advice says what running again needs.
    const signIn = error instanceof CrmAuthError;
    const stored = !(createdHere && db !== undefined && !hasOrganisation(db));
    const advice = !resumable
      ? ''
      : stored
        ? signIn
          ? 'Everything stored before this point is kept; check the client id, secret and refresh token, then run sync again to resume.\n'
          : 'Everything stored before this point is kept; run sync again to resume.\n'
        : signIn
          ? 'Nothing was stored; check the client id, secret and refresh token, then run sync again.\n'
          : 'Nothing was stored; run sync again when the CRM can be reached.\n';
    io.stderr(`${what}${message}${/[.!?]$/.test(message) ? '' : '.'}\n${advice}`);
    return 1;
  } finally {
    // A first sync that failed before the CRM gave anything (a wrong token, no network) leaves
    // nothing behind: an empty database the user never asked for is clutter, not a start.
    const empty = !finished && !damaged && createdHere && db !== undefined && !hasOrganisation(db);
    await db?.close();
    if (empty && db) removeDatabaseFiles(db.path);
  }
}
