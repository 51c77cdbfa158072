import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TempDir } from '../fixtures/tempDb';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import {
  eachTestSyncEnv,
  localSnapshot,
  serverSnapshot,
  zohoSourceFor,
} from '../crm-server/syncHarness';
import { CrmAuthError } from '../../src/main/crm/crmSource';
import { runSync, type SyncProgress } from '../../src/main/sync/syncEngine';
import { readState } from '../../src/main/sync/syncState';
import { logCall } from '../../src/main/planner/planActions';
import { countUnsent } from '../../src/main/db/repos/outbox';
import { createCore } from '../../src/main/core/createCore';
import { DEFAULT_SCHEDULE, SyncRunner } from '../../src/main/sync/syncRunner';
import { runSyncCli } from '../../src/main/cli/sync';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { SyncStatus } from '../../src/shared/contract';

let server: CrmTestServer;
let db: Db;
let dir: TempDir;

eachTestSyncEnv(
  'cw-module-faults-',
  () => buildOrganisation(9, { leads: 120, callsPerPerson: 1 }),
  (env) => {
    ({ server, db, dir } = env);
  },
);

/** Zoho answers every request of the module's listing 500, however often it is asked. */
const breakModule = (module: string): void =>
  server.inject('server-error', { path: new RegExp(`/crm/v8/${module}$`), times: 100_000 });

const without = (lines: string[], table: string): string[] =>
  lines.filter((l) => !l.startsWith(`${table} `));

/** The rep logs an answered call with a stored contact; it waits in the outbox. */
function logACall(): void {
  const contact = [...server.data.table('Contacts').values()][0];
  const ownerId = (contact?.['Owner'] as { id: string } | undefined)?.id ?? '';
  logCall(
    db,
    ownerId,
    {
      personId: contact?.id ?? '',
      outcome: 'answered',
      durationMin: 3,
      note: 'Asked for a quote',
      date: '2026-01-05',
    },
    server.data.clock - 60_000,
  );
}

const dealsListings = (from: number): { path: string; headers: Record<string, unknown> }[] =>
  server.requests
    .slice(from)
    .filter((r) => /^\/crm\/v8\/Deals\?/.test(r.path) && r.path.includes('per_page=200'));

