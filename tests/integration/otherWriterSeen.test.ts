import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { TeamDay } from '../../src/shared/teamContract';
import { createCore } from '../../src/main/core/createCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { berlin, eachTestTeamOrg, type TeamOrg } from '../fixtures/teamOrg';

// A `sync` run from the command line commits to the same file from another process: the app's
// core hears no `data-changed` of it. Its next read must still show the calls it stored, on the
// Team day's windows as on the rep's planner, not fresh counts beside kept plans.

let org: TeamOrg;
eachTestTeamOrg('cw-other-writer-', (env) => ({ org } = env));

describe('a commit by another connection', () => {
  it('shows its call on the Team day and its relearned window on the planner at the next read', async () => {
    org.person('p1', 'r1');
    // Tuesday 27 October 2026, the first week after Berlin's clocks went back.
    org.window('p1', 'call', 2, '10:00', '11:00', 4);
    org.person('p2', 'r1');
    org.window('p2', 'call', 2, '15:00', '16:00', 4);
    const now = berlin('2026-10-27T10:40');
    const core = createCore(org.db, () => now);
    try {
      await core.handlers.setCurrentUser({ userId: 'm1' });
      const rita = async () =>
        ((await core.handlers.getTeamDay({})) as TeamDay).reps.find((l) => l.repId === 'r1');
      const row = async () =>
        (await core.handlers.getPlanner({ repId: 'r1' })).rows.find((r) => r.personId === 'p1');
      expect((await rita())?.coverage).toMatchObject({ windows: 2, worked: 0 });
      expect((await row())?.reached ?? null).toBeNull();
      const p2Start = async () =>
        (await core.handlers.getPlanner({ repId: 'r1' })).rows.find((r) => r.personId === 'p2')
          ?.start;
      expect(await p2Start()).toBe(berlin('2026-10-27T15:00'));

      // The command line's sync, on a connection of its own, stores Rita's call at 10:20.
      const other = new Database(rawHandle(org.db).name);
      try {
        other
          .prepare(
            `insert into activities (id, person_id, owner_id, signal, kind, channel, direction,
               started_at, duration_s, status, source_module, outcome)
             values ('crm-call-1', 'p1', 'r1', 'call_answered', 'call', 'call', 'out', ?, 240,
               'completed', 'Calls', 'answered')`,
          )
          .run(DateTime.fromISO('2026-10-27T10:20', { zone: 'Europe/Berlin' }).toMillis());
        // and relearns Paul's window an hour later.
        other
          .prepare("update best_time_windows set windows = ? where person_id = 'p2'")
          .run(JSON.stringify([[2, 16 * 60, 17 * 60, 4, 'answered calls 16:00-17:00']]));
      } finally {
        other.close();
      }

      expect((await rita())?.coverage).toMatchObject({ windows: 2, worked: 1, missed: 0 });
      expect((await rita())?.work).toMatchObject({ callsMade: 1 });
      expect((await row())?.reached).toMatchObject({ inWindow: true });
      expect(await p2Start()).toBe(berlin('2026-10-27T16:00'));
    } finally {
      core.alerts.dispose();
    }
  });
});
