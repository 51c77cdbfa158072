import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';

// The daily check reads the records Zoho stopped listing by id, a hundred a request
// (`GET /crm/v8/{module}?ids=…`), and lets one go only when Zoho's whole answer leaves it out.

let server: CrmTestServer;
let db: Db;

eachTestSyncEnv(
  'cw-sync-visibility-ids-',
  () =>
    buildOrganisation(44, {
      contacts: 520,
      leads: 12,
      accounts: 4,
      deals: 4,
      callsPerPerson: 0,
      events: 0,
      tasks: 0,
      cases: 0,
      visits: 0,
    }),
  (env) => {
    ({ server, db } = env);
  },
);

const HOUR = 3_600_000;
const sync = () => runSync(db, zohoSourceFor(server), { now: () => server.data.clock });
const later = (ms: number): void => {
  server.data.clock += ms;
};
const stored = (id: string): boolean =>
  rawHandle(db).prepare('select 1 from people where id = ?').get(id) !== undefined;
const lastName = (id: string): unknown =>
  rawHandle(db).prepare('select last_name from people where id = ?').pluck().get(id);
const idsOf = (module: string): string[] => [...server.data.table(module).keys()];
/** Requests since `from` that read contacts by id: one each (`/Contacts/{id}`) or by `ids=`. */
const contactReadsById = (from: number): number =>
  server.requests
    .slice(from)
    .filter(
      (r) =>
        /^\/crm\/v8\/Contacts\/\d+(\?|$)/.test(r.path) ||
        /^\/crm\/v8\/Contacts\?(.*&)?ids=/.test(r.path),
    ).length;
/** Zoho's listing of a module's ids alone (the daily check's). */
const isIdListing = (path: string, module: string): boolean =>
  path.startsWith(`/crm/v8/${module}?fields=Modified_Time&per_page=200&sort_by=id`);

