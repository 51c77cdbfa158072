import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { LocalStore } from '../../src/main/sync/localStore';
import type { PersonWrite } from '../../src/main/crm/crmSource';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { databaseBefore } from '../fixtures/databaseBefore';
import { personWrite } from '../fixtures/personWrite';

// Visits, chats and deals keep the person the CRM names (crm_person_id) while that person is not
// stored, and the person's arrival links them through an index of only such rows.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const lead = (id: string): PersonWrite => personWrite(id, 'Lund', { email: 'lund@example.test' });

describe('the person links migration', () => {
  it('keeps every visit, chat and deal, and links a visit stored before its lead once the lead is', async () => {
    const file = dir.file('person-links.db');
    const { raw, done } = await databaseBefore(file, 'person_links');
    raw
      .prepare(`insert into visits (id, person_id, started_at) values ('v-old', null, 1000)`)
      .run();
    raw
      .prepare(
        `insert into chats (id, person_id, visit_id, started_at) values ('v-old-chat-1', null, 'v-old', 1000)`,
      )
      .run();
    raw
      .prepare(
        `insert into deals (id, name, stage, status, modified_at) values ('d1', 'D', 'Qualification', 'open', 1)`,
      )
      .run();
    const before = ['visits', 'chats', 'deals'].map((t) =>
      raw.prepare(`select * from ${t} order by rowid`).all(),
    );
    await done();

    const db = await openDatabase(file);
    const h = rawHandle(db);
    expect(
      ['visits', 'chats', 'deals'].map((t) => h.prepare(`select * from ${t} order by rowid`).all()),
    ).toEqual(
      before.map((rows, i) =>
        rows.map((r) => ({
          ...(r as object),
          crm_person_id: null,
          // Later migrations add the account the CRM names to deals (migration 23), and whether
          // a visit's actions hold a form (migration 032).
          ...(i === 2 ? { crm_account_id: null } : {}),
          ...(i === 0 ? { has_form: 0 } : {}),
        })),
      ),
    );

    const store = new LocalStore(db);
    store.apply([
      {
        table: 'visits',
        row: {
          id: 'v-new',
          person_id: 'lead-1',
          visitor_name: null,
          visitor_email: null,
          ip: null,
          started_at: 2_000,
          ended_at: null,
          time_spent_s: 0,
          referrer: null,
          search_engine: null,
          search_keyword: null,
          actions: null,
        },
        pages: [],
        chats: [
          {
            id: 'v-new-chat-1',
            person_id: 'lead-1',
            operator_id: null,
            started_at: 2_000,
            ended_at: null,
          },
        ],
      },
    ]);
    expect(
      h.prepare(`select person_id, crm_person_id from visits where id = 'v-new'`).get(),
    ).toEqual({
      person_id: null,
      crm_person_id: 'lead-1',
    });
    // Found through the index of waiting rows, not a scan of every visit.
    expect(
      h
        .prepare(
          `explain query plan update visits set person_id = 'lead-1' where crm_person_id = 'lead-1' and person_id is null`,
        )
        .all()
        .map((r) => (r as { detail: string }).detail)
        .join('\n'),
    ).toMatch(/visits_waiting_person/);

    new LocalStore(db).apply([{ table: 'people', row: lead('lead-1') }]);
    expect(h.prepare(`select person_id from visits where id = 'v-new'`).pluck().get()).toBe(
      'lead-1',
    );
    expect(h.prepare(`select person_id from chats where id = 'v-new-chat-1'`).pluck().get()).toBe(
      'lead-1',
    );
    await db.close();
  });
});
