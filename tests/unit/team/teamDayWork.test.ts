import BetterSqlite3 from 'better-sqlite3';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { TeamDay, TeamWeek, TeamWeekCell } from '../../../src/shared/teamContract';
import { createCore, type Core } from '../../../src/main/core/createCore';
import type { Db } from '../../../src/main/db/openDatabase';
import { rawHandle } from '../../../src/main/db/bulkHandle';
import type { UserRow } from '../../../src/main/db/schema';
import { teamDayCells, teamWeek } from '../../../src/main/team/teamWeek';
import { berlin, eachTestTeamOrg, type TeamOrg } from '../../fixtures/teamOrg';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../../fixtures/tempDb';

// A manager opens a cell of the Team week ("Calls: 23 logged in Zoho · 6 not done. Tasks: 4 due") and the
// day it opens must name the same figures for that rep: the lanes carry the week's own cell.

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(result.error);
  return result.value as T;
}

/** Each rep's cell of `date` in the week, and the day's figures for the same rep. */
async function weekAndDay(
  core: Core,
  date: string,
): Promise<{ week: Record<string, TeamWeekCell | undefined>; day: Record<string, unknown> }> {
  const week = await call<TeamWeek>(core, 'getTeamWeek', { week: date });
  const day = await call<TeamDay>(core, 'getTeamDay', { date });
  return {
    week: Object.fromEntries(week.reps.map((r) => [r.repId, r.cells.find((c) => c.date === date)])),
    day: Object.fromEntries(day.reps.map((l) => [l.repId, l.work])),
  };
}

