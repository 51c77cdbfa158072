import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmAccount, Planner } from '../../src/shared/contract';
import { connectedWorkspace, type ConnectedWorkspace } from '../fixtures/connectedWorkspace';

// Settings' Retry of a lead held back that Zoho no longer shows the rep (not shared with their
// sign-in any more: nothing is deleted, so no sync's deletions would ever name it): the copy kept
// here goes at once, from the people list and the planner, and a call the rep logged with her
// that had not reached Zoho is kept, set aside among those Zoho refused, not sent to be refused.

const CLIENT = { clientId: '1000.HELDGONE', clientSecret: 'held-gone-secret' };

let cw: ConnectedWorkspace;
const call = <T>(method: string, input: unknown = {}): Promise<T> => cw.call<T>(method, input);

beforeAll(async () => {
  cw = await connectedWorkspace(CLIENT);
}, 60_000);
afterAll(() => cw.close());

const plannedIds = async (): Promise<string[]> =>
  (await call<Planner>('getPlanner')).rows.map((r) => r.personId);
const peopleNamed = async (query: string): Promise<string[]> =>
  (await call<{ rows: { id: string }[] }>('listPeople', { query })).rows.map((r) => r.id);

describe('Retry of a lead Zoho no longer shares with the rep', () => {
  it('takes her copy off the people list and the plan, and keeps the call logged with her unsent, among those Zoho refused', async () => {
    const lead = cw.server.data.insert('Leads', {
      First_Name: 'Ida',
      Last_Name: 'Brandt',
      Email: 'ida@gone.test',
      Owner: { id: cw.server.data.currentUserId },
    });
    // Answered calls of hers, so she has best times, and a place in the rep's plan.
    for (const day of [1, 2, 3, 8, 9, 10])
      cw.server.data.insert('Calls', {
        Subject: 'Call with Ida',
        Call_Type: 'Outbound',
        Call_Start_Time: new Date(Date.now() - day * 86_400_000).toISOString(),
        Call_Duration: '04:00',
        Owner: { id: cw.server.data.currentUserId },
        Who_Id: { id: lead.id, name: 'Brandt' },
      });
    await cw.syncNow();
    expect(await peopleNamed('Brandt')).toEqual([lead.id]);
    expect(await plannedIds()).toContain(lead.id);

    // Zoho sends her without a last name now: held back, her copy kept.
    cw.server.data.modify('Leads', lead.id, { Last_Name: null });
    const held = await cw.syncNow();
    expect(held.heldBack.map((h) => h.recordId)).toEqual([lead.id]);
    // The rep calls her before the next sync.
    await call('logCall', { personId: lead.id, outcome: 'no_answer' });
    expect((await call<CrmAccount>('getCrmAccount')).unsentCalls).toBe(1);

    cw.server.data.unshare('Leads', lead.id);
    const retried = await call<CrmAccount & { gone?: string }>('retryHeldBackRecord', {
      module: 'Leads',
      recordId: lead.id,
    });
    expect(retried.gone).toBe(
      `Zoho holds no “Ida” (Leads ${lead.id}) any more (deleted there, or not shared with your sign-in), so it is held back no longer. Its copy here is gone too, from your people and your plans. The call logged here with it that had not reached Zoho is kept, below among those Zoho refused: Retry sends it should Zoho show you the record again, Discard lets it go.`,
    );
    expect(retried.heldBack).toEqual([]);
    expect(retried.sync.lastError).toBeNull();
    expect(await peopleNamed('Brandt')).toEqual([]);
    expect(await plannedIds()).not.toContain(lead.id);
    await expect(call('getPerson', { id: lead.id })).rejects.toThrow();
    // The call is not lost: still unsent (sign-out would warn of it), listed with why.
    expect(retried.unsentCalls).toBe(1);
    expect(retried.refusedCalls).toEqual([
      expect.objectContaining({
        personName: null,
        reason: `Zoho no longer shows you “Ida” (Leads ${lead.id}) (deleted there, or not shared with your sign-in)`,
      }),
    ]);

    // The next sync neither sends the call to be refused nor brings her back.
    const asked = cw.server.requests.length;
    const after = await cw.syncNow();
    expect(after.refusedCalls).toHaveLength(1);
    expect(after.heldBack).toEqual([]);
    const posted = cw.server.requests
      .slice(asked)
      .filter((r) => r.method === 'POST' && r.path.startsWith('/crm/v8/Calls'));
    expect(posted).toEqual([]);
    expect(await peopleNamed('Brandt')).toEqual([]);
  });
});
