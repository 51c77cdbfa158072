import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmAccount, PersonDetail } from '../../src/shared/contract';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { connectedWorkspace, type ConnectedWorkspace } from '../fixtures/connectedWorkspace';

// Settings' Retry of a record held back, signed in: a lead mended in Zoho is stored at once, and
// its best times are learned at once too (as a sync's relearn does for the people it touched),
// not at the next sync or the nightly relearn: its person page has its windows straight away.

const CLIENT = { clientId: '1000.HELDRELEARN', clientSecret: 'held-relearn-secret' };

let cw: ConnectedWorkspace;
const call = <T>(method: string, input: unknown = {}): Promise<T> => cw.call<T>(method, input);

beforeAll(async () => {
  cw = await connectedWorkspace(CLIENT);
}, 60_000);
afterAll(() => cw.close());

/**
 * A lead Zoho sends without a last name (held back here), with answered calls of `days` ago that
 * wait for her, synced: the lead and the account after the sync.
 */
async function heldLeadWithCalls(
  first: string,
  days: readonly number[],
): Promise<{ lead: { id: string }; held: CrmAccount }> {
  const owner = cw.server.data.currentUserId;
  const lead = cw.server.data.insert('Leads', {
    First_Name: first,
    Email: `${first.toLowerCase()}@held.test`,
    Owner: { id: owner },
  });
  for (const day of days)
    cw.server.data.insert('Calls', {
      Subject: `Call with ${first}`,
      Call_Type: 'Outbound',
      Call_Start_Time: new Date(Date.now() - day * 86_400_000).toISOString(),
      Call_Duration: '04:00',
      Owner: { id: owner },
      Who_Id: { id: lead.id, name: first },
    });
  const held = await cw.syncNow();
  expect(held.heldBack.map((h) => h.recordId)).toContain(lead.id);
  return { lead, held };
}

describe('Retry of a record held back, in Settings › CRM account', () => {
  it('stores a lead mended in Zoho with its best times learned, with no sync', async () => {
    // Her calls wait for her (held back with her), and are what her best times learn from.
    const { lead, held } = await heldLeadWithCalls('Nora', [1, 2, 3, 8, 9, 10]);
    expect(held.sync.quarantined).toBe(1 + 6);

    cw.server.data.modify('Leads', lead.id, { Last_Name: 'Quist' });
    const synced = held.sync.lastSyncedAt;
    const retried = await call<CrmAccount & { gone?: string }>('retryHeldBackRecord', {
      module: 'Leads',
      recordId: lead.id,
    });
    expect(retried.heldBack).toEqual([]);
    expect(retried.sync.quarantined).toBe(0);
    expect(retried.gone).toBeUndefined();
    expect(retried.sync.lastSyncedAt).toBe(synced);
    const person = await call<PersonDetail>('getPerson', { id: lead.id });
    expect(person.person.lastName).toBe('Quist');
    // Learned from her own calls, which came in with her.
    expect(person.windows.length).toBeGreaterThan(0);
    expect(person.windows.map((w) => w.reason).join(' ')).toContain('(6 calls)');
    expect((await call<CrmAccount>('getCrmAccount')).sync.lastSyncedAt).toBe(synced);
  });

  it('says so when Zoho holds the record no more, and it leaves the list', async () => {
    const lead = cw.server.data.insert('Leads', {
      First_Name: 'Olga',
      Email: 'olga@held.test',
      Owner: { id: cw.server.data.currentUserId },
    });
    const held = await cw.syncNow();
    expect(held.heldBack.map((h) => h.recordId)).toEqual([lead.id]);
    cw.server.data.remove('Leads', lead.id);
    const retried = await call<CrmAccount & { gone?: string }>('retryHeldBackRecord', {
      module: 'Leads',
      recordId: lead.id,
    });
    expect(retried.gone).toBe(
      `Zoho holds no “Olga” (Leads ${lead.id}) any more (deleted there, or not shared with your sign-in), so it is held back no longer.`,
    );
    expect(retried.heldBack).toEqual([]);
    expect(retried.sync.quarantined).toBe(0);
  });

  it('during a sync, leaves the relearn to the run, which gives the record its windows', async () => {
    const { lead } = await heldLeadWithCalls('Rosa', [1, 2, 3, 8, 9, 10]);
    cw.server.data.modify('Leads', lead.id, { Last_Name: 'Lind' });

    // The next sync's first read of Leads waits until Retry has answered: Retry runs inside the
    // run, before the run reads her again itself.
    const asked: { retry: Promise<CrmAccount> | null } = { retry: null };
    cw.server.holdAnswer = (path) => {
      if (asked.retry || !path.startsWith('/crm/v8/Leads')) return null;
      asked.retry = call<CrmAccount>('retryHeldBackRecord', { module: 'Leads', recordId: lead.id });
      return asked.retry.then(
        () => undefined,
        () => undefined,
      );
    };
    try {
      await cw.syncNow();
    } finally {
      cw.server.holdAnswer = null;
    }
    expect(asked.retry).not.toBeNull();
    expect((await asked.retry)?.heldBack.map((h) => h.recordId)).not.toContain(lead.id);
    const person = await call<PersonDetail>('getPerson', { id: lead.id });
    expect(person.person.lastName).toBe('Lind');
    expect(person.windows.map((w) => w.reason).join(' ')).toContain('(6 calls)');
  });

  it('names the file and what to check when the copy cannot be written, and the record stays held back', async () => {
    const lead = cw.server.data.insert('Leads', {
      First_Name: 'Pia',
      Email: 'pia@held.test',
      Owner: { id: cw.server.data.currentUserId },
    });
    const held = await cw.syncNow();
    expect(held.heldBack.map((h) => h.recordId)).toContain(lead.id);
    cw.server.data.modify('Leads', lead.id, { Last_Name: 'Sand' });
    const { db } = cw.ws.active();
    // As a drive gone read-only under the app (SQLite: "attempt to write a readonly database").
    rawHandle(db).pragma('query_only = 1');
    try {
      await expect(
        call('retryHeldBackRecord', { module: 'Leads', recordId: lead.id }),
      ).rejects.toThrow(`The database at ${db.path} cannot be written now`);
    } finally {
      rawHandle(db).pragma('query_only = 0');
    }
    const account = await call<CrmAccount>('getCrmAccount');
    expect(account.heldBack.map((h) => h.recordId)).toContain(lead.id);
  });
});
