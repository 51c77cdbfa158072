import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { buildOrganisation } from '../crm-server/crmFactories';
import { zohoTime } from '../crm-server/crmDataSet';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { createCore } from '../../src/main/core/createCore';
import { planKeptDay } from '../../src/main/planner/dayPlanSnapshots';
import { loadRepPlanInputs } from '../../src/main/planner/repPlanInputs';
import { readSettings } from '../../src/main/settings/settingsStore';
import { userById } from '../../src/main/db/repos/users';
import { rawHandle } from '../../src/main/db/bulkHandle';

// A rep with nothing to call: the day's plan, shown in the morning, is empty, and it was kept so
// (nobody on it). A call from the phone system later that day, with a lead who had no windows,
// reaches the app through the CRM; the relearn teaches the lead windows around the call. The
// day's plan was kept, empty: the lead was called off it, and the day stays empty.

const ZONE = 'Europe/Berlin';

let env: SyncTestEnv | null = null;
eachTestSyncEnv(
  'cw-empty-kept-',
  // Ren Rep (u2) owns no one yet.
  () => buildOrganisation(62, { leads: 0, contacts: 0, deals: 0, visits: 0, cases: 0 }),
  (e) => (env = e),
);
const current = (): SyncTestEnv => {
  if (!env) throw new Error('no test environment');
  return env;
};

const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();

/** Lets the work done after an answer went out (the day's plan being kept) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('a day whose plan was kept empty', () => {
  it('stays empty when a call synced later teaches a lead windows that day, across the spring-forward night', async () => {
    const { server, db } = current();
    // Sunday 29 March 2026 has 23 hours in Berlin (02:00 became 03:00).
    let now = at('2026-03-29T08:00');
    server.data.clock = now;
    const nora = server.data.insert('Leads', {
      First_Name: 'Nora',
      Last_Name: 'Newcomer',
      Email: 'nora@newco.test',
      Phone: '+49 30 5550 1234',
      Company: 'Newco GmbH',
      Owner: { id: 'u2', name: 'Ren Rep' },
      Lead_Status: 'Not Contacted',
    });
    server.data.currentUserId = 'u2';
    const core = createCore(db, () => now);
    const sync = async () => {
      const result = await runSync(db, zohoSourceFor(server), { now: () => now });
      expect(result.notes).toEqual([]);
      await core.recomputeSuggestions();
    };
    await sync();
    await core.handlers.setCurrentUser({ userId: 'u2' });

    // The morning's plan, as the rep sees it: nobody to call. It is kept as shown; another
    // writer (a `sync` command on the same file) holds the database past the busy timeout, so
    // its copy in the database is written only with the next plan shown.
    expect((await core.handlers.getPlanner({})).rows).toEqual([]);
    const other = new BetterSqlite3(db.path);
    // The app waits 5 s for another writer; here a tenth of a second does (the same failure,
    // without stalling the test's CRM connections).
    rawHandle(db).pragma('busy_timeout = 100');
    try {
      other.exec('begin immediate');
      await settle();
      other.exec('commit');
    } finally {
      other.close();
      rawHandle(db).pragma('busy_timeout = 5000');
    }

    // 10:05 (08:05 UTC): the rep calls Nora from the phone system; the sync brings the call.
    server.data.insert('Calls', {
      Subject: 'Outbound call',
      Call_Type: 'Outbound',
      Call_Start_Time: zohoTime(at('2026-03-29T10:05')),
      Call_Duration: '6:00',
      Call_Duration_in_seconds: 360,
      Outgoing_Call_Status: 'Completed',
      Owner: { id: 'u2', name: 'Ren Rep' },
      Who_Id: null,
      What_Id: { id: nora.id, name: 'Newcomer' },
      $se_module: 'Leads',
    });
    now = at('2026-03-29T10:30');
    server.data.clock = now;
    await sync();

    const person = await core.handlers.getPerson({ id: nora.id });
    expect(person.windows.some((w) => w.channel === 'call')).toBe(true);
    expect(person.callToday).toMatchObject({ onPlan: false });
    // The kept day stays empty: no row around the call, credited by it.
    const plan = await core.handlers.getPlanner({});
    expect(plan.date).toBe('2026-03-29');
    expect(plan.rows.filter((r) => r.personId === nora.id)).toEqual([]);
    // The next day is planned with what the call taught.
    expect(
      (await core.handlers.getPlanner({ date: '2026-03-30' })).rows.some(
        (r) => r.personId === nora.id && r.channel === 'call',
      ),
    ).toBe(true);

    // The `plan` command and a restarted app read the day from its copy, now written: empty.
    await settle();
    const rep = userById(db, 'u2');
    if (!rep) throw new Error('no Ren Rep');
    const printed = planKeptDay(
      db,
      rep,
      ZONE,
      now,
      readSettings(db),
      undefined,
      loadRepPlanInputs(db, rep.id, ZONE, now),
    );
    expect(printed.rows.filter((r) => r.personId === nora.id)).toEqual([]);
    const again = createCore(db, () => now);
    expect(
      (await again.handlers.getPlanner({})).rows.filter((r) => r.personId === nora.id),
    ).toEqual([]);
  });
});
