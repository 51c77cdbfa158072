import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { buildOrganisation } from '../crm-server/crmFactories';
import { zohoTime } from '../crm-server/crmDataSet';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { createCore, type Core } from '../../src/main/core/createCore';

// A rep calls someone who was not on today's plan from the phone system, and the call reaches the
// app through the CRM. The sync's relearn teaches them windows around the call; the plan of the
// day they were called does not list them after the fact (no row around the call, worked by it),
// and the days after are planned with what the call taught. Someone who was on the plan keeps
// their row, worked by the call.

const ZONE = 'Europe/Berlin';
const MINUTE = 60_000;

let env: SyncTestEnv | null = null;
eachTestSyncEnv(
  'cw-offplan-sync-',
  () => buildOrganisation(61, { leads: 10, contacts: 10, deals: 2, visits: 0, cases: 0 }),
  (e) => (env = e),
);
const current = (): SyncTestEnv => {
  if (!env) throw new Error('no test environment');
  return env;
};

/** The app's clock and the CRM's, at `iso` in Berlin. */
function clockAt(iso: string) {
  const { server } = current();
  const t = {
    now: DateTime.fromISO(iso, { zone: ZONE }).toMillis(),
    read: () => t.now,
    set: (at: string) => {
      t.now = DateTime.fromISO(at, { zone: ZONE }).toMillis();
      server.data.clock = t.now;
    },
  };
  server.data.clock = t.now;
  return t;
}

/** A new lead of Ren Rep's (u2) in the CRM, never called: no windows, on no plan. */
function newLead(name: string) {
  const { server } = current();
  return server.data.insert('Leads', {
    First_Name: name,
    Last_Name: 'Newcomer',
    Email: `${name.toLowerCase()}@newco.test`,
    Phone: '+49 30 5550 1234',
    Company: 'Newco GmbH',
    Owner: { id: 'u2', name: 'Ren Rep' },
    Lead_Status: 'Not Contacted',
  });
}

/** Ren Rep's answered call from the phone system, `minutes` long, as the CRM holds it. */
function phoneCall(person: { id: string; module: 'Leads' | 'Contacts' }, startIso: string) {
  const { server } = current();
  const start = DateTime.fromISO(startIso, { zone: ZONE }).toMillis();
  server.data.insert('Calls', {
    Subject: 'Outbound call',
    Call_Type: 'Outbound',
    Call_Start_Time: zohoTime(start),
    Call_Duration: '6:00',
    Call_Duration_in_seconds: 360,
    Outgoing_Call_Status: 'Completed',
    Owner: { id: 'u2', name: 'Ren Rep' },
    ...(person.module === 'Contacts'
      ? { Who_Id: { id: person.id, name: 'Them' }, What_Id: null }
      : { Who_Id: null, What_Id: { id: person.id, name: 'Them' }, $se_module: 'Leads' }),
  });
}

/** Ren Rep's computer: syncs, learns, and shows the plan (which keeps the day as shown). */
async function repComputer(
  clock: () => number,
): Promise<{ core: Core; sync: () => Promise<void> }> {
  const { server, db } = current();
  server.data.currentUserId = 'u2';
  const core = createCore(db, clock);
  const sync = async () => {
    const result = await runSync(db, zohoSourceFor(server), { now: clock });
    expect(result.notes).toEqual([]);
    // The app relearns the people a sync touched (syncRunner); everyone is simpler here.
    await core.recomputeSuggestions();
  };
  await sync();
  await core.handlers.setCurrentUser({ userId: 'u2' });
  return { core, sync };
}

const callRowsOf = async (core: Core, personId: string, date?: string) =>
  (await core.handlers.getPlanner(date ? { date } : {})).rows.filter(
    (r) => r.personId === personId && r.channel === 'call',
  );

