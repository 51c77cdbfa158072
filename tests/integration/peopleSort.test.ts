import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { PeoplePage, PeopleSort } from '../../src/shared/contract';

type PersonSummary = PeoplePage['rows'][number];
import { TEST_NOW } from '../fixtures/tempDb';
import { allTestsDemoCore } from '../fixtures/demoCore';

let db: Db;
let core: Core;
allTestsDemoCore((env) => ({ db, core } = env));
beforeAll(() => {
  // Some people with no company: an empty field goes last whichever way the column is ordered.
  rawHandle(db).exec(`update people set company = null where id in ('p3', 'p7', 'p11')`);
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
  timeZone: (p) => offsetNow(p.timeZone),
};

/** Minutes ahead of UTC at the test's now, as the People table's "Berlin (UTC+1)" reads. */
function offsetNow(zone: string): number | null {
  const local = DateTime.fromMillis(TEST_NOW, { zone });
  return local.isValid ? local.offset : null;
}

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

  for (const sort of ['type', 'company', 'email', 'timeZone', 'owner', 'lastActivity'] as const)
    for (const direction of ['asc', 'desc'] as const)
      it(`orders by ${sort}, ${direction === 'asc' ? 'ascending' : 'descending'}, empty fields last`, async () => {
        const { total, rows } = await list(sort, direction, 200);
        expect(total).toBeGreaterThan(rows.length);
        expectOrdered(rows.map(KEY[sort]), direction);
      });

  it('the first page of the latest activity first is the latest of all the people, a visit included, not of a page', async () => {
    const { rows } = await list('lastActivity', 'desc', 5);
    const latest = rawHandle(db)
      .prepare(
        `select max(m) as m from (select max(started_at) as m from activities
          where case when kind = 'meeting' then started_at + coalesce(duration_s, 0) * 1000 <= ?
                else status = 'completed' end
          union all select max(started_at) from visits where started_at <= ? and (person_id is not null
            or lower(trim(visitor_email)) in (select lower(trim(email)) from people)))`,
      )
      .get(TEST_NOW, TEST_NOW) as { m: number };
    expect(rows[0]?.lastActivityAt).toBe(latest.m);
  });

  it('pages through one order: the next page starts where the last ended, nobody twice', async () => {
    const first = await list('company', 'desc', 40, 0);
    const second = await list('company', 'desc', 40, 40);
    const both = await list('company', 'desc', 80, 0);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(both.rows.map((r) => r.id));
  });

  it('orders by their time zone as the page shows it: a zone inferred from a country or phone too', async () => {
    // Before: refused, as a column the list could not be ordered by.
    const set = (id: string, zone: string | null, country: string | null, phone: string | null) =>
      rawHandle(db)
        .prepare('update people set time_zone = ?, country = ?, phone = ? where id = ?')
        .run(zone, country, phone, id);
    // No zone of their own: Tokyo from the country, Sydney from the phone, Honolulu their own.
    set('p3', null, 'Japan', null);
    set('p7', null, null, '+61 2 9876 5432');
    set('p11', 'Pacific/Honolulu', null, null);
    // A hand-typed zone that names no place goes last, both ways.
    set('p13', 'Somewhere/Else', null, null);
    const all = async (direction: 'asc' | 'desc') => {
      const { total } = await list('timeZone', direction, 1);
      return (await list('timeZone', direction, total)).rows;
    };
    const asc = await all('asc');
    const desc = await all('desc');
    const at = (rows: PersonSummary[], id: string) => rows.findIndex((r) => r.id === id);
    expect(asc.find((r) => r.id === 'p3')?.timeZone).toBe('Asia/Tokyo');
    expect(asc.find((r) => r.id === 'p7')?.timeZone).toBe('Australia/Sydney');
    // Honolulu (UTC−10) is the furthest west; Tokyo (UTC+9) before Sydney (UTC+11 in November).
    expect(at(asc, 'p11')).toBe(0);
    expect(at(desc, 'p11')).toBe(desc.length - 2);
    expect(at(asc, 'p3')).toBeLessThan(at(asc, 'p7'));
    expect(at(desc, 'p7')).toBeLessThan(at(desc, 'p3'));
    expect(asc.at(-1)?.id).toBe('p13');
    expect(desc.at(-1)?.id).toBe('p13');
    // One zone's people stand together, by name.
    const berlin = asc.filter((r) => r.timeZone === 'Europe/Berlin');
    expect(berlin.length).toBeGreaterThan(1);
    const first = at(asc, berlin[0]?.id ?? '');
    expect(asc.slice(first, first + berlin.length)).toEqual(berlin);
  });

  it('refuses a column it cannot order by, naming the field', async () => {
    expect(await core.dispatch('listPeople', { sort: 'their zone' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/at sort/),
    });
  });
});
