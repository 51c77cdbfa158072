import { copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src/main/core/createCore';
import { openDatabase } from '../src/main/db/openDatabase';
import { rawHandle } from '../src/main/db/bulkHandle';
import { benchDatabaseWithVisits } from './benchDatabase';
import { median, type BenchResult } from './benchResult';
import type { PeopleSort } from '../src/shared/contract';

const PEOPLE = Number(process.env['CW_BENCH_PEOPLE'] ?? 50_000);
/** A search or a click on a heading answers within a tenth of a second, as typing expects. */
const SEARCH_BUDGET_MS = 100;
const RUNS = Number(process.env['CW_BENCH_RUNS'] ?? 5) * 4;

/** What reps type in the People search: a name, two words, a name without its accents, digits. */
const QUERIES = ['mason', 'davis mason', 'muller', '+49 30'];

/** A click on a heading of the whole list (no search): every one of the 50,000 is ordered. */
const ORDERS: readonly { sort: PeopleSort; direction: 'asc' | 'desc' }[] = [
  { sort: 'company', direction: 'asc' },
  { sort: 'owner', direction: 'asc' },
  { sort: 'name', direction: 'desc' },
];
/** The dearest order: each person's last activity that happened is looked up to order by it. */
const BY_LAST_ACTIVITY = [
  { sort: 'lastActivity', direction: 'desc' },
  { sort: 'lastActivity', direction: 'asc' },
] as const;
/** Their time zone, worked out from a country or phone, is ordered by the core, not the query. */
const BY_ZONE = [
  { sort: 'timeZone', direction: 'asc' },
  { sort: 'timeZone', direction: 'desc' },
] as const;
/** A click on a heading answers within a quarter of a second over 50,000 people. */
const ORDER_BUDGET_MS = 250;

async function searches(
  file: string,
  queries: readonly string[],
  order: (i: number) => { sort: PeopleSort; direction: 'asc' | 'desc' } | undefined = () =>
    undefined,
): Promise<number[]> {
  const db = await openDatabase(file);
  const core = createCore(db);
  try {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++)
      for (const [q, query] of queries.entries()) {
        const started = performance.now();
        await core.handlers.listPeople({
          query,
          offset: 0,
          limit: order(q) ? 500 : 100,
          ...order(q),
        });
        times.push(performance.now() - started);
      }
    return times;
  } finally {
    await db.close();
  }
}

/**
 * People search over the whole organisation (the page of 100 and the count), on the demo's
 * names and on the same people named in Cyrillic: every name beyond ASCII, where a fold at search
 * time cost most.
 */
export async function run(): Promise<BenchResult[]> {
  const file = await benchDatabaseWithVisits(PEOPLE);
  const counted = await openDatabase(file);
  const { visits } = rawHandle(counted).prepare('select count(*) as visits from visits').get() as {
    visits: number;
  };
  await counted.close();
  const latin = await searches(file, QUERIES);
  // The People page asks for its first 500, ordered: as the page does, here.
  const sorted = await searches(
    file,
    ORDERS.map(() => ''),
    (i) => ORDERS[i],
  );
  const byActivity = await searches(
    file,
    BY_LAST_ACTIVITY.map(() => ''),
    (i) => BY_LAST_ACTIVITY[i],
  );
  const byZone = await searches(
    file,
    BY_ZONE.map(() => ''),
    (i) => BY_ZONE[i],
  );
  const copy = join(tmpdir(), `cw-bench-people-cyrillic-${process.pid}.db`);
  copyFileSync(file, copy);
  const db = await openDatabase(copy);
  rawHandle(db).exec(
    `update people set first_name = 'Дмитрий ' || coalesce(first_name, ''), company = 'ООО ' || coalesce(company, '')`,
  );
  await db.close();
  const cyrillic = await searches(copy, ['дмитрий', 'ооо север', 'елкин', '+49 30']);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
  const size = `${PEOPLE.toLocaleString('en')} people, ${QUERIES.length} queries`;
  return [
    {
      name: 'people: search (demo names)',
      medianMs: median(latin),
      runs: latin.length,
      size,
      budgetMs: SEARCH_BUDGET_MS,
    },
    {
      name: 'people: search (every name in Cyrillic)',
      medianMs: median(cyrillic),
      runs: cyrillic.length,
      size,
      budgetMs: SEARCH_BUDGET_MS,
    },
    {
      name: 'people: everyone ordered by a column',
      medianMs: median(sorted),
      runs: sorted.length,
      size: `${PEOPLE.toLocaleString('en')} people, ${ORDERS.map((o) => `${o.sort} ${o.direction}`).join(', ')}`,
      budgetMs: ORDER_BUDGET_MS,
    },
    {
      name: 'people: everyone ordered by last activity',
      medianMs: median(byActivity),
      runs: byActivity.length,
      size: `${PEOPLE.toLocaleString('en')} people, ${visits.toLocaleString('en')} visits, latest and earliest first`,
      budgetMs: ORDER_BUDGET_MS,
    },
    {
      name: 'people: everyone ordered by their time zone',
      medianMs: median(byZone),
      runs: byZone.length,
      size: `${PEOPLE.toLocaleString('en')} people, west and east first`,
      budgetMs: ORDER_BUDGET_MS,
    },
  ];
}
