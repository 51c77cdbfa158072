import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/openDatabase';
import { userById } from '../../src/main/db/repos/users';
import { readOrg } from '../../src/main/core/session';
import { markPlanRow } from '../../src/main/planner/planActions';
import { loadRepPlanInputs } from '../../src/main/planner/repPlanInputs';
import { readSettings } from '../../src/main/settings/settingsStore';
import { TeamViews, type TeamContext } from '../../src/main/team/teamViews';
import type { UserRow } from '../../src/main/db/schema';
import { TEST_NOW } from '../fixtures/tempDb';
import { allTestsDemoCore } from '../fixtures/demoCore';

let db: Db;
allTestsDemoCore((env) => ({ db } = env), { relearn: true });

describe("the sparklines after a rep's mark (TM-2)", () => {
  it("count again only the day the mark changed, keeping the other reps' days", async () => {
    const viewer = userById(db, 'u-d1') as UserRow;
    const context: TeamContext = {
      now: TEST_NOW,
      orgTz: readOrg(db).timeZone,
      settings: readSettings(db),
    };
    // Whose people the trend reads: a rep's past days counted again read that rep's people.
    const read: string[] = [];
    const views = new TeamViews(db, (repId, orgTz, at) => {
      read.push(repId);
      return loadRepPlanInputs(db, repId, orgTz, at);
    });
    const before = await views.trend(viewer, context, {});
    expect(new Set(read).size).toBe(12);
    const days = before.reps.find((r) => r.repId === 'u-r2')?.days ?? [];
    const date = days.at(-1)?.date ?? '';
    // A row of u-r2's last working day with a window, marked done now (a past day takes that).
    const rep = userById(db, 'u-r2') as UserRow;
    const lane = views
      .schedule(viewer, context, { date, reps: [rep] })
      .reps.find((r) => r.rep.id === 'u-r2');
    const row = lane?.plan.rows.find((r) => r.start !== null && r.action === null);
    if (!row) throw new Error(`u-r2 has no row with a window on ${date}`);
    markPlanRow(
      db,
      'u-r2',
      { personId: row.personId, channel: row.channel, date, action: 'done' },
      TEST_NOW,
    );
    views.invalidate({ records: false });
    read.length = 0;
    const after = await views.trend(viewer, context, {});
    expect(new Set(read)).toEqual(new Set(['u-r2']));
    // As counted from scratch, the marked day with its mark.
    const fresh = new TeamViews(db, (repId, orgTz, at) => loadRepPlanInputs(db, repId, orgTz, at));
    expect(after).toEqual(await fresh.trend(viewer, context, {}));
    // A change of the records (a sync) counts every rep's days again.
    views.invalidate({ records: true });
    read.length = 0;
    await views.trend(viewer, context, {});
    expect(new Set(read).size).toBe(12);
  }, 60_000);
});
