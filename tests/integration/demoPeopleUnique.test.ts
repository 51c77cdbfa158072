import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { generateDemo } from '../../src/main/demo/generateDemo';
import { makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

// Two people of one name at one company (Elias Clark, Quartz Materials LLC, twice among Anna's)
// read as one row written twice on the app's first start.

let dir: TempDir;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => dir.remove());

/** "Name, Company" of each person who shares both with someone written before them. */
async function namesGivenTwice(seed: number, people: number, now: number): Promise<string[]> {
  const db = await openDatabase(dir.file(`demo-${seed}-${people}-${now}.db`));
  try {
    generateDemo(db, { seed, people, now });
    const rows = rawHandle(db)
      .prepare(
        `select first_name || ' ' || last_name || ', ' || company as who from people
         group by first_name, last_name, company having count(*) > 1`,
      )
      .all() as { who: string }[];
    return rows.map((r) => r.who);
  } finally {
    await db.close();
  }
}

describe('the demo organisation’s people', () => {
  // The demo's draws depend on when it is written: the app's (seed 1) at the tests' instant and
  // a week later, and the test fixtures' (seed 7).
  it.each([
    [1, TEST_NOW],
    [1, TEST_NOW + 7 * 86_400_000],
    [7, TEST_NOW],
  ])(
    'of the default size (seed %i, written at %i) have no name twice at one company',
    async (seed, now) => {
      expect(await namesGivenTwice(seed, 400, now)).toEqual([]);
    },
  );

  // The 50,000-person demo (the benchmarks') was checked once when this rule was written (49
  // such pairs before, none after); it takes minutes, too long for every run of the suite.
});
