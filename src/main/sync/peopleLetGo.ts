import type { Db } from '../db/openDatabase';
import { deleteSetting, putSetting, settingValue } from '../db/repos/settings';

/**
 * People Zoho answered 204 for when Retry asked (heldBackGone.ts): deleted there, or not shared
 * with this sign-in any more. A call of the rep's own may still name one (Zoho shows the call,
 * not the lead), and each sync reads the newest record of a listing again: without this list such
 * a call would wait here for a person no sync brings. One who comes back (shared again) leaves it.
 */
const KEY = 'people_let_go';
/** The newest kept: a call naming someone let go of longer ago waits, as it did before. */
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
