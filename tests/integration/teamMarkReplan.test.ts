import { describe, expect, it, vi } from 'vitest';
import { markPlanRow } from '../../src/main/planner/planActions';
import { DEFAULT_SETTINGS } from '../../src/main/settings/settingsStore';
import { teamDayView } from '../../src/main/team/teamDayView';
import { teamBlockState } from '../../src/shared/teamBlockState';
import { RepPlanCache } from '../../src/main/planner/repPlanInputs';
import { TeamViews, type TeamContext } from '../../src/main/team/teamViews';
import { berlin, eachTestTeamOrg, type TeamOrg } from '../fixtures/teamOrg';

// Counts the plans made: a mark of one rep's day must not make the whole team's again.
const made = vi.hoisted(() => ({ reps: [] as string[] }));
vi.mock('../../src/main/planner/dayPlanSnapshots', async (original) => {
  const actual = await original<typeof import('../../src/main/planner/dayPlanSnapshots')>();
  return {
    ...actual,
    planKeptDay: (...args: Parameters<typeof actual.planKeptDay>) => {
      made.reps.push(args[1].id);
      return actual.planKeptDay(...args);
    },
  };
});

let org: TeamOrg;
let views: TeamViews;
// The reps' plan inputs kept between looks, as the core keeps them until the records change.
eachTestTeamOrg('cw-team-mark-', (env) => {
  org = env.org;
  const inputs = new RepPlanCache();
  inputs.reserve(8);
  views = new TeamViews(org.db, (id, orgTz, now) => inputs.get(org.db, id, orgTz, now));
});

const NOW = '2026-11-23T08:30';
const context = (settings = DEFAULT_SETTINGS): TeamContext => ({
  now: berlin(NOW),
  orgTz: 'Europe/Berlin',
  settings,
});
/** The director's board: each rep's blocks as "name channel: state". */
const board = (settings = DEFAULT_SETTINGS): Record<string, string[]> => {
  const view = teamDayView(views.schedule(org.user('d'), context(settings)));
  return Object.fromEntries(
    view.reps.map((r) => [
      r.repId,
      r.blocks.map((b) => `${b.name} ${b.channel}: ${teamBlockState(b, berlin(NOW))}`),
    ]),
  );
};

function threeReps(): void {
  org.person('a', 'r1', { name: ['Anna', 'Alpha'] });
  org.window('a', 'call', 1, '09:00', '10:00', 4);
  org.person('b', 'r2', { name: ['Ben', 'Beta'] });
  org.window('b', 'call', 1, '10:00', '11:00', 4);
  org.person('c', 'r3', { name: ['Cleo', 'Gamma'] });
  org.window('c', 'email', 1, '15:00', '16:00', 3);
}

describe("the Team page after a rep's mark (TM-1)", () => {
  it("makes only that rep's plan again, and shows the mark on their lane", () => {
    threeReps();
    expect(board()).toMatchObject({
      r1: ['Anna Alpha call: upcoming'],
      r2: ['Ben Beta call: upcoming'],
    });
    made.reps.length = 0;
    markPlanRow(
      org.db,
      'r2',
      { personId: 'b', channel: 'call', date: '2026-11-23', action: 'skipped' },
      berlin(NOW),
    );
    views.invalidate({ records: false });
    expect(board()).toMatchObject({
      r1: ['Anna Alpha call: upcoming'],
      r2: ['Ben Beta call: skipped'],
      r3: ['Cleo Gamma email: upcoming'],
    });
    expect(made.reps).toEqual(['r2']);
    // The mark cleared: that lane reads as before, and again nobody else's plan is made.
    made.reps.length = 0;
    markPlanRow(
      org.db,
      'r2',
      { personId: 'b', channel: 'call', date: '2026-11-23', action: 'clear' },
      berlin(NOW),
    );
    views.invalidate({ records: false });
    expect(board()).toMatchObject({ r2: ['Ben Beta call: upcoming'] });
    expect(made.reps).toEqual(['r2']);
  });

  it('makes every plan again after a change of the settings they are made with', () => {
    threeReps();
    expect(board().r1).toEqual(['Anna Alpha call: upcoming']);
    views.invalidate({ records: false });
    const emailsOnly = { ...DEFAULT_SETTINGS, callSuggestions: false };
    expect(board(emailsOnly)).toMatchObject({
      r1: [],
      r2: [],
      r3: ['Cleo Gamma email: upcoming'],
    });
  });
});
