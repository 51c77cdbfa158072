import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../tests/fixtures/chromiumLaunch';
import { createCore } from '../src/main/core/createCore';
import { openDatabase } from '../src/main/db/openDatabase';
import { startWebHost } from '../src/main/web/webHost';
import { benchDatabase } from './benchDatabase';
import { median, type BenchResult } from './benchResult';

const PEOPLE = Number(process.env['CW_BENCH_PEOPLE'] ?? 50_000);
const RUNS = Number(process.env['CW_BENCH_RUNS'] ?? 5);

/**
 * The planner in Chromium for a rep with ~5,000 people: time to the first rows, and a scroll
 * through every row measured on the browser's frame timeline (a frame over 25 ms is a dropped one).
 */
const SCROLL_THROUGH = `new Promise((resolve) => {
  const scroller = document.querySelector('.plan-scroll');
  const gaps = [];
  let last = performance.now();
  const step = () => {
    const t = performance.now();
    gaps.push(t - last);
    last = t;
    scroller.scrollTop += 800;
    if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) resolve(gaps.slice(1));
    else requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})`;

export async function run(): Promise<BenchResult[]> {
  const db = await openDatabase(await benchDatabase(PEOPLE));
  const core = createCore(db);
  const host = await startWebHost({ core, staticDir: 'out/renderer' });
  const rows = (await core.handlers.getPlanner({})).rows.length;
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const firstRows: number[] = [];
  const dropped: number[] = [];
  let frameCount = 0;
  const worstFrame: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.openUrl);
    await page.locator('.plan-row').first().waitFor();
    // Navigation start to the first row painted, from the page's own clock.
    firstRows.push(await page.evaluate(() => performance.now()));
    // A string, not a function: tsx would wrap a function's inner closures in a helper the page lacks.
    const frames = (await page.evaluate(SCROLL_THROUGH)) as number[];
    dropped.push(frames.filter((g) => g > 25).length);
    frameCount = frames.length;
    worstFrame.push(Math.max(...frames));
    await page.close();
  }
  await browser.close();
  await host.close();
  await db.close();
  const size = `${rows.toLocaleString('en')} plan rows (${PEOPLE.toLocaleString('en')}-person organisation)`;
  return [
    {
      name: 'planner: first rows painted in Chromium',
      medianMs: median(firstRows),
      runs: RUNS,
      size,
      budgetMs: 1000,
    },
    {
      name: 'planner: slowest frame scrolling every row',
      medianMs: median(worstFrame),
      runs: RUNS,
      size,
    },
    {
      name: 'planner: frames over 25 ms while scrolling',
      medianMs: median(dropped),
      runs: RUNS,
      size: `${size}, of ${frameCount} frames`,
      unit: 'frames',
    },
  ];
}
