import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { forgetSignInAnswers } from '../../src/main/sync/signInAnswers';

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

// Zoho documents `ids` and `converted` apart, not that it applies them together: an organisation
// whose Zoho ignored `converted` beside `ids` would answer as a plain read by id (a 204), and every
// converted lead the records run missed would go as "no longer shared" instead of merging.
describe('an organisation whose Zoho ignores converted=true beside ids', () => {
  it('lets no converted lead go as gone, and asks a lead at a time until a batch proves the question', async () => {
    server.data.idsAnswer.convertedWithIds = 'ignored';
    const { letGo, converted } = await leadsLetGo();
    let asked = server.requests.length;
    const day = await sync();
    expect(letGo.filter(stored)).toEqual([]);
    for (const [lead, contact] of converted) {
      expect(stored(lead)).toBe(false);
      expect(stored(contact)).toBe(true);
    }
    expect(day.visibility?.notes).toContain(
      'Leads: 2 leads Zoho converted were merged into their contacts',
    );
    expect(day.visibility?.notes).toContainEqual(
      expect.stringMatching(/^Zoho no longer shows you 14 leads /),
    );
    // The batch answered as a plain read by id (204): it proved nothing, so each lead was asked alone.
    expect(convertedAsks(asked)).toEqual({ one: 16, many: 1 });

    // The next day the organisation answers the pair: the batch names a converted lead, marked.
    server.data.idsAnswer.convertedWithIds = 'applied';
    const left = leadIds().filter(stored);
    const contact = server.data.convertLead(left[0] ?? '', { keepModifiedTime: true }).id;
    for (const id of left.slice(1, 6)) server.data.unshare('Leads', id);
    server.data.clock += 25 * HOUR;
    asked = server.requests.length;
    await sync();
    expect(stored(contact)).toBe(true);
    expect(left.slice(0, 6).filter(stored)).toEqual([]);
    // Proven by this very answer: only the converted lead, whose contact it does not name, is asked alone.
    expect(convertedAsks(asked)).toEqual({ one: 1, many: 1 });

    // Proven once, remembered: leads left out of the next day's batch are not asked alone.
    for (const id of leadIds().filter(stored).slice(0, 4)) server.data.unshare('Leads', id);
    server.data.clock += 25 * HOUR;
    asked = server.requests.length;
    const third = await sync();
    expect(convertedAsks(asked)).toEqual({ one: 0, many: 1 });
    expect(third.visibility?.removed).toBe(4);

    // Connecting again forgets it: the new grant's Zoho must prove the question again.
    forgetSignInAnswers(db);
    server.data.idsAnswer.convertedWithIds = 'ignored';
    for (const id of leadIds().filter(stored).slice(0, 3)) server.data.unshare('Leads', id);
    server.data.clock += 25 * HOUR;
    asked = server.requests.length;
    const fourth = await sync();
    expect(convertedAsks(asked)).toEqual({ one: 3, many: 1 });
    expect(fourth.visibility?.removed).toBe(3);
  });
});
