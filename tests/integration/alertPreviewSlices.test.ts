import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { previewAlertRules } from '../../src/main/alerts/alertPreview';
import { runSteps } from '../../src/main/besttime/model/steps';
import { storedPageViews, storedPageViewsSteps } from '../../src/main/alerts/storedPageViews';
import { currentUser } from '../../src/main/core/session';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

// VT-10: "these rules would have raised N alerts last week" replays a week of stored visits,
// which takes the core's one thread for half a second on a large organisation: a search typed
// meanwhile must not wait for it.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const WEEK = 7 * 86_400_000;

describe('the alert rules preview does not hold up the core (VT-10)', () => {
  it('answers a People search asked while it replays the week before the preview ends, with the same answer as all at once', async () => {
    const db = await demoDb(dir, { people: 1500 });
    const rep = currentUser(db);
    if (!rep) throw new Error('the demo has no signed-in user');
    // A week with visits enough for the replay to take more than one slice.
    expect(storedPageViews(db, TEST_NOW - WEEK, TEST_NOW, rep.id).views.length).toBeGreaterThan(
      1000,
    );
    const core = createCore(db, () => TEST_NOW);
    const done: string[] = [];
    const preview = core.dispatch('previewAlertRules', { days: 7 }).then((r) => {
      done.push('preview');
      return r;
    });
    await turn();
    const search = core.dispatch('listPeople', { query: 'a' }).then((r) => {
      done.push('search');
      return r;
    });
    const [p, s] = await Promise.all([preview, search]);
    expect([p.ok, s.ok]).toEqual([true, true]);
    expect(done).toEqual(['search', 'preview']);
    // Sliced, the same replay as all at once.
    expect(p).toEqual({
      ok: true,
      value: runSteps(previewAlertRules(db, rep, TEST_NOW, { days: 7 })),
    });
    await db.close();
  }, 120_000);

  it('gives other requests turns while it reads the week’s visits, a day at a time, not only while it replays them', async () => {
    const db = await demoDb(dir, { people: 1500 });
    const rep = currentUser(db);
    if (!rep) throw new Error('the demo has no signed-in user');
    const views = storedPageViews(db, TEST_NOW - WEEK, TEST_NOW, rep.id).views.length;
    // Each step is a turn the core gives other requests (runInSlices): the replay takes one a
    // page view; reading the week's stored visits and pages took none before it.
    const steps = previewAlertRules(db, rep, TEST_NOW, { days: 7 });
    let turns = 0;
    while (!steps.next().done) turns++;
    expect(turns).toBeGreaterThanOrEqual(views + 7);
    // Read a day at a time, the same page views, in the same order, as read all at once.
    const whole = storedPageViews(db, TEST_NOW - WEEK, TEST_NOW, rep.id);
    const byDay = runSteps(
      storedPageViewsSteps(db, TEST_NOW - WEEK, TEST_NOW, rep.id, Infinity, 86_400_000),
    );
    expect(byDay.personIds).toEqual(whole.personIds);
    expect([...byDay.views]).toEqual([...whole.views]);
    await db.close();
  }, 120_000);
});
