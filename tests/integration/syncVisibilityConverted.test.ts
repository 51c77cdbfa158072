import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';

// The daily check asks Zoho which of the leads it let go were converted a hundred at a time
// (`GET /Leads?ids=…&converted=true`, both documented parameters of Get Records), not one request
// a lead; a lead it converted is merged into its contact, the others are let go.

let server: CrmTestServer;
let db: Db;

eachTestSyncEnv(
  'cw-sync-visibility-converted-',
  () =>
    buildOrganisation(45, {
      contacts: 6,
      leads: 40,
      accounts: 2,
      deals: 0,
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
const stored = (id: string): boolean =>
  rawHandle(db).prepare('select 1 from people where id = ?').get(id) !== undefined;
const leadIds = (): string[] => [...server.data.table('Leads').keys()];
/** Requests since `from` asking whether leads were converted: one a lead, or by `ids=`. */
const convertedAsks = (from: number): { one: number; many: number } => {
  const paths = server.requests.slice(from).map((r) => r.path);
  return {
    one: paths.filter((p) => /^\/crm\/v8\/Leads\/\d+\?converted=true$/.test(p)).length,
    many: paths.filter(
      (p) => /^\/crm\/v8\/Leads\?/.test(p) && /[?&]ids=/.test(p) && /[?&]converted=true/.test(p),
    ).length,
  };
};

/** 16 leads the rep no longer sees (fewer than half: more looks like a change of profile), 2 of them because Zoho converted them (no edit since). */
async function leadsLetGo(): Promise<{ letGo: string[]; converted: [string, string][] }> {
  await sync();
  const ids = leadIds().slice(0, 16);
  const converted = ids.slice(0, 2).map((id): [string, string] => {
    const contact = server.data.convertLead(id, { keepModifiedTime: true });
    return [id, contact.id];
  });
  for (const id of ids.slice(2)) server.data.unshare('Leads', id);
  server.data.clock += 25 * HOUR;
  return { letGo: ids.slice(2), converted };
}

describe('the daily check asks which leads let go were converted, many at a time', () => {
  it('asks about 16 leads in one request, then only the 2 converted for their contacts', async () => {
    const { letGo, converted } = await leadsLetGo();
    const asked = server.requests.length;
    const day = await sync();
    // Zoho's listing of converted leads does not name the contact: each converted lead is read.
    expect(convertedAsks(asked)).toEqual({ one: 2, many: 1 });
    expect(letGo.filter(stored)).toEqual([]);
    for (const [lead, contact] of converted) {
      expect(stored(lead)).toBe(false);
      expect(stored(contact)).toBe(true);
    }
    expect(day.visibility?.removed).toBe(16);
    expect(day.visibility?.notes).toContain(
      'Leads: 2 leads Zoho converted were merged into their contacts',
    );
  });

  it('needs no lead asked alone where the answer names each contact', async () => {
    server.data.convertedDetail.inListing = true;
    const { converted } = await leadsLetGo();
    const asked = server.requests.length;
    const day = await sync();
    expect(convertedAsks(asked)).toEqual({ one: 0, many: 1 });
    for (const [, contact] of converted) expect(stored(contact)).toBe(true);
    expect(day.visibility?.removed).toBe(16);
  });

  it('asks each lead alone, as before, when Zoho refuses the batch', async () => {
    const { letGo, converted } = await leadsLetGo();
    server.inject('bad-request', {
      path: /^\/crm\/v8\/Leads$/,
      query: /ids=[^&]*&converted=true/,
      body: {
        code: 'INVALID_DATA',
        details: { param_name: 'converted' },
        message: 'invalid data',
        status: 'error',
      },
    });
    const asked = server.requests.length;
    const day = await sync();
    expect(convertedAsks(asked)).toEqual({ one: 16, many: 1 });
    expect(letGo.filter(stored)).toEqual([]);
    for (const [, contact] of converted) expect(stored(contact)).toBe(true);
    expect(day.visibility?.removed).toBe(16);
    expect(day.visibility?.notes).toContain(
      'Leads: 2 leads Zoho converted were merged into their contacts',
    );
    expect(day.visibility?.notes).not.toContainEqual(expect.stringMatching(/could not be checked/));
  });
});
