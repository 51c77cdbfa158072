import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { damageTables } from '../fixtures/damageTables';
import { demoDb, makeTempDir, type TempDir } from '../fixtures/tempDb';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { startServer } from '../crm-server/syncHarness';
import { runSyncCli } from '../../src/main/cli/sync';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { changeTask } from '../../src/main/tasks/taskChanges';
import { createLeadFromVisit } from '../../src/main/people/leadFromVisit';
import { refusedLeadEntries } from '../../src/main/db/repos/outbox';
import { zohoTime } from '../crm-server/crmDataSet';

const root = fileURLToPath(new URL('../../', import.meta.url));
let dir: TempDir;
let server: CrmTestServer;
beforeAll(async () => {
  dir = makeTempDir('cw-sync-cli-');
  server = await startServer(buildOrganisation(2));
});
afterAll(async () => {
  await server.stop();
  dir.remove();
});

/** Spawned asynchronously: the test server lives in this process and must keep answering. */
function runChild(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/crm-server/syncCliEntry.ts', ...args],
      {
        cwd: root,
        env: { ...process.env, CW_ZOHO_RETRY_BASE_MS: '2', ...env },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => ok({ code: code ?? -1, stdout, stderr }));
  });
}

const base = (db: string): string[] => [
  '--db',
  db,
  '--api-domain',
  server.url,
  '--accounts-url',
  server.url,
  '--client-id',
  'cid',
];

