import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { LocalStore } from '../../src/main/sync/localStore';
import type { PersonWrite } from '../../src/main/crm/crmSource';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { databaseBefore } from '../fixtures/databaseBefore';
import { personWrite } from '../fixtures/personWrite';

// A contact and a deal keep the account the CRM names (crm_account_id) while that account is not
// stored, and the account's arrival links them through an index of only such rows.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const contact = (id: string, accountId: string): PersonWrite =>
  personWrite(id, 'Later', {
    module: 'contact',
    first_name: 'Lena',
    email: 'lena@late.test',
    account_id: accountId,
  });

describe('the account links migration', () => {
  it('keeps every person and deal, and links a contact stored before its account once the account is', async () => {
    const file = dir.file('account-links.db');
    const { raw, done } = await databaseBefore(file, 'account_links');
    raw
      .prepare(
        `insert into people (id, module, last_name, created_at, modified_at) values ('c-old', 'contact', 'Old', 1, 1)`,
      )
      .run();
    raw
      .prepare(
        `insert into deals (id, name, stage, status, modified_at) values ('d1', 'D', 'Qualification', 'open', 1)`,
      )
      .run();
    const before = ['people', 'deals'].map((t) =>
      raw.prepare(`select * from ${t} order by rowid`).all(),
    );
    await done();

    const db = await openDatabase(file);
    const h = rawHandle(db);
    expect(
      ['people', 'deals'].map((t) => h.prepare(`select * from ${t} order by rowid`).all()),
    ).toEqual(
      before.map((rows, table) =>
        rows.map((r) => ({
          ...(r as object),
          crm_account_id: null,
          // People's stored last touch (migration 39): nothing for these.
          ...(table === 0 ? { last_touch: null, last_touch_from: 0 } : {}),
        })),
      ),
    );

    new LocalStore(db).apply([{ table: 'people', row: contact('c-new', 'acc-1') }]);
    expect(
      h.prepare(`select account_id, crm_account_id from people where id = 'c-new'`).get(),
    ).toEqual({ account_id: null, crm_account_id: 'acc-1' });
    // Found through the index of waiting rows, not a scan of every person.
    expect(
      h
        .prepare(
          `explain query plan update people indexed by people_waiting_account set account_id = 'acc-1'
           where crm_account_id = 'acc-1' and account_id is null and crm_account_id is not null`,
        )
        .all()
        .map((r) => (r as { detail: string }).detail)
        .join('\n'),
    ).toMatch(/people_waiting_account/);

    new LocalStore(db).apply([
      {
        table: 'accounts',
        row: {
          id: 'acc-1',
          name: 'Late Arrival GmbH',
          industry: null,
          website: null,
          country: null,
          owner_id: null,
          modified_at: 3,
        },
      },
    ]);
    expect(h.prepare(`select account_id from people where id = 'c-new'`).pluck().get()).toBe(
      'acc-1',
    );
    await db.close();
  });
});