describe("the team's day names each rep's calls and tasks as the week's cell does", () => {
  describe('reps in Tokyo, Sydney and New York under a Berlin manager, across Berlin’s clock change', () => {
    let org: TeamOrg;
    eachTestTeamOrg('cw-teamdaywork-', (env) => {
      org = env.org;
    });

    function activity(
      id: string,
      person: string,
      owner: string,
      kind: 'call' | 'task',
      status: string,
      local: string,
      zone: string,
      due: string | null = null,
    ): void {
      rawHandle(org.db)
        .prepare(
          `insert into activities (id, person_id, owner_id, kind, channel, direction, started_at,
             subject, status, source_module, due_date) values (?, ?, ?, ?, ?, 'out', ?, 'Follow up', ?, ?, ?)`,
        )
        .run(
          id,
          person,
          owner,
          kind,
          kind,
          DateTime.fromISO(local, { zone }).toMillis(),
          status,
          kind === 'call' ? 'Calls' : 'Tasks',
          due,
        );
    }

    function setUp(): void {
      org.rep('tokyo', 'Taro Sato', 'm1', 'Asia/Tokyo');
      org.rep('sydney', 'Chloe Martin', 'm1', 'Australia/Sydney');
      org.rep('ny', 'Nina Park', 'm1', 'America/New_York');
      org.person('pt', 'tokyo', { zone: 'Asia/Tokyo' });
      org.person('ps', 'sydney', { zone: 'Australia/Sydney' });
      org.person('pn', 'ny', { zone: 'America/New_York' });
      // Friday 27 March, each on their own clock: made, passed and still to come.
      activity('c1', 'pt', 'tokyo', 'call', 'completed', '2026-03-27T09:00', 'Asia/Tokyo');
      activity('c2', 'pt', 'tokyo', 'call', 'scheduled', '2026-03-27T17:30', 'Asia/Tokyo');
      activity('c3', 'ps', 'sydney', 'call', 'completed', '2026-03-27T11:00', 'Australia/Sydney');
      activity('c4', 'ps', 'sydney', 'call', 'scheduled', '2026-03-27T16:00', 'Australia/Sydney');
      activity('c5', 'pn', 'ny', 'call', 'scheduled', '2026-03-27T09:00', 'America/New_York');
      // 23:30 Thursday in New York is Friday in Berlin: Nina's Thursday, not her Friday.
      activity('c6', 'pn', 'ny', 'call', 'completed', '2026-03-26T23:30', 'America/New_York');
      activity('t1', 'ps', 'sydney', 'task', 'scheduled', '2026-03-27', 'UTC', '2026-03-27');
      activity('t2', 'pn', 'ny', 'task', 'completed', '2026-03-27', 'UTC', '2026-03-27');
      activity('t3', 'pn', 'ny', 'task', 'scheduled', '2026-03-27', 'UTC', '2026-03-27');
      // Sunday 29 March, the day Berlin's clocks go forward.
      activity('c7', 'pt', 'tokyo', 'call', 'scheduled', '2026-03-29T16:00', 'Asia/Tokyo');
      activity('c8', 'pn', 'ny', 'call', 'scheduled', '2026-03-29T09:00', 'America/New_York');
      activity('t4', 'ps', 'sydney', 'task', 'scheduled', '2026-03-29', 'UTC', '2026-03-29');
    }

    it('on a Friday over in Tokyo and Sydney while Berlin’s morning is on, and on the Sunday of the change', async () => {
      setUp();
      // Friday 10:00 in Berlin: 18:00 in Tokyo, 20:00 in Sydney, 05:00 in New York.
      let now = berlin('2026-03-27T10:00');
      const core = createCore(org.db, () => now);
      try {
        await call(core, 'setCurrentUser', { userId: 'm1' });
        const friday = await weekAndDay(core, '2026-03-27');
        expect(friday.day).toEqual(friday.week);
        // The figures are the rep's own: Taro's 17:30 call is past (not done), Nina's 09:00 is to come.
        expect(friday.day['tokyo']).toMatchObject({
          callsMade: 1,
          callsScheduled: 1,
          callsOverdue: 1,
        });
        expect(friday.day['sydney']).toMatchObject({ callsMade: 1, callsOverdue: 1, tasks: 1 });
        expect(friday.day['ny']).toMatchObject({
          callsMade: 0,
          callsScheduled: 1,
          callsOverdue: 0,
          tasks: 2,
          tasksDone: 1,
          tasksOverdue: 0,
        });
        // Sunday 29 March at 15:00 in Berlin, after the change (UTC+2): a day nobody works.
        now = berlin('2026-03-29T15:00');
        const sunday = await weekAndDay(core, '2026-03-29');
        expect(sunday.day).toEqual(sunday.week);
        expect(sunday.day['tokyo']).toMatchObject({ callsScheduled: 1, callsOverdue: 1 });
        expect(sunday.day['ny']).toMatchObject({ callsScheduled: 1, callsOverdue: 0 });
        expect(sunday.day['sydney']).toMatchObject({ tasks: 1, tasksOverdue: 1 });
      } finally {
        core.alerts.dispose();
      }
    });
    it('every date of the week of Berlin’s clock change, each counted alone, is its week cell', async () => {
      setUp();
      const now = berlin('2026-03-27T10:00');
      const core = createCore(org.db, () => now);
      try {
        await call(core, 'setCurrentUser', { userId: 'm1' });
        const week = await call<TeamWeek>(core, 'getTeamWeek', { week: '2026-03-23' });
        for (const { date } of week.days) {
          const { week: cells, day } = await weekAndDay(core, date);
          expect(day, date).toEqual(cells);
        }
      } finally {
        core.alerts.dispose();
      }
    });

    it('a call logged and a task done show in the next read of the day, not the figures before', async () => {
      setUp();
      // Friday 27 March, 14:00 in New York (20:00 in Berlin): Nina works down her day.
      const now = berlin('2026-03-27T20:00');
      const core = createCore(org.db, () => now);
      try {
        await call(core, 'setCurrentUser', { userId: 'm1' });
        const day = async (): Promise<TeamDay> =>
          call<TeamDay>(core, 'getTeamDay', { date: '2026-03-27' });
        const nina = (d: TeamDay): TeamWeekCell | undefined =>
          d.reps.find((l) => l.repId === 'ny')?.work;
        expect(nina(await day())).toMatchObject({ callsMade: 0, tasks: 2, tasksDone: 1 });
        // Read twice with nothing changed, as the page does on a mark elsewhere.
        expect(nina(await day())).toMatchObject({ callsMade: 0, tasksDone: 1 });

        await call(core, 'setCurrentUser', { userId: 'ny' });
        await call(core, 'logCall', { personId: 'pn', outcome: 'answered', durationMin: 4 });
        await call(core, 'setCurrentUser', { userId: 'm1' });
        expect(nina(await day())).toMatchObject({ callsMade: 1, tasks: 2, tasksDone: 1 });

        await call(core, 'setCurrentUser', { userId: 'ny' });
        await call(core, 'changeTask', { activityId: 't3', action: 'done' });
        await call(core, 'setCurrentUser', { userId: 'm1' });
        const after = await day();
        expect(nina(after)).toMatchObject({ callsMade: 1, tasks: 2, tasksDone: 2 });
        // And still the week's cell.
        const week = await call<TeamWeek>(core, 'getTeamWeek', { week: '2026-03-27' });
        expect(nina(after)).toEqual(
          week.reps.find((r) => r.repId === 'ny')?.cells.find((c) => c.date === '2026-03-27'),
        );
      } finally {
        core.alerts.dispose();
      }
    });
    it('a call logged and a task done by another process on the same file (a `sync` from the command line) show in the next read', async () => {
      setUp();
      const now = berlin('2026-03-27T20:00');
      const core = createCore(org.db, () => now);
      // A second connection, as the CLI opens one: the core hears nothing of its writes.
      const other = new BetterSqlite3(org.db.path);
      try {
        await call(core, 'setCurrentUser', { userId: 'm1' });
        const nina = async (): Promise<TeamWeekCell | undefined> =>
          (await call<TeamDay>(core, 'getTeamDay', { date: '2026-03-27' })).reps.find(
            (l) => l.repId === 'ny',
          )?.work;
        expect(await nina()).toMatchObject({ callsMade: 0, tasks: 2, tasksDone: 1 });
        // Read again with nothing changed: the figures are the kept ones.
        expect(await nina()).toMatchObject({ callsMade: 0, tasksDone: 1 });

        other
          .prepare(
            `insert into activities (id, person_id, owner_id, kind, channel, direction, started_at,
               subject, status, source_module) values ('c9', 'pn', 'ny', 'call', 'call', 'out', ?,
               'Synced call', 'completed', 'Calls')`,
          )
          .run(DateTime.fromISO('2026-03-27T10:00', { zone: 'America/New_York' }).toMillis());
        expect(await nina()).toMatchObject({ callsMade: 1, tasks: 2, tasksDone: 1 });

        other.prepare("update activities set status = 'completed' where id = 't3'").run();
        const after = await nina();
        expect(after).toMatchObject({ callsMade: 1, tasks: 2, tasksDone: 2 });
        // As the week (never kept) counts it.
        const week = await call<TeamWeek>(core, 'getTeamWeek', { week: '2026-03-27' });
        expect(after).toEqual(
          week.reps.find((r) => r.repId === 'ny')?.cells.find((c) => c.date === '2026-03-27'),
        );
      } finally {
        other.close();
        core.alerts.dispose();
      }
    });
    it('a call whose time passes and a date that ends show in the next read, with nothing stored between', async () => {
      setUp();
      // Friday 27 March in New York: Nina's 09:00 call (14:00 in Berlin, five hours ahead until its own change) and her open task due that day.
      let now = berlin('2026-03-27T13:59');
      const core = createCore(org.db, () => now);
      try {
        await call(core, 'setCurrentUser', { userId: 'm1' });
        const nina = async (): Promise<TeamWeekCell | undefined> =>
          (await call<TeamDay>(core, 'getTeamDay', { date: '2026-03-27' })).reps.find(
            (l) => l.repId === 'ny',
          )?.work;
        expect(await nina()).toMatchObject({ callsScheduled: 1, callsOverdue: 0, tasksOverdue: 0 });
        now = berlin('2026-03-27T14:00:00.001');
        expect(await nina()).toMatchObject({ callsScheduled: 1, callsOverdue: 1, tasksOverdue: 0 });
        // 23:59 in New York is 04:59 on Saturday in Berlin: her Friday is not over yet.
        now = berlin('2026-03-28T04:59');
        expect(await nina()).toMatchObject({ tasks: 2, tasksDone: 1, tasksOverdue: 0 });
        now = berlin('2026-03-28T05:00');
        expect(await nina()).toMatchObject({ tasks: 2, tasksDone: 1, tasksOverdue: 1 });
        // A clock set back (a test's, or a corrected one) reads its own time, not the later count.
        now = berlin('2026-03-27T13:59');
        expect(await nina()).toMatchObject({ callsOverdue: 0, tasksOverdue: 0 });
      } finally {
        core.alerts.dispose();
      }
    });
  });

  describe('the demo organisation', () => {
    let dir: TempDir | null = null;
    let db: Db | null = null;
    afterEach(async () => {
      await db?.close();
      dir?.remove();
      db = null;
      dir = null;
    });

    it("Greta's reps on Monday 23 November, Sydney and Tokyo among them", async () => {
      dir = makeTempDir('cw-teamdaywork-demo-');
      db = await demoDb(dir);
      const core = createCore(db, () => TEST_NOW);
      try {
        await call(core, 'setCurrentUser', { userId: 'u-m1' });
        const monday = await weekAndDay(core, '2026-11-23');
        expect(Object.keys(monday.day).length).toBeGreaterThan(2);
        expect(monday.day).toEqual(monday.week);
        // Not a match of nothing: the demo's Monday has calls made and scheduled.
        const cells = Object.values(monday.week);
        expect(cells.reduce((n, c) => n + (c?.callsMade ?? 0), 0)).toBeGreaterThan(0);
        expect(cells.reduce((n, c) => n + (c?.callsScheduled ?? 0), 0)).toBeGreaterThan(0);
        // Every user's every date of that week, the day's cells counted alone (as getTeamDay does).
        const users = rawHandle(db).prepare('select * from users').all() as UserRow[];
        const viewer = users.find((u) => u.id === 'u-m1');
        if (!viewer) throw new Error('the demo has no u-m1');
        const whole = teamWeek(db, viewer, users, TEST_NOW, '2026-11-23');
        let counted = 0;
        for (const { date } of whole.days) {
          const alone = teamDayCells(db, users, TEST_NOW, date).cells;
          for (const r of whole.reps) {
            const cell = r.cells.find((c) => c.date === date);
            expect(alone.get(r.repId), `${r.repId} ${date}`).toEqual(cell);
            counted += (cell?.callsMade ?? 0) + (cell?.tasks ?? 0) + (cell?.alerts ?? 0);
            counted += cell?.emailsSent ?? 0;
          }
        }
        expect(counted).toBeGreaterThan(0);
      } finally {
        core.alerts.dispose();
      }
    }, 60_000);
  });
});