/** Lets the day's plan, kept after the answer went out, reach the database. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('a call from the CRM with someone not on the day’s plan', () => {
  it('adds no row to that day’s plan after the sync’s relearn; the next day plans them', async () => {
    const t = clockAt('2026-01-05T10:00');
    const nora = newLead('Nora');
    const { core, sync } = await repComputer(t.read);
    // The rep's plan of the day, as shown: Nora is not on it.
    const before = await core.handlers.getPlanner({});
    expect(before.rows.length).toBeGreaterThan(0);
    expect(before.rows.some((r) => r.personId === nora.id)).toBe(false);
    await settle();

    phoneCall({ id: nora.id, module: 'Leads' }, '2026-01-05T10:05');
    t.set('2026-01-05T10:20');
    await sync();

    const person = await core.handlers.getPerson({ id: nora.id });
    expect(person.timeline.some((a) => a.kind === 'call')).toBe(true);
    // The call taught her windows…
    expect(person.windows.some((w) => w.channel === 'call')).toBe(true);
    // …which plan the days after, not today around the call itself.
    expect(await callRowsOf(core, nora.id)).toEqual([]);
    expect(person.callToday).toMatchObject({ onPlan: false, mark: null });
    expect((await callRowsOf(core, nora.id, '2026-01-06')).length).toBeGreaterThan(0);

    // The app restarted the same day: the kept plan still leaves her off it.
    const again = createCore(current().db, t.read);
    expect(
      (await again.handlers.getPlanner({})).rows.filter((r) => r.personId === nora.id),
    ).toEqual([]);
    // A call logged here afterwards, now that she has windows, leaves her off it too.
    t.set('2026-01-05T11:00');
    await again.handlers.logCall({
      personId: nora.id,
      outcome: 'answered',
      durationMin: 3,
      note: 'Called back',
    });
    expect(await callRowsOf(again, nora.id)).toEqual([]);
  });

  it('still shows the row of someone on the plan as worked by the call', async () => {
    const t = clockAt('2026-01-05T08:00');
    const { core, sync } = await repComputer(t.read);
    const plan = await core.handlers.getPlanner({});
    const row = plan.rows.find(
      (r) => r.channel === 'call' && r.start !== null && r.start > t.now && r.action === null,
    );
    if (!row || row.start === null) throw new Error('no call window to come on the plan');
    await settle();
    const module = current().server.data.table('Leads').has(row.personId) ? 'Leads' : 'Contacts';
    const inWindow = DateTime.fromMillis(row.start + 10 * MINUTE, { zone: ZONE }).toISO() ?? '';
    t.set(DateTime.fromMillis(row.start + 30 * MINUTE, { zone: ZONE }).toISO() ?? '');
    phoneCall({ id: row.personId, module }, inWindow);
    await sync();

    const rows = await callRowsOf(core, row.personId);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.reached?.inWindow === true)).toBe(true);
  });

  it('judges the call by the rep’s day across the spring-forward night', async () => {
    // Sunday 29 March 2026 has 23 hours in Berlin: Monday begins at 22:00 UTC, not 23:00.
    const t = clockAt('2026-03-30T00:10');
    const sunday = newLead('Sunny');
    const monday = newLead('Monty');
    const { core, sync } = await repComputer(t.read);
    expect(
      (await core.handlers.getPlanner({})).rows.some(
        (r) => r.personId === sunday.id || r.personId === monday.id,
      ),
    ).toBe(false);
    await settle();

    // 23:30 on Sunday (21:30 UTC), and 00:30 on Monday (22:30 UTC, still the 29th in UTC).
    phoneCall({ id: sunday.id, module: 'Leads' }, '2026-03-29T23:30');
    phoneCall({ id: monday.id, module: 'Leads' }, '2026-03-30T00:30');
    t.set('2026-03-30T00:45');
    await sync();

    const plan = await core.handlers.getPlanner({});
    expect(plan.date).toBe('2026-03-30');
    // Called on Sunday: Monday is a day after, planned with what the call taught.
    expect(plan.rows.some((r) => r.personId === sunday.id && r.channel === 'call')).toBe(true);
    // Called on Monday while not on Monday's plan: off it for the day.
    expect(plan.rows.some((r) => r.personId === monday.id)).toBe(false);
    expect((await callRowsOf(core, monday.id, '2026-03-31')).length).toBeGreaterThan(0);
  });

  it('judges calls synced before any plan of the day was kept by the windows known before the sync, across the autumn night', async () => {
    // Saturday: the app syncs and learns; Kai, called that morning, has windows from then on.
    const t = clockAt('2026-10-24T12:00');
    const kai = newLead('Kai');
    const lou = newLead('Lou');
    const nora = newLead('Nora');
    phoneCall({ id: kai.id, module: 'Leads' }, '2026-10-24T11:00');
    await repComputer(t.read);
    // The app is closed. Sunday 25 October 2026 has 25 hours in Berlin (02:00–03:00 twice).
    // Sunday evening, it opens: the sync brings the calls and relearns before any plan shows.
    t.set('2026-10-25T22:30');
    phoneCall({ id: lou.id, module: 'Leads' }, '2026-10-24T23:30'); // Saturday
    phoneCall({ id: nora.id, module: 'Leads' }, '2026-10-25T00:30'); // Sunday, 22:30 UTC Saturday
    phoneCall({ id: kai.id, module: 'Leads' }, '2026-10-25T02:30+01:00'); // the second 02:30
    const { core } = await repComputer(t.read);
    const plan = await core.handlers.getPlanner({});
    expect(plan.date).toBe('2026-10-25');
    // Kai had call windows before the sync: on Sunday's plan, reached by the night's call.
    const kaiRows = plan.rows.filter((r) => r.personId === kai.id && r.channel === 'call');
    expect(kaiRows.length).toBeGreaterThan(0);
    expect(kaiRows.some((r) => r.reached !== undefined)).toBe(true);
    // Nora had none: the call taught them, and they plan the days after, not Sunday.
    expect(plan.rows.some((r) => r.personId === nora.id)).toBe(false);
    expect((await core.handlers.getPerson({ id: nora.id })).callToday).toMatchObject({
      onPlan: false,
    });
    expect((await callRowsOf(core, nora.id, '2026-10-26')).length).toBeGreaterThan(0);
    // Lou was called on Saturday night: Sunday is a day after, planned with what it taught.
    expect(plan.rows.some((r) => r.personId === lou.id && r.channel === 'call')).toBe(true);
    // Restarted the same evening: the day kept before the relearn still says so.
    await settle();
    const again = createCore(current().db, t.read);
    const rows = (await again.handlers.getPlanner({})).rows;
    expect(rows.some((r) => r.personId === nora.id)).toBe(false);
    expect(rows.some((r) => r.personId === kai.id && r.channel === 'call')).toBe(true);
  });

  it('judges a call logged at once by the plan the rep sees, not the kept copy behind it', async () => {
    const t = clockAt('2026-01-05T09:00');
    const { core, sync } = await repComputer(t.read);
    await core.handlers.getPlanner({});
    await settle(); // The day's first plan is in the database; the next is kept at 09:15.

    // A lead the CRM had called last week arrives: the relearn gives them windows, and the plan
    // shown now lists them (the copy in the database still does not).
    t.set('2026-01-05T09:05');
    const nina = newLead('Nina');
    phoneCall({ id: nina.id, module: 'Leads' }, '2026-01-02T10:00');
    await sync();
    expect((await callRowsOf(core, nina.id)).length).toBeGreaterThan(0);

    // The rep calls her from the phone system; the sync brings the call.
    t.set('2026-01-05T09:13');
    phoneCall({ id: nina.id, module: 'Leads' }, '2026-01-05T09:06');
    await sync();
    const rows = await callRowsOf(core, nina.id);
    expect(rows.some((r) => r.reached !== undefined)).toBe(true);
    expect((await core.handlers.getPerson({ id: nina.id })).callToday).toMatchObject({
      onPlan: true,
    });

    // A call logged at once from her row is judged by that plan: the row is done.
    t.set('2026-01-05T09:14');
    await core.handlers.logCall({
      personId: nina.id,
      outcome: 'answered',
      durationMin: 3,
      note: 'Follow-up',
    });
    const after = await callRowsOf(core, nina.id);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => r.action === 'done')).toBe(true);
  });
});
