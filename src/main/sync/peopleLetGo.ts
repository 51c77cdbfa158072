import type { Db } from '../db/openDatabase';
import { PEOPLE_LET_GO_KEY } from '../db/repos/quarantine';
import { deleteSetting, putSetting, settingValue } from '../db/repos/settings';

/**
 * People Zoho answered 204 for when Retry asked (sync/recordsGone.ts): deleted there, or not shared
 * with this sign-in any more. A call of the rep's own may still name one (Zoho shows the call,
 * not the lead): it waits for them out of sight (quarantine.ts), neither listed nor counted, as
 * the rep can mend nothing. One who comes back (shared again) leaves the list, and what waited
 * for them is stored at the sync's end.
 */
const KEY = PEOPLE_LET_GO_KEY;
/** The newest kept: a call naming someone let go of longer ago shows as waiting, as before. */
const MAX_KEPT = 1000;

export function peopleLetGo(db: Db): string[] {
  try {
    const ids: unknown = JSON.parse(settingValue(db, KEY) ?? '[]');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return []; // Damaged: none are known; what names them waits, as before.
  }
}

export function noteLetGo(db: Db, personId: string): void {
  const ids = peopleLetGo(db).filter((id) => id !== personId);
  ids.push(personId);
  putSetting(db, KEY, JSON.stringify(ids.slice(-MAX_KEPT)));
}

export function forgetLetGo(db: Db, personId: string): void {
  const ids = peopleLetGo(db).filter((id) => id !== personId);
  if (ids.length === 0) deleteSetting(db, KEY);
  else putSetting(db, KEY, JSON.stringify(ids));
}
