import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../src/shared/contract';
import { createCore } from '../../src/main/core/createCore';
import { ZohoSource } from '../../src/main/crm/zoho/zohoSource';
import type { RetryPolicy } from '../../src/main/crm/zoho/zohoHttp';
import type { Db } from '../../src/main/db/openDatabase';
import { DEFAULT_SCHEDULE, SyncRunner } from '../../src/main/sync/syncRunner';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { FAST_RETRY, localSnapshot, startServer, syncDb } from '../crm-server/syncHarness';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// What Settings (and the sync's announcement on every page) says when the CRM gives no usable
// answer: what happened, that nothing stored is lost, what to do; the client's words (the API
// path, "cut short?") only as the details, never leading.

let dir: TempDir;
let server: CrmTestServer;
let db: Db;
beforeEach(async () => {
  dir = makeTempDir('cw-runner-trouble-');
  server = await startServer(buildOrganisation(7));
  db = await syncDb(dir.file('sync.db'));
  // The runner logs the client's words: kept out of the test's output.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.close();
  await server.stop();
  dir.remove();
});

const KEPT = 'Nothing stored on this computer is lost.';

function source(
  options: { accountsUrl?: string; apiDomain?: string; retry?: RetryPolicy } = {},
): ZohoSource {
  return new ZohoSource({
    credentials: {
      accountsUrl: options.accountsUrl ?? server.url,
      clientId: 'cid',
      clientSecret: 'secret',
      refreshToken: 'refresh',
    },
    apiDomain: options.apiDomain ?? server.url,
    retry: options.retry ?? FAST_RETRY,
  });
}

/** A first sync that succeeds, then one more run with the fault `meet` sets up; its status. */
async function failedAfterFirst(
  meet: () => void | Promise<void>,
  from: ZohoSource = source(),
): Promise<{ status: SyncStatus; before: string[] }> {
  const runner = new SyncRunner(createCore(db), from, DEFAULT_SCHEDULE);
  try {
    await runner.syncNow();
    expect(runner.current()).toMatchObject({ state: 'idle', lastError: null, errorDetail: null });
    const before = localSnapshot(db);
    await meet();
    await runner.syncNow();
    return { status: runner.current(), before };
  } finally {
    await runner.stop();
  }
}

/** A sync from an empty database, with the fault in place from the start: its status. */
async function failedFirst(from: ZohoSource): Promise<SyncStatus> {
  const runner = new SyncRunner(createCore(db), from, DEFAULT_SCHEDULE);
  try {
    await runner.syncNow();
    return runner.current();
  } finally {
    await runner.stop();
  }
}

