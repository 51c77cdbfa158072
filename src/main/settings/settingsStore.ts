import type { Settings } from '../../shared/contract';
import type { Db } from '../db/openDatabase';

export const DEFAULT_SETTINGS: Settings = {
  callSuggestions: true,
  emailSuggestions: true,
  reminders: true,
  slotMinutes: 60,
};

type Key = keyof Settings;

export async function readSettings(db: Db): Promise<Settings> {
  const rows = await db.kysely
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', Object.keys(DEFAULT_SETTINGS))
    .execute();
  const out: Settings = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    const key = row.key as Key;
    const value: unknown = JSON.parse(row.value);
    // A value of the wrong type (hand-edited file, older app) falls back to the default.
    if (typeof value === typeof DEFAULT_SETTINGS[key])
      (out as unknown as Record<Key, unknown>)[key] = value;
  }
  return out;
}

export async function writeSettings(db: Db, patch: Partial<Settings>): Promise<Settings> {
  await db.kysely.transaction().execute(async (trx) => {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      await trx
        .insertInto('settings')
        .values({ key, value: JSON.stringify(value) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
        .execute();
    }
  });
  return readSettings(db);
}

export async function readSetting<T>(db: Db, key: string): Promise<T | null> {
  const row = await db.kysely
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : null;
}

export async function writeSetting(db: Db, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db.kysely
    .insertInto('settings')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}
