import { isSyncModule, SYNC_MODULES, type SyncModule } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import { UNREAD_MODULES_SETTING } from '../db/repos/organisation';
import { putSetting, settingValue } from '../db/repos/settings';

/**
 * The modules the CRM failed to give in the last run reading each, and why, as the app kept them:
 * after a restart a module a failure held back from the first sync is still held back
 * (firstSyncReason.ts), and the next run is not a first sync in full. None when never kept; none
 * too when the value is damaged in any part, which only costs one run relearning everyone.
 */
export function storedUnread(db: Db): Map<SyncModule, string> {
  try {
    const kept = JSON.parse(settingValue(db, UNREAD_MODULES_SETTING) ?? '{}') as unknown;
    if (!kept || typeof kept !== 'object' || Array.isArray(kept)) return new Map();
    const entries = Object.entries(kept);
    const valid = entries.every(
      ([module, reason]) => isSyncModule(module) && typeof reason === 'string',
    );
    return valid ? new Map(entries as [SyncModule, string][]) : new Map();
  } catch {
    return new Map(); // Damaged JSON, or no settings table yet.
  }
}

/**
 * Keeps the modules the last runs could not read for the next start of the app. Written only when
 * that changes: each minute's visits run ends here, nearly always with nothing to change. In the
 * modules' order, so the same modules and reasons are always the same text.
 */
export function keepUnread(db: Db, unread: ReadonlyMap<SyncModule, string>): void {
  const value = JSON.stringify(
    Object.fromEntries(SYNC_MODULES.flatMap((m) => (unread.has(m) ? [[m, unread.get(m)]] : []))),
  );
  // None kept and none to keep: nothing to write either.
  if ((settingValue(db, UNREAD_MODULES_SETTING) ?? '{}') === value) return;
  putSetting(db, UNREAD_MODULES_SETTING, value);
}
