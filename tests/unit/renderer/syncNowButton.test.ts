import { describe, expect, it } from 'vitest';
import type { CrmAccount } from '../../../src/shared/contract';
import { fullSyncRunning } from '../../../src/renderer/src/components/crm/syncStatusText';

type Sync = CrmAccount['sync'];
const moduleRow = (module: string): Sync['modules'][number] => ({
  module,
  stored: 0,
  deleted: 0,
  quarantined: 0,
  total: null,
  done: false,
  running: true,
  missing: false,
  failed: null,
});
const status = (state: Sync['state'], modules: string[]): Sync =>
  ({ state, modules: modules.map(moduleRow) }) as unknown as Sync;

describe('“Sync now” in Settings › CRM account', () => {
  it('can be pressed during the minute’s visits run, whose records follow it', () => {
    // Before, it was greyed out every minute while visits were read.
    expect(fullSyncRunning(status('syncing', ['Visits']))).toBe(false);
  });

  it('is greyed out while everything is being read, and free when nothing runs', () => {
    expect(fullSyncRunning(status('syncing', ['Leads', 'Contacts', 'Visits']))).toBe(true);
    expect(fullSyncRunning(status('idle', []))).toBe(false);
    expect(fullSyncRunning(status('offline', ['Visits']))).toBe(false);
  });
});
