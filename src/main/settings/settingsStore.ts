import type { Settings } from '../../shared/contract';
import type { Db } from '../db/openDatabase';
import { putSetting, settingRows, settingValue } from '../db/repos/settings';
import { transaction } from '../db/sqlRun';

export const DEFAULT_SETTINGS: Settings = {
  callSuggestions: true,
  emailSuggestions: true,
  reminders: true,
  slotMinutes: 60,
};

type Key = keyof Settings;

export function readSettings(db: Db): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS };
  for (const row of settingRows(db, Object.keys(DEFAULT_SETTINGS))) {
    const key = row.key as Key;
    const value: unknown = JSON.parse(row.value);
    // A value of the wrong type (hand-edited file, older app) falls back to the default.
    if (typeof value === typeof DEFAULT_SETTINGS[key])
      (out as unknown as Record<Key, unknown>)[key] = value;
  }
  return out;
}

/** One synchronous transaction: all of the patch is stored, or none of it. */
export function writeSettings(db: Db, patch: Partial<Settings>): Settings {
  transaction(db, () => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) putSetting(db, key, JSON.stringify(value));
    }
  });
  return readSettings(db);
}

export function readSetting<T>(db: Db, key: string): T | null {
  const value = settingValue(db, key);
  return value === undefined ? null : (JSON.parse(value) as T);
}

export function writeSetting(db: Db, key: string, value: unknown): void {
  putSetting(db, key, JSON.stringify(value));
}
