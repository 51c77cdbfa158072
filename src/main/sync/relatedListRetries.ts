import type { Db } from '../db/openDatabase';
import { readState, writeState } from './syncState';

/**
 * People whose related list (Emails, Visits) could not be read, waiting to be asked again. One
 * person the CRM cannot list must not hold up everyone after them: the step records them here,
 * moves past them and asks them again on a schedule, each list under its own sync_state key.
 */
export interface PersonRetry {
  id: string;
  /** Reads that failed in a row. */
  tries: number;
  /** When the last one failed (epoch ms). */
  at: number;
}

const HOUR = 3_600_000;
// A person is asked at most this many times in all, then left to the step's other passes: an
// answer that fails this long (about 21 hours) is the CRM's record, not a passing outage.
export const MAX_TRIES = 5;
// The list stays small: more failures than this in a day is an outage, and the passes read them.
export const MAX_WAITING = 50;
// Reads failing one after another are the CRM's outage, not one person's: the step ends there.
const FAILURES_IN_A_ROW = 3;

/** The next run after the first failure, then 1, 4 and 16 hours after the last one. */
function waitAfter(tries: number): number {
  return tries <= 1 ? 0 : HOUR * 4 ** (tries - 2);
}

/** The people whose wait is over, the longest waiting first. */
export function dueRetries(list: readonly PersonRetry[], now: number): PersonRetry[] {
  return list.filter((r) => now - r.at >= waitAfter(r.tries)).sort((a, b) => a.at - b.at);
}

/** The list after one more failed read of `id`: dropped after its last try, the oldest first when full. */
export function withFailure(list: readonly PersonRetry[], id: string, now: number): PersonRetry[] {
  const tries = (list.find((r) => r.id === id)?.tries ?? 0) + 1;
  const rest = list.filter((r) => r.id !== id);
  const next = tries >= MAX_TRIES ? rest : [...rest, { id, tries, at: now }];
  return next.sort((a, b) => a.at - b.at).slice(-MAX_WAITING);
}

/**
 * One step's list, kept in sync_state only: read again each time, so a transaction that rolls
 * back after a settle leaves no count behind that the database does not hold.
 */
export class RetryList {
  /** `key`: the sync_state row (Emails keeps 'Emails:retry', as stored since it began). */
  constructor(
    private readonly db: Db,
    private readonly key: string,
  ) {}

  private get people(): PersonRetry[] {
    return readState<{ people: PersonRetry[] }>(this.db, this.key).cursor?.people ?? [];
  }

  get size(): number {
    return this.people.length;
  }

  get ids(): Set<string> {
    return new Set(this.people.map((r) => r.id));
  }

  /** The ids whose wait is over at `now`, the longest waiting first. */
  due(now: number): string[] {
    return dueRetries(this.people, now).map((r) => r.id);
  }

  /**
   * Records how reading `id` went; call inside the transaction that stores the person (or
   * records the failure), so a kill cannot keep one without the other.
   */
  settle(id: string, failed: boolean, at: number): void {
    const people = this.people;
    const next = failed ? withFailure(people, id, at) : people.filter((r) => r.id !== id);
    if (!failed && next.length === people.length) return;
    writeState(
      this.db,
      this.key,
      { watermark: null, cursor: { people: next }, lastSuccessAt: null },
      at,
    );
  }
}

/**
 * One run of a per-person related-list step: who was read already (a person turns up in more
 * than one of its passes), how many reads are left, the retry list, and failures in a row.
 */
export class PersonPass {
  private readonly retries: RetryList;
  private readonly read = new Set<string>();
  private inARow = 0;
  /** Reads left for this run. */
  left: number;

  /** `shown` hears the retry list's size whenever it changes (the step's counts). */
  constructor(
    db: Db,
    key: string,
    peoplePerRun: number,
    private readonly shown: (retrying: number) => void,
  ) {
    this.retries = new RetryList(db, key);
    this.left = peoplePerRun;
    shown(this.retries.size);
  }

  /** The turns, each marked `again` when its person was read earlier this run (not read twice). */
  plan<T extends { person: { id: string } }>(turns: readonly T[]): { turn: T; again: boolean }[] {
    return turns.map((turn) => {
      const again = this.read.has(turn.person.id);
      if (!again) {
        this.read.add(turn.person.id);
        this.left--;
      }
      return { turn, again };
    });
  }

  /** People to ask again at `now`: at most a quarter of `peoplePerRun`, the longest waiting first. */
  due(now: number, peoplePerRun: number): string[] {
    return this.retries.due(now).slice(0, Math.ceil(peoplePerRun / 4));
  }

  /** The people on the retry list: asked on its schedule, not by the step's other passes. */
  waiting(): Set<string> {
    return this.retries.ids;
  }

  /** As RetryList.settle, inside the transaction that stores the person or records the failure. */
  settle(id: string, failed: boolean, at: number): void {
    this.retries.settle(id, failed, at);
    this.shown(this.retries.size);
  }

  private anyAnswered = false;

  /** Whether a read of this run has answered yet (until then, the CRM may list nothing at all). */
  get hasAnswered(): boolean {
    return this.anyAnswered;
  }

  /** A read answered: the failures in a row start again. */
  answered(): void {
    this.inARow = 0;
    this.anyAnswered = true;
  }

  /** A read failed (already settled); false when the step ends for this run (an outage). */
  failedGoOn(): boolean {
    return ++this.inARow < FAILURES_IN_A_ROW;
  }
}

/** A pass over people changed since the last one, newest first, as kept in sync_state. */
interface ChangedPassCursor {
  /** The pass covers people whose key is in (watermark, upper]; null between passes. */
  upper: number | null;
  /** Keyset of the last person done in this pass (descending order). */
  before: { at: number; id: string } | null;
}

/**
 * Walks the pass kept under `key` while the run has reads left: each page of people `find`
 * gives (their key in (watermark, upper], after `before`, newest first) is handed to `take`
 * with the cursor write that records each person done; an empty page closes the pass with a
 * watermark at its upper bound. False when `take` ended the step for this run.
 */
export async function walkChangedPass<P extends { id: string }>(
  db: Db,
  now: () => number,
  key: string,
  run: PersonPass,
  atOf: (person: P) => number,
  find: (
    lower: number,
    upper: number | null,
    before: { at: number; id: string } | null,
    limit: number,
  ) => Promise<{ people: P[]; upper: number | null }>,
  take: (turns: { person: P; advance: () => void }[]) => Promise<boolean>,
): Promise<boolean> {
  const state = readState<ChangedPassCursor>(db, key);
  const lower = state.watermark ?? Number.MIN_SAFE_INTEGER;
  let upper = state.cursor?.upper ?? null;
  let before = state.cursor?.before ?? null;
  while (run.left > 0) {
    const found = await find(lower, upper, before, run.left);
    upper = found.upper;
    if (upper === null) return true;
    if (found.people.length === 0) {
      // The pass is complete: the next one covers what changed after `upper`.
      const at = now();
      writeState(db, key, { watermark: upper, cursor: null, lastSuccessAt: at }, at);
      return true;
    }
    const pass = upper;
    const turns = found.people.map((person) => {
      const cursor: ChangedPassCursor = {
        upper: pass,
        before: { at: atOf(person), id: person.id },
      };
      return { person, advance: () => writeState(db, key, { ...state, cursor }, now()) };
    });
    if (!(await take(turns))) return false;
    const lastDone = found.people.at(-1);
    if (lastDone) before = { at: atOf(lastDone), id: lastDone.id };
  }
  return true;
}