function expectPlainWords(status: SyncStatus): void {
  expect(status.lastError).toContain(KEPT);
  expect(status.lastError).not.toMatch(/\/crm\/v8|cut short|Giving up|127\.0\.0\.1|\(GET/);
}

describe('the sync runner says in its own words why the CRM gave no usable answer', () => {
  it('a network’s sign-in page in Zoho’s place: sign in to the network, then sync again', async () => {
    const { status, before } = await failedAfterFirst(() =>
      server.inject('not-json', { path: /^\/crm\/v8\//, times: 100_000 }),
    );
    expect(status).toMatchObject({
      state: 'error',
      lastError:
        "Something other than Zoho CRM answered: most likely a network's sign-in page (hotel, train or airport Wi-Fi) or a proxy. Nothing stored on this computer is lost. Open a web page in a browser to sign in to the network, then sync again; the app also tries again on its schedule.",
      errorDetail:
        'Giving up after 6 attempts: /crm/v8/org answered 200 with a body that is not JSON (cut short?)',
    });
    expectPlainWords(status);
    expect(localSnapshot(db)).toEqual(before);
  });

  it('Zoho’s servers failing through every retry: sync again in a few minutes', async () => {
    const { status, before } = await failedAfterFirst(() =>
      server.inject('server-error', { path: /^\/crm\/v8\//, times: 100_000 }),
    );
    expect(status).toMatchObject({
      state: 'error',
      lastError: expect.stringMatching(
        /^Zoho CRM's servers kept failing: .* Sync again in a few minutes/,
      ),
      errorDetail: 'Giving up after 6 attempts: /crm/v8/org answered 500 INTERNAL_ERROR',
    });
    expectPlainWords(status);
    expect(localSnapshot(db)).toEqual(before);
  });

  it('the CRM out of reach: offline, check the connection, then sync again', async () => {
    const { status, before } = await failedAfterFirst(() => server.stop());
    expect(status).toMatchObject({
      state: 'offline',
      lastError:
        'Zoho CRM could not be reached from this computer: no network, or a connection that keeps dropping. Nothing stored on this computer is lost. Check the connection, then sync again; the app also tries again on its schedule.',
      errorDetail: expect.stringMatching(
        /^Giving up after 6 attempts: the connection to .* failed/,
      ),
    });
    expectPlainWords(status);
    expect(localSnapshot(db)).toEqual(before);
  });

  it('a name that does not resolve (no network, no DNS): the same words', async () => {
    const status = await failedFirst(source({ accountsUrl: 'http://cw-no-such-host.invalid' }));
    expect(status.state).toBe('offline');
    expect(status.lastError).toMatch(/^Zoho CRM could not be reached from this computer: /);
    expect(status.errorDetail).toMatch(/^Cannot reach the Zoho accounts server at .*invalid/);
    expectPlainWords(status);
  });

  it('a CRM that accepts and never answers: it did not answer in time', async () => {
    const quick = { ...FAST_RETRY, requestDeadlineMs: 300 };
    const { status, before } = await failedAfterFirst(
      () => {
        server.holdAnswer = () => new Promise<void>(() => undefined);
      },
      source({ retry: quick }),
    );
    expect(status).toMatchObject({
      state: 'error',
      lastError: expect.stringMatching(
        /^Zoho CRM did not answer in time: .* Check the connection, then sync again/,
      ),
      errorDetail: expect.stringMatching(/did not answer within 0\.3 s \(GET \/crm\/v8\/org\)$/),
    });
    expectPlainWords(status);
    expect(localSnapshot(db)).toEqual(before);
  });

  it('Zoho limiting the organisation’s requests for the day: nothing to do, the app waits', async () => {
    const { status } = await failedAfterFirst(() => {
      server.rateLimitHeaders = () => ({ 'Retry-After': '36000' });
      server.inject('rate-limit', { path: /^\/crm\/v8\//, times: 100_000 });
    });
    expect(status.lastError).toMatch(
      /^Zoho is limiting this organisation's requests for now: .* Nothing to do: the app syncs again on its schedule/,
    );
    // Until when Zoho said is in the details.
    expect(status.errorDetail).toMatch(/until \d{4}-\d\d-\d\dT/);
    expectPlainWords(status);
  });

  describe('the accounts server, signing in', () => {
    let accounts: Server;
    let answer = { status: 200, type: 'text/html', body: '' };
    beforeEach(async () => {
      accounts = createServer((_req, res) => {
        res.writeHead(answer.status, { 'Content-Type': answer.type });
        res.end(answer.body);
      });
      await new Promise<void>((ok) => accounts.listen(0, '127.0.0.1', ok));
    });
    afterEach(async () => {
      await new Promise<void>((ok) => accounts.close(() => ok()));
    });
    const accountsUrl = (): string =>
      `http://127.0.0.1:${(accounts.address() as AddressInfo).port}`;

    it('answering with a network’s sign-in page, or down: said as for the API', async () => {
      answer = { status: 200, type: 'text/html', body: '<html>Accept the terms to go on</html>' };
      const portal = await failedFirst(source({ accountsUrl: accountsUrl() }));
      expect(portal.lastError).toMatch(/^Something other than Zoho CRM answered: /);
      expect(portal.errorDetail).toMatch(/with a page that is not Zoho's/);
      expectPlainWords(portal);

      answer = { status: 503, type: 'text/html', body: '<html>Down for maintenance</html>' };
      const down = await failedFirst(source({ accountsUrl: accountsUrl() }));
      expect(down.lastError).toMatch(/^Zoho CRM's servers kept failing: /);
      expect(down.errorDetail).toMatch(/answered 503; it may be down for a moment/);
    });
  });

  it('a refused refresh token: "connect again" said once, and no details line repeating it', async () => {
    server.refreshTokenRevoked = true;
    const status = await failedFirst(source());
    expect(status).toMatchObject({
      state: 'error',
      lastError:
        "Zoho refused the refresh token (invalid_code): the refresh token is expired or revoked. Connect again with a new grant code: this computer's copy of the CRM is kept.",
      errorDetail: null,
    });
    expect(status.lastError?.match(/connect again/gi)).toHaveLength(1);
  });

  it('a sync that goes through after a trouble leaves neither its words nor its details', async () => {
    const runner = new SyncRunner(createCore(db), source(), DEFAULT_SCHEDULE);
    try {
      await runner.syncNow();
      server.inject('server-error', { path: /^\/crm\/v8\//, times: 100_000 });
      await runner.syncNow();
      expect(runner.current().errorDetail).toMatch(/answered 500/);
      server.clearFaults();
      await runner.syncNow();
      expect(runner.current()).toMatchObject({ state: 'idle', lastError: null, errorDetail: null });
    } finally {
      await runner.stop();
    }
  });
});
