import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { buildOrganisation } from '../crm-server/crmFactories';
import { zohoTime } from '../crm-server/crmDataSet';
import {
  eachTestSyncEnv,
  syncDb,
  zohoSourceFor,
  type SyncTestEnv,
} from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { LocalStore } from '../../src/main/sync/localStore';
import { transaction } from '../../src/main/db/sqlRun';
import { createCore } from '../../src/main/core/createCore';
import { markPlanRow, rowActions } from '../../src/main/planner/planActions';
import { planMarksPulledTo, unsentPlanMarks } from '../../src/main/db/repos/planMarkShares';
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

/**
 * Both computers' clock and the CRM's: Monday 05 Jan 2026, 07:30 in Berlin, when the day's
 * windows are all still to come; `tick` moves them on a minute together.
 */
function startClock() {
  const { server } = current();
  const t = {
    now: DateTime.fromISO('2026-01-05T07:30', { zone: 'Europe/Berlin' }).toMillis(),
    read: () => t.now,
    tick: () => {
      t.now += MINUTE;
      server.data.clock = t.now;
    },
  };
  server.data.clock = t.now;
  return t;
}

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

/** The mark the manager's board shows on u2's window of `block`'s person and channel. */
async function actionOnBoard(
  core: ReturnType<typeof createCore>,
  block: { personId: string; channel: string },
) {
  return (await core.handlers.getTeamDay({})).reps
    .find((l) => l.repId === 'u2')
    ?.blocks.find((b) => b.personId === block.personId && b.channel === block.channel)?.action;
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
    const t = startClock();
    const rep = await computer('rep.db', 'u2', t.read);
    const boss = await computer('boss.db', 'u1', t.read);
    try {
      const before = await boss.core.handlers.getTeamDay({});
      const { lane, block } = aBlockOf(before, 'u2', t.now);
      expect(block.action).toBeNull();
      const row = { personId: block.personId, channel: block.channel, date: lane.date };

      t.tick();
      await rep.core.handlers.markPlanRow({ ...row, action: 'skipped' });
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
      expect(
        aBlockOf(await boss.core.handlers.getTeamDay({}), 'u2', t.now).block.action,
      ).toBeNull();
      const heard: string[][] = [];
      boss.core.on('data-changed', (e: { entities: string[] }) => heard.push(e.entities));
      t.tick();
      const read = await boss.sync({
        onChanged: (entities) => boss.core.emit('data-changed', { entities }),
      });
      expect(read.notes).toEqual([]);
      expect(heard).toContainEqual(['plan']);
      // The next read asks only for what changed after this one.
      expect(planMarksPulledTo(boss.db)).toBe(Date.parse(String(records[0]?.['Modified_Time'])));
      const after = await boss.core.handlers.getTeamDay({});
      expect(after.marksUnshared).toBeNull();
      const seen = after.reps
        .find((l) => l.repId === 'u2')
        ?.blocks.find((b) => b.personId === row.personId && b.channel === row.channel);
      expect(seen?.action).toBe('skipped');

      // Taken back on the rep's computer: the manager's lane loses the mark too.
      t.tick();
      await rep.core.handlers.markPlanRow({ ...row, action: 'clear' });
      await rep.sync();
      expect([...server.data.table(MODULE).values()]).toHaveLength(1);
      t.tick();
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

  /**
   * The rep's Skip of a window on the manager's board, among `filler` other marks in Zoho (of
   * people the manager's computer does not hold), placed 201st oldest: the first of a second
   * page. `sameSecond`: all saved in one second, as one upsert of many marks is dated.
   */
  function manyMarks(
    lane: { date: string },
    block: { personId: string; channel: string },
    sameSecond: boolean,
  ) {
    const { server } = current();
    const at = sameSecond ? server.data.tick() : undefined;
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) {
      const person = i === 200 ? block.personId : `p${i}`;
      const channel = i === 200 ? block.channel : 'call';
      const record = server.data.insert(
        MODULE,
        {
          Name: `u2|${person}|${lane.date}|${channel}`,
          Owner: { id: 'u2', name: 'Ren Rep' },
          Mark: i === 200 ? 'skipped' : 'done',
          Marked_At: zohoTime(at ?? server.data.clock + 1000),
        },
        at,
      );
      ids.push(record.id);
    }
    return ids;
  }

  it('a skip among more marks than a page reaches the manager’s Team page though a row on an earlier page was re-marked while they were read', async () => {
    const { server } = current();
    const t = startClock();
    const boss = await computer('boss.db', 'u1', t.read);
    try {
      const { lane, block } = aBlockOf(await boss.core.handlers.getTeamDay({}), 'u2', t.now);
      const ids = manyMarks(lane, block, false);
      t.now = server.data.clock;
      let reads = 0;
      server.beforeApiRequest = (path) => {
        // Between the first page and the next, the rep snoozes the oldest row on their laptop:
        // it moves to the end of the listing, every later record up a place.
        if (path.startsWith(`/crm/v8/${MODULE}?`) && path.includes('Marked_At') && ++reads === 2)
          server.data.modify(MODULE, ids[0] ?? '', {
            Mark: 'snoozed',
            Marked_At: zohoTime(server.data.clock),
          });
      };
      await boss.sync({ onChanged: (entities) => boss.core.emit('data-changed', { entities }) });
      expect(reads).toBeGreaterThan(1);
      expect(await actionOnBoard(boss.core, block)).toBe('skipped');
    } finally {
      await closeAll(boss.db);
    }
  });

  it('a skip saved in one second with more marks than a page is read though one of them was re-marked between its pages', async () => {
    const { server } = current();
    const t = startClock();
    const boss = await computer('boss.db', 'u1', t.read);
    try {
      const { lane, block } = aBlockOf(await boss.core.handlers.getTeamDay({}), 'u2', t.now);
      const ids = manyMarks(lane, block, true);
      t.now = server.data.clock;
      let remarked = false;
      server.beforeApiRequest = (path) => {
        // The second's records are paged by number: one leaving it moves the next up a page.
        if (path.startsWith(`/crm/v8/${MODULE}?`) && /[?&]page=2(&|$)/.test(path) && !remarked) {
          remarked = true;
          server.data.modify(MODULE, ids[0] ?? '', {
            Mark: 'snoozed',
            Marked_At: zohoTime(server.data.clock),
          });
        }
      };
      await boss.sync({ onChanged: (entities) => boss.core.emit('data-changed', { entities }) });
      expect(remarked).toBe(true);
      expect(await actionOnBoard(boss.core, block)).toBe('skipped');
    } finally {
      await closeAll(boss.db);
    }
  });

  it('a mark made offline never replaces a later one made elsewhere; a later one made here does', async () => {
    const { server } = current();
    const t = startClock();
    const rep = await computer('rep.db', 'u2', t.read);
    const laptop = await computer('laptop.db', 'u2', t.read);
    const markOf = (db: Db, row: { personId: string; channel: string; date: string }) =>
      rowActions(db, 'u2', row.date).get(`${row.personId}|${row.channel}`)?.action;
    try {
      const row = await aRowOf(rep.core, t.now);
      // On the laptop, offline: skipped. Later, on the desk computer: done, and synced.
      t.tick();
      markPlanRow(laptop.db, 'u2', { ...row, action: 'skipped' }, t.now);
      t.tick();
      markPlanRow(rep.db, 'u2', { ...row, action: 'done' }, t.now);
      await rep.sync();
      // The laptop comes back: it reads the later Done before it sends, and sends nothing older.
      t.tick();
      await laptop.sync();
      expect(markOf(laptop.db, row)).toBe('done');
      expect([...server.data.table(MODULE).values()].map((r) => r['Mark'])).toEqual(['done']);
      expect(unsentPlanMarks(laptop.db, 10)).toEqual([]);

      // A later mark on the laptop goes, and the desk computer follows it.
      t.tick();
      markPlanRow(laptop.db, 'u2', { ...row, action: 'skipped' }, t.now);
      await laptop.sync();
      t.tick();
      await rep.sync();
      expect(markOf(rep.db, row)).toBe('skipped');
      expect([...server.data.table(MODULE).values()].map((r) => r['Mark'])).toEqual(['skipped']);
    } finally {
      await closeAll(rep.db, laptop.db);
    }
  });

  it('a mark read before its person reaches the manager’s computer waits, and shows once they come', async () => {
    const { server } = current();
    const t = startClock();
    const rep = await computer('rep.db', 'u2', t.read);
    const leads = server.data.table('Leads');
    const plan = await rep.core.handlers.getPlanner({});
    const lead = plan.rows.find(
      (r) => leads.has(r.personId) && r.start !== null && r.start > t.now,
    );
    const record = lead && leads.get(lead.personId);
    if (!lead || !record) throw new Error('no lead to come on the plan');
    // The lead was created after the manager's computer last read the leads.
    leads.delete(lead.personId);
    server.data.removeField('Leads', 'None_Such'); // clears the server's cached listing
    const boss = await computer('boss.db', 'u1', t.read);
    try {
      t.tick();
      // Dated by the CRM after everything the manager's computer read.
      const latest = Math.max(
        ...[...leads.values()].map((r) => Date.parse(String(r['Modified_Time']))),
      );
      server.data.insert('Leads', record, latest + 1000);
      const row = { personId: lead.personId, channel: lead.channel, date: plan.date };
      markPlanRow(rep.db, 'u2', { ...row, action: 'skipped' }, t.now);
      await rep.sync();
      expect(server.data.table(MODULE).size).toBe(1);

      // A records run that read the contacts only: the mark comes before its lead.
      t.tick();
      await boss.sync({ modules: ['Contacts'] });
      expect(rowActions(boss.db, 'u2', row.date).size).toBe(0);
      // Later marks move the manager's reading on past it.
      const other = plan.rows.find((r) => r.personId !== lead.personId);
      if (!other) throw new Error('no other row on the plan');
      t.tick();
      markPlanRow(
        rep.db,
        'u2',
        { ...row, personId: other.personId, channel: other.channel, action: 'done' },
        t.now,
      );
      await rep.sync();
      t.tick();
      await boss.sync({ modules: ['Contacts'] });
      expect(rowActions(boss.db, 'u2', row.date).size).toBe(1);
      const heard: string[][] = [];
      t.tick();
      await boss.sync({ onChanged: (entities) => heard.push(entities) });
      expect(heard).toContainEqual(['plan']);
      expect(markOn(boss.db, row)?.action).toBe('skipped');
      await boss.core.recomputeSuggestions(); // as the app does after a records run
      const seen = (await boss.core.handlers.getTeamDay({})).reps
        .find((l) => l.repId === 'u2')
        ?.blocks.find((b) => b.personId === row.personId && b.channel === row.channel);
      expect(seen?.action).toBe('skipped');
      // Applied once: a later run changes nothing.
      heard.length = 0;
      t.tick();
      await boss.sync({ onChanged: (entities) => heard.push(entities) });
      expect(heard).not.toContainEqual(['plan']);
    } finally {
      await closeAll(rep.db, boss.db);
    }
  });

  it('a mark made on a lead goes again under its contact when the sync merges the converted lead', async () => {
    const { server } = current();
    const t = startClock();
    const rep = await computer('rep.db', 'u2', t.read);
    try {
      const plan = await rep.core.handlers.getPlanner({});
      const lead = plan.rows.find((r) => server.data.table('Leads').has(r.personId));
      const contact = [...server.data.table('Contacts').values()][0];
      if (!lead || !contact) throw new Error('no lead on the plan');
      t.tick();
      const row = { personId: lead.personId, channel: lead.channel, date: plan.date };
      markPlanRow(rep.db, 'u2', { ...row, action: 'skipped' }, t.now);
      await rep.sync();
      expect(unsentPlanMarks(rep.db, 10)).toEqual([]);
      // How a sync merges a lead converted in Zoho (sync/leadConversions.ts).
      transaction(rep.db, () =>
        new LocalStore(rep.db, t.now).mergeLeadIntoContact(lead.personId, contact.id),
      );
      expect(unsentPlanMarks(rep.db, 10)).toEqual([
        expect.objectContaining({ person_id: contact.id, action: 'skipped' }),
      ]);
      t.tick();
      await rep.sync();
      expect([...server.data.table(MODULE).values()].map((r) => r['Name']).sort()).toEqual(
        [
          `u2|${lead.personId}|${plan.date}|${lead.channel}`,
          `u2|${contact.id}|${plan.date}|${lead.channel}`,
        ].sort(),
      );
    } finally {
      await closeAll(rep.db);
    }
  });

  it('marks of days no plan is kept for are deleted from Zoho, once a day, by a computer that may; one that may not syncs as before', async () => {
    const { server } = current();
    const t = startClock();
    const rep = await computer('rep.db', 'u2', t.read);
    const marks = server.data.table(MODULE);
    /** A record named `name`, last changed `daysAgo` before now. */
    const record = (name: string, daysAgo: number) =>
      server.data.insert(
        MODULE,
        {
          Name: name,
          Owner: { id: 'u2' },
          Mark: 'done',
          Marked_At: new Date(t.now - daysAgo * 86_400_000).toISOString(),
        },
        t.now - daysAgo * 86_400_000,
      );
    /** A mark as the app writes it, of `day`. */
    const put = (person: string, day: string, daysAgo: number) =>
      record(`u2|${person}|${day}|call`, daysAgo);
    const people = () => [...marks.values()].map((r) => String(r['Name']).split('|')[1]).sort();
    const deletions = () => server.requests.filter((r) => r.method === 'DELETE').length;
    const nextDay = () => {
      t.now += 24 * 3_600_000;
      t.tick();
    };
    try {
      // Plans are kept 90 days (two more for the zones; ten more for a clock running ahead): on
      // Wednesday 07 Jan 2026, 20 Sep 2025 and earlier are past use; 10 Oct 2025 is not, though
      // changed long ago.
      put('p-old-1', '2025-09-01', 126);
      put('p-old-2', '2025-09-20', 108);
      put('p-kept', '2025-10-10', 100);
      put('p-new', '2026-01-02', 3);
      // The next day's first records run, on a computer whose user may not delete: nothing said,
      // nothing lost.
      server.inject('body-200', {
        path: /CW_Plan_Marks$/,
        method: 'DELETE',
        body: {
          data: [
            { code: 'NO_PERMISSION', details: {}, message: 'permission denied', status: 'error' },
          ],
        },
      });
      nextDay();
      const refused = await rep.sync();
      expect(refused.notes).toEqual([]);
      expect(marks.size).toBe(4);
      expect(deletions()).toBe(1);
      // The next day, allowed: the old marks go, the rest stay.
      nextDay();
      const swept = await rep.sync();
      expect(swept.notes).toEqual([]);
      expect(people()).toEqual(['p-kept', 'p-new']);
      // Once a day: an old mark found an hour later waits for tomorrow's sweep.
      put('p-old-3', '2025-09-15', 110);
      t.now += 3_600_000;
      t.tick();
      await rep.sync();
      expect(marks.size).toBe(3);
      expect(deletions()).toBe(2);
      nextDay();
      await rep.sync();
      expect(people()).toEqual(['p-kept', 'p-new']);

      // More than a page of them (Zoho lists 200 a page, deletes 100 a request) go in one sweep,
      // past the records in front that are not old marks: one an admin typed setting the module
      // up, and a skip made months ahead of its day.
      record('Test record', 200);
      put('p-ahead', '2026-02-01', 130);
      for (let n = 0; n < 250; n++) put(`p-many-${n}`, '2025-09-20', 105);
      nextDay();
      await rep.sync();
      expect(people()).toEqual(['p-ahead', 'p-kept', 'p-new', undefined]);

      // Zoho answering that it deleted none of them: the sweep stops for the day, not every run.
      put('p-stuck', '2025-09-01', 130);
      server.inject('body-200', {
        path: /CW_Plan_Marks$/,
        method: 'DELETE',
        times: 100,
        body: {
          data: [
            { code: 'INVALID_DATA', details: {}, message: 'record not deleted', status: 'error' },
          ],
        },
      });
      const before = deletions();
      nextDay();
      await rep.sync();
      t.now += 5 * 60_000;
      t.tick();
      await rep.sync();
      expect(deletions()).toBe(before + 1);
      expect(people()).toContain('p-stuck');
    } finally {
      await closeAll(rep.db);
    }
  });

  /** A row of the signed-in rep's plan with a window to come and a later one the same day. */
  async function aRowWithALaterWindow(core: ReturnType<typeof createCore>, now: number) {
    const plan = await core.handlers.getPlanner({});
    for (const r of plan.rows) {
      const later = r.alternatives.filter((a) => r.start !== null && a.start > r.start);
      const last = later[later.length - 1];
      if (r.start !== null && r.start > now && last)
        return { row: { personId: r.personId, channel: r.channel, date: plan.date }, later: last };
    }
    throw new Error('no row with two windows to come');
  }

  /** Where `row` lies on the signed-in rep's plan now: its window's start, or null for none today. */
  async function whereOnPlan(
    core: ReturnType<typeof createCore>,
    row: { personId: string; channel: string },
  ) {
    const plan = await core.handlers.getPlanner({});
    const found = plan.rows.filter((r) => r.personId === row.personId && r.channel === row.channel);
    return found.map((r) => r.start);
  }

  /** The mark `db` holds on u2's `row`. */
  const markOn = (db: Db, row: { personId: string; channel: string; date: string }) =>
    rowActions(db, 'u2', row.date).get(`${row.personId}|${row.channel}`);

  /** The rep's desk and laptop, the rep having snoozed a row to a later window of the day at the desk. */
  async function snoozedAtTheDesk(t: ReturnType<typeof startClock>) {
    const rep = await computer('rep.db', 'u2', t.read);
    const laptop = await computer('laptop.db', 'u2', t.read);
    const { row, later } = await aRowWithALaterWindow(rep.core, t.now);
    t.tick();
    await rep.core.handlers.markPlanRow({ ...row, action: 'snoozed', snoozeTo: later.start });
    return { rep, laptop, row, later };
  }

  it('a snooze to a later window of the day goes to that window on the rep’s other computer and the manager’s; “another day” goes as that; a later mark drops the choice', async () => {
    const { server } = current();
    const t = startClock();
    const boss = await computer('boss.db', 'u1', t.read);
    const { rep, laptop, row, later } = await snoozedAtTheDesk(t);
    try {
      expect(await whereOnPlan(rep.core, row)).toEqual([later.start]);
      expect((await rep.sync()).notes).toEqual([]);
      const record = () => [...server.data.table(MODULE).values()][0];
      expect(record()).toMatchObject({
        Mark: 'snoozed',
        Snooze_To: expect.stringMatching(
          new RegExp(`^${new Date(later.start).toISOString()} for \\S+$`),
        ),
      });

      // The rep's laptop lays the row where the rep sent it, not where its own rule would.
      t.tick();
      await laptop.sync();
      expect(await whereOnPlan(laptop.core, row)).toEqual([later.start]);
      // The manager's computer holds the same choice (its Team page sets aside what is before it).
      await boss.sync();
      expect(markOn(boss.db, row)).toEqual({
        action: 'snoozed',
        at: expect.any(Number),
        snoozeTo: later.start,
      });

      // Snoozed to another day on the laptop: the desk's plan has the row nowhere today.
      t.tick();
      await laptop.core.handlers.markPlanRow({ ...row, action: 'snoozed', snoozeTo: null });
      await laptop.sync();
      expect(record()).toMatchObject({
        Mark: 'snoozed',
        Snooze_To: expect.stringMatching(/^next day for \S+$/),
      });
      t.tick();
      await rep.sync();
      expect(markOn(rep.db, row)?.snoozeTo).toBeNull();

      // Done after it: the record's choice is cleared, not left to mislead a later read.
      t.tick();
      await rep.core.handlers.markPlanRow({ ...row, action: 'done' });
      await rep.sync();
      expect(record()).toMatchObject({ Mark: 'done', Snooze_To: null });
      t.tick();
      await laptop.sync();
      expect(markOn(laptop.db, row)).toEqual({
        action: 'done',
        at: expect.any(Number),
      });
    } finally {
      await closeAll(rep.db, laptop.db, boss.db);
    }
  });

  it.each([
    ['changed by hand into text the app did not write', () => ({ Snooze_To: 'after lunch' })],
    [
      // A computer that has not read the module's fields since Snooze_To was added (or an older
      // app) snoozes the row again: Mark and Marked_At change, the old choice stays in the record.
      'left over from an earlier mark by a later one sent without the field',
      () => ({ Marked_At: zohoTime(current().server.data.clock + 60_000) }),
    ],
  ])('a choice %s is read as a snooze without one', async (_, edit) => {
    const { server } = current();
    const t = startClock();
    const { rep, laptop, row } = await snoozedAtTheDesk(t);
    try {
      await rep.sync();
      const [record] = [...server.data.table(MODULE).values()];
      if (!record) throw new Error('no mark in Zoho');
      server.data.modify(MODULE, record.id, edit());
      t.tick();
      const read = await laptop.sync();
      expect(read.notes).toEqual([]);
      expect(markOn(laptop.db, row)).toEqual({
        action: 'snoozed',
        at: expect.any(Number),
      });
    } finally {
      await closeAll(rep.db, laptop.db);
    }
  });

  it.each([
    ['made before Snooze_To existed', () => current().server.data.removeField(MODULE, 'Snooze_To')],
    [
      'whose Snooze_To an admin made a date/time field',
      () => current().server.data.fieldTypes.set(`${MODULE}.Snooze_To`, 'datetime'),
    ],
  ])(
    'a module %s shares snoozes as before, without the choice and without a note',
    async (_, setUp) => {
      const { server } = current();
      setUp();
      const t = startClock();
      const { rep, laptop, row, later } = await snoozedAtTheDesk(t);
      try {
        const sent = await rep.sync();
        expect(sent.notes).toEqual([]);
        const record = [...server.data.table(MODULE).values()][0];
        expect(record).toMatchObject({ Mark: 'snoozed' });
        expect(record).not.toHaveProperty('Snooze_To');
        expect(unsentPlanMarks(rep.db, 10)).toEqual([]);
        t.tick();
        const read = await laptop.sync();
        expect(read.notes).toEqual([]);
        expect(markOn(laptop.db, row)).toEqual({
          action: 'snoozed',
          at: expect.any(Number),
        });
        // The rep's own computer keeps the choice it made.
        expect(await whereOnPlan(rep.core, row)).toEqual([later.start]);
      } finally {
        await closeAll(rep.db, laptop.db);
      }
    },
  );

  it('Snooze_To removed by an admin after the computers read the fields: snoozes still share, without the choice, and no note blames Mark or Marked_At (review54 3)', async () => {
    const { server } = current();
    const t = startClock();
    const { rep, laptop, row, later } = await snoozedAtTheDesk(t);
    try {
      server.data.removeField(MODULE, 'Snooze_To');
      const sent = await rep.sync();
      expect(sent.notes).toEqual([]);
      expect(unsentPlanMarks(rep.db, 10)).toEqual([]);
      expect([...server.data.table(MODULE).values()][0]).toMatchObject({ Mark: 'snoozed' });
      t.tick();
      const read = await laptop.sync();
      expect(read.notes).toEqual([]);
      expect(markOn(laptop.db, row)).toEqual({ action: 'snoozed', at: expect.any(Number) });
      expect(await whereOnPlan(rep.core, row)).toEqual([later.start]);
    } finally {
      await closeAll(rep.db, laptop.db);
    }
  });

  it('an organisation without the module syncs as before; a rep with marks hears they stay on this computer, and they go once the module is there', async () => {
    const { server } = current();
    server.data.removeModule(MODULE);
    const t = startClock();
    const rep = await computer('rep.db', 'u2', t.read);
    const boss = await computer('boss.db', 'u1', t.read);
    try {
      // The manager's Team page says why it cannot show the reps' marks.
      expect((await boss.core.handlers.getTeamDay({})).marksUnshared).toMatch(
        /^Your reps’ Done, Snooze and Skip stay on their own computers, .*: the CRM has no place to share them/,
      );
      const quiet = await rep.sync();
      expect(quiet.notes).toEqual([]);
      const row = await aRowOf(rep.core, t.now);
      t.tick();
      markPlanRow(rep.db, 'u2', { ...row, action: 'snoozed' }, t.now);
      const held = await rep.sync();
      expect(held.notes).toEqual([
        expect.stringMatching(
          /^Plan marks made here stay on this computer, unseen by your manager: the organisation has no CW_Plan_Marks module this user may use/,
        ),
      ]);
      expect(Object.values(held.modules).every((m) => m !== undefined)).toBe(true);
      expect(unsentPlanMarks(rep.db, 10)).toHaveLength(1);

      // The admin adds it; the organisation's metadata is read again (a day later, or Sync now).
      server.data.table(MODULE);
      t.tick();
      const sent = await rep.sync({ refreshMetadata: true });
      expect(sent.notes).toEqual([]);
      expect([...server.data.table(MODULE).values()].map((r) => r['Mark'])).toEqual(['snoozed']);
      expect(unsentPlanMarks(rep.db, 10)).toEqual([]);
      await boss.sync({ refreshMetadata: true });
      expect((await boss.core.handlers.getTeamDay({})).marksUnshared).toBeNull();
    } finally {
      await closeAll(rep.db, boss.db);
    }
  });

  it('a failure of the CRM, or a module not set up as marks need, leaves the marks to send and the run whole', async () => {
    const { server } = current();
    const t = startClock();
    const rep = await computer('rep.db', 'u2', t.read);
    try {
      const row = await aRowOf(rep.core, t.now);
      t.tick();
      markPlanRow(rep.db, 'u2', { ...row, action: 'skipped' }, t.now);
      server.inject('server-error', { path: /CW_Plan_Marks\/upsert/, times: 20 });
      const failed = await rep.sync();
      expect(failed.notes).toEqual([
        expect.stringMatching(
          /^Plan marks were not sent to the CRM this time \(.*\); the next sync tries again$/,
        ),
      ]);
      expect(Object.keys(failed.modules)).toContain('Leads');
      expect(unsentPlanMarks(rep.db, 10)).toHaveLength(1);
      server.clearFaults();

      // An admin made a field of their own mandatory: every mark would be refused.
      server.inject('body-200', {
        path: /CW_Plan_Marks\/upsert/,
        body: {
          data: [
            {
              code: 'MANDATORY_NOT_FOUND',
              details: { api_name: 'Region' },
              message: 'required field not found',
              status: 'error',
            },
          ],
        },
      });
      const mandatory = await rep.sync();
      expect(mandatory.notes).toEqual([
        'Plan marks are not shared with the team: the CW_Plan_Marks module is not set up as marks need: MANDATORY_NOT_FOUND required field not found {"api_name":"Region"}',
      ]);
      expect(unsentPlanMarks(rep.db, 10)).toHaveLength(1);

      // The admin removed a field the marks need, after the metadata was read.
      server.data.removeField(MODULE, 'Marked_At');
      const refused = await rep.sync();
      expect(refused.notes).toEqual([
        expect.stringMatching(
          /^Plan marks are not shared with the team: the CW_Plan_Marks module lacks a field the app needs \(Mark, Marked_At\)/,
        ),
      ]);
      // Once the metadata is read again, every computer says what the module lacks.
      const told = await rep.sync({ refreshMetadata: true });
      expect(told.notes).toEqual([
        'Plan marks are not shared with the team: the CW_Plan_Marks module lacks the field Marked_At',
      ]);
      expect(unsentPlanMarks(rep.db, 10)).toHaveLength(1);
      expect(server.data.table(MODULE).size).toBe(0);

      // Mended: the mark made all along goes.
      server.data.absentFields.get(MODULE)?.delete('Marked_At');
      server.data.removeField(MODULE, 'None_Such'); // clears the server's cached field list
      const mended = await rep.sync({ refreshMetadata: true });
      expect(mended.notes).toEqual([]);
      expect([...server.data.table(MODULE).values()].map((r) => r['Mark'])).toEqual(['skipped']);
    } finally {
      await closeAll(rep.db);
    }
  });
});
