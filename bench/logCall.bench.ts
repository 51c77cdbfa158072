import { copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src/main/core/createCore';
import { openDatabase } from '../src/main/db/openDatabase';
import { rawHandle } from '../src/main/db/bulkHandle';
import { benchDatabase } from './benchDatabase';
import { median, type BenchResult } from './benchResult';
import { workingDayClock } from './workingDayClock';

const PEOPLE = Number(process.env['CW_BENCH_PEOPLE'] ?? 50_000);
const RUNS = Number(process.env['CW_BENCH_RUNS'] ?? 5) * 2;
/** The demo's first rep, who owns 4,175 of the 50,000 people. */
const REP = 'u-r1';
/**
 * Within a second, the person's relearn included (most of it: judging the call on the plan is a
 * few queries about one person). Judged by making the rep's whole plan again, it took seconds.
 */
const LOG_BUDGET_MS = 1000;

/**
 * Log call for a rep with thousands of people, the planner shown first (its day kept): each
 * call is judged against the day's plan (off it or on it), stored, queued and its person
 * relearned. Every call logged makes the core read the rep's plan inputs again (data changed),
 * so each one is the "first call after a change" a rep makes. On a copy of the bench database.
 */
export async function run(): Promise<BenchResult[]> {
  const file = await benchDatabase(PEOPLE);
  const copy = join(tmpdir(), `cw-bench-logcall-${process.pid}.db`);
  copyFileSync(file, copy);
  const db = await openDatabase(copy);
  try {
    const rep = rawHandle(db)
      .prepare('select time_zone from users where id = ?')
      .pluck()
      .get(REP) as string;
    const core = createCore(db, workingDayClock(rep));
    await core.handlers.setCurrentUser({ userId: REP });
    const plan = await core.handlers.getPlanner({});
    const people = [
      ...new Set(plan.rows.filter((r) => r.channel === 'call').map((r) => r.personId)),
    ];
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const personId = people[(i * 97) % people.length];
      if (!personId) break;
      const started = performance.now();
      await core.handlers.logCall({ personId, outcome: 'no_answer', note: '' });
      times.push(performance.now() - started);
    }
    return [
      {
        name: 'planner: log a call (its person judged on the plan)',
        medianMs: median(times),
        runs: times.length,
        size: `${PEOPLE.toLocaleString('en')} people, a rep with ${plan.owned.toLocaleString('en')}`,
        budgetMs: LOG_BUDGET_MS,
      },
    ];
  } finally {
    await db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
  }
}
