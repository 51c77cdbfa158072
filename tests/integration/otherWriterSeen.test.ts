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

// The person page and the planner's marks answer from the database, not from anything the core
// keeps: another connection's commit is in their next answer without a `data-changed` here.
describe('a commit by another connection, on the person page and the marks', () => {
  // Tuesday 27 October 2026, the first week after Berlin's clocks went back.
  const now = berlin('2026-10-27T10:40');
  const other = (write: (db: Database.Database) => void): void => {
    const db = new Database(rawHandle(org.db).name);
    try {
      write(db);
    } finally {
      db.close();
    }
  };

  it("shows another computer's call and mark on the person page at the next read", async () => {
    org.person('p1', 'r1');
    org.window('p1', 'call', 2, '10:00', '11:00', 4);
    const core = createCore(org.db, () => now);
    try {
      await core.handlers.setCurrentUser({ userId: 'r1' });
      // The planner keeps today's plan, which the person page's row is judged by.
      await core.handlers.getPlanner({});
      const before = await core.handlers.getPerson({ id: 'p1' });
      expect(before.callToday).toMatchObject({ date: '2026-10-27', mark: null, onPlan: true });
      expect(before.timeline).toHaveLength(0);

      // A sync from the command line stores Rita's call at 10:20 and her Done from her laptop.
      other((db) => {
        db.prepare(
          `insert into activities (id, person_id, owner_id, signal, kind, channel, direction,
             started_at, duration_s, status, source_module, outcome)
           values ('crm-call-1', 'p1', 'r1', 'call_answered', 'call', 'call', 'out', ?, 240,
             'completed', 'Calls', 'answered')`,
        ).run(berlin('2026-10-27T10:20'));
        db.prepare(
          `insert into plan_actions (user_id, person_id, day, channel, action, at)
           values ('r1', 'p1', '2026-10-27', 'call', 'done', ?)`,
        ).run(berlin('2026-10-27T10:25'));
      });

      const after = await core.handlers.getPerson({ id: 'p1' });
      expect(after.timeline.map((a) => a.id)).toEqual(['crm-call-1']);
      expect(after.callToday).toMatchObject({ mark: 'done', onPlan: true });
    } finally {
      core.alerts.dispose();
    }
  });

  it('marks a row by who owns its person now: refused once another connection gave them away, nothing stored', async () => {
    org.person('p1', 'r1', { name: ['Paul', 'Meyer'] });
    org.window('p1', 'call', 2, '10:00', '11:00', 4);
    const core = createCore(org.db, () => now);
    const marks = () =>
      rawHandle(org.db).prepare('select count(*) from plan_actions').pluck().get() as number;
    try {
      await core.handlers.setCurrentUser({ userId: 'r1' });
      await core.handlers.getPlanner({});
      await core.handlers.markPlanRow({
        personId: 'p1',
        channel: 'call',
        date: '2026-10-27',
        action: 'skipped',
      });
      expect(marks()).toBe(1);

      // The CRM gave Paul to Leo; a sync from the command line stores it.
      other((db) => db.prepare("update people set owner_id = 'r2' where id = 'p1'").run());

      await expect(
        core.handlers.markPlanRow({
          personId: 'p1',
          channel: 'call',
          date: '2026-10-27',
          action: 'done',
        }),
      ).rejects.toThrow(
        "Paul Meyer is on Leo London's plan, not Rita Rep's: only Leo London can mark the row or log a call from it.",
      );
      expect(marks()).toBe(1);
    } finally {
      core.alerts.dispose();
    }
  });
});
