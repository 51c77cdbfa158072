import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { personWrite } from '../fixtures/personWrite';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { transaction } from '../../src/main/db/sqlRun';
import type { PersonWrite } from '../../src/main/crm/crmSource';
import { LocalStore } from '../../src/main/sync/localStore';
import { readState, writeState } from '../../src/main/sync/syncState';
import { readSettings, writeSettings } from '../../src/main/settings/settingsStore';
import type { Settings } from '../../src/shared/contract';

let dir: TempDir;
let db: Db;
beforeEach(async () => {
  dir = makeTempDir('cw-isolation-');
  db = await openDatabase(dir.file('a.db'));
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

const person = (id: string): PersonWrite => personWrite(id, `Person ${id}`);

/** What a sync page does: its rows and the state that describes them, in one transaction. */
function commitPage(store: LocalStore, page: number): void {
  transaction(db, () => {
    store.apply([{ table: 'people', row: person(`p${page}`) }]);
    writeState(db, 'Leads', { watermark: page, cursor: null, lastSuccessAt: page }, page);
  });
}

/** A settings write that fails half-way: its second value cannot be stored as JSON. */
const failingPatch = { reminders: false, slotMinutes: 10n } as unknown as Partial<Settings>;

const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

describe('transactions on the one connection', () => {
  it('a settings write that fails stores none of its values', () => {
    expect(() => writeSettings(db, failingPatch)).toThrow(/BigInt/);
    expect(readSettings(db).reminders).toBe(true);
  });

  it('a settings write rolled back around a sync page commit leaves the page and its state committed', async () => {
    const store = new LocalStore(db);
    // The page commit lands at every point of the settings write's run: before, during (when an
    // awaiting transaction was open, it became a savepoint inside it) and after.
    for (let offset = 0; offset < 40; offset++) {
      const settingsWrite = (async () => writeSettings(db, failingPatch))();
      const page = ticks(offset).then(() => commitPage(store, offset + 1));
      await expect(settingsWrite).rejects.toThrow(/BigInt/);
      await page;
      expect(rawHandle(db).inTransaction).toBe(false);
      expect(readState(db, 'Leads').watermark).toBe(offset + 1);
      expect(
        rawHandle(db).prepare('select count(*) from people').pluck().get(),
        `page ${offset + 1}`,
      ).toBe(offset + 1);
      expect((await readSettings(db)).reminders).toBe(true);
    }
  });
});
