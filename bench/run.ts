// `npm run bench [-- NAME...]`: runs every benchmark (or the named ones) and prints medians
// against their budgets; results also go to bench/results/bench.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { BenchResult } from './benchResult';

const SUITES: Record<string, () => Promise<{ run: () => Promise<BenchResult[]> }>> = {
  demo: () => import('./demo.bench'),
  startup: () => import('./startup.bench'),
  besttime: () => import('./besttime.bench'),
  planner: () => import('./plannerRender.bench'),
  sync: () => import('./sync.bench'),
  alerts: () => import('./alerts.bench'),
  team: () => import('./team.bench'),
  people: () => import('./people.bench'),
  logcall: () => import('./logCall.bench'),
};

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : Object.keys(SUITES);
const results: BenchResult[] = [];
let over = 0;
for (const name of names) {
  const load = SUITES[name];
  if (!load) {
    console.error(`Unknown benchmark "${name}"; known: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
  console.error(`running ${name}…`);
  for (const r of await (await load()).run()) {
    results.push(r);
    const verdict =
      r.budgetMs === undefined ? '' : r.medianMs <= r.budgetMs ? 'within budget' : 'OVER BUDGET';
    if (verdict === 'OVER BUDGET') over++;
    console.log(
      `${r.name.padEnd(52)} median ${r.medianMs.toFixed(1).padStart(9)} ${r.unit ?? 'ms'}` +
        `${r.budgetMs !== undefined ? ` (budget ${r.budgetMs} ms, ${verdict})` : ''}  [${r.size}; ${r.runs} runs]`,
    );
  }
}
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/bench.json',
  `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`,
);
process.exitCode = over ? 1 : 0;