describe('the daily check reads records Zoho stopped listing a hundred at a time', () => {
  it('checks 250 contacts no longer listed in 3 requests, not 250, and lets them go', async () => {
    await sync();
    const hidden = idsOf('Contacts').slice(0, 250);
    for (const id of hidden) server.data.unshare('Contacts', id);
    later(25 * HOUR);
    const asked = server.requests.length;
    const day = await sync();
    expect(contactReadsById(asked)).toBe(3);
    expect(hidden.filter(stored)).toEqual([]);
    expect(day.visibility?.removed).toBe(250);
    expect(day.visibility?.notes).toContainEqual(
      expect.stringMatching(/^Zoho no longer shows you 250 contacts .+ and 245 more \(given to/),
    );
    // Counted in the run's API requests, as every request is.
    expect(day.credits?.run).toBe(
      server.requests.slice(asked).filter((r) => r.path.startsWith('/crm/')).length,
    );
  });

  it('keeps a contact Zoho left out of the listing but still gives when asked by id', async () => {
    await sync();
    const [moved, kept] = idsOf('Contacts');
    if (!moved || !kept) throw new Error('the organisation has contacts');
    server.data.unshare('Contacts', moved);
    server.data.unshare('Contacts', kept);
    // Given back to the rep between the listing of ids and the read by id, renamed meanwhile.
    let listed = false;
    server.beforeApiRequest = (path) => {
      if (isIdListing(path, 'Contacts')) listed = true;
      else if (listed && path.startsWith('/crm/v8/Contacts')) {
        listed = false;
        server.data.reshare('Contacts', kept)['Last_Name'] = 'Given Back';
      }
    };
    later(25 * HOUR);
    const asked = server.requests.length;
    const day = await sync();
    expect(stored(kept)).toBe(true);
    expect(lastName(kept)).toBe('Given Back');
    expect(stored(moved)).toBe(false);
    expect(day.visibility?.removed).toBe(1);
    // Both in one request.
    expect(contactReadsById(asked)).toBe(1);
  });

  it('removes nothing when a batch fails part-way, and the rest of the sync is whole', async () => {
    await sync();
    const hidden = idsOf('Contacts').slice(0, 250);
    for (const id of hidden) server.data.unshare('Contacts', id);
    const [lead] = idsOf('Leads');
    const [renamed] = idsOf('Contacts').slice(-1);
    if (!lead || !renamed) throw new Error('the organisation has leads and contacts');
    server.data.unshare('Leads', lead);
    server.data.modify('Contacts', renamed, { Last_Name: 'Renamed' });
    later(25 * HOUR);
    // The second read by id fails through every retry, whichever way the contacts are read.
    for (const path of [/^\/crm\/v8\/Contacts$/, /^\/crm\/v8\/Contacts\/\d+$/])
      server.inject('server-error', {
        path,
        ...(path.source.endsWith('Contacts$') ? { query: /[?&]ids=/ } : {}),
        skip: 1,
        times: 20,
      });
    const day = await sync();
    expect(hidden.filter(stored)).toEqual(hidden);
    expect(day.visibility?.notes).toContainEqual(
      expect.stringMatching(
        /^Contacts: whether Zoho still shows you every record stored here could not be checked \(.+\); nothing was removed, and the next sync checks again$/,
      ),
    );
    // The other modules' checks and the rest of the run went on.
    expect(stored(lead)).toBe(false);
    expect(lastName(renamed)).toBe('Renamed');
    expect(day.notes).toEqual([]);

    server.clearFaults();
    later(HOUR);
    const next = await sync();
    expect(hidden.filter(stored)).toEqual([]);
    expect(next.visibility?.removed).toBe(250);
  });
});

describe('reading by id as Zoho documents it', () => {
  /** A raw request to the test server, signed in as the app would be. */
  const raw = async (path: string): Promise<{ status: number; body: unknown }> => {
    const grant = await fetch(`${server.url}/oauth/v2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: 'cid',
        client_secret: 'secret',
        refresh_token: 'refresh',
      }),
    });
    const { access_token: token } = (await grant.json()) as { access_token: string };
    const res = await fetch(`${server.url}${path}`, {
      headers: { Authorization: `Zoho-oauthtoken ${token}` },
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  };

  it('takes 100 ids a request, leaves out those not shown, and answers 204 when none is', async () => {
    const ids = idsOf('Contacts');
    const over = await raw(`/crm/v8/Contacts?fields=Last_Name&ids=${ids.slice(0, 101).join(',')}`);
    expect(over).toMatchObject({
      status: 400,
      body: { code: 'LIMIT_EXCEEDED', details: { limit: 100, param_name: 'ids' } },
    });
    const [hidden, shown] = ids;
    if (!hidden || !shown) throw new Error('the organisation has contacts');
    server.data.unshare('Contacts', hidden);
    const some = await raw(`/crm/v8/Contacts?fields=Last_Name&ids=${hidden},${shown}`);
    expect((some.body as { data: { id: string }[] }).data.map((r) => r.id)).toEqual([shown]);
    expect((await raw(`/crm/v8/Contacts?fields=Last_Name&ids=${hidden}`)).status).toBe(204);

    // The app's reader splits a longer list into requests Zoho takes.
    const asked = server.requests.length;
    const read = await zohoSourceFor(server).pullByIds('Contacts', ids.slice(0, 250));
    expect(read.map((r) => r.id)).toEqual(ids.slice(1, 250));
    expect(contactReadsById(asked)).toBe(3);
  });

  it('lets go of nothing on an answer that holds records not asked for (ids not applied)', async () => {
    await sync();
    const [hidden, other] = idsOf('Contacts');
    if (!hidden || !other) throw new Error('the organisation has contacts');
    server.data.unshare('Contacts', hidden);
    later(25 * HOUR);
    // As a listing of the module's first records would answer, by a proxy that drops `ids`.
    server.inject('body-200', {
      path: /^\/crm\/v8\/Contacts$/,
      query: /[?&]ids=/,
      times: 20,
      body: {
        data: [{ id: other, Last_Name: 'Someone', Modified_Time: '2026-01-01T00:00:00+00:00' }],
        info: { more_records: false, count: 1, page: 1, per_page: 200 },
      },
    });
    const day = await sync();
    expect(stored(hidden)).toBe(true);
    expect(day.visibility?.notes).toContainEqual(
      expect.stringMatching(
        /^Contacts: whether Zoho still shows you every record stored here could not be checked \(.*not asked for.*\)/,
      ),
    );
  });
});

describe('answers to a read by id that Zoho’s contract leaves open', () => {
  it('reads a batch Zoho refuses for a deleted id one id at a time, and lets go of the ones not shown', async () => {
    server.data.idsAnswer.deleted = 'refused';
    await sync();
    const [deleted, moved, kept] = idsOf('Contacts');
    if (!deleted || !moved || !kept) throw new Error('the organisation has contacts');
    // Deleted, and gone from the recycle bin before this computer synced: no list names it.
    server.data.remove('Contacts', deleted);
    server.data.deleted.set('Contacts', []);
    server.data.unshare('Contacts', moved);
    server.data.unshare('Contacts', kept);
    // Given back to the rep between the listing of ids and the reads by id.
    let listed = false;
    server.beforeApiRequest = (path) => {
      if (isIdListing(path, 'Contacts')) listed = true;
      else if (listed && path.startsWith('/crm/v8/Contacts')) {
        listed = false;
        server.data.reshare('Contacts', kept);
      }
    };
    later(25 * HOUR);
    const asked = server.requests.length;
    const day = await sync();
    expect(stored(deleted)).toBe(false);
    expect(stored(moved)).toBe(false);
    expect(stored(kept)).toBe(true);
    expect(day.visibility?.removed).toBe(2);
    expect(day.visibility?.notes).not.toContainEqual(expect.stringMatching(/could not be checked/));
    // The refused batch, then each of its three ids.
    expect(contactReadsById(asked)).toBe(4);
  });

  it('merges a lead Zoho returns by id marked converted into its contact, not keeping it as a lead', async () => {
    server.data.idsAnswer.converted = 'returned';
    await sync();
    const [lead] = idsOf('Leads');
    if (!lead) throw new Error('the organisation has leads');
    // A conversion that left the lead's Modified_Time: no listing of changes names it.
    const contact = server.data.convertLead(lead, { keepModifiedTime: true });
    later(25 * HOUR);
    const day = await sync();
    expect(stored(lead)).toBe(false);
    expect(stored(contact.id)).toBe(true);
    expect(day.visibility?.notes).toContain(
      'Leads: a lead Zoho converted was merged into its contact',
    );
  });
});
