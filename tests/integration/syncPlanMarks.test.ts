import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { buildOrganisation } from '../crm-server/crmFactories';
import {
  eachTestSyncEnv,
  syncDb,
  zohoSourceFor,
  type SyncTestEnv,
} from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { createCore } from '../../src/main/core/createCore';
import { markPlanRow, rowActions } from '../../src/main/planner/planActions';
import { unsentPlanMarks } from '../../src/main/db/repos/planMarkShares';
import type { Db } from '../../src/main/db/openDatabase';
import type { TeamDay } from '../../src/shared/teamContract';

// A rep and their manager each run the app on their own computer with their own copy of the
// CRM: the rep's Done, Snooze and Skip reach the manager's Team page only through the CRM.
const MODULE = 'CW_Plan_Marks';
const MINUTE = 60_000;

let env: SyncTestEnv | null = null;
eachTestSyncEnv(
  'cw-plan-marks-',
  () => {
    const data = buildOrganisation(53, { leads: 12, contacts: 12, deals: 2, visits: 0 });
    data.table(MODULE); // the admin added the module
    return data;
  },
  (e) => (env = e),
);
const current = (): SyncTestEnv => {
  if (!env) throw new Error('no test environment');
  return env;
};

/** One computer: its database and its app's core, signed in as `userId`, on the CRM's clock. */
async function computer(file: string, userId: string, clock: () => number) {
  const { server, dir } = current();
  const db = await syncDb(dir.file(file));
  const sync = async (options: Parameters<typeof runSync>[2] = {}) => {
    server.data.currentUserId = userId;
    return runSync(db, zohoSourceFor(server), { now: clock, ...options });
  };
  await sync();
  const core = createCore(db, clock);
  await core.recomputeSuggestions();
  return { db, core, sync };
}

/** The first window of `repId`'s lane on the manager's board that is still to come. */
function aBlockOf(day: TeamDay, repId: string, now: number) {
  const lane = day.reps.find((l) => l.repId === repId);
  const block = lane?.blocks.find((b) => b.start > now);
  if (!lane || !block) throw new Error(`no window to come on ${repId}'s lane`);
  return { lane, block };
}

/** A row of the signed-in rep's plan whose window is still to come. */
async function aRowOf(core: ReturnType<typeof createCore>, now: number) {
  const plan = await core.handlers.getPlanner({});
  const row = plan.rows.find((r) => r.start !== null && r.start > now);
  if (!row) throw new Error('no window to come on the plan');
  return { personId: row.personId, channel: row.channel, date: plan.date };
}

async function closeAll(...dbs: Db[]): Promise<void> {
  for (const db of dbs) await db.close();
}

