import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmAccount, Session } from '../../src/shared/contract';
import { connectedWorkspace, type ConnectedWorkspace } from '../fixtures/connectedWorkspace';

// A call Zoho refuses outright (a field an administrator made mandatory) is not sent by every
// sync for good: Settings › CRM account lists it with Zoho's reason, and the rep retries it once
// that is mended, or discards it; sign-out says which, rather than "sync while online first".

const CLIENT = { clientId: '1000.REFUSED', clientSecret: 'refused-secret' };

let cw: ConnectedWorkspace;
const call = <T>(method: string, input: unknown = {}): Promise<T> => cw.call<T>(method, input);
const syncNow = (): Promise<CrmAccount> => cw.syncNow();

/** The signed-in rep logs a call with their first person; returns that person's name. */
async function logACall(): Promise<string> {
  const me = (await call<Session>('getSession')).currentUser;
  if (!me) throw new Error('no one signed in');
  const { rows } = await call<{ rows: { id: string; name: string }[] }>('listPeople', {
    ownerId: me.id,
  });
  const person = rows[0];
  if (!person) throw new Error('the rep owns no one');
  await call('logCall', { personId: person.id, outcome: 'no_answer' });
  return person.name;
}

const creates = (): number =>
  cw.server.requests.filter((r) => r.method === 'POST' && r.path === '/crm/v8/Calls').length;

beforeAll(async () => {
  cw = await connectedWorkspace(CLIENT);
  expect((await call<CrmAccount>('getCrmAccount')).activeDataSet).toBe('crm');
}, 60_000);
afterAll(() => cw.close());

describe('a logged call Zoho refuses, in Settings › CRM account', () => {
  it('is listed with Zoho’s reason, sent no more, and sign-out says to retry or discard it', async () => {
    const name = await logACall();
    cw.server.data.requireField('Calls', 'Region');
    const before = creates();
    const refused = await syncNow();
    expect(refused.unsentCalls).toBe(1);
    expect(refused.unsentCallsWhy).toBeNull();
    expect(refused.refusedCalls).toEqual([
      {
        id: expect.any(Number),
        personName: name,
        startedAt: expect.any(Number),
        refusedAt: expect.any(Number),
        reason: expect.stringMatching(
          /^Zoho did not accept the call "Call: no answer": it requires a value in the field Region, .*\[Zoho: MANDATORY_NOT_FOUND on Region\]$/,
        ),
      },
    ]);
    await syncNow();
    expect(creates()).toBe(before + 1);
    await expect(call('disconnectCrm', {})).rejects.toThrow(
      '1 logged call has not reached the CRM: Zoho refused it (the list above says why). Send it again with Retry in the list above once that is mended in Zoho, or discard it there; or choose to sign out and lose it.',
    );
  });

  it('is sent once more on Retry, and created once what Zoho refused is mended', async () => {
    const [refused] = (await call<CrmAccount>('getCrmAccount')).refusedCalls;
    if (!refused) throw new Error('no refused call');
    // Retried before anyone mended it: sent once with the sync it starts, refused, listed again.
    const before = creates();
    const retried = await call<CrmAccount>('retryRefusedCall', { id: refused.id });
    expect(retried).toMatchObject({ unsentCalls: 1, refusedCalls: [] });
    expect((await syncNow()).refusedCalls).toHaveLength(1);
    await syncNow();
    expect(creates()).toBe(before + 1);

    cw.server.data.mandatoryFields.delete('Calls');
    await call('retryRefusedCall', { id: refused.id });
    const account = await syncNow();
    expect(account).toMatchObject({ unsentCalls: 0, refusedCalls: [] });
    expect(creates()).toBe(before + 2);
    await expect(call('retryRefusedCall', { id: refused.id })).rejects.toThrow(
      /not waiting after a refusal any more/,
    );
  });

  it('once discarded, no longer holds up sign-out, and stays in the app’s outbox as history', async () => {
    await logACall();
    cw.server.data.requireField('Calls', 'Region');
    const [refused] = (await syncNow()).refusedCalls;
    if (!refused) throw new Error('no refused call');
    const account = await call<CrmAccount>('discardRefusedCall', { id: refused.id });
    expect(account).toMatchObject({ unsentCalls: 0, refusedCalls: [] });
    const outbox =
      await call<{ id: number; discardedAt: number | null; pushedAt: number | null }[]>(
        'getOutbox',
      );
    expect(outbox.find((o) => o.id === refused.id)).toMatchObject({
      discardedAt: expect.any(Number),
      pushedAt: null,
    });
    const before = creates();
    await syncNow();
    expect(creates()).toBe(before);
    const out = await call<CrmAccount>('disconnectCrm', {});
    expect(out.crm).toBeNull();
  });
});
