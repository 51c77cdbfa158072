import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir, oneRepDb, type TempDir } from '../fixtures/tempDb';

let dir: TempDir;
let db: Db;
let core: Core;

beforeEach(async () => {
  dir = makeTempDir();
  db = await oneRepDb(dir, 'deals.db');
  core = createCore(db, () => Date.UTC(2026, 10, 23, 9, 0));
  rawHandle(db)
    .prepare(
      "insert into people (id, module, last_name, owner_id, time_zone, created_at, modified_at) values ('p', 'contact', 'Jones', 'rep', 'America/New_York', 0, 0)",
    )
    .run();
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

function deal(
  id: string,
  amount: number | null,
  currency: string | null,
  modifiedAt: number,
): void {
  rawHandle(db)
    .prepare(
      "insert into deals (id, name, stage, status, amount, currency, person_id, modified_at) values (?, ?, 'Proposal', 'open', ?, ?, 'p', ?)",
    )
    .run(id, `Deal ${id}`, amount, currency, modifiedAt);
}

describe("a person's deals", () => {
  it('carry their own currency, or none when the CRM has none', async () => {
    deal('usd', 12_500, 'USD', 3);
    deal('jpy', 900_000, 'JPY', 2);
    deal('none', 400, null, 1);
    const { deals } = await core.handlers.getPerson({ id: 'p' });
    expect(deals.map((d) => [d.id, d.amount, d.currency])).toEqual([
      ['usd', 12_500, 'USD'],
      ['jpy', 900_000, 'JPY'],
      ['none', 400, null],
    ]);
  });
});
