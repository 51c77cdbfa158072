import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ZohoSource } from '../../src/main/crm/zoho/zohoSource';
import { DEFAULT_RETRY } from '../../src/main/crm/zoho/zohoHttp';
import { buildOrganisation, leadFields, Seeded, userFactory } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import {
  localSnapshot,
  serverSnapshot,
  zohoSourceFor,
  eachTestSyncEnv,
  FAST_RETRY,
} from '../crm-server/syncHarness';
import { CrmAuthError } from '../../src/main/crm/crmSource';
import { runSync } from '../../src/main/sync/syncEngine';
import { signInRefusedText } from '../../src/main/sync/signInRefused';
import { readState } from '../../src/main/sync/syncState';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';

let server: CrmTestServer;
let db: Db;

eachTestSyncEnv(
  'cw-faults-',
  () => buildOrganisation(5, { leads: 450, callsPerPerson: 1 }),
  (env) => ({ server, db } = env),
);

const tokenRequests = (): number =>
  server.requests.filter((r) => r.path === '/oauth/v2/token').length;

describe('faults the CRM injects', () => {
  it('survives a connection cut in the middle of a page', async () => {
    server.inject('cut', { path: /\/crm\/v8\/Leads$/, skip: 1, times: 2 });
    await runSync(db, zohoSourceFor(server));
    expect(server.pendingFaults()).toBe(0);
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
  });

  it('refreshes the access token once when the API answers 401 INVALID_TOKEN', async () => {
    server.inject('invalid-token', { path: /\/crm\/v8\/Calls$/ });
    await runSync(db, zohoSourceFor(server));
    expect(tokenRequests()).toBe(2);
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
  });

  it('a 401 with no Zoho code is a refused sign-in all the same, said without the request’s path', async () => {
    server.inject('unauthorised-no-code', { path: /\/crm\/v8\/Calls$/ });
    const refused = await runSync(db, zohoSourceFor(server)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CrmAuthError);
    // The message (the sync command's stderr) keeps the path; the app's words do not.
    expect(String(refused)).toMatch(/\/crm\/v8\/Calls.*\(unauthorised\)/);
    expect(signInRefusedText(refused as CrmAuthError)).toBe(
      "Zoho no longer accepts this sign-in (unauthorised). Connect again with a new grant code: this computer's copy of the CRM is kept.",
    );
  });

  it('refreshes before an access token expires', async () => {
    server.tokenLifetimeS = 60; // inside the five-minute margin: every request refreshes first
    await runSync(db, zohoSourceFor(server), { modules: ['Accounts'] });
    expect(tokenRequests()).toBeGreaterThan(2);
  });

  it('retries 429 and 500 with backoff and finishes', async () => {
    server.inject('rate-limit', { path: /\/crm\/v8\/Leads$/, times: 3 });
    server.inject('server-error', { path: /\/crm\/v8\/Contacts$/, times: 2 });
    await runSync(db, zohoSourceFor(server));
    expect(server.pendingFaults()).toBe(0);
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
  });

  it('takes a 200 without a list of records for a fault, not for the end of the listing: nothing is skipped', async () => {
    // The listing's second page (not the newest record's look nor the converted leads').
    server.inject('empty-200', {
      path: /\/crm\/v8\/Leads$/,
      query: /^(?!.*converted)(?=.*per_page=200)/,
      skip: 1,
    });
    // A page that cannot be read stops its module only, with the answer quoted; the cursor stays
    // at the page before it.
    const cut = await runSync(db, zohoSourceFor(server));
    expect(cut.notes).toContainEqual(
      expect.stringContaining(
        'Leads could not be read this time (Zoho answered the Leads listing with 200 but no list of records: {})',
      ),
    );
    expect(readState(db, 'Leads').lastSuccessAt).toBeNull();
    server.inject('wrong-shape', { path: /\/crm\/v8\/users$/, query: /type=AllUsers/ });
    await expect(runSync(db, zohoSourceFor(server))).rejects.toThrow(
      /Zoho answered the users list without a list of users/,
    );
    await runSync(db, zohoSourceFor(server));
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
  });

  it('waits for a rate limit said to free up soon, and stops at once on one said to last the day', async () => {
    // Retry-After as a date a second and a half ahead: waited for (here the test's pause policy
    // caps it at 20 ms), then the sync finishes.
    server.rateLimitHeaders = () => ({ 'Retry-After': new Date(Date.now() + 1500).toUTCString() });
    server.inject('rate-limit', { path: /\/crm\/v8\/Leads$/ });
    await runSync(db, zohoSourceFor(server));
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    // An hour: the organisation's credits, most likely; no attempts spent against it.
    server.rateLimitHeaders = () => ({ 'Retry-After': '3600' });
    server.inject('rate-limit', { path: /\/crm\/v8\/Contacts$/, times: 10 });
    await expect(runSync(db, zohoSourceFor(server), { modules: ['Contacts'] })).rejects.toThrow(
      /answered 429 TOO_MANY_REQUESTS: Zoho limits this organisation's API requests until \d{4}-\d\d-\d\dT.*try again after that/,
    );
    // Each request that met it stopped there: none was asked again (six times, before).
    expect(10 - server.pendingFaults()).toBeLessThan(6);
  });

  it('gives up after bounded retries with a clear message, then resumes without loss', async () => {
    server.inject('server-error', { path: /\/crm\/v8\/Leads$/, skip: 1, times: 50 });
    // Leads alone stop, saying why; the other modules are read.
    const summary = await runSync(db, zohoSourceFor(server));
    expect(summary.notes).toContainEqual(
      expect.stringMatching(
        /^Leads could not be read this time \(Giving up after 6 attempts: .*Leads answered 500/,
      ),
    );
    expect(summary.modules.Contacts?.upserted).toBe(server.data.table('Contacts').size);
    const stored = (
      rawHandle(db).prepare(`select count(*) as n from people where module = 'lead'`).get() as {
        n: number;
      }
    ).n;
    // The first page's 200, and the few leads this run's visits name, read by id (visitorsRead):
    // not the whole module, which waits for the next run.
    expect(stored).toBeGreaterThanOrEqual(200);
    expect(stored).toBeLessThan(Math.min(250, server.data.table('Leads').size));
    server.inject('server-error', { times: 0 });
    (server as unknown as { faults: unknown[] }).faults.length = 0;
    await runSync(db, zohoSourceFor(server));
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
  });

  it('keeps everything stored and says which request, when Zoho’s place answers with a page that is not JSON at all', async () => {
    await runSync(db, zohoSourceFor(server));
    const before = localSnapshot(db);
    // A proxy's or a network's page in the place of Leads' listing, every time it is asked.
    server.inject('not-json', { path: /^\/crm\/v8\/Leads$/, times: 1_000 });
    const summary = await runSync(db, zohoSourceFor(server));
    expect(summary.notes).toEqual([
      expect.stringMatching(
        /^Leads could not be read this time \(Giving up after 6 attempts: \/crm\/v8\/Leads answered 200 with a body that is not JSON \(cut short\?\)\); the other modules synced, what was stored of Leads before is kept/,
      ),
    ]);
    expect(localSnapshot(db)).toEqual(before);

    // The whole API so: the run stops on the organisation, naming it, with nothing lost.
    server.clearFaults();
    server.inject('not-json', { path: /^\/crm\/v8\//, times: 1_000 });
    await expect(runSync(db, zohoSourceFor(server))).rejects.toThrow(
      'Giving up after 6 attempts: /crm/v8/org answered 200 with a body that is not JSON (cut short?)',
    );
    expect(localSnapshot(db)).toEqual(before);

    server.clearFaults();
    await runSync(db, zohoSourceFor(server));
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
  });

  it('pages past 2,000 records with page_token, and restarts when the token expires', async () => {
    // A mass update gives 2,500 leads the same Modified_Time second.
    const r = new Seeded(3);
    const at = server.data.tick();
    for (let i = 0; i < 2500; i++)
      server.data.insert(
        'Leads',
        leadFields(10_000 + i, userFactory('u2', 'Ren Rep', null), r),
        at,
      );
    server.inject('expire-page-tokens', { path: /\/crm\/v8\/Leads$/, skip: 12 });
    await runSync(db, zohoSourceFor(server), { modules: ['Accounts', 'Contacts', 'Leads'] });
    const leadPaths = server.requests
      .map((x) => x.path)
      .filter((p) => p.startsWith('/crm/v8/Leads?'));
    expect(leadPaths.some((p) => p.includes('page_token='))).toBe(true);
    expect(leadPaths.every((p) => !/[?&]page=(1[1-9]|[2-9]\d)/.test(p))).toBe(true);
    const leads = (
      rawHandle(db).prepare(`select count(*) as n from people where module = 'lead'`).get() as {
        n: number;
      }
    ).n;
    expect(leads).toBe(2950);
  });

  it('loses nothing when records are modified and deleted while it runs', async () => {
    const r = new Seeded(9);
    server.beforeApiRequest = (_path, n) => {
      if (n % 3 !== 0) return;
      for (const m of ['Leads', 'Contacts', 'Calls']) {
        const ids = [...server.data.table(m).keys()];
        const id = r.pick(ids);
        if (r.next() < 0.3) server.data.remove(m, id);
        else if (m === 'Calls') server.data.modify(m, id, { Subject: `edited ${n}` });
        else server.data.modify(m, id, { Last_Name: `Edited ${n}` });
      }
    };
    await runSync(db, zohoSourceFor(server));
    server.beforeApiRequest = null;
    await runSync(db, zohoSourceFor(server));
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
  });

  it('explains refused credentials and an unreachable server', async () => {
    await expect(runSync(db, zohoSourceFor(server, { clientSecret: 'wrong' }))).rejects.toThrow(
      /invalid_client.*client id or secret/,
    );
    server.refreshTokenRevoked = true;
    await expect(runSync(db, zohoSourceFor(server))).rejects.toThrow(
      /invalid_code.*expired or revoked/,
    );
    await server.stop();
    await expect(runSync(db, zohoSourceFor(server))).rejects.toThrow(
      /Cannot reach the Zoho accounts server/,
    );
  });

  it('tells a passing accounts outage from refused credentials: nobody is asked to connect again', async () => {
    let answer = { status: 503, type: 'text/html', body: '<html>Down for maintenance</html>' };
    const accounts = createServer((_req, res) => {
      res.writeHead(answer.status, { 'Content-Type': answer.type });
      res.end(answer.body);
    });
    await new Promise<void>((ok) => accounts.listen(0, '127.0.0.1', ok));
    const accountsUrl = `http://127.0.0.1:${(accounts.address() as AddressInfo).port}`;
    const source = (): ZohoSource =>
      new ZohoSource({
        credentials: { accountsUrl, clientId: 'cid', clientSecret: 'secret', refreshToken: 'r' },
        apiDomain: server.url,
        retry: FAST_RETRY,
      });
    try {
      const down = await runSync(db, source()).catch((e: unknown) => e);
      expect(down).not.toBeInstanceOf(CrmAuthError);
      expect(String(down)).toMatch(/answered 503; it may be down for a moment/);
      // A Wi-Fi network's sign-in page in Zoho's place says nothing about the credentials.
      answer = { status: 200, type: 'text/html', body: '<html>Accept the terms to go on</html>' };
      const portal = await runSync(db, source()).catch((e: unknown) => e);
      expect(portal).not.toBeInstanceOf(CrmAuthError);
      expect(String(portal)).toMatch(/a page that is not Zoho's .*try again in a moment/);
      // Zoho's spelling for too many token requests.
      answer = { status: 200, type: 'application/json', body: '{"error":"Access Denied"}' };
      const busy = await runSync(db, source()).catch((e: unknown) => e);
      expect(busy).not.toBeInstanceOf(CrmAuthError);
      expect(String(busy)).toMatch(/Access Denied.*tries again in a few minutes/);
      // A refused refresh token still asks the user to act.
      answer = { status: 200, type: 'application/json', body: '{"error":"invalid_code"}' };
      await expect(runSync(db, source())).rejects.toBeInstanceOf(CrmAuthError);
    } finally {
      await new Promise<void>((ok) => accounts.close(() => ok()));
    }
  });

  it('gives up on a server that accepts and never answers, naming it, within the deadline', async () => {
    // Accepts every connection and says nothing, as a hung proxy would.
    const silent = createServer(() => undefined);
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const sourceWith = (accountsUrl: string, apiDomain: string, requestDeadlineMs: number) =>
      new ZohoSource({
        credentials: {
          accountsUrl,
          clientId: 'cid',
          clientSecret: 'secret',
          refreshToken: 'refresh',
        },
        apiDomain,
        retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2, requestDeadlineMs },
      });
    try {
      // Only the silent server is asked: a short deadline is all the wait.
      const started = Date.now();
      await expect(runSync(db, sourceWith(url, server.url, 300))).rejects.toThrow(
        `The Zoho accounts server at ${url} did not answer within 0.3 s`,
      );
      expect(Date.now() - started).toBeLessThan(10_000);
      // The test server signs in first, within the same deadline: on a loaded machine its answer
      // can take longer than 0.3 s, which would fail the sign-in, not the silent API.
      server.apiDomainOverride = url;
      await expect(runSync(db, sourceWith(server.url, url, 2_000))).rejects.toThrow(
        `127.0.0.1:${(silent.address() as AddressInfo).port} did not answer within 2 s`,
      );
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('asks a silent API again only once per request, with the default retries', async () => {
    // Six attempts of 30 s each held a sync three minutes; a request that timed out is lost.
    const asked: string[] = [];
    const silent = createServer((req) => void asked.push(req.url ?? ''));
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    server.apiDomainOverride = url;
    // Long enough for the test server's sign-in on a loaded machine (it meets the deadline too).
    const deadlineMs = 2_000;
    const source = new ZohoSource({
      credentials: {
        accountsUrl: server.url,
        clientId: 'cid',
        clientSecret: 'secret',
        refreshToken: 'refresh',
      },
      apiDomain: url,
      retry: { ...DEFAULT_RETRY, requestDeadlineMs: deadlineMs },
    });
    try {
      const started = Date.now();
      await expect(runSync(db, source)).rejects.toThrow(
        `Giving up after 2 attempts: 127.0.0.1:${(silent.address() as AddressInfo).port} did not answer within 2 s`,
      );
      const elapsed = Date.now() - started;
      const first = asked[0] ?? '';
      expect(asked.filter((path) => path === first)).toHaveLength(2);
      // Two deadlines and one back-off (at most 0.5 s by default), well short of six deadlines.
      expect(elapsed).toBeLessThan(4 * deadlineMs);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('stops at once when stopped while Zoho is slow to list deleted records', async () => {
    const stop = new AbortController();
    let stoppedAt = 0;
    server.beforeApiRequest = (path) => {
      if (!path.includes('/deleted') || stoppedAt) return;
      // This answer takes 20 s; the rep quits the app 50 ms into it.
      server.apiDelayMs = 20_000;
      setTimeout(() => {
        stoppedAt = Date.now();
        stop.abort();
      }, 50);
    };
    await expect(runSync(db, zohoSourceFor(server), { signal: stop.signal })).rejects.toThrow();
    // Well short of the answer's 20 s, with room for a loaded machine.
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    server.beforeApiRequest = null;
    server.apiDelayMs = 0;
  });

  it('ends a run that overruns its deadline, keeping what it stored, and the next run finishes', async () => {
    await expect(runSync(db, zohoSourceFor(server), { deadlineMs: 1 })).rejects.toThrow(
      /The sync did not finish within 1 s; everything stored so far is kept/,
    );
    await runSync(db, zohoSourceFor(server));
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
  });
});
