import type { CrmAccount } from '@shared/contract';
import { formatAgo } from '../../format/time';

/** One line on how fresh the data is: the sidebar and Settings say the same thing. */
export function syncStatusText(account: CrmAccount, now: number): string {
  if (account.activeDataSet === 'demo') return 'Demo organisation (sample data)';
  const { sync } = account;
  const synced = syncedAgo(sync.lastSyncedAt, now);
  if (sync.state === 'syncing' && sync.first && sync.planReady)
    return sync.shareSynced === null
      ? 'Your plan is ready; the rest of the organisation is syncing'
      : `Your plan is ready; ${Math.floor(sync.shareSynced * 100)} % of the organisation synced`;
  if (sync.state === 'syncing') return sync.first ? 'First sync running…' : `Syncing… (${synced})`;
  if (sync.state === 'offline') return `Offline, ${synced}`;
  if (sync.state === 'error') return `Sync problem, ${synced}`;
  return `Zoho CRM, ${synced}`;
}

export function syncedAgo(at: number | null, now: number): string {
  if (at === null) return 'never synced';
  return now - at < 60_000 ? 'synced just now' : `synced ${formatAgo(at, now)}`;
}

/**
 * Whether "Sync now" has nothing to add: a full run is going on. The minute's visits run is not
 * one, and the records asked for follow it (syncRunner.syncNow).
 */
export function fullSyncRunning(sync: CrmAccount['sync']): boolean {
  if (sync.state !== 'syncing') return false;
  return !(sync.modules.length === 1 && sync.modules[0]?.module === 'Visits');
}

/**
 * Whether a sync that read the records has completed cleanly since the last run known at
 * `runBefore` (its start, null: none) began. The minute's visits run alone is not one.
 */
export function recordsSyncedSince(sync: CrmAccount['sync'], runBefore: number | null): boolean {
  if (sync.state !== 'idle' || sync.startedAt === null) return false;
  if (runBefore !== null && sync.startedAt <= runBefore) return false;
  return sync.modules.some((m) => m.module !== 'Visits');
}
