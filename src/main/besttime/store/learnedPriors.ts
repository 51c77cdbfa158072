import { MODEL_PARAMS } from '../model/modelParams';
import { PRIORS_VERSION, type BesttimePriors } from '../model/priors';
import type { Db } from '../../db/openDatabase';
import { learnedPriorsRow, putLearnedPriors } from '../../db/repos/learnedPriors';
import { CHANNELS } from '../../../shared/signals';
import { excerpt } from '../../../shared/excerpt';

// The priors a full relearn learned, as stored in `learned_priors` and read back at the next
// start, so that a start relearns only the people a sync touches (or nobody) instead of
// everyone. Numbers go through JSON unchanged (a double prints as the shortest text that reads
// back as the same double), so a person relearned against stored priors gets the windows the
// same priors in memory would give.

type GroupProfile = BesttimePriors['org'];
type AnswerCounts = BesttimePriors['answers']['org'];

/** What the priors were learned under: stored priors learned under anything else are not used. */
export interface PriorsContext {
  slotMinutes: number;
  orgTz: string;
}

interface StoredProfile {
  mass: Record<string, number[]>;
  people: Record<string, number>;
}

interface StoredPriors {
  slotMinutes: number;
  orgTz: string;
  params: unknown;
  halfLifeDays: number;
  org: StoredProfile;
  byZone: [string, StoredProfile][];
  strengths: BesttimePriors['strengths'];
  calibration: BesttimePriors['calibration'];
  answers: { org: StoredAnswers; byZone: [string, StoredAnswers][] };
}

interface StoredAnswers {
  answered: number[];
  unanswered: number[];
}

export type StoredPriorsRead =
  | { priors: BesttimePriors }
  /**
   * Why there are none to use, worded after "the stored priors"; `damaged`: they are there and
   * cannot be read (worth a line in the log), else outdated or absent.
   */
  | { missing: string; damaged: boolean };

const answersOut = (a: AnswerCounts): StoredAnswers => ({
  answered: Array.from(a.answered),
  unanswered: Array.from(a.unanswered),
});

const profileOut = (p: GroupProfile): StoredProfile => ({
  mass: Object.fromEntries(CHANNELS.map((c) => [c, Array.from(p.mass[c])])),
  people: { ...p.people },
});

/** Writes the priors of a full relearn; call inside the transaction that writes its windows. */
export function writeLearnedPriors(
  db: Db,
  priors: BesttimePriors,
  ctx: PriorsContext,
  learnedAt: number,
): void {
  const stored: StoredPriors = {
    slotMinutes: priors.slotMinutes,
    orgTz: ctx.orgTz,
    params: MODEL_PARAMS,
    halfLifeDays: priors.halfLifeDays,
    org: profileOut(priors.org),
    byZone: [...priors.byZone].map(([zone, p]) => [zone, profileOut(p)]),
    strengths: priors.strengths,
    calibration: priors.calibration,
    answers: {
      org: answersOut(priors.answers.org),
      byZone: [...priors.answers.byZone].map(([zone, a]) => [zone, answersOut(a)]),
    },
  };
  putLearnedPriors(db, {
    model_version: PRIORS_VERSION,
    learned_at: learnedAt,
    priors: JSON.stringify(stored),
  });
}

class Damaged extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function finite(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new Damaged(`${what} is ${excerpt(v)}, not a number`);
  return v;
}

function profileIn(v: unknown, cells: number, what: string): GroupProfile {
  if (!isObject(v) || !isObject(v['mass']) || !isObject(v['people']))
    throw new Damaged(`${what} is not a profile`);
  const mass = v['mass'];
  const people = v['people'];
  const out = {
    mass: {} as GroupProfile['mass'],
    people: {} as GroupProfile['people'],
  };
  for (const c of CHANNELS) {
    const cellsOf = mass[c];
    if (!Array.isArray(cellsOf) || cellsOf.length !== cells)
      throw new Damaged(
        `${what} ${c} has ${Array.isArray(cellsOf) ? cellsOf.length : 'no'} cells, not ${cells}`,
      );
    const array = new Float64Array(cells);
    for (let i = 0; i < cells; i++) array[i] = finite(cellsOf[i], `${what} ${c} cell ${i}`);
    out.mass[c] = array;
    out.people[c] = finite(people[c], `${what} ${c} people`);
  }
  return out;
}

function cellsIn(v: unknown, cells: number, what: string): Float64Array {
  if (!Array.isArray(v) || v.length !== cells)
    throw new Damaged(`${what} has ${Array.isArray(v) ? v.length : 'no'} cells, not ${cells}`);
  const array = new Float64Array(cells);
  for (let i = 0; i < cells; i++) array[i] = finite(v[i], `${what} cell ${i}`);
  return array;
}

