import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { ZRecord } from '../crm-server/crmDataSet';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { SyncRunner } from '../../src/main/sync/syncRunner';
import { createCore, type Core } from '../../src/main/core/createCore';
import { rawHandle } from '../../src/main/db/bulkHandle';

// SY-2, BT-1: an activity corrected in the CRM so that it is no longer about the person it was
// logged on stops counting for them; so does a lead's web form once its source is no longer the
// website. Both were kept for ever, a signal of something the person never did.

/** Monday 5 January 2026, 09:30 UTC: the test CRM's clock starts here. */
const NOW = Date.UTC(2026, 0, 5, 9, 30);

let env: SyncTestEnv;
eachTestSyncEnv(
  'cw-activity-moves-',
  () => buildOrganisation(5, { leads: 20 }),
  (e) => (env = e),
);

const activity = (id: string): unknown =>
  rawHandle(env.db).prepare('select person_id, signal from activities where id = ?').get(id) ??
  null;

/** The app's records runs over the test CRM: the people each run touched are collected. */
function appFor(): { core: Core; runner: SyncRunner; touched: string[] } {
  const core = createCore(env.db, () => NOW);
  const touched: string[] = [];
  const runner = new SyncRunner(
    core,
    zohoSourceFor(env.server),
    { recordsMinutes: 5, visitsMinutes: 1, requestsInFlight: 4 },
    { onTouched: (ids) => touched.push(...ids) },
  );
  return { core, runner, touched };
}

/** The test organisation's record (or user) a test picks: one must be there. */
function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the test organisation has no ${what}`);
  return value;
}

const personOf = (call: ZRecord): string =>
  ((call['Who_Id'] ?? call['What_Id']) as { id: string }).id;

describe('a call corrected in Zoho to be about an account only', () => {
  it('leaves the contact it was logged on, whose best time is relearned without it', async () => {
    const { server } = env;
    const { core, runner, touched } = appFor();
    try {
      await runner.syncNow();
      const call = found(
        [...server.data.table('Calls').values()].find((c) => c['Who_Id']),
        'call with a contact',
      );
      const contactId = personOf(call);
      expect(activity(call.id)).toMatchObject({ person_id: contactId });
      const account = found([...server.data.table('Accounts').values()][0], 'account');
      server.data.modify('Calls', call.id, {
        Who_Id: null,
        What_Id: { id: account.id, name: String(account['Account_Name']) },
        $se_module: 'Accounts',
      });
      touched.length = 0;

      await runner.syncNow();

      expect(activity(call.id)).toBeNull();
      expect(touched).toContain(contactId);
      const detail = await core.handlers.getPerson({ id: contactId });
      expect(detail.timeline.map((t) => t.id)).not.toContain(call.id);
    } finally {
      await runner.stop();
    }
  });
});

describe('a call moved in Zoho to a contact not synced yet', () => {
  it('leaves the contact it was on at once, and reaches the new one when it is synced', async () => {
    const { server, db } = env;
    const source = zohoSourceFor(server);
    await runSync(db, source);
    const call = found(
      [...server.data.table('Calls').values()].find((c) => c['Who_Id']),
      'call with a contact',
    );
    const newcomer = server.data.insert('Contacts', {
      First_Name: 'Nia',
      Last_Name: 'New',
      Email: 'nia@customer.test',
      Owner: { id: 'u2', name: 'Ren Rep' },
    });
    server.data.modify('Calls', call.id, { Who_Id: { id: newcomer.id, name: 'New' } });

    // A run that reads the calls but not the contacts (as a Calls listing ahead of Contacts would).
    await runSync(db, source, { modules: ['Calls'] });
    // Not on the contact it was on any more; it waits for the newcomer.
    expect(activity(call.id)).toBeNull();

    await runSync(db, source);
    expect(activity(call.id)).toMatchObject({ person_id: newcomer.id });
  });
});

describe('a lead whose source is corrected away from the website', () => {
  it('loses the web-form signal its source gave, and is relearned without it', async () => {
    const { server } = env;
    const { core, runner, touched } = appFor();
    try {
      await runner.syncNow();
      const lead = found(
        [...server.data.table('Leads').values()].find((l) => l['Lead_Source'] === 'Web Form'),
        'lead from a web form',
      );
      expect(activity(`${lead.id}-webform`)).toMatchObject({ signal: 'web_form_submitted' });
      server.data.modify('Leads', lead.id, { Lead_Source: 'Trade Show' });
      touched.length = 0;

      await runner.syncNow();

      expect(activity(`${lead.id}-webform`)).toBeNull();
      expect(touched).toContain(lead.id);
      const detail = await core.handlers.getPerson({ id: lead.id });
      expect(detail.timeline.map((t) => t.signal)).not.toContain('web_form_submitted');
    } finally {
      await runner.stop();
    }
  });
});
