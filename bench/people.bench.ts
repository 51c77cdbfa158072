import { copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src/main/core/createCore';
import { openDatabase } from '../src/main/db/openDatabase';
import { rawHandle } from '../src/main/db/bulkHandle';
import { benchDatabase } from './benchDatabase';
import { median, type BenchResult } from './benchResult';

const PEOPLE = Number(process.env['CW_BENCH_PEOPLE'] ?? 50_000);
const RUNS = Number(process.env['CW_BENCH_RUNS'] ?? 5) * 4;

/** What reps type in the People search: a name, two words, a name without its accents, digits. */
const QUERIES = ['mason', 'davis mason', 'muller', '+49 30'];

async function searches(file: string, queries: readonly string[]): Promise<number[]> {
  const db = await openDatabase(file);
  const core = createCore(db);
  try {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++)
      for (const query of queries) {
        const started = performance.now();
        await core.handlers.listPeople({ query, offset: 0, limit: 100 });
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
  const file = await benchDatabase(PEOPLE);
  const latin = await searches(file, QUERIES);
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
    { name: 'people: search (demo names)', medianMs: median(latin), runs: latin.length, size },
    {
      name: 'people: search (every name in Cyrillic)',
      medianMs: median(cyrillic),
      runs: cyrillic.length,
      size,
    },
  ];
}
