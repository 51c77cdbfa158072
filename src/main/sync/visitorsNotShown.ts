import type { Db } from '../db/openDatabase';
import { deleteSetting, putSetting, settingValue } from '../db/repos/settings';

/**
 * The people visits name whom Zoho answered 204 for when the visits run read them by id
 * (visitorsRead.ts): not shared with the rep (another rep's lead, most often), or deleted. A
 * visit is stored again each minute its visitor reads on, and each time would ask again, two
 * requests (a lead, then a contact). Remembered for a while, not for good: the records run lists
 * a lead given to the rep (a new owner changes it) and the daily check a record shared without a
 * change, neither of which looks here; this only spares the minute's runs in between.
 */
const KEY = 'visitors_not_shown';
/**
 * A visit session and then some: a visitor on the site all morning is asked about once, at most
 * four times a day. A record shared since, unchanged, that the daily check has not met yet is
 * read by the first visit stored after this, as before.
 */
const NOT_SHOWN_FOR_MS = 6 * 3_600_000;
/** The newest kept: beyond them, an older one is asked about again, as before. */
const MAX_KEPT = 500;

type Remembered = Record<string, number>;

function remembered(db: Db): Remembered {
  try {
    const value: unknown = JSON.parse(settingValue(db, KEY) ?? '{}');
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter(
        (e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]),
      ),
    );
  } catch {
    return {}; // Damaged: none remembered, each is asked about once more.
  }
}

/** The people Zoho answered none for lately (a clock set back forgets them). */
export function notShownLately(db: Db, now: number): Set<string> {
  return new Set(
    Object.entries(remembered(db))
      .filter(([, at]) => at <= now && now - at < NOT_SHOWN_FOR_MS)
      .map(([id]) => id),
  );
}

/** Zoho answered none for these people now; those remembered too long ago are forgotten. */
export function noteNotShown(db: Db, personIds: readonly string[], now: number): void {
  if (personIds.length === 0) return;
  const kept = Object.entries(remembered(db)).filter(
    ([id, at]) => !personIds.includes(id) && at <= now && now - at < NOT_SHOWN_FOR_MS,
  );
  for (const id of personIds) kept.push([id, now]);
  putSetting(db, KEY, JSON.stringify(Object.fromEntries(kept.slice(-MAX_KEPT))));
}

/** A new sign-in may be another user's, or hold other rights: each is asked about again. */
export function forgetNotShown(db: Db): void {
  deleteSetting(db, KEY);
}
