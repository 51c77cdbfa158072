import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../tests/fixtures/chromiumLaunch';
import { createCore } from '../src/main/core/createCore';
import { markPlanRow } from '../src/main/planner/planActions';
import { openDatabase } from '../src/main/db/openDatabase';
import { startWebHost } from '../src/main/web/webHost';
import { benchDatabase } from './benchDatabase';
import { median, type BenchResult } from './benchResult';
import { workingDayClock } from './workingDayClock';

const PEOPLE = Number(process.env['CW_BENCH_PEOPLE'] ?? 50_000);
const RUNS = Number(process.env['CW_BENCH_RUNS'] ?? 5);
/** The demo's sales director: two managers, twelve reps below. */
const DIRECTOR = 'u-d1';

// The frame after the first lane is in the document, once that frame has been painted.
const FIRST_LANE_PROBE = `(() => {
  const seen = () => {
    if (!document.querySelector('.team-lane')) return false;
    requestAnimationFrame(() => setTimeout(() => (window.__firstLaneAt = performance.now())));
    return true;
  };
  new MutationObserver((_, o) => seen() && o.disconnect()).observe(document, { childList: true, subtree: true });
})()`;
const FIRST_LANE_AT = `new Promise((resolve) => {
  const check = () => (window.__firstLaneAt ? resolve(window.__firstLaneAt) : setTimeout(check, 5));
  check();
})`;

async function timed(f: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await f();
  return performance.now() - started;
}

/**
 * The Team page for a manager of 12 reps over the demo organisation (TM-1 to TM-3): the team's
 * day in the core, cold (the reps' plan inputs read from the database), warm (nothing changed
 * since: the budget), after a mark (every rep's plan made again from the inputs in memory), after
 * a rep's real mark (one lane read again);
 * the sparklines' ten past days; and the page's first lanes painted in Chromium.
 */
export async function run(): Promise<BenchResult[]> {
  const db = await openDatabase(await benchDatabase(PEOPLE));
  // A working day's 11:00 in Berlin, whatever day this runs: at the weekend every lane is empty.
  const clock = workingDayClock('Europe/Berlin');
  const core = createCore(db, clock);
  const before = (await core.handlers.getSession({})).currentUser?.id;
  try {
    await core.handlers.setCurrentUser({ userId: DIRECTOR });
    // CPU time beside the wall clock: on a machine others load, the wall clock says how busy it was.
    const cpuBefore = process.cpuUsage();
    const cold = await timed(() => core.handlers.getTeamDay({}));
    const coldCpu = process.cpuUsage(cpuBefore);
    const day = await core.handlers.getTeamDay({});
    // Every window the lanes draw (the coverage counts one per person and channel of them).
    const rows = day.reps.reduce((n, r) => n + r.blocks.length + r.hiddenBlocks, 0);
    // Today's plans are kept after the first answer: let that finish before measuring.
    await sleep(2000);
    const warm: number[] = [];
    for (let i = 0; i < Math.max(RUNS, 20); i++)
      warm.push(await timed(() => core.handlers.getTeamDay({})));
    // The page's filters on (3★ or more, Hide passed): each lane's 150 chosen among what they leave.
    const filtered: number[] = [];
    for (let i = 0; i < Math.max(RUNS, 20); i++)
      filtered.push(await timed(() => core.handlers.getTeamDay({ minStars: 3, hidePassed: true })));
    const afterMark: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      core.emit('data-changed', { entities: ['plan'] });
      afterMark.push(await timed(() => core.handlers.getTeamDay({})));
    }
    // A rep's real mark (a skip, then cleared): that rep's lane is read again, the others kept.
    const repMark: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const lane = day.reps[i % day.reps.length];
      const block = lane?.blocks.find((b) => b.action === null);
      if (!lane || !block) continue;
      for (const action of ['skipped', 'clear'] as const) {
        const row = { personId: block.personId, channel: block.channel, date: lane.date };
        markPlanRow(db, lane.repId, { ...row, action }, clock());
        core.emit('data-changed', { entities: ['plan'] });
        repMark.push(await timed(() => core.handlers.getTeamDay({})));
      }
    }
    const trend = await timed(() => core.handlers.getTeamTrend({}));

    const host = await startWebHost({ core, staticDir: 'out/renderer' });
    const browser = await chromium.launch(CHROMIUM_LAUNCH);
    const paints: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await page.addInitScript(FIRST_LANE_PROBE);
        // Navigation start to the first lane painted, on the page's own clock.
        await page.goto(`${host.openUrl}#/team`);
        paints.push((await page.evaluate(FIRST_LANE_AT)) as number);
        await page.close();
      }
    } finally {
      await browser.close();
      await host.close();
    }
    const size = `${day.reps.length} reps, ${rows.toLocaleString('en')} rows with a window (${PEOPLE.toLocaleString('en')}-person organisation)`;
    return [
      { name: 'team: team day (core, cold)', medianMs: cold, runs: 1, size },
      {
        name: 'team: team day (core, cold), CPU time',
        medianMs: (coldCpu.user + coldCpu.system) / 1000,
        runs: 1,
        size: `${size}; the whole process, the collector's threads too`,
        unit: 'ms CPU',
      },
      {
        name: 'team: team day (core, warm)',
        medianMs: median(warm),
        runs: warm.length,
        size,
        budgetMs: 150,
      },
      {
        name: 'team: team day, 3★ or more and Hide passed (core, warm)',
        medianMs: median(filtered),
        runs: filtered.length,
        size,
        budgetMs: 150,
      },
      {
        name: 'team: team day after a mark (plans made again)',
        medianMs: median(afterMark),
        runs: afterMark.length,
        size,
      },
      {
        name: "team: team day after a rep's mark (skip, clear)",
        medianMs: median(repMark),
        runs: repMark.length,
        size,
      },
      { name: 'team: ten past days per rep (sparklines, cold)', medianMs: trend, runs: 1, size },
      {
        name: 'team: first lanes painted in Chromium',
        medianMs: median(paints),
        runs: paints.length,
        size,
        budgetMs: 1000,
      },
    ];
  } finally {
    // The benchmark database is shared with the others: they open on the rep they expect.
    if (before) await core.handlers.setCurrentUser({ userId: before });
    await db.close();
  }
}
