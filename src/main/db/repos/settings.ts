import type { Db } from '../openDatabase';
import { all, first, run } from '../sqlRun';

/** The `settings` table: JSON values by key (settings/settingsStore.ts gives them types). */

export function settingRows(db: Db, keys: readonly string[]): { key: string; value: string }[] {
  return all(
    db,
    db.kysely.selectFrom('settings').select(['key', 'value']).where('key', 'in', keys),
  );
}

export function settingValue(db: Db, key: string): string | undefined {
  return first(db, db.kysely.selectFrom('settings').select('value').where('key', '=', key))?.value;
}

export function putSetting(db: Db, key: string, value: string): void {
  run(
    db,
    db.kysely
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
  );
}

export function deleteSetting(db: Db, key: string): void {
  run(db, db.kysely.deleteFrom('settings').where('key', '=', key));
}
