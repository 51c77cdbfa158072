import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { createCore } from '../../src/main/core/createCore';
import { SyncRunner } from '../../src/main/sync/syncRunner';
import { buildOrganisation } from '../crm-server/crmFactories';
import { zohoTime } from '../crm-server/crmDataSet';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';

// An open page reloads on every `data-changed` event. A sync that brings new records for some
// people announces them once, after it has relearned those people: one reload shows the records
// and the windows they taught (visits, which raise the alerts, are announced on their own).

let env: SyncTestEnv | null = null;
eachTestSyncEnv(
  'cw-announced-once-',
  () => buildOrganisation(63, { leads: 6, contacts: 6, deals: 1, visits: 0, cases: 0 }),
  (e) => (env = e),
);

describe('a sync that touched people', () => {
  it('tells open pages once, after the relearn, with the records and the windows', async () => {
    if (!env) throw new Error('no test environment');
    const { server, db } = env;
    const now = DateTime.fromISO('2026-02-16T10:00', { zone: 'Europe/Berlin' }).toMillis();
    server.data.clock = now;
    const core = createCore(db, () => now);
    const runner = new SyncRunner(core, zohoSourceFor(server), {
      recordsMinutes: 5,
      visitsMinutes: 1,
      requestsInFlight: 4,
    });
    try {
      await runner.syncNow();
      const lead = server.data.table('Leads').values().next().value;
      if (!lead) throw new Error('the test organisation has no leads');
      const at = now - 30 * 60_000;
      server.data.insert(
        'Calls',
        {
          Subject: 'Outbound call',
          Call_Type: 'Outbound',
          Call_Start_Time: zohoTime(at),
          Call_Duration: '6:00',
          Call_Duration_in_seconds: 360,
          Outgoing_Call_Status: 'Completed',
          Owner: { id: 'u2', name: 'Ren Rep' },
          Who_Id: null,
          What_Id: { id: lead.id, name: 'Lead' },
          $se_module: 'Leads',
        },
        at,
      );
      const told: string[][] = [];
      core.on('data-changed', ({ entities }) => told.push(entities));
      const windowsLearned: number[] = [];
      const relearn = core.recomputeSuggestionsFor.bind(core);
      core.recomputeSuggestionsFor = async (...args) => {
        windowsLearned.push(told.length);
        return await relearn(...args);
      };

      await runner.syncNow();
      expect(runner.current()).toMatchObject({ state: 'idle', lastError: null });
      expect(windowsLearned).toHaveLength(1);
      const pages = told.filter((entities) => !(entities.length === 1 && entities[0] === 'visits'));
      expect(pages).toHaveLength(1);
      expect(pages[0]).toEqual(expect.arrayContaining(['people', 'activities', 'windows']));
      // Nothing was announced before the relearn: a page reloaded then would show yesterday's
      // windows beside today's call, and reload again.
      expect(windowsLearned[0]).toBe(0);
    } finally {
      await runner.stop();
    }
  });
});
