import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmAccount } from '../../src/shared/contract';
import { connectedWorkspace, type ConnectedWorkspace } from '../fixtures/connectedWorkspace';

// A task done on a person's page whose change Zoho refuses (the task deleted there) is listed in
// Settings › CRM account with Zoho's reason, as a refused call is, and sent no more by itself.

const CLIENT = { clientId: '1000.REFUSEDTASK', clientSecret: 'refused-task-secret' };

let cw: ConnectedWorkspace;
const call = <T>(method: string, input: unknown = {}): Promise<T> => cw.call<T>(method, input);
const syncNow = (): Promise<CrmAccount> => cw.syncNow();

const puts = (): number =>
  cw.server.requests.filter((r) => r.method === 'PUT' && r.path === '/crm/v8/Tasks').length;

beforeAll(async () => {
  cw = await connectedWorkspace(CLIENT);
}, 60_000);
afterAll(() => cw.close());

describe('a task change Zoho refuses, in Settings › CRM account', () => {
  it('is listed with Zoho’s reason, beside the refused calls, and sent no more by itself', async () => {
    const task = [...cw.server.data.table('Tasks').values()].find(
      (t) => t['Status'] === 'Not Started',
    );
    if (!task) throw new Error('the organisation has no open task');
    await call('changeTask', { activityId: task.id, action: 'done' });
    expect((await call<CrmAccount>('getCrmAccount')).refusedTasks).toEqual([]);
    cw.server.data.remove('Tasks', task.id);
    const refused = await syncNow();
    expect(refused.refusedCalls).toEqual([]);
    expect(refused.refusedTasks).toEqual([
      {
        id: expect.any(Number),
        personName: expect.any(String),
        subject: task['Subject'],
        action: 'done',
        dueAt: null,
        refusedAt: expect.any(Number),
        reason: expect.stringMatching(
          /^Zoho did not accept the change to the task ".+": Zoho no longer holds this task \(deleted there\?\); .*\(INVALID_DATA, id\)$/,
        ),
      },
    ]);
    // Told once, by the list (with Retry and Discard), not again among the sync's notes.
    expect(refused.sync.notes.join(' ')).not.toMatch(/Zoho did not accept/);
    await syncNow();
    expect(puts()).toBe(1);

    // Signing out would drop the CRM's copy, and the change with it: the user is told first.
    expect(refused.unsentTasks).toBe(1);
    await expect(call('disconnectCrm', { discardUnsent: false })).rejects.toThrow(
      '1 task change has not reached the CRM: Zoho refused it (the list above says why).',
    );
    expect((await call<CrmAccount>('getCrmAccount')).crm).not.toBeNull();

    const [entry] = refused.refusedTasks;
    const discarded = await call<CrmAccount>('discardRefusedCall', { id: entry?.id ?? 0 });
    expect(discarded.refusedTasks).toEqual([]);
    expect(discarded.unsentTasks).toBe(0);
  });
});
