import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { databaseBefore } from '../fixtures/databaseBefore';

// Activities and visits gain the CRM's modification time: a database written before keeps every
// row, each without a time, so the next copy the sync reads replaces it.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36';
const TABLES = ['people', 'activities', 'visits', 'visit_pages', 'chats', 'user_agents'];

/** A database written just before the migration: a person, their calls and visits. */
async function atPreviousVersion(file: string): Promise<Record<string, unknown[]>> {
  const { raw, done } = await databaseBefore(file, 'record_times', { foreignKeys: true });
  raw
    .prepare(
      `insert into people (id, module, last_name, email, created_at, modified_at)
       values ('p1', 'contact', 'Lund', 'lund@example.test', 1000, 2000)`,
    )
    .run();
  const call = raw.prepare(
    `insert into activities (id, person_id, kind, channel, direction, started_at, duration_s,
       subject, status, source_module, source_id, outcome)
     values (?, 'p1', 'call', 'call', 'out', ?, 90, ?, 'completed', 'Calls', ?, ?)`,
  );
  call.run('c1', 5000, 'Intro', 'c1', 'answered');
  call.run('c2', 6000, null, 'c2', null);
  const visit = raw.prepare(
    `insert into visits (id, person_id, ip, user_agent, started_at, ended_at, time_spent_s)
     values (?, ?, ?, ?, ?, ?, ?)`,
  );
  visit.run('v1', 'p1', '203.0.113.1', CHROME, 7000, 67_000, 60);
  visit.run('v2', null, '203.0.113.2', null, 8000, null, 0);
  raw
    .prepare(
      `insert into visit_pages (visit_id, url, viewed_at) values ('v1', 'https://example.test/', 7000)`,
    )
    .run();
  raw
    .prepare(
      `insert into chats (id, person_id, visit_id, started_at) values ('v1-chat-1', 'p1', 'v1', 7500)`,
    )
    .run();
  const rows = Object.fromEntries(
    TABLES.map((t) => [t, raw.prepare(`select * from ${t} order by rowid`).all()]),
  );
  await done();
  return rows;
}

/** A row without people's stored last touch (migration 39), which later migrations add. */
const withoutLastTouch = (row: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(row).filter(([c]) => c !== 'last_touch' && c !== 'last_touch_from'),
  );

describe('the record times migration', () => {
  it('keeps every activity and visit (and what hangs from them), each without a modification time', async () => {
    const file = dir.file('times.db');
    const before = await atPreviousVersion(file);
    // Opened as the app opens it: the migration runs there.
    const db = await openDatabase(file);
    const raw = rawHandle(db);
    for (const table of TABLES) {
      const after = raw.prepare(`select * from ${table} order by rowid`).all() as Record<
        string,
        unknown
      >[];
      // Later migrations add their own columns: people's search text (migration 14), the
      // person the CRM names for visits, chats and deals (migration 21), the account it names
      // for people and deals (migration 23), a task's due date (migration 31), whether a visit's
      // actions hold a form (migration 32).
      const added = {
        ...(table === 'visits' ? { has_form: 0 } : {}),
        ...(table === 'activities' ? { due_date: null } : {}),
        ...(table === 'people' ? { search_text: expect.any(String) } : {}),
        ...(['activities', 'visits'].includes(table) ? { modified_at: null } : {}),
        ...(['visits', 'chats', 'deals'].includes(table) ? { crm_person_id: null } : {}),
        ...(['people', 'deals'].includes(table) ? { crm_account_id: null } : {}),
      };
      // And people's stored last touch (migration 39), worked out from these rows: its own test
      // is peopleLastTouch.test.ts.
      expect(after.map(withoutLastTouch), table).toEqual(
        (before[table] as Record<string, unknown>[]).map((r) => ({ ...r, ...added })),
      );
    }
    await db.close();
  });
});