function answersIn(v: unknown, cells: number, what: string): AnswerCounts {
  if (!isObject(v)) throw new Damaged(`${what} is not a count of answers`);
  return {
    answered: cellsIn(v['answered'], cells, `${what} answered`),
    unanswered: cellsIn(v['unanswered'], cells, `${what} unanswered`),
  };
}

function bandsIn(v: unknown): number[] {
  if (!Array.isArray(v)) throw new Damaged('calibration bands are missing');
  return v.map((b, i) => finite(b, `calibration band ${i}`));
}

function channelsIn<T>(
  v: unknown,
  what: string,
  read: (x: Record<string, unknown>) => T,
): Record<(typeof CHANNELS)[number], T> {
  if (!isObject(v)) throw new Damaged(`${what} is missing`);
  const out = {} as Record<(typeof CHANNELS)[number], T>;
  for (const c of CHANNELS) {
    const x = v[c];
    if (!isObject(x)) throw new Damaged(`${what} ${c} is missing`);
    out[c] = read(x);
  }
  return out;
}

function decode(text: string, ctx: PriorsContext): BesttimePriors | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (error) {
    throw new Damaged(`not JSON (${(error as Error).message})`);
  }
  if (!isObject(v)) throw new Damaged('not an object');
  // Learned under other settings or constants: not damaged, only not these priors.
  if (v['slotMinutes'] !== ctx.slotMinutes)
    return `were learned for ${String(v['slotMinutes'])}-minute slots, not ${ctx.slotMinutes}`;
  if (v['orgTz'] !== ctx.orgTz)
    return `were learned for the zone ${excerpt(String(v['orgTz']))}, not ${ctx.orgTz}`;
  if (JSON.stringify(v['params']) !== JSON.stringify(MODEL_PARAMS))
    return 'were learned with other model constants';
  const cells = 7 * (1440 / ctx.slotMinutes);
  const byZone = v['byZone'];
  if (!Array.isArray(byZone)) throw new Damaged('the zones are missing');
  const zones = new Map<string, GroupProfile>();
  for (const entry of byZone) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string')
      throw new Damaged('a zone entry is not [zone, profile]');
    zones.set(entry[0], profileIn(entry[1], cells, `zone ${excerpt(entry[0])}`));
  }
  const answers = v['answers'];
  if (!isObject(answers) || !Array.isArray(answers['byZone']))
    throw new Damaged('the answered calls are missing');
  const answersByZone = new Map<string, AnswerCounts>();
  for (const entry of answers['byZone']) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string')
      throw new Damaged('an answers entry is not [zone, counts]');
    answersByZone.set(entry[0], answersIn(entry[1], cells, `answers of ${excerpt(entry[0])}`));
  }
  return {
    version: PRIORS_VERSION,
    slotMinutes: ctx.slotMinutes,
    org: profileIn(v['org'], cells, 'the organisation'),
    byZone: zones,
    halfLifeDays: finite(v['halfLifeDays'], 'the half-life'),
    strengths: channelsIn(v['strengths'], 'strengths', (x) => ({
      person: finite(x['person'], 'a person strength'),
      day: finite(x['day'], 'a day strength'),
    })),
    calibration: channelsIn(v['calibration'], 'calibration', (x) => {
      if (typeof x['fitted'] !== 'boolean')
        throw new Damaged('calibration.fitted is not a boolean');
      return {
        fitted: x['fitted'],
        intercept: finite(x['intercept'], 'calibration intercept'),
        score: finite(x['score'], 'calibration score'),
        ownWindow: finite(x['ownWindow'], 'calibration ownWindow'),
        ownSittings: finite(x['ownSittings'], 'calibration ownSittings'),
        bands: bandsIn(x['bands']),
      };
    }),
    answers: {
      org: answersIn(answers['org'], cells, 'the organisation answers'),
      byZone: answersByZone,
    },
  };
}

/**
 * The stored priors of the last full relearn, when they are fit to relearn people against: of
 * this model version, of that relearn (`learnedAt`, the windows_learned_at setting), learned
 * for these slots and this organisation zone with these constants, and readable. Never throws.
 */
export function readLearnedPriors(db: Db, ctx: PriorsContext, learnedAt: number): StoredPriorsRead {
  let row;
  try {
    row = learnedPriorsRow(db);
  } catch (error) {
    return { missing: `cannot be read: ${(error as Error).message}`, damaged: true };
  }
  if (!row) return { missing: 'are missing', damaged: false };
  if (row.model_version !== PRIORS_VERSION)
    return {
      missing: `are from model version ${row.model_version}, not ${PRIORS_VERSION}`,
      damaged: false,
    };
  if (row.learned_at !== learnedAt)
    return { missing: 'are not from the last full relearn', damaged: false };
  try {
    const priors = decode(row.priors, ctx);
    return typeof priors === 'string' ? { missing: priors, damaged: false } : { priors };
  } catch (error) {
    // Whatever went wrong reading them, the answer is the same: relearn everyone.
    return { missing: `are damaged: ${(error as Error).message}`, damaged: true };
  }
}
