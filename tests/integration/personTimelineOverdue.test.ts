import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { createCore } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';

let server: CrmTestServer;
let db: Db;

const NEW_YORK = 'America/New_York';

eachTestSyncEnv(
  'cw-overdue-',
  () => {
    const data = buildOrganisation(3);
    data.org = { ...data.org, time_zone: NEW_YORK };
    return data;
  },
  (env) => ({ server, db } = env),
);

const inNewYork = (iso: string) => DateTime.fromISO(iso, { zone: NEW_YORK }).toMillis();

describe('the person page words booked work as the planner does, by the clock it is read at', () => {
  it('reads a call or task planned until its time, overdue after it, and done once completed, across the change to summer time', async () => {
    const contact = [...server.data.table('Contacts').values()][0];
    if (!contact) throw new Error('no contacts');
    const who = { id: contact.id, name: contact['Last_Name'] };
    const owner = { id: 'u2', name: 'Ren Rep' };
    // Due on Monday 9 March at 09:00 in New York (a task's day, TASK_DUE_HOUR), the day after the
    // clocks go forward (Sunday 8 March).
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
    // Past the task's time, not yet the call's.
    expect(await statuses('2026-03-09T09:01')).toEqual({
      task: 'overdue',
      call: 'scheduled',
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
