import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { createCore } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';

let server: CrmTestServer;
let db: Db;

const NEW_YORK = 'America/New_York';

eachTestSyncEnv(
  'cw-times-',
  () => {
    const data = buildOrganisation(3);
    data.org = { ...data.org, time_zone: NEW_YORK };
    return data;
  },
  (env) => ({ server, db } = env),
);

const inNewYork = (iso: string) => DateTime.fromISO(iso, { zone: NEW_YORK }).toMillis();
const startOf = (id: string) =>
  rawHandle(db).prepare('select started_at from activities where id = ?').pluck().get(id) as number;

function firstContact(): { id: string; name: unknown } {
  const contact = [...server.data.table('Contacts').values()][0];
  if (!contact) throw new Error('no contacts');
  return { id: contact.id, name: contact['Last_Name'] };
}

describe("a task's due date is a day in the organisation's zone", () => {
  it('is due on its day in New York, on both sides of the change to summer time', async () => {
    const who = firstContact();
    const task = (due: string) =>
      server.data.insert('Tasks', {
        Subject: `Send the offer by ${due}`,
        Due_Date: due,
        Status: 'Not Started',
        Who_Id: who,
        Owner: { id: 'u2', name: 'Ren Rep' },
      }).id;
    // New York moves its clocks forward on Sunday 2026-03-08.
    const before = task('2026-03-07');
    const after = task('2026-03-09');
    await runSync(db, zohoSourceFor(server));
    for (const [id, due] of [
      [before, '2026-03-07'],
      [after, '2026-03-09'],
    ] as const) {
      const local = DateTime.fromMillis(startOf(id), { zone: NEW_YORK });
      // Not UTC midnight: that is 19:00 or 20:00 the evening before in New York.
      expect(local.toISODate()).toBe(due);
      expect(local.toFormat('HH:mm')).toBe('09:00');
    }
    expect(startOf(after) - startOf(before)).toBe(2 * 86_400_000 - 3_600_000);
  });

  it('is due on its day in New York in a run that does not read the organisation again', async () => {
    // The app's runs read the organisation's settings hourly: a run in between, here by a source
    // that never read them (an app restarted), still reads the task's day in New York.
    const sparing = { settingsMaxAgeMs: 3_600_000 };
    await runSync(db, zohoSourceFor(server), { sparing });
    const id = server.data.insert('Tasks', {
      Subject: 'Call back about the offer',
      Due_Date: '2026-03-09',
      Status: 'Not Started',
      Who_Id: firstContact(),
      Owner: { id: 'u2', name: 'Ren Rep' },
    }).id;
    const asked = server.requests.length;
    await runSync(db, zohoSourceFor(server), { sparing });
    expect(server.requests.slice(asked).some((r) => r.path.startsWith('/crm/v8/org'))).toBe(false);
    const local = DateTime.fromMillis(startOf(id), { zone: NEW_YORK });
    expect(local.toISO()).toBe('2026-03-09T09:00:00.000-04:00');
  });
});

describe("a meeting's status is read from its time, not fixed when it was synced", () => {
  it('is planned until it ends and done after, though it was synced the day before', async () => {
    const who = firstContact();
    const meeting = server.data.insert('Events', {
      Event_Title: 'Pricing review',
      Start_DateTime: '2026-03-10T15:00:00-04:00',
      End_DateTime: '2026-03-10T16:00:00-04:00',
      Who_Id: who,
      Owner: { id: 'u2', name: 'Ren Rep' },
    }).id;
    await runSync(db, zohoSourceFor(server));
    let now = inNewYork('2026-03-09T17:00');
    const core = createCore(db, () => now);
    const shown = async () => {
      const { timeline } = await core.handlers.getPerson({ id: who.id });
      const people = await core.handlers.listPeople({
        query: String(who.name),
        offset: 0,
        limit: 100,
      });
      return {
        status: timeline.find((t) => t.id === meeting)?.status,
        lastActivityAt: people.rows.find((p) => p.id === who.id)?.lastActivityAt,
      };
    };
    const meetingStart = inNewYork('2026-03-10T15:00');
    for (const iso of ['2026-03-09T17:00', '2026-03-10T15:30']) {
      now = inNewYork(iso);
      const at = await shown();
      expect(at.status, iso).toBe('scheduled');
      expect(at.lastActivityAt, iso).not.toBe(meetingStart);
    }
    now = inNewYork('2026-03-10T16:00');
    expect(await shown()).toEqual({ status: 'completed', lastActivityAt: meetingStart });
  });
});

describe('the person page words booked work as the planner does, by the clock it is read at', () => {
  it('reads a call planned until its time and a task until its day is over, overdue after, and done once completed, across the change to summer time', async () => {
    const who = firstContact();
    const owner = { id: 'u2', name: 'Ren Rep' };
    // Due on Monday 9 March in New York (placed at 09:00, TASK_DUE_HOUR, but due all that day), the
    // day after the clocks go forward (Sunday 8 March).
    const task = server.data.insert('Tasks', {
      Subject: 'Send the offer',
      Due_Date: '2026-03-09',
      Status: 'Not Started',
      Who_Id: who,
      Owner: owner,
    }).id;
    const call = server.data.insert('Calls', {
      Subject: `Call ${String(who.name)}`,
      Call_Type: 'Outbound',
      Call_Start_Time: '2026-03-09T16:00:00-04:00',
      Outgoing_Call_Status: 'Scheduled',
      Who_Id: who,
      Owner: owner,
    }).id;
    const done = server.data.insert('Tasks', {
      Subject: 'Book the demo',
      Due_Date: '2026-03-06',
      Status: 'Completed',
      Closed_Time: '2026-03-06T11:00:00-05:00',
      Who_Id: who,
      Owner: owner,
    }).id;
    await runSync(db, zohoSourceFor(server));
    let now = 0;
    const core = createCore(db, () => now);
    const statuses = async (iso: string) => {
      now = inNewYork(iso);
      const { timeline } = await core.handlers.getPerson({ id: who.id });
      const of = (id: string) => timeline.find((t) => t.id === id)?.status;
      return { task: of(task), call: of(call), done: of(done) };
    };
    // Before the change, and on the day itself before their times: still to come.
    expect(await statuses('2026-03-07T10:00')).toEqual({
      task: 'scheduled',
      call: 'scheduled',
      done: 'completed',
    });
    expect(await statuses('2026-03-09T08:40')).toEqual({
      task: 'scheduled',
      call: 'scheduled',
      done: 'completed',
    });
    // Past the task's placing at 09:00: Zoho gave it a day, not a time, so it is due all that day.
    expect(await statuses('2026-03-09T09:01')).toEqual({
      task: 'scheduled',
      call: 'scheduled',
      done: 'completed',
    });
    // The reader, Ren Rep, is in Berlin: the task's day ends at their midnight, which in the weeks
    // between the two countries' clock changes is 19:00 in New York (five hours, not six).
    expect(await statuses('2026-03-09T18:59')).toEqual({
      task: 'scheduled',
      call: 'overdue',
      done: 'completed',
    });
    expect(await statuses('2026-03-09T19:01')).toEqual({
      task: 'overdue',
      call: 'overdue',
      done: 'completed',
    });
    // Two days on, still open in the CRM: both overdue, never "planned".
    expect(await statuses('2026-03-11T08:40')).toEqual({
      task: 'overdue',
      call: 'overdue',
      done: 'completed',
    });
  });
});
