import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../src/main/demo/generateDemo';
import { openDatabase } from '../src/main/db/openDatabase';
import { median, type BenchResult } from './benchResult';

const PEOPLE = Number(process.env['CW_BENCH_PEOPLE'] ?? 50_000);
const RUNS = Number(process.env['CW_BENCH_RUNS'] ?? 3);

/** Writing the demo organisation at benchmark size into a new file (budget: 60 s). */
export async function run(): Promise<BenchResult[]> {
  const times: number[] = [];
  let activities = 0;
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'cw-bench-demo-'));
    const db = await openDatabase(join(dir, 'demo.db'));
    const started = performance.now();
    activities = generateDemo(db, { seed: 1, people: PEOPLE, now: Date.now() }).activities;
    times.push(performance.now() - started);
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    {
      name: 'demo organisation: generate and store',
      medianMs: median(times),
      runs: RUNS,
      size: `${PEOPLE.toLocaleString('en')} people, ${activities.toLocaleString('en')} activities`,
      budgetMs: 60_000,
    },
  ];
}
