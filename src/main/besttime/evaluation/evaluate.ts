import { existsSync } from 'node:fs';
/**
 * Time-split evaluation of the best-time model against three baselines (`npm run eval`).
 *
 * Cut-offs: the first one leaves a tenth of the data set's span (at least 28 days) to learn
 * from; then one every span/40 days (at least 28, so test periods never overlap) while a full
 * 28-day test period still fits. The earlier half of the cut-offs is the tuning set (the model's
 * constants were chosen on it, `--tune`); the later half is held out and is what we report.
 * `--dense` scores a cut-off every 28 days within each half instead (same boundary), for more
 * acts where a data set is long; it writes bench/results/eval-dense.json.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Channel } from '../../../shared/signals';
import { pairedMargin } from '../../../shared/pairedMargin';
import { generateDemo } from '../../demo/generateDemo';
import { openDatabase } from '../../db/openDatabase';
import { loadSignalEvents } from '../store/signalEvents';
import {
  BASELINES,
  emptyTally,
  scoreCutoff,
  TEST_DAYS,
  type Baseline,
  type ChannelTally,
} from './evaluationRun';
import { splitCutoffs } from './evaluationCutoffs';
import type { HitCounts } from './evaluationScoring';
import { tune } from './evaluationTuning';
import { parseEventsCsv } from '../eventsCsv';
import { MODEL_PARAMS, type ModelParams } from '../model/modelParams';
import { buildPriors, groupByPerson, type BesttimePriors } from '../model/priors';
import type { BesttimeEvent, SlotMinutes } from '../model/types';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface EvaluateOptions {
  slotMinutes?: SlotMinutes;
  cutoffs?: number[];
  params?: ModelParams;
  /** A cut-off every 28 days within each half instead of every span/40 (`--dense`). */
  dense?: boolean;
}

const METHODS = ['model', 'orgHours', 'ownHour', 'lastHour'] as const;
type Method = (typeof METHODS)[number];

export interface ChannelMetrics {
  acts: number;
  hitAt1: Record<Method, number>;
  hitAt3: Record<Method, number>;
  /**
   * The model's hit@1 minus each baseline's, with the standard error of that difference from
   * the acts where exactly one of the two hit (paired, as both predict the same acts).
   */
  marginAt1: Record<Baseline, { margin: number; standardError: number }>;
  byStars: { stars: number; windows: number; hitRate: number }[];
}

export interface SplitMetrics {
  cutoffs: string[];
  /** The half-life each cut-off's history chose (halfLifeFit.ts), in days; null where nothing was scored. */
  halfLifeDays: (number | null)[];
  channels: Partial<Record<Channel, ChannelMetrics>>;
}

export interface DatasetMetrics {
  dataset: string;
  events: number;
  people: number;
  slotMinutes: number;
  testDays: number;
  tuning: SplitMetrics;
  heldOut: SplitMetrics;
  /** What the organisation's history taught the model as of the last held-out cut-off. */
  learned: Pick<BesttimePriors, 'halfLifeDays' | 'strengths' | 'calibration'> | null;
}

function rate(h: HitCounts, key: 'hit1' | 'hit3'): number {
  return h.acts === 0 ? 0 : h[key] / h.acts;
}

function summarise(
  events: readonly BesttimeEvent[],
  cutoffs: number[],
  slotMinutes: SlotMinutes,
  params: ModelParams,
): SplitMetrics {
  const tallies: Record<Channel, ChannelTally> = { call: emptyTally(), email: emptyTally() };
  const halfLives = cutoffs.map((cutoff) =>
    scoreCutoff(events, cutoff, slotMinutes, tallies, params),
  );
  const channels: SplitMetrics['channels'] = {};
  for (const channel of ['call', 'email'] as const) {
    const t = tallies[channel];
    if (t.model.acts === 0) continue;
    channels[channel] = {
      acts: t.model.acts,
      hitAt1: Object.fromEntries(METHODS.map((m) => [m, rate(t[m], 'hit1')])) as Record<
        Method,
        number
      >,
      hitAt3: Object.fromEntries(METHODS.map((m) => [m, rate(t[m], 'hit3')])) as Record<
        Method,
        number
      >,
      marginAt1: Object.fromEntries(
        BASELINES.map((b) => [b, pairedMargin(t.paired[b], t.model.acts)]),
      ) as ChannelMetrics['marginAt1'],
      byStars: [...t.stars.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([stars, b]) => ({
          stars,
          windows: b.trials,
          hitRate: b.trials ? b.hits / b.trials : 0,
        })),
    };
  }
  return {
    cutoffs: cutoffs.map((c) => new Date(c).toISOString().slice(0, 10)),
    halfLifeDays: halfLives,
    channels,
  };
}

/** Metrics for one data set; the app's demo organisation goes through here too. */
export function evaluateDataset(
  name: string,
  events: BesttimeEvent[],
  opts: EvaluateOptions = {},
): DatasetMetrics {
  const slotMinutes = opts.slotMinutes ?? 60;
  const params = opts.params ?? MODEL_PARAMS;
  const given = opts.cutoffs;
  const split = given
    ? {
        tuning: given.slice(0, Math.ceil(given.length / 2)),
        heldOut: given.slice(Math.ceil(given.length / 2)),
      }
    : splitCutoffs(events, opts.dense);
  const last = split.heldOut[split.heldOut.length - 1] ?? split.tuning[split.tuning.length - 1];
  const learned =
    last === undefined
      ? null
      : buildPriors(
          groupByPerson(events.filter((e) => e.at < last)),
          { asOf: last, orgTz: 'UTC', businessHours: null, slotMinutes, top: 3 },
          params,
        );
  return {
    dataset: name,
    events: events.length,
    people: new Set(events.map((e) => e.personId)).size,
    slotMinutes,
    testDays: TEST_DAYS,
    tuning: summarise(events, split.tuning, slotMinutes, params),
    heldOut: summarise(events, split.heldOut, slotMinutes, params),
    learned: learned && {
      halfLifeDays: learned.halfLifeDays,
      strengths: learned.strengths,
      calibration: learned.calibration,
    },
  };
}

