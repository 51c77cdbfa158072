import type { CrmAccount } from '@shared/contract';
import { afterColon } from '../../format/afterColon';

/**
 * What a screen reader is told of the sync as the account moves from `was` to `now`: only what
 * the user must hear, once. A sync that failed, the CRM out of reach, a sign-out; a sync that
 * finished after those (`troubled`: one of them was the last thing said), the first sync
 * finishing, and a run that brought new records (`newData`: people or activities changed while
 * it ran). The line's age ("synced 4 min ago") is there to read, never announced: it changes
 * every minute, and so does the time of the last sync, with the minute's visits run. Null when
 * nothing is to be said.
 */
export function syncNews(
  was: CrmAccount | null,
  now: CrmAccount,
  seen: { newData: boolean; troubled: boolean },
): string | null {
  if (!was) return null;
  if (was.crm !== null && now.crm === null) return 'Signed out of Zoho CRM.';
  if (now.activeDataSet !== 'crm' || now.crm === null) return null;
  const from = was.sync.state;
  const to = now.sync.state;
  if (from === to) return null;
  if (to === 'error')
    return now.sync.lastError ? afterColon('Sync problem', now.sync.lastError) : 'Sync problem.';
  if (to === 'offline')
    return 'Offline: Zoho CRM cannot be reached. The app goes on with the data synced last.';
  if (to !== 'idle') return null;
  if (seen.troubled) return 'Synced again.';
  if (from !== 'syncing') return null;
  if (was.sync.first) return 'First sync finished.';
  return seen.newData ? 'Synced: new data from Zoho CRM.' : null;
}

/** Whether what was said is a problem, which the next finished sync says is over. */
export function isTrouble(news: string): boolean {
  return news.startsWith('Sync problem') || news.startsWith('Offline');
}
