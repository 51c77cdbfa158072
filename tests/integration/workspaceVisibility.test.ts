import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Planner } from '../../src/shared/contract';
import { connectedWorkspace, type ConnectedWorkspace } from '../fixtures/connectedWorkspace';

// A lead given to another rep in Zoho (nothing deleted, nothing edited that this rep may see)
// leaves this rep's people and plan with the next day's sync, and Settings says why.

const CLIENT = { clientId: '1000.VISIBLE', clientSecret: 'visible-secret' };
const HOUR = 3_600_000;

let cw: ConnectedWorkspace;
let offset = 0;
const clock = (): number => Date.now() + offset;
const call = <T>(method: string, input: unknown = {}): Promise<T> => cw.call<T>(method, input);

beforeAll(async () => {
  cw = await connectedWorkspace(CLIENT, clock);
}, 60_000);
afterAll(() => cw.close());

const plannedIds = async (): Promise<string[]> =>
  (await call<Planner>('getPlanner')).rows.map((r) => r.personId);
const peopleNamed = async (query: string): Promise<string[]> =>
  (await call<{ rows: { id: string }[] }>('listPeople', { query })).rows.map((r) => r.id);

describe('a lead Zoho stops showing the rep', () => {
  it('leaves their people and their plan with the next day’s sync, and the sync status says why', async () => {
    const me = cw.server.data.currentUserId;
    const lead = cw.server.data.insert('Leads', {
      First_Name: 'Vera',
      Last_Name: 'Lindqvist',
      Email: 'vera@moved.test',
      Owner: { id: me },
    });
    // Answered calls on each of the last two weeks' days: she has a window every day.
    for (let day = 1; day <= 14; day++)
      cw.server.data.insert('Calls', {
        Subject: 'Call with Vera',
        Call_Type: 'Outbound',
        Call_Start_Time: new Date(clock() - day * 24 * HOUR).toISOString(),
        Call_Duration: '04:00',
        Owner: { id: me },
        Who_Id: { id: lead.id, name: 'Lindqvist' },
      });
    await cw.syncNow();
    expect(await peopleNamed('Lindqvist')).toEqual([lead.id]);
    expect(await plannedIds()).toContain(lead.id);

    // Given to another rep she can no longer be seen by this one: Zoho edits nothing they see.
    cw.server.data.unshare('Leads', lead.id);
    await cw.syncNow();
    // The same day's syncs do not list every id again.
    expect(await peopleNamed('Lindqvist')).toEqual([lead.id]);

    offset += 25 * HOUR;
    // The rep calls her from the plan before the next day's sync.
    await call('logCall', { personId: lead.id, outcome: 'no_answer' });
    const after = await cw.syncNow();
    expect(await peopleNamed('Lindqvist')).toEqual([]);
    expect(await plannedIds()).not.toContain(lead.id);
    expect(after.sync.notes).toContain(
      'Zoho no longer shows you the lead “Vera Lindqvist” (given to another rep, or no longer shared with you), so its copy here is gone, from your people and your plans. What you logged here with it that had not reached Zoho is kept, among the calls and task changes Zoho refused (Settings › CRM account)',
    );
    expect(after.sync.lastError).toBeNull();
    // The call is not lost, nor sent to be refused: set aside as Retry's 204 sets it aside.
    expect(after.unsentCalls).toBe(1);
    expect(after.refusedCalls).toEqual([
      expect.objectContaining({
        reason: `Zoho no longer shows you “Vera Lindqvist” (Leads ${lead.id}) (deleted there, or not shared with your sign-in)`,
      }),
    ]);
  });
});
