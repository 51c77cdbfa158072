import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';

let server: CrmTestServer;
let db: Db;

const NEW_YORK = 'America/New_York';

eachTestSyncEnv(
  'cw-taskdue-',
  () => {
    const data = buildOrganisation(3);
    data.org = { ...data.org, time_zone: NEW_YORK };
    return data;
  },
  (env) => ({ server, db } = env),
);

const stored = (id: string) =>
  rawHandle(db)
    .prepare('select subject, status, started_at, due_date from activities where id = ?')
    .get(id) as
    { subject: string; status: string; started_at: number; due_date: string | null } | undefined;

function task(fields: Record<string, unknown>): string {
  const contact = [...server.data.table('Contacts').values()][0];
  if (!contact) throw new Error('no contacts');
  return server.data.insert('Tasks', {
    Status: 'Not Started',
    Who_Id: { id: contact.id, name: contact['Last_Name'] },
    Owner: { id: 'u2', name: 'Ren Rep' },
    ...fields,
  }).id;
}

describe("a task's due date, kept as Zoho's Due_Date", () => {
  it('keeps the due date of a task completed on another day, beside when it was closed', async () => {
    const done = task({
      Subject: 'Book the demo',
      Due_Date: '2026-03-06',
      Status: 'Completed',
      Closed_Time: '2026-03-09T10:00:00-04:00',
    });
    const open = task({ Subject: 'Send the offer', Due_Date: '2026-03-09' });
    await runSync(db, zohoSourceFor(server));
    expect(stored(done)).toMatchObject({
      status: 'completed',
      started_at: DateTime.fromISO('2026-03-09T10:00:00-04:00').toMillis(),
      due_date: '2026-03-06',
    });
    // The planner's placement is unchanged: 09:00 on the day in the organisation's zone.
    expect(stored(open)).toMatchObject({
      status: 'scheduled',
      started_at: DateTime.fromISO('2026-03-09T09:00', { zone: NEW_YORK }).toMillis(),
      due_date: '2026-03-09',
    });
  });

  it('stores a task whose Due_Date is malformed with no due date, and loses nothing else', async () => {
    const ids = [
      task({ Subject: 'Written the European way', Due_Date: '06/03/2026' }),
      task({ Subject: 'No such day', Due_Date: '2026-02-30' }),
      task({
        Subject: 'Closed, due date an object',
        Due_Date: { value: '2026-03-06' },
        Status: 'Completed',
        Closed_Time: '2026-03-09T10:00:00-04:00',
      }),
    ];
    await runSync(db, zohoSourceFor(server));
    const rows = ids.map(stored);
    expect(rows.map((r) => [r?.subject, r?.status, r?.due_date])).toEqual([
      ['Written the European way', 'scheduled', null],
      ['No such day', 'scheduled', null],
      ['Closed, due date an object', 'completed', null],
    ]);
    // With no due date, an open task stands at its last change, as before.
    expect(typeof rows[0]?.started_at).toBe('number');
    expect(rows[2]?.started_at).toBe(DateTime.fromISO('2026-03-09T10:00:00-04:00').toMillis());
    const quarantined = rawHandle(db)
      .prepare("select count(*) from quarantine where module = 'Tasks'")
      .pluck()
      .get() as number;
    expect(quarantined).toBe(0);
  });
});
