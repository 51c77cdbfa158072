import { isSyncModule, SYNC_MODULES, type CrmTrouble, type SyncModule } from '../crm/crmSource';
import type { Db } from '../db/openDatabase';
import { UNREAD_MODULES_SETTING } from '../db/repos/organisation';
import { putSetting, settingValue } from '../db/repos/settings';

/** Why a module could not be read: the CRM's words, and which trouble it was when it was one. */
export interface UnreadReason {
  reason: string;
  trouble: CrmTrouble | null;
}

const TROUBLES: readonly string[] = [
  'unreachable',
  'silent',
  'not-the-crm',
  'server-error',
  'limited',
] satisfies CrmTrouble[];

/** A kept reason: the CRM's words alone (as versions before the trouble was kept wrote it). */
function reasonOf(kept: unknown): UnreadReason | null {
  if (typeof kept === 'string') return { reason: kept, trouble: null };
  if (!kept || typeof kept !== 'object') return null;
  const { reason, trouble } = kept as { reason?: unknown; trouble?: unknown };
  if (typeof reason !== 'string' || typeof trouble !== 'string' || !TROUBLES.includes(trouble))
    return null;
  return { reason, trouble: trouble as CrmTrouble };
}

/**
 * The modules the CRM failed to give in the last run reading each, and why, as the app kept them:
 * after a restart a module a failure held back from the first sync is still held back
 * (firstSyncReason.ts), and the next run is not a first sync in full. None when never kept; none
 * too when the value is damaged in any part, which only costs one run relearning everyone.
 */
export function storedUnread(db: Db): Map<SyncModule, UnreadReason> {
  try {
    const kept = JSON.parse(settingValue(db, UNREAD_MODULES_SETTING) ?? '{}') as unknown;
    if (!kept || typeof kept !== 'object' || Array.isArray(kept)) return new Map();
    const entries = Object.entries(kept).map(([module, value]): [string, UnreadReason | null] => [
      module,
      reasonOf(value),
    ]);
    const valid = entries.every(([module, reason]) => isSyncModule(module) && reason !== null);
    return valid ? new Map(entries as [SyncModule, UnreadReason][]) : new Map();
  } catch {
    return new Map(); // Damaged JSON, or no settings table yet.
  }
}

/**
 * Keeps the modules the last runs could not read for the next start of the app. Written only when
 * that changes: each minute's visits run ends here, nearly always with nothing to change. In the
 * modules' order, so the same modules and reasons are always the same text.
 */
export function keepUnread(db: Db, unread: ReadonlyMap<SyncModule, UnreadReason>): void {
  const kept = (u: UnreadReason): unknown => (u.trouble ? u : u.reason);
  const value = JSON.stringify(
    Object.fromEntries(
      SYNC_MODULES.flatMap((m) => {
        const u = unread.get(m);
        return u ? [[m, kept(u)]] : [];
      }),
    ),
  );
  // None kept and none to keep: nothing to write either.
  if ((settingValue(db, UNREAD_MODULES_SETTING) ?? '{}') === value) return;
  putSetting(db, UNREAD_MODULES_SETTING, value);
}