describe('a module Zoho fails to give does not stop the others', () => {
  it('syncs everything else, sends the logged call, names the module, and reads it from the start once Zoho mends', async () => {
    breakModule('Deals');
    const progress: SyncProgress[] = [];
    const first = await runSync(db, zohoSourceFor(server), { onProgress: (p) => progress.push(p) });

    // Leads, Contacts, Accounts and the activities are all here; no deal is.
    expect(without(localSnapshot(db), 'deals')).toEqual(
      without(serverSnapshot(server.data), 'deals'),
    );
    expect(localSnapshot(db).filter((l) => l.startsWith('deals '))).toEqual([]);
    expect(first.notes).toContainEqual(
      expect.stringMatching(/^Deals could not be read this time \(.*Deals answered 500/),
    );
    expect(progress).toContainEqual(
      expect.objectContaining({
        module: 'Deals',
        phase: 'failed',
        reason: expect.stringMatching(/answered 500/),
      }),
    );
    // Its cursor did not move: nothing says Deals were read.
    expect(readState(db, 'Deals')).toMatchObject({ watermark: null, lastSuccessAt: null });

    // Still broken on the next run: the call the rep logged goes to Zoho regardless.
    logACall();
    expect(countUnsent(db, 'call')).toBe(1);
    const second = await runSync(db, zohoSourceFor(server));
    expect(second.outbox).toEqual({ pushed: 1, failed: 0 });
    expect(countUnsent(db, 'call')).toBe(0);
    expect(second.notes.some((n) => n.startsWith('Deals could not be read'))).toBe(true);

    // Mended: the next run reads Deals from their start (no If-Modified-Since), all of them.
    server.clearFaults();
    const before = server.requests.length;
    const third = await runSync(db, zohoSourceFor(server));
    const listings = dealsListings(before);
    expect(listings.length).toBeGreaterThan(0);
    expect(listings[0]?.headers['if-modified-since']).toBeUndefined();
    expect(third.notes.some((n) => n.startsWith('Deals could not be read'))).toBe(false);
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    expect(readState(db, 'Deals').lastSuccessAt).not.toBeNull();
  });

  it('keeps what was stored of a contact whose account could not be read', async () => {
    await runSync(db, zohoSourceFor(server));
    const contact = [...server.data.table('Contacts').values()].find(
      (c) => c['Account_Name'] !== null && c['Account_Name'] !== undefined,
    );
    const accountId = (contact?.['Account_Name'] as { id: string }).id;
    const stored = (): { last_name: string; account_id: string | null; name: string | null } =>
      rawHandle(db)
        .prepare(
          'select p.last_name, p.account_id, a.name from people p left join accounts a on a.id = p.account_id where p.id = ?',
        )
        .get(contact?.id) as { last_name: string; account_id: string | null; name: string | null };
    const was = stored();
    expect(was.account_id).toBe(accountId);

    // The contact changes in Zoho and so does their account, which Zoho will not list now.
    server.data.modify('Accounts', accountId, { Account_Name: 'Renamed AG' });
    server.data.modify('Contacts', contact?.id ?? '', { Last_Name: 'Changed' });
    breakModule('Accounts');
    const summary = await runSync(db, zohoSourceFor(server));
    expect(summary.notes.some((n) => n.startsWith('Accounts could not be read'))).toBe(true);
    // The contact's change is here; its account is still linked, as stored before.
    expect(stored()).toEqual({ last_name: 'Changed', account_id: accountId, name: was.name });

    server.clearFaults();
    await runSync(db, zohoSourceFor(server));
    expect(stored()).toEqual({ last_name: 'Changed', account_id: accountId, name: 'Renamed AG' });
  });

  it('still stops everything when Zoho refuses the sign-in mid-run: the logged call waits', async () => {
    await runSync(db, zohoSourceFor(server));
    logACall();
    server.data.tick();
    server.inject('invalid-token', { path: /\/crm\/v8\/Deals$/, times: 100 });
    await expect(runSync(db, zohoSourceFor(server))).rejects.toBeInstanceOf(CrmAuthError);
    expect(countUnsent(db, 'call')).toBe(1);
  });
});

describe('what the app and the sync command say of a module that could not be read', () => {
  it('the runner says the sync has a problem naming the module, and clears it once read', async () => {
    breakModule('Deals');
    const syncing: SyncStatus[] = [];
    const runner = new SyncRunner(createCore(db), zohoSourceFor(server), DEFAULT_SCHEDULE, {
      countsRequests: true,
      onStatus: (s) => {
        if (s.state === 'syncing') syncing.push(structuredClone(s));
      },
    });
    try {
      await runner.syncNow();
      // While the run still goes on, the Deals bar says it failed and why (before: "0 done" until
      // the run ended). Whether other modules are still read then depends on the retries' pace.
      expect(
        syncing.some((s) =>
          s.modules.some((m) => m.module === 'Deals' && /500/.test(m.failed ?? '')),
        ),
      ).toBe(true);
      const status = runner.current();
      expect(status.state).toBe('error');
      // In the app's words, as a whole run's failure is said; the CRM's words are the details.
      expect(status.lastError).toBe(
        "Zoho CRM's servers kept failing when asked for Deals: a fault on Zoho's side, not on this computer. Everything else synced and the plans use it. Nothing stored on this computer is lost: what was stored of it before is kept. Sync again in a few minutes; the app also tries again on its schedule.",
      );
      expect(status.errorDetail).toMatch(/^Giving up after \d+ attempts: .*answered 500/);
      expect(status.unread).toEqual([{ module: 'Deals', reason: expect.stringMatching(/500/) }]);
      // Synced all the same: the plans use what came.
      expect(status.lastSyncedAt).not.toBeNull();
      // Said once, as the error, not again among the notes.
      expect(status.notes.some((n) => n.includes('Deals could not be read'))).toBe(false);

      server.clearFaults();
      await runner.syncNow();
      expect(runner.current()).toMatchObject({ state: 'idle', lastError: null, unread: [] });
    } finally {
      await runner.stop();
    }
  });

  it('the sync command writes the summary of all it synced and exits 1', async () => {
    breakModule('Deals');
    const out: string[] = [];
    const err: string[] = [];
    const secret = (name: string, value: string): string => {
      const file = dir.file(name);
      writeFileSync(file, `${value}\n`, { mode: 0o600 });
      return file;
    };
    const previous = process.env['CW_ZOHO_RETRY_BASE_MS'];
    process.env['CW_ZOHO_RETRY_BASE_MS'] = '1';
    let code: number;
    try {
      code = await runSyncCli(
        [
          '--db',
          dir.file('cli.db'),
          '--api-domain',
          server.url,
          '--accounts-url',
          server.url,
          '--client-id',
          'cid',
          '--client-secret-file',
          secret('secret.txt', 'secret'),
          '--refresh-token-file',
          secret('refresh.txt', 'refresh'),
        ],
        { stdout: (s) => out.push(s), stderr: (s) => err.push(s) },
      );
    } finally {
      if (previous === undefined) delete process.env['CW_ZOHO_RETRY_BASE_MS'];
      else process.env['CW_ZOHO_RETRY_BASE_MS'] = previous;
    }
    expect(code).toBe(1);
    const summary = JSON.parse(out.join('')) as {
      modules: Record<string, { upserted: number }>;
      notes: string[];
    };
    expect(summary.modules['Leads']?.upserted).toBe(server.data.table('Leads').size);
    expect(summary.notes.some((n) => n.startsWith('Deals could not be read'))).toBe(true);
    expect(err.join('')).toMatch(/Deals: could not be read \(.*500/);
    expect(err.join('')).toMatch(/Sync incomplete: Deals could not be read/);
  });
});
