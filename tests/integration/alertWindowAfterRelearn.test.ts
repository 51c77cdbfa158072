import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { AlertsEvent } from '../../src/shared/alertsContract';
import { createCore, type Core } from '../../src/main/core/createCore';
import { SyncRunner } from '../../src/main/sync/syncRunner';
import { buildOrganisation, leadFields, Seeded } from '../crm-server/crmFactories';
import { zohoTime, type ZRecord } from '../crm-server/crmDataSet';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';

const MIN = 60_000;
const BERLIN = 'Europe/Berlin';
const berlin = (iso: string): number => DateTime.fromISO(iso, { zone: BERLIN }).toMillis();
/** Monday 30 March 2026, 10:30 in Berlin: the first working day of summer time (since Sunday). */
const NOW = berlin('2026-03-30T10:30');

let core: Core | null = null;
afterEach(() => {
  core?.alerts.dispose();
  core = null;
});

describe('a hot-visitor alert names the window the sync that brought the visit left (VT-9)', () => {
  let env: SyncTestEnv | null = null;
  eachTestSyncEnv(
    'cw-alert-window-',
    () => buildOrganisation(43, {}, { salesIq: 'module' }),
    (e) => (env = e),
  );

  it("names the lead's new call window, as the Visits card and the person page do, across the change to summer time", async () => {
    if (!env) throw new Error('no test environment');
    const { server } = env;
    core = createCore(env.db, () => NOW);
    const events: AlertsEvent[] = [];
    core.on('alerts', (e) => events.push(e));
    const runner = new SyncRunner(core, zohoSourceFor(server), {
      recordsMinutes: 5,
      visitsMinutes: 1,
      requestsInFlight: 4,
    });
    const rep = server.data.users.find((u) => u.id === 'u2');
    if (!rep) throw new Error('the test organisation has no u2');
    const answeredCall = (lead: ZRecord, iso: string): void => {
      const at = berlin(iso);
      server.data.insert(
        'Calls',
        {
          Subject: 'Outbound call',
          Call_Type: 'Outbound',
          Call_Start_Time: zohoTime(at),
          Call_Duration: '6:00',
          Call_Duration_in_seconds: 360,
          Outgoing_Call_Status: 'Completed',
          Owner: { id: rep.id, name: rep.full_name },
          Who_Id: null,
          What_Id: { id: lead.id, name: lead['Last_Name'] },
          $se_module: 'Leads',
        },
        at,
      );
    };
    // A lead of Ren Rep's, who answered once on a Monday afternoon, synced and learned.
    const lead: ZRecord = server.data.insert('Leads', {
      ...leadFields(9201, rep, new Seeded(9201)),
      Lead_Source: 'Cold Call',
    });
    answeredCall(lead, '2026-02-16T15:05');
    await runner.syncNow();
    // Signed in as her owner, whose default rule alerts on their own people.
    await core.handlers.setCurrentUser({ userId: 'u2' });
    const callWindow = (windows: { channel: string; rank: number; start: number; end: number }[]) =>
      windows.find((w) => w.channel === 'call' && w.rank === 1);
    const before = callWindow((await core.handlers.getPerson({ id: lead.id })).nextWindows);

    // The next sync brings her answered calls of the last Mondays at 11:05 Berlin time (10:05
    // UTC in winter time) and her visit of a few minutes ago: her Monday call window is learned
    // anew in the same sync.
    for (const day of ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'])
      answeredCall(lead, `${day}T11:05`);
    const start = NOW - 3 * MIN;
    server.data.insert('Visits', {
      Name: `Visit of ${String(lead['Last_Name'])}`,
      Visitor_Name: lead['Last_Name'],
      Email: lead['Email'],
      Lead_Name: { id: lead.id, name: lead['Last_Name'] },
      IP_Address: '203.0.113.41',
      Visited_Time: zohoTime(start),
      Time_Spent: 3,
      Visited_Pages: `${zohoTime(start)} https://example.test/\n${zohoTime(start + MIN)} https://example.test/blog/best-time-to-call`,
      Number_Of_Chats: 0,
    });
    await runner.syncNow();
    await runner.stop();
    expect(runner.current()).toMatchObject({ state: 'idle', lastError: null });

    const delivered = events.flatMap((e) => e.delivered);
    expect(delivered).toHaveLength(1);
    const alert = delivered[0];
    expect(alert).toMatchObject({ personId: lead.id, delivery: 'now' });
    const person = await core.handlers.getPerson({ id: lead.id });
    const featured = callWindow(person.nextWindows);
    // Her window moved in this sync (the old code's alert named the one from before).
    expect(featured).toBeDefined();
    expect([featured?.start, featured?.end]).not.toEqual([before?.start, before?.end]);
    // The Visits card of the same visit names the same window as the alert.
    const visits = await core.handlers.listVisits({ scope: 'mine', limit: 50 });
    const card = [...visits.onSite, ...visits.today].find((v) => v.personId === lead.id);
    expect(card?.windows.call).toMatchObject({
      start: alert?.bestWindow?.start,
      end: alert?.bestWindow?.end,
    });
    // The person page features the same call window.
    expect(alert?.bestWindow).toMatchObject({
      state: 'now',
      start: featured?.start,
      end: featured?.end,
    });
    // Her calls were answered at 11:05 in Berlin in winter time (10:05 UTC): today, in summer
    // time, her window is 10:00-12:00 on the clocks of Berlin (08:00 UTC), not an hour later.
    const hours = (at: number | undefined): string =>
      DateTime.fromMillis(at ?? 0, { zone: BERLIN }).toFormat('ccc d LLL HH:mm');
    expect([hours(alert?.bestWindow?.start), hours(alert?.bestWindow?.end)]).toEqual([
      'Mon 30 Mar 10:00',
      'Mon 30 Mar 12:00',
    ]);
    expect(alert?.body).toContain('In their call window now');
    // What Recent alerts keeps says the same.
    const feed = await core.handlers.listAlerts({ limit: 10 });
    expect(feed.recent[0]?.bestWindow).toEqual(alert?.bestWindow);
  });

  it('still alerts when no relearn follows the visits of people a sync touched', async () => {
    if (!env) throw new Error('no test environment');
    const { server } = env;
    core = createCore(env.db, () => NOW);
    const events: AlertsEvent[] = [];
    core.on('alerts', (e) => events.push(e));
    const rep = server.data.users.find((u) => u.id === 'u2');
    if (!rep) throw new Error('the test organisation has no u2');
    const lead: ZRecord = server.data.insert('Leads', {
      ...leadFields(9202, rep, new Seeded(9202)),
      Lead_Source: 'Cold Call',
    });
    await runSync(env.db, zohoSourceFor(server));
    await core.recomputeSuggestions();
    await core.handlers.setCurrentUser({ userId: 'u2' });
    const start = NOW - 2 * MIN;
    server.data.insert('Visits', {
      Name: `Visit of ${String(lead['Last_Name'])}`,
      Visitor_Name: lead['Last_Name'],
      Email: lead['Email'],
      Lead_Name: { id: lead.id, name: lead['Last_Name'] },
      IP_Address: '203.0.113.42',
      Visited_Time: zohoTime(start),
      Time_Spent: 2,
      Visited_Pages: `${zohoTime(start)} https://example.test/pricing`,
      Number_Of_Chats: 0,
    });
    await runSync(env.db, zohoSourceFor(server), { modules: ['Visits'] });
    // Told of people and visits, as a sync runner tells it, but no relearn comes after.
    core.emit('data-changed', { entities: ['people', 'activities', 'visits', 'deals'] });
    await new Promise((resolve) => setImmediate(resolve));
    expect(events.flatMap((e) => e.delivered)).toMatchObject([{ personId: lead.id }]);
  });
});
