import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { TeamTrend } from '../../../src/shared/teamContract';
import { createCore } from '../../../src/main/core/createCore';
import { rawHandle } from '../../../src/main/db/bulkHandle';
import { berlin, eachTestTeamOrg, type TeamOrg } from '../../fixtures/teamOrg';

// The sparkline's yesterday, read just after midnight: a window that ended at 23:50 is not struck
// through until 00:20, yet it is yesterday's, and what is read then is kept until the records change.

let org: TeamOrg;
eachTestTeamOrg('cw-trend-midnight-', (env) => ({ org } = env));

describe("the Team trend's yesterday read just after midnight", () => {
  it('counts a window that ended at 23:50 unworked as missed at 00:10, and keeps that share', async () => {
    // No hours stored: the planner closes no day, so Sunday and its late windows count.
    rawHandle(org.db).prepare("update organisation set business_hours = ''").run();
    org.person('p1', 'r1');
    org.person('p2', 'r1');
    // Sunday 25 October 2026: Berlin's clocks went back that night, a 25-hour day.
    org.window('p1', 'call', 7, '21:00', '21:30', 4);
    org.window('p2', 'call', 7, '23:00', '23:50', 4);
    org.activity('p1', 'r1', 'call', '2026-10-25T21:10', { outcome: 'answered' });
    let now = berlin('2026-10-26T00:10');
    const core = createCore(org.db, () => now);
    try {
      await core.handlers.setCurrentUser({ userId: 'm1' });
      const sunday = async () =>
        ((await core.handlers.getTeamTrend({})) as TeamTrend).reps
          .find((r) => r.repId === 'r1')
          ?.days.find((d) => d.date === '2026-10-25');
      expect(DateTime.fromMillis(now, { zone: 'Europe/Berlin' }).toFormat('ccc HH:mm ZZ')).toBe(
        'Mon 00:10 +01:00',
      );
      // One worked, one missed: half, not the whole.
      expect(await sunday()).toMatchObject({ windows: 2, shareWorked: 0.5 });
      // Read again an hour on, from what was kept: the same.
      now = berlin('2026-10-26T01:10');
      expect(await sunday()).toMatchObject({ windows: 2, shareWorked: 0.5 });
    } finally {
      core.alerts.dispose();
    }
  });
});
