import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { AlertRule, AlertsEvent } from '../../src/shared/alertsContract';
import { createCore, type Core } from '../../src/main/core/createCore';
import { SyncRunner } from '../../src/main/sync/syncRunner';
import { buildOrganisation, leadFields, Seeded } from '../crm-server/crmFactories';
import { zohoTime, type CrmDataSet, type ZRecord, type ZUser } from '../crm-server/crmDataSet';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';

const MIN = 60_000;
const BERLIN = 'Europe/Berlin';
const berlin = (iso: string): number => DateTime.fromISO(iso, { zone: BERLIN }).toMillis();
/** Monday 30 March 2026, 10:30 in Berlin: the first working day of summer time (since Sunday). */
const NOW = berlin('2026-03-30T10:30');

let core: Core | null = null;

const hours = (at: number | undefined): string =>
  DateTime.fromMillis(at ?? 0, { zone: BERLIN }).toFormat('ccc d LLL HH:mm');

/** Lets `n` turns of the event loop go by (each after what was queued before it). */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A call of `rep`'s that `lead` answered at `iso` (Berlin time), as the CRM keeps one. */
function answeredCall(data: CrmDataSet, rep: ZUser, lead: ZRecord, iso: string): void {
  const at = berlin(iso);
  data.insert(
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
}

/** A visit that began at `start` and read two pages, of `lead` or (null) of nobody known. */
function visitOf(data: CrmDataSet, lead: ZRecord | null, start: number, ip: string): ZRecord {
  const name = lead ? String(lead['Last_Name']) : 'Visitor 7731';
  return data.insert('Visits', {
    Name: `Visit of ${name}`,
    Visitor_Name: name,
    Email: lead ? lead['Email'] : null,
    ...(lead ? { Lead_Name: { id: lead.id, name } } : {}),
    IP_Address: ip,
    Visited_Time: zohoTime(start),
    Time_Spent: 3,
    Visited_Pages: `${zohoTime(start)} https://example.test/\n${zohoTime(start + MIN)} https://example.test/blog/best-time-to-call`,
    Number_Of_Chats: 0,
  });
}
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

  /** How the sync's relearn of the people it touched runs: the core's, or a slower one. */
  type Relearn = (
    core: Core,
    real: Core['recomputeSuggestionsFor'],
  ) => Core['recomputeSuggestionsFor'];

  /**
   * Ren Rep's lead, who answered once on a Monday afternoon, synced and learned; the next sync
   * brings her answered calls of the last Mondays at 11:05 Berlin time (10:05 UTC in winter
   * time) and her visit of a few minutes ago, and relearns her with `relearn`. The alert must
   * name her Monday window as learned anew in that sync.
   */
  async function alertAfterHerWindowMoved(relearn?: Relearn): Promise<void> {
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
    const lead: ZRecord = server.data.insert('Leads', {
      ...leadFields(9201, rep, new Seeded(9201)),
      Lead_Source: 'Cold Call',
    });
    answeredCall(server.data, rep, lead, '2026-02-16T15:05');
    await runner.syncNow();
    // Signed in as her owner, whose default rule alerts on their own people.
    await core.handlers.setCurrentUser({ userId: 'u2' });
    const callWindow = (windows: { channel: string; rank: number; start: number; end: number }[]) =>
      windows.find((w) => w.channel === 'call' && w.rank === 1);
    const before = callWindow((await core.handlers.getPerson({ id: lead.id })).nextWindows);
    if (relearn) core.recomputeSuggestionsFor = relearn(core, core.recomputeSuggestionsFor);

    for (const day of ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'])
      answeredCall(server.data, rep, lead, `${day}T11:05`);
    visitOf(server.data, lead, NOW - 3 * MIN, '203.0.113.41');
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
    expect([hours(alert?.bestWindow?.start), hours(alert?.bestWindow?.end)]).toEqual([
      'Mon 30 Mar 10:00',
      'Mon 30 Mar 12:00',
    ]);
    expect(alert?.body).toContain('In their call window now');
    // What Recent alerts keeps says the same.
    const feed = await core.handlers.listAlerts({ limit: 10 });
    expect(feed.recent[0]?.bestWindow).toEqual(alert?.bestWindow);
  }

  it("names the lead's new call window, as the Visits card and the person page do, across the change to summer time", async () => {
    await alertAfterHerWindowMoved();
  });

  it('waits for a relearn that takes longer than one turn (a relearn that yields)', async () => {
    // The old core waited one turn for the relearn, then alerted with the window from before.
    await alertAfterHerWindowMoved((_core, real) => async (ids) => {
      await turns(5);
      return real(ids);
    });
  });

  /** A core, a runner and Ren Rep's lead, synced and learned, Ren signed in with `rules`. */
  async function signedInWithLead(rules?: AlertRule[]) {
    if (!env) throw new Error('no test environment');
    const { server } = env;
    const c = createCore(env.db, () => NOW);
    core = c;
    const events: AlertsEvent[] = [];
    c.on('alerts', (e) => events.push(e));
    const runner = new SyncRunner(c, zohoSourceFor(server), {
      recordsMinutes: 5,
      visitsMinutes: 1,
      requestsInFlight: 4,
    });
    const rep = server.data.users.find((u) => u.id === 'u2');
    if (!rep) throw new Error('the test organisation has no u2');
    const lead: ZRecord = server.data.insert('Leads', {
      ...leadFields(9203, rep, new Seeded(9203)),
      Lead_Source: 'Cold Call',
    });
    answeredCall(server.data, rep, lead, '2026-02-16T15:05');
    await runner.syncNow();
    await c.handlers.setCurrentUser({ userId: 'u2' });
    if (rules) await c.handlers.updateAlertSettings({ rules });
    const delivered = () => events.flatMap((e) => e.delivered).map((a) => a.personId ?? a.name);
    return { core: c, server, runner, rep, lead, delivered };
  }

  it('alerts on a visitor nobody knows at once, while the relearn of the people the same sync touched goes on', async () => {
    const {
      core: c,
      server,
      runner,
      rep,
      lead,
      delivered,
    } = await signedInWithLead([
      { name: 'My people on the website', categories: ['lead_contact'], owner: 'me' },
      { name: 'Strangers', categories: ['unknown'], owner: 'anyone' },
    ]);
    // The relearn waits until the test lets it go.
    let release = (): void => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let relearning = false;
    const real = c.recomputeSuggestionsFor;
    c.recomputeSuggestionsFor = async (ids) => {
      relearning = true;
      await held;
      return real(ids);
    };
    answeredCall(server.data, rep, lead, '2026-03-23T11:05');
    visitOf(server.data, lead, NOW - 3 * MIN, '203.0.113.43');
    visitOf(server.data, null, NOW - 2 * MIN, '198.51.100.7');
    const sync = runner.syncNow();
    while (!relearning) await turns(1);
    await turns(5);
    // The stranger's alert names no window: it is out. The lead's waits for her window.
    expect(delivered()).toEqual(['Visitor 7731']);
    release();
    await sync;
    await runner.stop();
    expect(delivered()).toEqual(['Visitor 7731', lead.id]);
    expect(runner.current()).toMatchObject({ state: 'idle', lastError: null });
  });

  it('alerts on a visitor nobody knows at once when the sync touched nobody', async () => {
    const { server, runner, delivered } = await signedInWithLead([
      { name: 'Strangers', categories: ['unknown'], owner: 'anyone' },
    ]);
    visitOf(server.data, null, NOW - 2 * MIN, '198.51.100.8');
    await runner.syncNow();
    await runner.stop();
    expect(delivered()).toEqual(['Visitor 7731']);
  });

  it('still alerts when the relearn fails, and says the best times could not be relearned', async () => {
    const { core: c, server, runner, lead, delivered } = await signedInWithLead();
    c.recomputeSuggestionsFor = async () => {
      await turns(3);
      throw new Error('disk I/O error');
    };
    visitOf(server.data, lead, NOW - 3 * MIN, '203.0.113.44');
    await runner.syncNow();
    await runner.stop();
    expect(delivered()).toEqual([lead.id]);
    expect(runner.current()).toMatchObject({ state: 'idle' });
    expect(runner.current().lastError).toContain(
      'Best times could not be relearned: disk I/O error',
    );
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
