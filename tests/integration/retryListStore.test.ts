import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { transaction } from '../../src/main/db/sqlRun';
import { RetryList } from '../../src/main/sync/relatedListRetries';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

const t0 = Date.UTC(2026, 2, 29, 9);
let dir: TempDir;
let db: Db;

beforeEach(async () => {
  dir = makeTempDir('cw-retries-');
  db = await openDatabase(dir.file('crm.db'));
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

describe('a retry list kept in the database', () => {
  it('counts only what the database holds when the transaction that settled a read rolls back', () => {
    const list = new RetryList(db, 'Visits:retry');
    transaction(db, () => list.settle('p1', true, t0));
    expect(() =>
      transaction(db, () => {
        list.settle('p2', true, t0 + 1);
        throw new Error('the person could not be stored');
      }),
    ).toThrow(/could not be stored/);
    expect(list.size).toBe(1);
    expect(new RetryList(db, 'Visits:retry').due(t0 + 2)).toEqual(['p1']);
    transaction(db, () => list.settle('p1', false, t0 + 3));
    expect(list.size).toBe(0);
  });
});
