import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { DEFAULT_SETTINGS } from '../../src/main/settings/settingsStore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { berlin, eachTestTeamOrg, type TeamOrg } from '../fixtures/teamOrg';
import type { TeamViews } from '../../src/main/team/teamViews';

// A window that opens late in the rep's day and closes after its midnight: a call after midnight
// inside it works it, on the planner's row of that day as on the Team page (one rule,
// `countsForDay` in src/shared/contactSpan.ts).

let org: TeamOrg;
let views: TeamViews;
eachTestTeamOrg('cw-past-midnight-', (env) => ({ org, views } = env));

/** Rita Rep's (r1, Berlin) plan of `date` as the planner shows it at `nowBerlin`. */
async function plannerRows(nowBerlin: string, date: string) {
  const core = createCore(org.db, () => berlin(nowBerlin));
  await core.handlers.setCurrentUser({ userId: 'r1' });
  return (await core.handlers.getPlanner({ date })).rows;
}

/** The director's Team page lane of Rita Rep on `date`, read at `nowBerlin`. */
const ritaLane = (nowBerlin: string, date: string) =>
  views
    .schedule(
      org.user('d'),
      { now: berlin(nowBerlin), orgTz: 'Europe/Berlin', settings: DEFAULT_SETTINGS },
      { date },
    )
    .reps.find((r) => r.rep.id === 'r1');

describe('a call after midnight in a window running past the rep’s day (PL-1, TM-2)', () => {
  it('works the window on the planner and the Team page alike, the night Berlin turns its clocks back', async () => {
    // Any hour is a working one when the organisation has none stored.
    rawHandle(org.db).prepare("update organisation set business_hours = ''").run();
    // Kolkata's Monday 04:00–05:00 is Sunday 23:30 to Monday 00:30 in Berlin: the window opens on
    // Sunday 25 October 2026, the 25-hour day, and closes after its midnight (22:30–23:30 UTC).
    org.person('owl', 'r1', { zone: 'Asia/Kolkata' });
    org.window('owl', 'call', 1, '04:00', '05:00', 4, 'Asia/Kolkata');
    org.activity('owl', 'r1', 'call', '2026-10-26T00:10', {
      outcome: 'answered',
      durationS: 300,
    });
    const rita = ritaLane('2026-10-26T12:00', '2026-10-25');
    expect(rita?.coverage).toMatchObject({ windows: 1, worked: 1, missed: 0 });
    expect(rita?.worked).toEqual([
      { at: berlin('2026-10-26T00:15'), by: 'logged', inWindow: true },
    ]);
    const rows = await plannerRows('2026-10-26T12:00', '2026-10-25');
    const row = rows.find((r) => r.personId === 'owl' && r.channel === 'call');
    expect(row).toMatchObject({
      start: berlin('2026-10-25T23:30'),
      end: berlin('2026-10-26T00:30'),
      reached: { at: berlin('2026-10-26T00:15'), inWindow: true },
    });
  });

  it('leaves a call after midnight outside the day’s windows to the next day', async () => {
    rawHandle(org.db).prepare("update organisation set business_hours = ''").run();
    org.person('owl', 'r1', { zone: 'Asia/Kolkata' });
    org.window('owl', 'call', 1, '04:00', '05:00', 4, 'Asia/Kolkata');
    // 00:40, after the window closed at 00:30: Monday's call, not Sunday's.
    org.activity('owl', 'r1', 'call', '2026-10-26T00:40', {
      outcome: 'answered',
      durationS: 300,
    });
    expect(ritaLane('2026-10-26T12:00', '2026-10-25')?.coverage).toMatchObject({
      windows: 1,
      worked: 0,
      missed: 1,
    });
    const rows = await plannerRows('2026-10-26T12:00', '2026-10-25');
    const row = rows.find((r) => r.personId === 'owl' && r.channel === 'call');
    expect(row?.start).toBe(berlin('2026-10-25T23:30'));
    expect(row?.reached).toBeUndefined();
  });
});
