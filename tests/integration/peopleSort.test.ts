import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { PeoplePage, PeopleSort } from '../../src/shared/contract';

type PersonSummary = PeoplePage['rows'][number];
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

let dir: TempDir;
let db: Db;
let core: Core;
beforeAll(async () => {
  dir = makeTempDir();
  db = await demoDb(dir);
  // Some people with no company: an empty field goes last whichever way the column is ordered.
  rawHandle(db).exec(`update people set company = null where id in ('p3', 'p7', 'p11')`);
  core = createCore(db, () => TEST_NOW);
});
afterAll(async () => {
  await db.close();
  dir.remove();
});

const list = async (sort: PeopleSort, direction: 'asc' | 'desc', limit = 500, offset = 0) => {
  const answer = await core.dispatch('listPeople', { sort, direction, limit, offset });
  if (!answer.ok) throw new Error(answer.error);
  return answer.value as PeoplePage;
};

const KEY: Record<PeopleSort, (p: PersonSummary) => string | number | null> = {
  name: () => null,
  type: (p) => p.module,
  company: (p) => p.company?.toLowerCase() ?? null,
  email: (p) => p.email?.toLowerCase() ?? null,
  owner: (p) => p.ownerName?.toLowerCase() ?? null,
  lastActivity: (p) => p.lastActivityAt,
};

/** Each key in order, the empty ones after every filled one. */
function expectOrdered(values: (string | number | null)[], direction: 'asc' | 'desc'): void {
  const filled = values.filter((v) => v !== null);
  const firstEmpty = values.indexOf(null);
  if (firstEmpty >= 0) expect(values.slice(firstEmpty).every((v) => v === null)).toBe(true);
  const sorted = [...filled].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  expect(filled).toEqual(direction === 'asc' ? sorted : sorted.reverse());
}

describe('the People list ordered by a column, over everyone and not just the page shown', () => {
  it('orders by name by default, and by name backwards when asked', async () => {
    const byDefault = await core.handlers.listPeople({ query: '', offset: 0, limit: 50 });
    const asc = await list('name', 'asc', 50);
    expect(byDefault.rows.map((r) => r.id)).toEqual(asc.rows.map((r) => r.id));
    const desc = await list('name', 'desc', 50);
    const last = rawHandle(db)
      .prepare('select id from people order by last_name desc, first_name desc, id desc limit 1')
      .get() as { id: string };
    expect(desc.rows[0]?.id).toBe(last.id);
  });

  for (const sort of ['type', 'company', 'email', 'owner', 'lastActivity'] as const)
    for (const direction of ['asc', 'desc'] as const)
      it(`orders by ${sort}, ${direction === 'asc' ? 'ascending' : 'descending'}, empty fields last`, async () => {
        const { total, rows } = await list(sort, direction, 200);
        expect(total).toBeGreaterThan(rows.length);
        expectOrdered(rows.map(KEY[sort]), direction);
      });

  it('the first page of the latest activity first is the latest of all the people, not of a page', async () => {
    const { rows } = await list('lastActivity', 'desc', 5);
    const latest = rawHandle(db)
      .prepare(
        `select max(started_at) as m from activities
          where case when kind = 'meeting' then started_at + coalesce(duration_s, 0) * 1000 <= ?
                else status = 'completed' end`,
      )
      .get(TEST_NOW) as { m: number };
    expect(rows[0]?.lastActivityAt).toBe(latest.m);
  });

  it('pages through one order: the next page starts where the last ended, nobody twice', async () => {
    const first = await list('company', 'desc', 40, 0);
    const second = await list('company', 'desc', 40, 40);
    const both = await list('company', 'desc', 80, 0);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(both.rows.map((r) => r.id));
  });

  it('refuses a column it cannot order by, naming the field', async () => {
    expect(await core.dispatch('listPeople', { sort: 'timeZone' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/at sort/),
    });
  });
});