describe("a rep's plan marks reach their manager's computer through the CRM (PL-4, TM-1)", () => {
  it('a skip made on the rep’s computer shows on the manager’s Team page after both sync; taken back, it goes there too', async () => {
    const { server } = current();
    // Monday 05 Jan 2026, 07:30 in Berlin: the day's windows are all still to come.
    let now = DateTime.fromISO('2026-01-05T07:30', { zone: 'Europe/Berlin' }).toMillis();
    server.data.clock = now;
    const clock = () => now;
    const rep = await computer('rep.db', 'u2', clock);
    const boss = await computer('boss.db', 'u1', clock);
    try {
      const before = await boss.core.handlers.getTeamDay({});
      const { lane, block } = aBlockOf(before, 'u2', now);
      expect(block.action).toBeNull();
      const row = { personId: block.personId, channel: block.channel, date: lane.date };

      now += MINUTE;
      await rep.core.handlers.markPlanRow({ ...row, action: 'skipped' });
      server.data.clock = now;
      const sent = await rep.sync();
      expect(sent.notes).toEqual([]);
      const records = [...server.data.table(MODULE).values()];
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        Name: `u2|${row.personId}|${row.date}|${row.channel}`,
        Owner: { id: 'u2' },
        Mark: 'skipped',
      });
      expect(unsentPlanMarks(rep.db, 10)).toEqual([]);

      // The manager's computer has not synced since: it cannot know yet.
      expect(aBlockOf(await boss.core.handlers.getTeamDay({}), 'u2', now).block.action).toBeNull();
      const heard: string[][] = [];
      boss.core.on('data-changed', (e: { entities: string[] }) => heard.push(e.entities));
      now += MINUTE;
      server.data.clock = now;
      const read = await boss.sync({
        onChanged: (entities) => boss.core.emit('data-changed', { entities }),
      });
      expect(read.notes).toEqual([]);
      expect(heard).toContainEqual(['plan']);
      const after = await boss.core.handlers.getTeamDay({});
      const seen = after.reps
        .find((l) => l.repId === 'u2')
        ?.blocks.find((b) => b.personId === row.personId && b.channel === row.channel);
      expect(seen?.action).toBe('skipped');

      // Taken back on the rep's computer: the manager's lane loses the mark too.
      now += MINUTE;
      await rep.core.handlers.markPlanRow({ ...row, action: 'clear' });
      server.data.clock = now;
      await rep.sync();
      expect([...server.data.table(MODULE).values()]).toHaveLength(1);
      now += MINUTE;
      server.data.clock = now;
      await boss.sync({ onChanged: (entities) => boss.core.emit('data-changed', { entities }) });
      expect(rowActions(boss.db, 'u2', row.date).size).toBe(0);
      const cleared = (await boss.core.handlers.getTeamDay({})).reps
        .find((l) => l.repId === 'u2')
        ?.blocks.find((b) => b.personId === row.personId && b.channel === row.channel);
      expect(cleared?.action).toBeNull();
    } finally {
      await closeAll(rep.db, boss.db);
    }
  });

  it('a mark made here and not yet sent is not undone by an older one read from the CRM', async () => {
    const { server } = current();
    let now = DateTime.fromISO('2026-01-05T07:30', { zone: 'Europe/Berlin' }).toMillis();
    server.data.clock = now;
    const clock = () => now;
    const rep = await computer('rep.db', 'u2', clock);
    const laptop = await computer('laptop.db', 'u2', clock);
    try {
      const row = await aRowOf(rep.core, now);
      now += MINUTE;
      markPlanRow(laptop.db, 'u2', { ...row, action: 'skipped' }, now);
      server.data.clock = now;
      await laptop.sync();
      // Later, on the desk computer, before it synced: done.
      now += MINUTE;
      markPlanRow(rep.db, 'u2', { ...row, action: 'done' }, now);
      server.data.clock = now;
      await rep.sync();
      expect(rowActions(rep.db, 'u2', row.date).get(`${row.personId}|${row.channel}`)?.action).toBe(
        'done',
      );
      // …and the laptop follows the later mark.
      now += MINUTE;
      server.data.clock = now;
      await laptop.sync();
      expect(
        rowActions(laptop.db, 'u2', row.date).get(`${row.personId}|${row.channel}`)?.action,
      ).toBe('done');
      expect([...server.data.table(MODULE).values()].map((r) => r['Mark'])).toEqual(['done']);
    } finally {
      await closeAll(rep.db, laptop.db);
    }
  });

  it('an organisation without the module syncs as before; a rep with marks hears they stay on this computer, and they go once the module is there', async () => {
    const { server } = current();
    server.data.removeModule(MODULE);
    let now = DateTime.fromISO('2026-01-05T07:30', { zone: 'Europe/Berlin' }).toMillis();
    server.data.clock = now;
    const clock = () => now;
    const rep = await computer('rep.db', 'u2', clock);
    try {
      const quiet = await rep.sync();
      expect(quiet.notes).toEqual([]);
      const row = await aRowOf(rep.core, now);
      now += MINUTE;
      markPlanRow(rep.db, 'u2', { ...row, action: 'snoozed' }, now);
      const held = await rep.sync();
      expect(held.notes).toEqual([
        expect.stringMatching(
          /^1 plan mark made here stays on this computer, unseen by your manager: the organisation has no CW_Plan_Marks module/,
        ),
      ]);
      expect(Object.values(held.modules).every((m) => m !== undefined)).toBe(true);
      expect(unsentPlanMarks(rep.db, 10)).toHaveLength(1);

      // The admin adds it; the organisation's metadata is read again (a day later, or Sync now).
      server.data.table(MODULE);
      now += MINUTE;
      server.data.clock = now;
      const sent = await rep.sync({ refreshMetadata: true });
      expect(sent.notes).toEqual([]);
      expect([...server.data.table(MODULE).values()].map((r) => r['Mark'])).toEqual(['snoozed']);
      expect(unsentPlanMarks(rep.db, 10)).toEqual([]);
    } finally {
      await closeAll(rep.db);
    }
  });

  it('a failure of the CRM leaves the marks to send and the run whole; a mark the CRM refuses is said and not sent again', async () => {
    const { server } = current();
    let now = DateTime.fromISO('2026-01-05T07:30', { zone: 'Europe/Berlin' }).toMillis();
    server.data.clock = now;
    const clock = () => now;
    const rep = await computer('rep.db', 'u2', clock);
    try {
      const row = await aRowOf(rep.core, now);
      now += MINUTE;
      markPlanRow(rep.db, 'u2', { ...row, action: 'skipped' }, now);
      server.inject('server-error', { path: /CW_Plan_Marks\/upsert/, times: 20 });
      const failed = await rep.sync();
      expect(failed.notes).toEqual([
        expect.stringMatching(
          /^Plan marks were not sent to the CRM this time \(.*\); the next sync sends them$/,
        ),
      ]);
      expect(unsentPlanMarks(rep.db, 10)).toHaveLength(1);
      server.clearFaults();

      // The admin removed a field the marks need, after the metadata was read.
      server.data.removeField(MODULE, 'Marked_At');
      const refused = await rep.sync();
      expect(refused.notes).toEqual([
        expect.stringMatching(
          /^The CRM refused 1 plan mark, which stays on this computer: INVALID_DATA: .*Marked_At/,
        ),
        expect.stringMatching(
          /^The team's plan marks were not read from the CRM this time \(the CW_Plan_Marks module lacks a field the app needs \(Mark, Marked_At\)/,
        ),
      ]);
      expect(unsentPlanMarks(rep.db, 10)).toEqual([]);
      expect(server.data.table(MODULE).size).toBe(0);
      // Once the metadata is read again, every computer says what the module lacks.
      const told = await rep.sync({ refreshMetadata: true });
      expect(told.notes).toEqual([
        "The team's plan marks were not read from the CRM this time (the CW_Plan_Marks module lacks the field Marked_At)",
      ]);
    } finally {
      await closeAll(rep.db);
    }
  });
});
