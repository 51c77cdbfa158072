import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmAccount } from '../../src/shared/contract';
import { zohoTime } from '../crm-server/crmDataSet';
import { connectedWorkspace, type ConnectedWorkspace } from '../fixtures/connectedWorkspace';

// A lead created here from a visit lives in the CRM's copy alone until Zoho creates it: signing
// out deletes that copy, so the rep is told first, as for unsent calls and task changes.

const CLIENT = { clientId: '1000.UNSENTLEAD', clientSecret: 'unsent-lead-secret' };

let cw: ConnectedWorkspace;
const call = <T>(method: string, input: unknown = {}): Promise<T> => cw.call<T>(method, input);
const account = (): Promise<CrmAccount> => call<CrmAccount>('getCrmAccount');

beforeAll(async () => {
  cw = await connectedWorkspace(CLIENT);
}, 60_000);
afterAll(() => cw.close());

describe('signing out with a lead created here that Zoho does not hold', () => {
  it('is refused with the reason while it is unsent, and while Zoho refuses it', async () => {
    const seen = cw.server.data.clock - 3_600_000;
    const visit = cw.server.data.insert('Visits', {
      Name: 'Visit of Suzuki',
      Visitor_Name: 'Suzuki',
      Email: 'suzuki@example.jp',
      IP_Address: '10.0.9.9',
      Visited_Time: zohoTime(seen),
      Time_Spent: 7,
      Visited_Pages: `${zohoTime(seen)} https://example.test/pricing`,
    });
    await cw.syncNow();
    // Zoho will refuse it: an administrator made a field mandatory that the app does not fill.
    cw.server.data.requireField('Leads', 'Lead_Source');
    await call('createLead', {
      visitId: visit.id,
      firstName: 'Ichiro',
      lastName: 'Suzuki',
      email: 'suzuki@example.jp',
      company: 'Suzuki Trading',
    });
    expect((await account()).unsentLeads).toBe(1);
    await expect(call('disconnectCrm', { discardUnsent: false })).rejects.toThrow(
      '1 lead created here has not reached the CRM yet: sync while online first, or choose to sign out and lose it.',
    );
    expect((await account()).crm).not.toBeNull();

    const refused = await cw.syncNow();
    expect(refused.refusedLeads).toHaveLength(1);
    expect(refused.unsentLeads).toBe(1);
    await expect(call('disconnectCrm', { discardUnsent: false })).rejects.toThrow(
      '1 lead created here has not reached the CRM: Zoho refused it (the list above says why).',
    );
    expect((await account()).crm).not.toBeNull();

    // Said so, the rep may still sign out and lose it.
    await call('disconnectCrm', { discardUnsent: true });
    expect((await account()).crm).toBeNull();
  });
});