/** "3650 ×17, 365" for [3650, ... 17 times, 365]: a long history mostly chooses one value. */
function runsOf(values: readonly (number | null)[]): string {
  const runs: string[] = [];
  for (let i = 0; i < values.length;) {
    let j = i;
    while (values[j] === values[i]) j++;
    const at = values[i];
    const value = at === null || at === undefined ? '–' : Number(at.toFixed(1));
    runs.push(j - i > 1 ? `${value} ×${j - i}` : `${value}`);
    i = j;
  }
  return runs.join(', ');
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(7);
const signed = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

export function formatTable(
  all: DatasetMetrics[],
  split: 'tuning' | 'heldOut' = 'heldOut',
): string {
  const lines: string[] = [];
  for (const m of all) {
    const s = m[split];
    lines.push(
      `${m.dataset} (${split === 'heldOut' ? 'held-out' : 'tuning'} cut-offs ${s.cutoffs[0] ?? '-'} .. ${s.cutoffs[s.cutoffs.length - 1] ?? '-'}, ${s.cutoffs.length} x ${m.testDays} days)`,
    );
    lines.push(`  fitted half-life (days), cut-offs in order: ${runsOf(s.halfLifeDays)}`);
    for (const [channel, c] of Object.entries(s.channels)) {
      lines.push(`  ${channel}: ${c.acts} acts      model  org-hours  own-hour  last-hour`);
      lines.push(`    hit@1          ${METHODS.map((k) => pct(c.hitAt1[k])).join('    ')}`);
      lines.push(`    hit@3          ${METHODS.map((k) => pct(c.hitAt3[k])).join('    ')}`);
      lines.push(
        `    hit@1 margin (± paired s.e.): ${BASELINES.map((b) => `${b} ${signed(c.marginAt1[b].margin)} ± ${(c.marginAt1[b].standardError * 100).toFixed(1)}`).join(', ')}`,
      );
      const best = BASELINES.reduce((a, b) => (c.hitAt1[b] > c.hitAt1[a] ? b : a));
      if (c.hitAt1[best] > 0)
        lines.push(
          `    hit@1 over the best baseline (${best}): x${(c.hitAt1.model / c.hitAt1[best]).toFixed(2)}`,
        );
      lines.push(
        `    by stars:  ${c.byStars.map((b) => `${b.stars}★ ${pct(b.hitRate).trim()} (${b.windows})`).join('  ')}`,
      );
    }
  }
  return lines.join('\n');
}

async function loadDataset(dir: string, name: string): Promise<BesttimeEvent[]> {
  const file = join(dir, name, 'events.csv');
  return parseEventsCsv(file, await readFile(file, 'utf8'), (warning) => console.error(warning));
}

/** The app's demo organisation, written to a throw-away database and read back as signals. */
async function demoBesttimeEvents(): Promise<BesttimeEvent[]> {
  const dir = await mkdtemp(join(tmpdir(), 'cw-eval-demo-'));
  try {
    const db = await openDatabase(join(dir, 'demo.sqlite'));
    try {
      generateDemo(db, { seed: 1, people: 400, now: Date.UTC(2026, 10, 23, 9) });
      return [...loadSignalEvents(db, 'Europe/Berlin', null).values()].flat();
    } finally {
      await db.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const dataDir = process.env.CW_DATA_DIR ?? resolve(REPO, '../shared/data');
  const missing = ['git-authors', 'collegemsg'].filter((name) => !existsSync(join(dataDir, name)));
  if (missing.length) {
    console.error(
      `No ${missing.join(' or ')} data set in ${dataDir}. The evaluation reads the public data sets ` +
        "kept beside this repository in ../shared/data (each with its source and licence in that folder's README); " +
        'set CW_DATA_DIR to the folder that holds them.',
    );
    process.exitCode = 1;
    return;
  }
  const datasets: { name: string; events: BesttimeEvent[] }[] = [];
  for (const name of ['git-authors', 'collegemsg'])
    datasets.push({ name, events: await loadDataset(dataDir, name) });
  datasets.push({ name: 'demo', events: await demoBesttimeEvents() });
  if (process.argv.includes('--tune')) {
    tune(
      datasets.filter((d) => d.name !== 'demo'),
      (line) => console.log(line),
    );
    return;
  }
  const dense = process.argv.includes('--dense');
  const results = datasets.map((d) => evaluateDataset(d.name, d.events, { dense }));
  console.log(formatTable(results, 'heldOut'));
  console.log('\n' + formatTable(results, 'tuning'));
  const out = join(REPO, `bench/results/eval${dense ? '-dense' : ''}.json`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(
    out,
    `${JSON.stringify({ generatedAt: new Date().toISOString(), params: MODEL_PARAMS, results }, null, 2)}\n`,
  );
  console.log(`\nwritten ${out}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
