import { describe, expect, it } from 'vitest';
import type { CrmAccount } from '../../../src/shared/contract';
import { isTrouble, syncNews } from '../../../src/renderer/src/components/crm/syncNews';

const account = (state: CrmAccount['sync']['state'], more: Partial<CrmAccount['sync']> = {}) =>
  ({
    activeDataSet: 'crm',
    crm: { provider: 'zoho', dataCentre: 'EU', orgName: 'Weber GmbH', keptAcrossRestarts: true },
    sync: { state, first: false, lastSyncedAt: 1, lastError: null, ...more },
  }) as CrmAccount;
const quiet = { newData: false, troubled: false };

describe('what is announced of the sync', () => {
  it('says nothing when only the time of the last sync moved on (the minute’s visits run)', () => {
    expect(syncNews(account('idle'), account('idle', { lastSyncedAt: 2 }), quiet)).toBeNull();
    expect(syncNews(account('idle'), account('syncing'), quiet)).toBeNull();
    expect(syncNews(account('syncing'), account('idle'), quiet)).toBeNull();
    // Nothing at all on opening: the line is there to read.
    expect(syncNews(null, account('error'), quiet)).toBeNull();
  });

  it('says a sync that failed, the CRM out of reach and a sign-out, once', () => {
    const failed = syncNews(
      account('syncing'),
      account('error', { lastError: 'Zoho answered 500' }),
      quiet,
    );
    expect(failed).toBe('Sync problem: Zoho answered 500');
    expect(isTrouble(failed ?? '')).toBe(true);
    // The problem reads on from "Sync problem:" as one sentence.
    expect(
      syncNews(
        account('syncing'),
        account('error', { lastError: 'The disk holding /home/ana/cw.db is full.' }),
        quiet,
      ),
    ).toBe('Sync problem: the disk holding /home/ana/cw.db is full.');
    expect(syncNews(account('error'), account('error', { lastSyncedAt: 9 }), quiet)).toBeNull();
    expect(syncNews(account('idle'), account('offline'), quiet)).toMatch(
      /^Offline: Zoho CRM cannot be reached/,
    );
    expect(
      syncNews(account('idle'), { ...account('idle'), crm: null, activeDataSet: 'demo' }, quiet),
    ).toBe('Signed out of Zoho CRM.');
  });

  it('says a sync that brought new records, the first sync finishing, and a sync after a problem', () => {
    expect(syncNews(account('syncing'), account('idle'), { newData: true, troubled: false })).toBe(
      'Synced: new data from Zoho CRM.',
    );
    expect(syncNews(account('syncing', { first: true }), account('idle'), quiet)).toBe(
      'First sync finished.',
    );
    expect(syncNews(account('syncing'), account('idle'), { newData: false, troubled: true })).toBe(
      'Synced again.',
    );
    expect(isTrouble('Synced again.')).toBe(false);
  });

  it('says nothing of the demo organisation’s data', () => {
    const demo = { ...account('syncing'), activeDataSet: 'demo' } as CrmAccount;
    expect(
      syncNews(
        demo,
        { ...demo, sync: { ...demo.sync, state: 'idle' } },
        { newData: true, troubled: false },
      ),
    ).toBeNull();
  });
});
