import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/main/settings/settingsStore';
import { loadRepPlanInputs } from '../../src/main/planner/repPlanInputs';
import { TeamViews } from '../../src/main/team/teamViews';
import { teamDayView } from '../../src/main/team/teamDayView';
import { runCliInProcess } from '../fixtures/runCli';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { berlin, teamOrgDb } from '../fixtures/teamOrg';

// The Team page's clashes are lines (every clash at one account, or person, and channel over a
// stretch of overlapping windows); the `team` command lists one per person and time. The page
// said "Clashes (22)" where the command listed 56: it now says both, from the same clashes.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir('cw-team-clash-counts-');
});
afterEach(() => dir.remove());

describe('the Team page counts its clashes as the team command lists them too', () => {
  it('names its lines and the clashes per person, the number the command lists', async () => {
    const org = await teamOrgDb(dir);
    // Rita and Leo both planned at Acme from 10:00 on Monday: Rita's two people and Leo's one.
    org.account('acme', 'Acme GmbH', 'r1');
    for (const [id, rep] of [
      ['a1', 'r1'],
      ['a2', 'r1'],
      ['a3', 'r2'],
    ] as const) {
      org.person(id, rep, { account: 'acme', zone: 'Europe/Berlin' });
      org.window(id, 'call', 1, '10:00', '11:00', 4);
    }
    // And Leo's lead at Beta and Rita's contact there, on emails in the afternoon.
    org.account('beta', 'Beta AG', 'r1');
    org.person('b1', 'r1', { account: 'beta' });
    org.window('b1', 'email', 1, '15:00', '16:00', 3);
    org.person('b2', 'r2', { company: 'Beta AG', zone: 'Europe/Berlin' });
    org.window('b2', 'email', 1, '15:00', '16:00', 3);
    const views = new TeamViews(org.db, (id, orgTz, now) =>
      loadRepPlanInputs(org.db, id, orgTz, now),
    );
    const now = berlin('2026-11-23T08:00');
    const day = teamDayView(
      views.schedule(org.user('m1'), { now, orgTz: 'Europe/Berlin', settings: DEFAULT_SETTINGS }),
    );
    await org.db.close();

    const out = dir.file('team.json');
    const res = await runCliInProcess([
      'team',
      '--db',
      dir.file('team.db'),
      '--manager',
      'm1',
      '--now',
      '2026-11-23T08:00:00+01:00',
      '--out',
      out,
    ]);
    expect(res.code).toBe(0);
    const listed = (JSON.parse(readFileSync(out, 'utf8')) as { clashes: unknown[] }).clashes;
    // Two lines (Acme's calls, Beta's emails); five people in them, each a clash of the command.
    expect(day.clashTotal).toBe(2);
    expect(listed).toHaveLength(5);
    expect(day.clashEntries).toBe(listed.length);
  });
});
