import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import {
  eachTestSyncEnv,
  syncDb,
  zohoSourceFor,
  type SyncTestEnv,
} from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import {
  alertsEnabled,
  switchAlertsForEveryone,
  unsentAlertsSwitch,
} from '../../src/main/db/repos/alertsSwitch';
import type { Db } from '../../src/main/db/openDatabase';
import type { ZVariable } from '../crm-server/crmDataSet';

// Each rep runs the app on their own computer, with a database of its own: the admin's switch
// reaches the others only through the CRM (an organisation variable).
let env: SyncTestEnv | null = null;
let repDb: Db | null = null;
eachTestSyncEnv(
  'cw-alerts-switch-',
  () => buildOrganisation(47, { leads: 4, contacts: 4, deals: 0, visits: 0 }),
  (e) => (env = e),
);
const current = (): SyncTestEnv & { rep: () => Promise<Db> } => {
  if (!env) throw new Error('no test environment');
  const e = env;
  return {
    ...e,
    rep: async () => (repDb ??= await syncDb(e.dir.file('rep.db'))),
  };
};
const variable = (): unknown =>
  current().server.data.variables.find((v) => v.api_name === 'Contact_Window_Visit_Alerts')?.value;

/** The switch as Zoho lists it once an admin's app created it. */
const alertsVariable = (value: unknown): ZVariable => ({
  id: 'v1',
  api_name: 'Contact_Window_Visit_Alerts',
  name: 'Contact Window visit alerts',
  description: null,
  source: 'crm',
  type: 'checkbox',
  variable_group: { id: 'g1', api_name: 'General', name: 'General' },
  read_only: false,
  value,
});

async function closeRep(): Promise<void> {
  await repDb?.close();
  repDb = null;
}

describe("the admin's switch for visit alerts reaches every rep's app through the CRM (VT-6)", () => {
  it('off on the admin’s computer: kept in Zoho as an organisation variable, and off on a rep’s at their next sync; on again likewise', async () => {
    const { db, server, rep } = current();
    try {
      const repData = await rep();
      await runSync(repData, zohoSourceFor(server));
      expect(alertsEnabled(repData)).toBe(true);

      switchAlertsForEveryone(db, false);
      const sent = await runSync(db, zohoSourceFor(server));
      expect(sent.notes).toEqual([]);
      expect(variable()).toBe(false);
      expect(unsentAlertsSwitch(db)).toBeNull();
      expect(alertsEnabled(db)).toBe(false);

      const changed: string[][] = [];
      await runSync(repData, zohoSourceFor(server), {
        onChanged: (entities) => changed.push(entities),
      });
      // Said as soon as it is stored: Settings and the alerts follow whatever the run does next.
      expect(changed).toEqual([['settings']]);
      expect(alertsEnabled(repData)).toBe(false);

      switchAlertsForEveryone(db, true);
      await runSync(db, zohoSourceFor(server));
      expect(variable()).toBe(true);
      // One variable, changed: not a second one.
      expect(server.data.variables).toHaveLength(1);
      await runSync(repData, zohoSourceFor(server));
      expect(alertsEnabled(repData)).toBe(true);
    } finally {
      await closeRep();
    }
  });

  it('a sign-in that may not change variables: a note, the switch off here only, and sent again once it may', async () => {
    const { db, server } = current();
    await runSync(db, zohoSourceFor(server));
    server.data.variablesWritable = false;
    switchAlertsForEveryone(db, false);
    const refused = await runSync(db, zohoSourceFor(server));
    expect(refused.notes).toContain(
      "Visit alerts for everyone: the CRM did not keep the switch (the signed-in Zoho user may not change the organisation's variables), so they are off on this computer only; the next sync sends it again",
    );
    // The run went on through every module.
    expect(Object.keys(refused.modules)).toContain('Leads');
    expect(Object.keys(refused.modules)).toContain('Calls');
    expect(alertsEnabled(db)).toBe(false);
    expect(unsentAlertsSwitch(db)).toBe(false);
    expect(variable()).toBeUndefined();

    server.data.variablesWritable = true;
    server.data.variablesScope = false;
    const noScope = await runSync(db, zohoSourceFor(server));
    expect(noScope.notes.join('\n')).toContain(
      'the Zoho sign-in lacks the ZohoCRM.settings.variables.ALL scope: connect again to share it',
    );
    expect(alertsEnabled(db)).toBe(false);

    server.data.variablesScope = true;
    const shared = await runSync(db, zohoSourceFor(server));
    expect(shared.notes).toEqual([]);
    expect(variable()).toBe(false);
    expect(unsentAlertsSwitch(db)).toBeNull();
  });

  it('an answer that is a success over HTTP but refuses the variable is no success: the switch goes again', async () => {
    const { db, server } = current();
    await runSync(db, zohoSourceFor(server));
    server.inject('body-200', {
      path: /settings\/variables$/,
      method: 'POST',
      body: {
        variables: [
          {
            code: 'INVALID_DATA',
            details: { api_name: 'variable_group' },
            message: 'invalid data',
            status: 'error',
          },
        ],
      },
    });
    switchAlertsForEveryone(db, false);
    const refused = await runSync(db, zohoSourceFor(server));
    expect(refused.notes.join('\n')).toContain(
      'the CRM did not keep the switch (Zoho did not keep Contact_Window_Visit_Alerts: invalid data)',
    );
    expect(unsentAlertsSwitch(db)).toBe(false);
    await runSync(db, zohoSourceFor(server));
    expect(variable()).toBe(false);
    expect(unsentAlertsSwitch(db)).toBeNull();
  });

  it('a switch flipped here is not undone by the older value the CRM still holds', async () => {
    const { db, server } = current();
    server.data.variables.push(alertsVariable('true'));
    await runSync(db, zohoSourceFor(server));
    expect(alertsEnabled(db)).toBe(true);
    // Cannot reach the CRM with it this run: the CRM still says on.
    server.inject('server-error', { path: /settings\/variables\/v1/, times: 20 });
    switchAlertsForEveryone(db, false);
    const changed: string[][] = [];
    const run = await runSync(db, zohoSourceFor(server), {
      onChanged: (entities) => changed.push(entities),
    });
    expect(run.notes.join('\n')).toContain('so they are off on this computer only');
    expect(changed).toEqual([]);
    expect(alertsEnabled(db)).toBe(false);
    server.clearFaults();
    await runSync(db, zohoSourceFor(server));
    expect(variable()).toBe(false);
  });

  it('variables that cannot be read, or of another shape: a note, the switch here as it was, the sync goes on', async () => {
    const { server, rep } = current();
    try {
      const repData = await rep();
      server.data.variables.push(alertsVariable(false));
      await runSync(repData, zohoSourceFor(server));
      expect(alertsEnabled(repData)).toBe(false);

      server.inject('no-permission', { path: /settings\/variables/ });
      const forbidden = await runSync(repData, zohoSourceFor(server));
      expect(forbidden.notes).toContain(
        "Visit alerts for everyone: the signed-in Zoho user may not read the organisation's variables, so the switch on this computer stays as it is",
      );
      expect(alertsEnabled(repData)).toBe(false);

      const found = server.data.variables[0];
      if (found) found.value = 'maybe';
      const odd = await runSync(repData, zohoSourceFor(server));
      expect(odd.notes).toContain(
        'Visit alerts for everyone: Zoho answered Contact_Window_Visit_Alerts with the value "maybe", not a checkbox\'s; the switch on this computer stays as it is',
      );
      expect(alertsEnabled(repData)).toBe(false);
      expect(odd.modules.Leads).toBeDefined();
    } finally {
      await closeRep();
    }
  });
});
