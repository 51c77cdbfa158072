import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { startServer } from '../crm-server/syncHarness';
import { runSyncCli } from '../../src/main/cli/sync';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';

// What the `sync` command tells an admin while it runs (audit 39: a hung endpoint, a module the
// user may not read, a slow start, noisy page lines), against the CRM test server over loopback.
let dir: TempDir;
let server: CrmTestServer;
const env = {
  CW_ZOHO_CLIENT_SECRET: 'secret',
  CW_ZOHO_REFRESH_TOKEN: 'refresh',
  CW_ZOHO_RETRY_BASE_MS: '2',
  // A hung request is given up in 2 s here, not 30 s (the deadline stays: it is shortened).
  CW_ZOHO_REQUEST_DEADLINE_MS: '2000',
};
const saved: Record<string, string | undefined> = {};
beforeAll(async () => {
  dir = makeTempDir('cw-sync-cli-progress-');
  server = await startServer(buildOrganisation(2));
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});
afterEach(() => {
  server.holdAnswer = null;
  server.clearFaults();
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) process.env[k] = v;
  for (const k of Object.keys(saved))
    if (saved[k] === undefined) Reflect.deleteProperty(process.env, k);
  await server.stop();
  dir.remove();
});

async function sync(
  db: string,
): Promise<{ code: number; stdout: string; stderr: string; lines: string[] }> {
  let stdout = '';
  let stderr = '';
  const code = await runSyncCli(
    ['--db', db, '--api-domain', server.url, '--accounts-url', server.url, '--client-id', 'cid'],
    { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) },
  );
  return { code, stdout, stderr, lines: stderr.split('\n').filter(Boolean) };
}

async function count(db: string, table: string): Promise<number> {
  const opened = await openDatabase(db);
  try {
    return (rawHandle(opened).prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number })
      .n;
  } finally {
    await opened.close();
  }
}

describe('the sync command’s progress', () => {
  it('syncs the other modules when one endpoint never answers, naming it, and writes the summary', async () => {
    // Zoho's /Contacts hangs: its answers never come; everything else answers.
    server.holdAnswer = (path) =>
      path.startsWith('/crm/v8/Contacts') ? new Promise<void>(() => undefined) : null;
    const db = dir.file('hung-contacts.db');
    const res = await sync(db);
    // As for a module Zoho answers 500: the others synced, the summary written, exit 1.
    expect(res.stderr).not.toContain('Sync stopped');
    expect(res.code).toBe(1);
    const summary = JSON.parse(res.stdout) as {
      modules: Record<string, { upserted: number }>;
      notes: string[];
    };
    expect(summary.modules['Deals']?.upserted).toBe(server.data.sorted('Deals').length);
    expect(summary.modules['Calls']?.upserted).toBeGreaterThan(0);
    expect(summary.notes.join('\n')).toMatch(
      /Contacts could not be read this time \(.*did not answer within 2 s.*\/crm\/v8\/Contacts/,
    );
    expect(res.stderr).toMatch(/Contacts: could not be read \(.*\/crm\/v8\/Contacts.*\)/);
    expect(res.stderr).toContain('Sync incomplete: Contacts could not be read');
    expect(await count(db, 'deals')).toBe(server.data.sorted('Deals').length);
  });

  it('says a module the signed-in user may not read is not readable, not absent', async () => {
    server.inject('no-permission', { path: /\/crm\/v8\/Deals/, times: 100 });
    const res = await sync(dir.file('noperm.db'));
    expect(res.code).toBe(0);
    expect(res.stderr).not.toContain('Deals: not in this organisation');
    expect(res.stderr).toContain('Deals: the signed-in Zoho user may not read it, skipped');
    const summary = JSON.parse(res.stdout) as { missing: { modules: string[] } };
    expect(summary.missing.modules).toEqual([]);
  });

  it('says at once that it is signing in, before the organisation is read', async () => {
    // The organisation's answer waits until the command said something (or 5 s).
    let saidFirst: string | null = null;
    let stderr = '';
    server.holdAnswer = (path) => {
      if (!path.startsWith('/crm/v8/org') || saidFirst !== null) return null;
      return (async () => {
        for (let waited = 0; waited < 5_000 && stderr === ''; waited += 10) await sleep(10);
        saidFirst = stderr;
      })();
    };
    const code = await runSyncCli(
      [
        '--db',
        dir.file('first-line.db'),
        '--api-domain',
        server.url,
        '--accounts-url',
        server.url,
        '--client-id',
        'cid',
      ],
      { stdout: () => undefined, stderr: (s) => (stderr += s) },
    );
    expect(code).toBe(0);
    expect(saidFirst).toMatch(
      /^Signing in to Zoho at http:\/\/127\.0\.0\.1:\d+ and reading the organisation/,
    );
  });

  it('prints page lines that say what they count, once each, and emails as one summary', async () => {
    const res = await sync(dir.file('lines.db'));
    expect(res.code).toBe(0);
    // A deletions page counts what it deleted, not the records the module stored before.
    const deletions = res.lines.filter((l) => / deletions page /.test(l));
    expect(deletions.length).toBeGreaterThan(0);
    for (const line of deletions) expect(line).toMatch(/: \d+ deleted so far$/);
    expect(res.lines.filter((l) => l.startsWith('Leads deletions page 1:'))).toHaveLength(1);
    expect(res.lines.filter((l) => l.startsWith('Leads conversions page 1:'))).toHaveLength(1);
    const records = res.lines.filter((l) => / records page /.test(l));
    for (const line of records) expect(line).toMatch(/: \d+ stored, \d+ quarantined so far$/);
    // Emails are read person by person: one line at the end, not one per person.
    const emails = res.lines.filter((l) => l.startsWith('Emails'));
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatch(/^Emails: \d+ people asked, \d+ stored$/);
    const summary = JSON.parse(res.stdout) as { emails: { people: number; upserted: number } };
    expect(emails[0]).toBe(
      `Emails: ${summary.emails.people} people asked, ${summary.emails.upserted} stored`,
    );
  });
});
