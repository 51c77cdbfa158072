import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import { eachTestSyncEnv, FAST_RETRY, type SyncTestEnv } from '../crm-server/syncHarness';
import type { ZRecord } from '../crm-server/crmDataSet';
import { ZohoSource } from '../../src/main/crm/zoho/zohoSource';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { runSync } from '../../src/main/sync/syncEngine';

// Contacts and their calls long enough to be read as two stretches side by side.
const ORG = {
  accounts: 5,
  contacts: 1000,
  leads: 10,
  deals: 2,
  callsPerPerson: 1,
  events: 2,
  tasks: 2,
  cases: 1,
  visits: 2,
};

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

/**
 * SY-2: a record edited while its module is read as stretches side by side comes twice, its old
 * copy in one stretch and its new one at the end of the listing, in another. Here the page with
 * the old copy is slow on the wire: it arrives, and commits, only after the new copy is stored.
 */
describe('a record edited while its module is read in stretches side by side', () => {
  let env: SyncTestEnv;
  eachTestSyncEnv(
    'cw-older-copy-',
    // The CRM's clock near this computer's, as Zoho's is: a record edited now is recent.
    () => buildOrganisation(11, ORG, { start: Date.now() - 3_600_000 }),
    (e) => (env = e),
  );

  const source = (): ZohoSource =>
    new ZohoSource({
      credentials: {
        accountsUrl: env.server.url,
        clientId: 'cid',
        clientSecret: 'secret',
        refreshToken: 'refresh',
      },
      apiDomain: env.server.url,
      retry: FAST_RETRY,
      requestsInFlight: 2,
    });

  /**
   * Holds the first page of `module` that lists `target` as it is now; meanwhile edits it in the
   * CRM and waits until `stored` says its new copy is stored locally (or 20 s went by).
   */
  function holdOldCopy(
    module: string,
    target: ZRecord,
    edit: Record<string, unknown>,
    stored: () => boolean,
  ): { held: () => boolean } {
    let held = false;
    env.server.holdAnswer = (path, payload) => {
      if (held || !path.startsWith(`/crm/v8/${module}?`)) return null;
      const data = (payload as { data?: ZRecord[] }).data ?? [];
      const old = data.find((r) => r.id === target.id);
      if (old?.Modified_Time !== target.Modified_Time) return null;
      held = true;
      env.server.data.modify(module, target.id, edit);
      return (async () => {
        for (let waited = 0; waited < 20_000 && !stored(); waited += 10) await sleep(10);
      })();
    };
    return { held: () => held };
  }

  it('keeps a contact’s newer copy when the older one’s page commits after it', async () => {
    // The second page of the first listing: asked before the listing is cut in two.
    const target = env.server.data.sorted('Contacts')[250] as ZRecord;
    const row = (): { last_name: string; modified_at: number } | undefined =>
      rawHandle(env.db)
        .prepare('select last_name, modified_at from people where id = ?')
        .get(target.id) as { last_name: string; modified_at: number } | undefined;
    const hold = holdOldCopy(
      'Contacts',
      target,
      { Last_Name: 'Renamed' },
      () => row()?.last_name === 'Renamed',
    );

    await runSync(env.db, source());

    expect(hold.held()).toBe(true);
    const now = env.server.data.table('Contacts').get(target.id) as ZRecord;
    expect(row()).toEqual({ last_name: 'Renamed', modified_at: Date.parse(now.Modified_Time) });
  });

  it('keeps a call’s newer copy when the older one’s page commits after it', async () => {
    const target = env.server.data.sorted('Calls')[250] as ZRecord;
    const subject = (): string | undefined =>
      (
        rawHandle(env.db).prepare('select subject from activities where id = ?').get(target.id) as
          { subject: string } | undefined
      )?.subject;
    const hold = holdOldCopy(
      'Calls',
      target,
      { Subject: 'Rescheduled' },
      () => subject() === 'Rescheduled',
    );

    await runSync(env.db, source());

    expect(hold.held()).toBe(true);
    expect(subject()).toBe('Rescheduled');
  });
});
