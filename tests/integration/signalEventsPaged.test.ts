import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { currentUser } from '../../src/main/core/session';
import { allSignalEventsSteps, loadSignalEvents } from '../../src/main/besttime/store/signalEvents';
import { readOrgHours } from '../../src/main/besttime/store/recomputeWindows';
import { runSteps } from '../../src/main/besttime/model/steps';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

// BT-13: the Settings backtest read a whole organisation's signals in one go (1.7 s on 5,000
// people), the core's thread held the while. It reads them a page of people at a time now, each
// page a slice, and no query is left open between two: the core answers in between.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

describe("the backtest's signal load", () => {
  it('reads the same signals, in the same order, page by page as all at once', async () => {
    const db = await demoDb(dir, { people: 450 });
    const repId = currentUser(db)?.id ?? null;
    const { orgTz } = readOrgHours(db);
    const paged = runSteps(allSignalEventsSteps(db, orgTz, repId));
    const whole = loadSignalEvents(db, orgTz, repId);
    expect([...paged.keys()]).toEqual([...whole.keys()]);
    expect(paged).toEqual(whole);
    await db.close();
  }, 120_000);

  it('hands the connection back between its steps: a People search is answered between two', async () => {
    const db = await demoDb(dir, { people: 450 });
    const repId = currentUser(db)?.id ?? null;
    const core = createCore(db, () => TEST_NOW);
    const steps = allSignalEventsSteps(db, readOrgHours(db).orgTz, repId);
    let count = 0;
    let searched = 0;
    for (let next = steps.next(); !next.done; next = steps.next()) {
      count++;
      // Every 100th step, as a search typed while Settings computes: answered, not refused as busy.
      if (count % 100 === 1) {
        const search = await core.dispatch('listPeople', { query: 'a' });
        expect(search.ok).toBe(true);
        searched++;
      }
    }
    // People in pages of 200 (three for 450), then a step per person's signals read.
    expect(count).toBeGreaterThan(450);
    expect(searched).toBeGreaterThan(4);
    await db.close();
  }, 120_000);
});