describe('the sync command', () => {
  it('runs a sync as a child process with secrets from the environment and prints a summary', async () => {
    const db = dir.file('cli.db');
    const res = await runChild(base(db), {
      CW_ZOHO_CLIENT_SECRET: 'secret',
      CW_ZOHO_REFRESH_TOKEN: 'refresh',
    });
    expect(res.stderr).toContain('Sync finished');
    expect(res.code).toBe(0);
    const summary = JSON.parse(res.stdout) as {
      modules: Record<string, { upserted: number; deleted: number; quarantined: number }>;
    };
    expect(summary.modules['Leads']).toEqual({ upserted: 25, deleted: 0, quarantined: 0 });
    expect(res.stdout + res.stderr).not.toContain('1000.test-access');
    // The command ended: nothing of its sync lock is left beside the database.
    for (const suffix of ['-synclock', '.sync-lock'])
      expect(existsSync(`${db}${suffix}`)).toBe(false);
    const opened = await openDatabase(db);
    expect(
      (rawHandle(opened).prepare('select count(*) as n from people').get() as { n: number }).n,
    ).toBe(45);
    // Left as the app leaves it: best times learned, so `plan` has rows at once.
    expect(res.stderr).toContain('Best times relearned');
    expect(
      rawHandle(opened).prepare('select count(*) from best_time_windows').pluck().get(),
    ).toBeGreaterThan(0);
    await opened.close();
  });

  it('prints a refused task change among its notes, as it always has (Settings alone leaves it out)', async () => {
    const path = dir.file('refused.db');
    const quiet = { stdout: () => undefined, stderr: () => undefined };
    const args = [...base(path), '--client-secret', 'secret', '--refresh-token', 'refresh'];
    const contact = [...server.data.table('Contacts').values()][0];
    const task = server.data.insert('Tasks', {
      Subject: 'Send the signed offer',
      Due_Date: '2026-03-27',
      Status: 'Not Started',
      Closed_Time: null,
      Who_Id: { id: contact?.id, name: contact?.['Last_Name'] },
      Owner: { id: 'u2', name: 'Ren Rep' },
    });
    expect(await runSyncCli(args, quiet)).toBe(0);
    const db = await openDatabase(path);
    try {
      changeTask(db, 'u2', { activityId: task.id, action: 'done' }, Date.now());
    } finally {
      await db.close();
    }
    server.data.remove('Tasks', task.id);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSyncCli(args, {
      stdout: (s) => out.push(s),
      stderr: (s) => err.push(s),
    });
    expect(code).toBe(0);
    const printed = JSON.parse(out.join('')) as Record<string, unknown> & {
      notes: string[];
      outbox: { notes?: string[] };
    };
    const refusal = expect.stringMatching(
      /^Zoho did not accept the change to the task "Send the signed offer": .*\. The task stays as you left it here; no sync sends the change again by itself: Settings › CRM account sends it once that is mended in Zoho \(Retry\), or lets it go \(Discard\)$/,
    );
    expect(printed.notes).toEqual([refusal]);
    expect(printed.outbox.notes).toEqual([refusal]);
    // The keys it has always printed, in their order: the notes' kinds are the app's own.
    expect(Object.keys(printed)).toEqual([
      'modules',
      'users',
      'released',
      'outbox',
      'emails',
      'quarantineTotal',
      'missing',
      'visitsFrom',
      'visitLists',
      'notes',
      'credits',
      'headStart',
      'bulk',
    ]);
    expect(err.join('')).toContain(`Note: ${printed.notes[0] ?? ''}\n`);
  });

  it('syncs only the modules asked for', async () => {
    const out: string[] = [];
    const code = await runSyncCli(
      [
        ...base(dir.file('some.db')),
        '--client-secret',
        'secret',
        '--refresh-token',
        'refresh',
        '--modules',
        'Accounts,Contacts',
      ],
      { stdout: (s) => out.push(s), stderr: () => undefined },
    );
    expect(code).toBe(0);
    expect(Object.keys((JSON.parse(out.join('')) as { modules: object }).modules)).toEqual([
      'Accounts',
      'Contacts',
    ]);
  });

  it("creates a new database 0600 in new folders 0700: it holds the CRM's people", async () => {
    const db = dir.file('new/nested/sync.db');
    const code = await runSyncCli(
      [...base(db), '--client-secret', 'secret', '--refresh-token', 'refresh'],
      { stdout: () => undefined, stderr: () => undefined },
    );
    expect(code).toBe(0);
    expect(statSync(dir.file('new')).mode & 0o777).toBe(0o700);
    expect(statSync(dir.file('new/nested')).mode & 0o777).toBe(0o700);
    expect(statSync(db).mode & 0o777).toBe(0o600);
  });

  it('exits non-zero with a clear message on an expired refresh token, bad options or no server', async () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (s: string) => err.push(s) };
    expect(
      await runSyncCli(
        [...base(dir.file('x.db')), '--client-secret', 'secret', '--refresh-token', 'old'],
        io,
      ),
    ).toBe(1);
    expect(err.join('')).toMatch(/invalid_code.*expired or revoked/);
    // Running again with the same token cannot help, and there is nothing to resume.
    expect(err.join('')).toContain(
      'Nothing was stored; check the client id, secret and refresh token, then run sync again.',
    );
    expect(err.join('')).not.toContain('to resume');
    // Nothing came from the CRM: no empty database (nor its lock) is left for the next try.
    for (const suffix of ['', '-wal', '-shm', '-synclock', '.sync-lock'])
      expect(existsSync(dir.file(`x.db${suffix}`))).toBe(false);
    expect(await runSyncCli(['--db', dir.file('y.db')], io)).toBe(2);
    expect(err.join('')).toContain('--accounts-url URL is required');
    expect(
      await runSyncCli(
        [
          ...base(dir.file('z.db')),
          '--client-secret',
          's',
          '--refresh-token',
          'r',
          '--modules',
          'Potatoes',
        ],
        io,
      ),
    ).toBe(2);
    expect(err.join('')).toContain('Unknown module(s) Potatoes');
    const dead = [
      '--db',
      dir.file('w.db'),
      '--api-domain',
      'http://127.0.0.1:9',
      '--accounts-url',
      'http://127.0.0.1:9',
      '--client-id',
      'c',
      '--client-secret',
      's',
      '--refresh-token',
      'r',
    ];
    expect(await runSyncCli(dead, io)).toBe(1);
    expect(err.join('')).toContain('Cannot reach the Zoho accounts server');
    expect(err.join('')).toContain(
      'Nothing was stored; run sync again when the CRM can be reached.',
    );
    expect(existsSync(dir.file('w.db'))).toBe(false);
  });

  it('sends no secret in clear to another computer: --accounts-url and --api-domain are https or this computer', async () => {
    // A server that answers on an address of this machine that is not loopback: to the command,
    // another computer over plain http.
    const heard: string[] = [];
    const listener = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        heard.push(`${req.method} ${req.url} ${body}`);
        res.writeHead(500).end();
      });
    });
    await new Promise<void>((ok) => listener.listen(0, '0.0.0.0', ok));
    const host =
      Object.values(networkInterfaces())
        .flat()
        .find((a) => a?.family === 'IPv4' && !a.internal)?.address ?? '127.0.0.2';
    const remote = `http://${host}:${(listener.address() as AddressInfo).port}`;
    const db = dir.file('clear/remote.db');
    const secrets = [
      '--client-id',
      'cid',
      '--client-secret',
      'secret',
      '--refresh-token',
      'refresh',
    ];
    const run = async (apiDomain: string, accountsUrl: string) => {
      let err = '';
      const code = await runSyncCli(
        ['--db', db, '--api-domain', apiDomain, '--accounts-url', accountsUrl, ...secrets],
        { stdout: () => undefined, stderr: (s) => (err += s) },
      );
      // The refusal on its first line, then the command's usage, as every exit 2 prints it.
      const [first, ...rest] = err.split('\n');
      return [code, `${first}\n`, rest.join('\n').startsWith('\nUsage: sync ')];
    };
    const nearby = 'is neither https nor a server on this computer (127.0.0.1, localhost, [::1])';
    try {
      expect(await run(remote, remote)).toEqual([
        2,
        `sync: --accounts-url ${remote} ${nearby}\n`,
        true,
      ]);
      // The API address gets the access token (when the token answer names none).
      expect(await run(remote, server.url)).toEqual([
        2,
        `sync: --api-domain ${remote} ${nearby}\n`,
        true,
      ]);
      expect(await run('www.zohoapis.eu', server.url)).toEqual([
        2,
        'sync: --api-domain "www.zohoapis.eu" is not a URL (for example https://www.zohoapis.eu)\n',
        true,
      ]);
      expect(heard).toEqual([]);
      expect(existsSync(dir.file('clear'))).toBe(false);
    } finally {
      listener.close();
    }
  });

  it('does not tell the user to run again when running again cannot help (a corrupt file, the demo)', async () => {
    const secrets = ['--client-secret', 'secret', '--refresh-token', 'refresh'];
    const corrupt = dir.file('corrupt.db');
    writeFileSync(corrupt, 'this is not a database, just text that is long enough\n'.repeat(200));
    let err = '';
    const io = { stdout: () => undefined, stderr: (s: string) => (err += s) };
    expect(await runSyncCli([...base(corrupt), ...secrets], io)).toBe(1);
    expect(err).toContain('not a database');
    // A file that was there before is the user's: kept, whatever it holds.
    expect(existsSync(corrupt)).toBe(true);
    expect(err).not.toContain('run sync again');

    const demo = await demoDb(dir, { people: 30 }, 'demo-kept.db');
    const demoPath = demo.path;
    await demo.close();
    err = '';
    expect(await runSyncCli([...base(demoPath), ...secrets], io)).toBe(1);
    expect(err).toContain('sync zoho into a separate database file.');
    expect(err).not.toContain('run sync again');
  });

  it('says a database damaged past its first page is damaged, without "run sync again"', async () => {
    const secrets = ['--client-secret', 'secret', '--refresh-token', 'refresh'];
    const path = dir.file('damaged.db');
    const quiet = { stdout: () => undefined, stderr: () => undefined };
    expect(await runSyncCli([...base(path), ...secrets], quiet)).toBe(0);
    // Garbage over the pages of the people and the sync cursors: the file opens, the sync meets it.
    damageTables(path, ['people', 'sync_state']);
    const damaged = readFileSync(path);
    let err = '';
    const io = { stdout: () => undefined, stderr: (s: string) => (err += s) };
    expect(await runSyncCli([...base(path), ...secrets], io)).toBe(1);
    expect(err).toContain(
      `Sync stopped: The database at ${path} is damaged (database disk image is malformed). ` +
        'Restore a backup, or move it aside and start a fresh one',
    );
    expect(err).not.toContain('run sync again');
    expect(readFileSync(path).equals(damaged)).toBe(true);
  });

  it('takes the secrets from files, and warns when one is given as a flag', async () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (s: string) => err.push(s) };
    writeFileSync(dir.file('secret.txt'), 'secret\n');
    writeFileSync(dir.file('token.txt'), 'refresh\n');
    const fromFiles = [
      ...base(dir.file('files.db')),
      '--client-secret-file',
      dir.file('secret.txt'),
      '--refresh-token-file',
      dir.file('token.txt'),
    ];
    expect(await runSyncCli(fromFiles, io)).toBe(0);
    expect(err.join('')).not.toContain('Warning');
    err.length = 0;
    const flags = [
      ...base(dir.file('flags.db')),
      '--client-secret',
      'secret',
      '--refresh-token',
      'refresh',
    ];
    expect(await runSyncCli(flags, io)).toBe(0);
    expect(err.join('')).toContain(
      'Warning: --client-secret is visible to other users in the process list; use CW_ZOHO_CLIENT_SECRET or --client-secret-file next time.',
    );
    expect(err.join('')).toContain('Warning: --refresh-token is visible');
    err.length = 0;
    const both = [
      ...base(dir.file('b.db')),
      '--client-secret',
      's',
      '--client-secret-file',
      dir.file('secret.txt'),
    ];
    expect(await runSyncCli(both, io)).toBe(2);
    expect(err.join('')).toContain('give --client-secret or --client-secret-file, not both');
    const missing = [...base(dir.file('m.db')), '--client-secret-file', dir.file('nope.txt')];
    expect(await runSyncCli(missing, io)).toBe(2);
    expect(err.join('')).toContain(
      `--client-secret-file ${dir.file('nope.txt')}: there is no such file: check the path`,
    );
  });

  it('prints nothing of the steps newer than it: a Notes failure, a lead created here that Zoho refuses', async () => {
    const path = dir.file('newer.db');
    const quiet = { stdout: () => undefined, stderr: () => undefined };
    const args = [...base(path), '--client-secret', 'secret', '--refresh-token', 'refresh'];
    const seen = server.data.clock - 3_600_000;
    const visit = server.data.insert('Visits', {
      Name: 'Visit of Suzuki',
      Visitor_Name: 'Suzuki',
      Email: 'suzuki@example.jp',
      IP_Address: '10.0.9.9',
      Visited_Time: zohoTime(seen),
      Time_Spent: 7,
      Visited_Pages: `${zohoTime(seen)} https://example.test/pricing`,
      Number_Of_Chats: 1,
    });
    expect(await runSyncCli(args, quiet)).toBe(0);
    let db = await openDatabase(path);
    try {
      createLeadFromVisit(
        db,
        'u2',
        { visitId: visit.id, firstName: 'Ichiro', lastName: 'Suzuki', email: '', company: '' },
        Date.now(),
      );
    } finally {
      await db.close();
    }
    server.data.requireField('Leads', 'Lead_Source');
    server.inject('server-error', { path: /^\/crm\/v8\/Notes$/, times: 20 });
    const out: string[] = [];
    const err: string[] = [];
    const asked = server.requests.length;
    let code: number;
    try {
      code = await runSyncCli(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
    } finally {
      server.clearFaults();
      server.data.mandatoryFields.delete('Leads');
    }
    expect(code).toBe(0);
    // Both happened: Notes failed, and Zoho refused the lead.
    expect(server.requests.slice(asked).some((r) => r.path.startsWith('/crm/v8/Notes'))).toBe(true);
    db = await openDatabase(path);
    try {
      expect(refusedLeadEntries(db)).toHaveLength(1);
    } finally {
      await db.close();
    }
    // The lines and the JSON the command has always printed, and nothing new.
    expect(err.join('')).not.toContain('Note:');
    const printed = JSON.parse(out.join('')) as { notes: string[]; outbox: unknown };
    expect(printed.notes).toEqual([]);
    expect(printed.outbox).toEqual({ pushed: 0, failed: 0 });
  });
});
