import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertsEvent, AlertRule } from '../../src/shared/alertsContract';
import { createCore, type Core } from '../../src/main/core/createCore';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { CrmSource, PulledRecord } from '../../src/main/crm/crmSource';
import { parseBusinessHours } from '../../src/main/besttime/model/businessHours';
import { SyncRunner } from '../../src/main/sync/syncRunner';
import { storedPageViews } from '../../src/main/alerts/storedPageViews';
import { replayForRep } from '../../src/main/alerts/replayReport';
import { readRepAlertConfig } from '../../src/main/alerts/alertSettings';
import { mapPerson } from '../../src/main/crm/zoho/zohoPeopleMap';
import type { UserRow } from '../../src/main/db/schema';
import { openWorkspace } from '../../src/main/core/workspace';
import { chooseUser } from '../../src/main/core/session';
import { MemorySecretStore } from '../../src/main/secrets/secretStore';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import {
  addVisit,
  alertsOrgDb,
  CRAWLER,
  MIN,
  MONDAY_10,
  sharedEmailVisits,
} from '../fixtures/alertsOrg';

const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

let dir: TempDir;
let db: Db;
let core: Core;
let now: number;
let events: AlertsEvent[];

async function open(withAdmin = false): Promise<void> {
  db = await alertsOrgDb(dir, `org-${Math.random()}.db`, withAdmin);
  core = createCore(db, () => now);
  core.on('alerts', (e) => events.push(e));
}

beforeEach(async () => {
  dir = makeTempDir('cw-alerts-api-');
  now = MONDAY_10;
  events = [];
  await open();
});
afterEach(async () => {
  core.alerts.dispose();
  await db.close();
  dir.remove();
});

/** What the sync says after storing visits. */
function visitsStored(): void {
  core.emit('data-changed', { entities: ['visits'] });
}

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(result.error);
  return result.value as T;
}

describe('the Visits page (listVisits)', () => {
  beforeEach(() => {
    now = MONDAY_10 + 2 * HOUR; // Monday 12:00 in Berlin
    addVisit(db, {
      id: 'on-cust',
      personId: 'p-cust',
      start: now - 10 * MIN,
      pages: [
        ['/', 0],
        ['/pricing', 8],
      ],
    });
    addVisit(db, { id: 'on-other', personId: 'p-other', start: now - 5 * MIN });
    addVisit(db, { id: 'on-anon', ip: '203.0.113.77', start: now - 3 * MIN });
    addVisit(db, { id: 'gone-deal', personId: 'p-deal', start: now - 3 * HOUR, ended: true });
    addVisit(db, { id: 'ended-cust', personId: 'p-cust', start: now - 40 * MIN, ended: true });
    for (let d = 1; d <= 5; d++)
      addVisit(db, { id: `old-${d}`, personId: 'p-lead', start: now - d * DAY, ended: true });
  });

  it('shows my people on the website now, then today, then earlier, newest first', async () => {
    const list = await core.handlers.listVisits({ scope: 'mine', limit: 100 });
    expect(list.onSite.map((v) => v.id)).toEqual(['on-cust']);
    expect(list.today.map((v) => v.id)).toEqual(['ended-cust', 'gone-deal']);
    expect(list.earlier.map((v) => v.id)).toEqual(['old-1', 'old-2', 'old-3', 'old-4', 'old-5']);
    expect(list.more).toEqual({ today: false, earlier: false });
    expect(list.repTz).toBe('Europe/Berlin');
  });

  it('gives each visit its person, category, owner, pages, score, masked IP and windows', async () => {
    const list = await core.handlers.listVisits({ scope: 'everyone', limit: 100 });
    expect(list.onSite.map((v) => v.id)).toEqual(['on-anon', 'on-other', 'on-cust']);
    const carla = list.onSite[2];
    expect(carla).toMatchObject({
      personId: 'p-cust',
      name: 'Carla Customer',
      company: 'Acme',
      category: 'customer',
      ownerId: 'rep',
      ownerName: 'Rita Rep',
      onSiteNow: true,
      score: 80,
      ipMasked: '198.51.100.xxx',
      referrer: 'https://www.google.com/',
      searchEngine: 'Google',
      searchKeyword: 'crm planner',
      timeSpentS: 540,
      phone: '+49 30 1234',
    });
    expect(carla?.pages.map((p) => [p.url, p.viewedAt])).toEqual([
      ['/', now - 10 * MIN],
      ['/pricing', now - 2 * MIN],
    ]);
    // Monday 12:00: the call window (09:00-11:00) has passed, the next is tomorrow's; the
    // e-mail window opens at 14:00.
    expect(carla?.windows.call).toMatchObject({
      state: 'upcoming',
      start: Date.UTC(2026, 10, 24, 8, 0),
      stars: 4,
    });
    expect(carla?.windows.email).toMatchObject({
      state: 'upcoming',
      start: Date.UTC(2026, 10, 23, 13, 0),
      stars: 3,
    });
    expect(list.onSite[0]).toMatchObject({
      personId: null,
      name: null,
      category: 'unknown',
      ownerName: null,
      score: null,
      ipMasked: '203.0.113.xxx',
      windows: { call: null, email: null },
    });
    expect(list.onSite[1]).toMatchObject({ category: 'lead_contact', ownerName: 'Otto Rep' });
  });

  it('filters by category, score and page', async () => {
    const ids = async (filter: object) => {
      const list = await core.handlers.listVisits({ scope: 'everyone', limit: 100, ...filter });
      return [...list.onSite, ...list.today, ...list.earlier].map((v) => v.id);
    };
    expect(await ids({ categories: ['customer'] })).toEqual(['on-cust', 'ended-cust']);
    expect(await ids({ categories: ['unknown', 'customer_open_deal'] })).toEqual([
      'on-anon',
      'gone-deal',
    ]);
    expect(await ids({ minScore: 50 })).toEqual(['on-other', 'on-cust', 'ended-cust']);
    expect(await ids({ page: '/PRICING*' })).toEqual(['on-cust']);
  });

  it('pages back through earlier visits', async () => {
    const first = await core.handlers.listVisits({ scope: 'mine', limit: 2 });
    expect(first.earlier.map((v) => v.id)).toEqual(['old-1', 'old-2']);
    expect(first.more.earlier).toBe(true);
    const next = await core.handlers.listVisits({
      scope: 'mine',
      limit: 2,
      before: first.earlier[1]?.startedAt,
    });
    expect(next.earlier.map((v) => v.id)).toEqual(['old-3', 'old-4']);
  });

  it('pages back from the last row shown: visits at the same instant neither repeat nor go missing', async () => {
    // Three more of Lena's visits starting at the very instant of old-2, by id around it.
    const at = now - 2 * DAY;
    for (const id of ['old-2a', 'old-2b', 'old-1z'])
      addVisit(db, { id, personId: 'p-lead', start: at, ended: true });
    const seen: string[] = [];
    let cursor: { before: number; beforeId: string } | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const list = await core.handlers.listVisits({ scope: 'mine', limit: 2, ...cursor });
      seen.push(...list.earlier.map((v) => v.id));
      const last = list.earlier[list.earlier.length - 1];
      if (!list.more.earlier || !last) break;
      cursor = { before: last.startedAt, beforeId: last.id };
      // A visit stored meanwhile (today) changes nothing further back.
      if (pages === 0) addVisit(db, { id: 'new-today', personId: 'p-lead', start: now - 20 * MIN });
    }
    // Newest first; at one instant, the higher id first (the order the cursor walks).
    expect(seen).toEqual([
      'old-1',
      'old-2b',
      'old-2a',
      'old-2',
      'old-1z',
      'old-3',
      'old-4',
      'old-5',
    ]);
  });

  it('says when the first visit on the website now leaves it, and it has left by then', async () => {
    const first = await core.handlers.listVisits({ scope: 'everyone', limit: 100 });
    // on-other's only page was read 5 minutes ago (the others' later): it leaves a quarter of
    // an hour after that page.
    expect(first.onSite.map((v) => v.id)).toEqual(['on-anon', 'on-other', 'on-cust']);
    const leaves = first.onSiteLeavesAt as number;
    expect(leaves).toBe(now - 5 * MIN + 15 * MIN + 1);
    now = leaves - 1;
    expect((await core.handlers.listVisits({ scope: 'everyone', limit: 100 })).onSite).toHaveLength(
      3,
    );
    now = leaves;
    const later = await core.handlers.listVisits({ scope: 'everyone', limit: 100 });
    expect(later.onSite.map((v) => v.id)).toEqual(['on-anon', 'on-cust']);
    expect(later.today.map((v) => v.id)).toContain('on-other');
    expect(later.onSiteLeavesAt).toBeGreaterThan(leaves);
    now = leaves + HOUR;
    expect(
      (await core.handlers.listVisits({ scope: 'everyone', limit: 100 })).onSiteLeavesAt,
    ).toBeNull();
  });

  it('takes a visit off the website a quarter of an hour after it was last seen', async () => {
    const end = now - MIN;
    addVisit(db, {
      id: 'short',
      ip: '203.0.113.9',
      start: end - 3 * MIN,
      pages: [
        ['/', 0],
        ['/pricing', 2],
      ],
      ended: true,
    });
    // Ended a moment ago (the CRM's end is an estimate): the rep can still reach them.
    now = end + 15 * MIN;
    const during = await core.handlers.listVisits({ scope: 'everyone', limit: 100 });
    expect(during.onSite.map((v) => v.id)).toContain('short');
    now = end + 15 * MIN + 1;
    const after = await core.handlers.listVisits({ scope: 'everyone', limit: 100 });
    expect(after.onSite.map((v) => v.id)).not.toContain('short');
    expect(after.today.find((v) => v.id === 'short')).toMatchObject({ onSiteNow: false });
  });

  it('refuses a filter that is not one', async () => {
    expect(await core.dispatch('listVisits', { scope: 'region' })).toMatchObject({ ok: false });
    expect(await core.dispatch('listVisits', { page: 'pricing' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/at page: a page pattern starts with "\/"/),
    });
  });

  it('knows a visitor the CRM linked to nobody by the e-mail they gave (VT-2)', async () => {
    // Dirk's e-mail as a visitor may type it: another case, spaces around.
    addVisit(db, { id: 'mail-dirk', email: '  Dirk@Beta.EXAMPLE ', start: now - 4 * MIN });
    addVisit(db, { id: 'mail-olaf', email: 'olaf@delta.example', start: now - 6 * MIN });
    addVisit(db, { id: 'mail-nobody', email: 'sam@nowhere.example', start: now - 7 * MIN });
    const everyone = await core.handlers.listVisits({ scope: 'everyone', limit: 100 });
    const shown = (id: string) => everyone.onSite.find((v) => v.id === id);
    expect(shown('mail-dirk')).toMatchObject({
      personId: 'p-deal',
      name: 'Dirk Dealing',
      company: 'Beta',
      email: 'dirk@beta.example',
      category: 'customer_open_deal',
      ownerId: 'rep',
      ownerName: 'Rita Rep',
      score: 40,
      // Monday 12:00 in Berlin: his call window (16:00-17:00) is next.
      windows: { call: { state: 'upcoming', start: Date.UTC(2026, 10, 23, 15, 0), stars: 2.5 } },
    });
    expect(shown('mail-olaf')).toMatchObject({
      personId: 'p-other',
      name: 'Olaf Other',
      category: 'lead_contact',
      ownerName: 'Otto Rep',
      score: 90,
    });
    expect(shown('mail-nobody')).toMatchObject({
      personId: null,
      email: 'sam@nowhere.example',
      category: 'unknown',
      ownerName: null,
      score: null,
    });
    // Mine: Dirk is Rita's; Olaf is Otto's and the stranger nobody's.
    const mine = await core.handlers.listVisits({ scope: 'mine', limit: 100 });
    expect(mine.onSite.map((v) => v.id)).toEqual(['mail-dirk', 'on-cust']);
    const open = await core.handlers.listVisits({
      scope: 'everyone',
      limit: 100,
      categories: ['customer_open_deal'],
      minScore: 30,
    });
    expect([...open.onSite, ...open.today].map((v) => v.id)).toEqual(['mail-dirk', 'gone-deal']);
  });

  it("takes the contact, then the rep's own, when people share the e-mail a visitor gave", async () => {
    // A converted lead and its contact (Otto's), and two leads of one e-mail.
    sharedEmailVisits(db, now);
    const list = await core.handlers.listVisits({ scope: 'everyone', limit: 100 });
    const personOf = (id: string) => list.onSite.find((v) => v.id === id)?.personId;
    expect([personOf('kim'), personOf('jo')]).toEqual(['b-contact', 'b-rita']);
  });
});

describe('alert rules and settings', () => {
  const pricing: AlertRule = {
    name: 'Pricing',
    categories: ['lead_contact', 'unknown'],
    owner: 'anyone',
    page: '/pricing*',
    minScore: 5,
    returning: true,
  };

  it("starts from the default rules and the organisation's hours, and keeps what the rep saves", async () => {
    const first = await core.handlers.getAlertSettings({});
    expect(first).toMatchObject({
      userId: 'rep',
      defaultRules: true,
      cooldownMinutes: 60,
      workingHours: null,
      effectiveHours: {
        spec: 'Mon-Fri 08:00-20:00',
        zone: 'Europe/Berlin',
        source: 'organisation',
      },
      enabledForEveryone: true,
      canChangeEnabled: false,
      pausedUntil: null,
    });
    expect(first.rules).toEqual([
      {
        name: 'My people on the website',
        categories: ['customer', 'customer_open_deal', 'lead_contact'],
        owner: 'me',
      },
    ]);
    const saved = await call('updateAlertSettings', {
      rules: [pricing],
      cooldownMinutes: 15,
      workingHours: 'Mon-Thu 07:00-16:00',
    });
    expect(saved).toMatchObject({
      rules: [pricing],
      defaultRules: false,
      cooldownMinutes: 15,
      workingHours: 'Mon-Thu 07:00-16:00',
      effectiveHours: { spec: 'Mon-Thu 07:00-16:00', zone: 'Europe/Berlin', source: 'rep' },
      // What "not my own" would give, named while the rep's own are in force.
      otherHours: { spec: 'Mon-Fri 08:00-20:00', zone: 'Europe/Berlin' },
    });
    // A rep who deletes every rule gets no alerts, not the defaults back.
    expect(await call('updateAlertSettings', { rules: [] })).toMatchObject({
      rules: [],
      defaultRules: false,
    });
    expect(
      await call('updateAlertSettings', { resetRules: true, workingHours: null }),
    ).toMatchObject({
      defaultRules: true,
      workingHours: null,
      cooldownMinutes: 15,
    });
  });

  it("gives the tray the signed-in rep's zone with the feed, whatever the computer's", async () => {
    expect(await call('listAlerts', { limit: 5 })).toMatchObject({ timeZone: 'Europe/Berlin' });
    await call('setCurrentUser', { userId: 'rep2' });
    expect(await call('listAlerts', { limit: 5 })).toMatchObject({
      timeZone: 'America/New_York',
    });
  });

  it("keeps each rep's rules apart, in their own zone", async () => {
    await call('updateAlertSettings', { rules: [pricing] });
    await call('setCurrentUser', { userId: 'rep2' });
    expect(
      await call('updateAlertSettings', { workingHours: 'Mon-Fri 09:00-17:00' }),
    ).toMatchObject({
      userId: 'rep2',
      defaultRules: true,
      effectiveHours: { zone: 'America/New_York', source: 'rep' },
    });
    await call('setCurrentUser', { userId: 'rep' });
    expect(await core.handlers.getAlertSettings({})).toMatchObject({
      rules: [pricing],
      workingHours: null,
    });
  });

  it('refuses bad rules and bad hours, storing none of the change', async () => {
    await call('updateAlertSettings', { cooldownMinutes: 30 });
    const bad = [
      { rules: [{ ...pricing, owner: 'mine' }] },
      { rules: [{ ...pricing, categories: [] }] },
      { rules: [pricing, { ...pricing, name: 'pricing' }] },
      { rules: [{ ...pricing, extra: 1 }] },
      { cooldownMinutes: -1 },
      { cooldownMinutes: 10, workingHours: 'weekdays' },
    ];
    for (const patch of bad)
      expect(await core.dispatch('updateAlertSettings', patch)).toMatchObject({ ok: false });
    expect(
      await core.dispatch('updateAlertSettings', { cooldownMinutes: 10, workingHours: 'weekdays' }),
    ).toEqual({
      ok: false,
      error: expect.stringMatching(/business hours "weekdays"/),
    });
    expect(await core.handlers.getAlertSettings({})).toMatchObject({
      cooldownMinutes: 30,
      workingHours: null,
      defaultRules: true,
    });
  });

  it('refuses, saying why, a rule that could never raise an alert, and keeps the rules as they were', async () => {
    const before = (await core.handlers.getAlertSettings({})).rules;
    const result = await core.dispatch('updateAlertSettings', {
      rules: [{ name: 'Strangers', categories: ['unknown'], owner: 'anyone', minScore: 10 }],
    });
    expect(result).toMatchObject({ ok: false });
    expect(result.ok ? '' : result.error).toMatch(
      /"Strangers" would raise nothing: .*minimum score: they have none/,
    );
    expect((await core.handlers.getAlertSettings({})).rules).toEqual(before);
  });

  it('lets an admin, and only an admin, turn visit alerts off for everyone', async () => {
    await core.alerts.dispose();
    await db.close();
    await open(true);
    expect(await core.dispatch('setVisitAlertsEnabled', { enabled: false })).toEqual({
      ok: false,
      error: 'Rita Rep cannot turn visit alerts on or off for everyone: only an admin can.',
    });
    await call('setCurrentUser', { userId: 'boss' });
    expect(await core.dispatch('setVisitAlertsEnabled', { enabled: false })).toMatchObject({
      ok: false,
    });
    await call('setCurrentUser', { userId: 'adm' });
    expect(await call('setVisitAlertsEnabled', { enabled: false })).toMatchObject({
      enabledForEveryone: false,
      canChangeEnabled: true,
    });
  });

  it('lets a manager flip the switch in an organisation without an admin', async () => {
    await call('setCurrentUser', { userId: 'boss' });
    expect(await call('setVisitAlertsEnabled', { enabled: false })).toMatchObject({
      enabledForEveryone: false,
    });
  });
});

describe('the rule preview (VT-10)', () => {
  it('says how many alerts the rules would have raised last week, from stored visits', async () => {
    now = MONDAY_10 + 7 * DAY;
    // Last week: Carla on three days, Lena on two, Otto's lead and a stranger every day.
    for (let d = 1; d <= 6; d++) {
      const start = now - d * DAY;
      if (d <= 3) addVisit(db, { id: `c${d}`, personId: 'p-cust', start });
      if (d <= 2)
        addVisit(db, {
          id: `l${d}`,
          personId: 'p-lead',
          start: start + HOUR,
          pages: [['/pricing', 0]],
        });
      addVisit(db, { id: `o${d}`, personId: 'p-other', start: start + 2 * HOUR });
      addVisit(db, {
        id: `s${d}`,
        ip: '203.0.113.5',
        start: start + 3 * HOUR,
        pages: [['/pricing', 0]],
      });
      addVisit(db, { id: `b${d}`, ip: '192.0.2.1', userAgent: CRAWLER, start: start + 4 * HOUR });
    }
    addVisit(db, { id: 'too-old', personId: 'p-cust', start: now - 8 * DAY });
    const saved = await core.handlers.previewAlertRules({ days: 7 });
    expect(saved).toMatchObject({
      alerts: 5,
      visitors: 2,
      sessions: 23,
      botSessions: 6,
      from: now - 7 * DAY,
      to: now,
    });
    const pricing = await core.handlers.previewAlertRules({
      days: 7,
      rules: [
        {
          name: 'Pricing',
          categories: ['unknown', 'lead_contact'],
          owner: 'anyone',
          page: '/pricing*',
        },
      ],
    });
    expect(pricing).toMatchObject({ alerts: 8, visitors: 2 });
    // Nothing was saved by previewing.
    expect((await core.handlers.getAlertSettings({})).defaultRules).toBe(true);
    expect(await core.handlers.previewAlertRules({ days: 7, rules: [] })).toMatchObject({
      alerts: 0,
    });
  });

  it('counts visitors the CRM linked to nobody by the e-mail they gave, as live alerts do', async () => {
    now = MONDAY_10 + 7 * DAY;
    for (let d = 1; d <= 3; d++)
      addVisit(db, {
        id: `c${d}`,
        email: 'carla@acme.example',
        ip: '203.0.113.5',
        start: now - d * DAY,
      });
    addVisit(db, { id: 'o1', email: 'olaf@delta.example', start: now - DAY + HOUR });
    expect(await core.handlers.previewAlertRules({ days: 7 })).toMatchObject({
      alerts: 3,
      visitors: 1,
    });
  });
});

describe('live alerts', () => {
  it('alerts the owner within the evaluation that follows a stored visit, once per session', async () => {
    addVisit(db, { id: 'v1', personId: 'p-cust', start: now - 2 * MIN, pages: [['/pricing', 0]] });
    visitsStored();
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event?.digest).toBeNull();
    expect(event?.unread).toBe(1);
    expect(event?.delivered).toHaveLength(1);
    expect(event?.delivered[0]).toMatchObject({
      personId: 'p-cust',
      visitId: 'v1',
      category: 'customer',
      delivery: 'now',
      deliveredAt: now,
      pages: ['/pricing'],
      score: 80,
      email: 'carla@acme.example',
      phone: '+49 30 1234',
      title: 'Carla Customer (Acme) is on the website',
      body: 'Customer · reading /pricing · score 80\nIn their call window now ★★★★',
      bestWindow: { channel: 'call', state: 'now', stars: 4 },
    });
    // The same session growing, and the sync saying so again: nothing new.
    now += 5 * MIN;
    addVisit(db, { id: 'v2', personId: 'p-cust', start: now - MIN, pages: [['/contact', 0]] });
    visitsStored();
    visitsStored();
    expect(events).toHaveLength(1);
    const feed = await core.handlers.listAlerts({ limit: 10 });
    expect(feed).toMatchObject({ unread: 1, held: 0, pausedUntil: null });
    expect(feed.recent.map((a) => a.visitId)).toEqual(['v1']);
  });

  it('says what the visitor reads now when a sync brings several page views at once', async () => {
    addVisit(db, {
      id: 'v3',
      personId: 'p-cust',
      start: now - 3 * MIN,
      pages: [
        ['/', 0],
        ['/pricing', 2],
      ],
    });
    visitsStored();
    expect(events[0]?.delivered[0]).toMatchObject({
      visitId: 'v3',
      alertAt: now - 3 * MIN,
      pages: ['/', '/pricing'],
      body: 'Customer · reading /pricing · score 80\nIn their call window now ★★★★',
    });
  });

  it('alerts about a person Zoho scored below 0 when the rule asks for at least that much (SalesIQ subtracts points)', async () => {
    // SalesIQ's scoring rules take points away as well as add them, and the sync keeps the total
    // Zoho holds, whole points below 0 too.
    const [lena] = mapPerson(
      {
        id: 'p-lead',
        Last_Name: 'Lead',
        Visitor_Score: -15.2,
        Created_Time: '2026-11-01T09:00:00+01:00',
        Modified_Time: '2026-11-20T09:00:00+01:00',
      },
      'Leads',
    );
    expect(lena?.row).toMatchObject({ visitor_score: -15 });
    rawHandle(db).prepare("update people set visitor_score = -15 where id = 'p-lead'").run();
    const cooling = { name: 'Cooling', categories: ['lead_contact'], owner: 'me' } as const;
    await call('updateAlertSettings', { rules: [{ ...cooling, minScore: -10 }] });
    addVisit(db, { id: 'lena-1', personId: 'p-lead', start: now - 2 * MIN });
    visitsStored();
    expect(events).toEqual([]);

    await call('updateAlertSettings', { rules: [{ ...cooling, minScore: -20 }] });
    expect((await core.handlers.getAlertSettings({})).rules).toMatchObject([{ minScore: -20 }]);
    now += 2 * HOUR;
    addVisit(db, { id: 'lena-2', personId: 'p-lead', start: now - MIN });
    visitsStored();
    expect(events.flatMap((e) => e.delivered)).toMatchObject([
      { visitId: 'lena-2', rule: 'Cooling', score: -15 },
    ]);
    // The Visits page filters on the same scale.
    const listed = async (minScore: number): Promise<string[]> => {
      const list = await core.handlers.listVisits({ scope: 'mine', limit: 100, minScore });
      return [...list.onSite, ...list.today, ...list.earlier].map((v) => v.id);
    };
    expect(await listed(-20)).toEqual(['lena-2', 'lena-1']);
    expect(await listed(-10)).toEqual([]);
  });

  it("leaves out other reps' people, unknown visitors and bots by default, and sessions already over", async () => {
    addVisit(db, { id: 'other', personId: 'p-other', start: now - MIN });
    addVisit(db, { id: 'anon', ip: '203.0.113.9', start: now - MIN });
    addVisit(db, { id: 'bot', personId: 'p-deal', userAgent: CRAWLER, start: now - MIN });
    addVisit(db, { id: 'over', personId: 'p-lead', start: now - 2 * HOUR, ended: true });
    visitsStored();
    expect(events).toEqual([]);
    expect((await core.handlers.listAlerts({ limit: 10 })).recent).toEqual([]);
  });

  it("alerts about a person's own visit though a machine fetched a page in their name just before", async () => {
    // A mail security scanner follows the tracked link in the rep's e-mail, then the person reads.
    addVisit(db, {
      id: 'scanner',
      personId: 'p-deal',
      userAgent: 'Mozilla/5.0 (compatible; LinkPreview-Checker/1.0; +https://scanner.example/)',
      start: now - 4 * MIN,
      ended: true,
    });
    addVisit(db, {
      id: 'dirk',
      personId: 'p-deal',
      start: now - 2 * MIN,
      pages: [
        ['/', 0],
        ['/pricing', 1],
      ],
    });
    visitsStored();
    expect(events.flatMap((e) => e.delivered.map((a) => [a.visitId, a.pages]))).toEqual([
      ['dirk', ['/', '/pricing']],
    ]);
  });

  it("waits out the cooldown for a person's next session, then alerts again", async () => {
    addVisit(db, { id: 's1', personId: 'p-deal', start: now });
    visitsStored();
    now += 40 * MIN;
    addVisit(db, { id: 's2', personId: 'p-deal', start: now });
    visitsStored();
    expect(events).toHaveLength(1);
    now += 25 * MIN;
    addVisit(db, {
      id: 's3',
      personId: 'p-deal',
      start: now - 20 * MIN,
      pages: [
        ['/', 0],
        ['/demo', 20],
      ],
    });
    visitsStored();
    expect(events.flatMap((e) => e.delivered.map((a) => a.visitId))).toEqual(['s1', 's3']);
  });

  it('counts the cooldown from when the rep was told, not from the page view that qualified (VT-8)', async () => {
    // A sync brings Dirk's visit late: it began 09:31 and he is still reading at 10:08.
    now = MONDAY_10 + 8 * MIN;
    addVisit(db, {
      id: 'late',
      personId: 'p-deal',
      start: now - 37 * MIN,
      pages: [
        ['/', 0],
        ['/pricing', 24],
      ],
    });
    visitsStored();
    expect(
      events.flatMap((e) => e.delivered.map((a) => [a.visitId, a.alertAt, a.deliveredAt])),
    ).toEqual([['late', now - 37 * MIN, now]]);
    const told = now;
    // Back 24 minutes after the rep was told (61 after the page view that qualified): cooldown.
    now = told + 24 * MIN;
    addVisit(db, { id: 'again', personId: 'p-deal', start: now - MIN, pages: [['/demo', 0]] });
    visitsStored();
    expect(events.flatMap((e) => e.delivered.map((a) => a.visitId))).toEqual(['late']);
    // Still reading an hour after the rep was told: alerted again.
    now = told + 61 * MIN;
    rawHandle(db)
      .prepare(
        "insert into visit_pages (visit_id, url, title, viewed_at, time_spent_s) values ('again', '/pricing', null, ?, 60)",
      )
      .run(now - MIN);
    visitsStored();
    expect(events.flatMap((e) => e.delivered.map((a) => [a.visitId, a.deliveredAt]))).toEqual([
      ['late', told],
      ['again', now],
    ]);
  });

  it('raises no alert, after a rule change, about a visitor the Visits page says has left', async () => {
    // At 10:08 Rita saves a rule about anyone's people. Dirk's visit ended 09:42 (26 minutes ago,
    // under the 30-minute session gap); Carla, who left 09:55, was last seen 13 minutes ago.
    now = MONDAY_10 + 8 * MIN;
    addVisit(db, {
      id: 'left',
      personId: 'p-deal',
      start: now - 37 * MIN,
      pages: [
        ['/', 0],
        ['/pricing', 10],
      ],
      ended: true,
    });
    addVisit(db, {
      id: 'just-left',
      personId: 'p-cust',
      start: now - 20 * MIN,
      pages: [
        ['/', 0],
        ['/pricing', 6],
      ],
      ended: true,
    });
    await core.handlers.updateAlertSettings({
      rules: [
        {
          name: 'Anyone',
          categories: ['customer', 'customer_open_deal', 'lead_contact'],
          owner: 'anyone',
        },
      ],
    });
    visitsStored();
    const onSite = (await core.handlers.listVisits({ scope: 'everyone', limit: 100 })).onSite;
    expect(onSite.map((v) => v.id)).toEqual(['just-left']);
    expect(events.flatMap((e) => e.delivered.map((a) => [a.visitId, a.title]))).toEqual([
      ['just-left', 'Carla Customer (Acme) is on the website'],
    ]);
  });

  it('alerts about the visit of now though an earlier visit of the person, over before the first look, was not alerted', async () => {
    now = MONDAY_10 + 20 * MIN;
    addVisit(db, {
      id: 'before',
      personId: 'p-cust',
      start: now - 50 * MIN,
      pages: [
        ['/', 0],
        ['/pricing', 14],
      ],
      ended: true,
    });
    addVisit(db, {
      id: 'now',
      personId: 'p-cust',
      start: now - 4 * MIN,
      pages: [
        ['/', 0],
        ['/pricing', 3],
      ],
    });
    visitsStored();
    expect(events.flatMap((e) => e.delivered.map((a) => a.visitId))).toEqual(['now']);
  });

  it('alerts about a visit the CRM reports as just ended whose pages all carry its start (Zoho)', async () => {
    addVisit(db, {
      id: 'long',
      personId: 'p-cust',
      start: now - 40 * MIN,
      pages: [
        ['/', 0],
        ['/pricing', 0],
      ],
    });
    rawHandle(db)
      .prepare('update visits set ended_at = ?, time_spent_s = ? where id = ?')
      .run(now - MIN, 39 * 60, 'long');
    visitsStored();
    expect(events.flatMap((e) => e.delivered.map((a) => a.visitId))).toEqual(['long']);
  });

  it('knows an unknown visitor who came yesterday as returning, as the rule preview does', async () => {
    await core.handlers.updateAlertSettings({
      rules: [{ name: 'Back again', categories: ['unknown'], owner: 'anyone', returning: true }],
    });
    addVisit(db, { id: 'yesterday', ip: '203.0.113.9', start: now - DAY, ended: true });
    addVisit(db, { id: 'today', ip: '203.0.113.9', start: now - MIN });
    addVisit(db, { id: 'first-time', ip: '203.0.113.10', start: now - MIN });
    visitsStored();
    expect(events.flatMap((e) => e.delivered.map((a) => a.visitId))).toEqual(['today']);
  });

  it('does not alert twice about one visit that a later sync links to a person', async () => {
    await core.handlers.updateAlertSettings({
      rules: [
        {
          name: 'Anyone',
          categories: ['customer', 'customer_open_deal', 'lead_contact', 'unknown'],
          owner: 'anyone',
        },
      ],
    });
    addVisit(db, { id: 'anon', ip: '203.0.113.9', start: now - MIN });
    visitsStored();
    now += MIN;
    rawHandle(db).prepare("update visits set person_id = 'p-cust' where id = 'anon'").run();
    visitsStored();
    expect(events.flatMap((e) => e.delivered.map((a) => [a.visitId, a.category]))).toEqual([
      ['anon', 'unknown'],
    ]);
  });

  it('alerts about a visitor the CRM linked to nobody as about the person whose e-mail they gave', async () => {
    addVisit(db, {
      id: 'mail-carla',
      email: 'Carla@Acme.example ',
      ip: '203.0.113.40',
      start: now - 2 * MIN,
      pages: [['/pricing', 0]],
    });
    // Otto's lead, by e-mail: his to hear about, not Rita's.
    addVisit(db, { id: 'mail-olaf', email: 'olaf@delta.example', start: now - 2 * MIN });
    visitsStored();
    expect(events.flatMap((e) => e.delivered)).toEqual([
      expect.objectContaining({
        personId: 'p-cust',
        visitId: 'mail-carla',
        category: 'customer',
        score: 80,
        email: 'carla@acme.example',
        phone: '+49 30 1234',
        title: 'Carla Customer (Acme) is on the website',
        body: 'Customer · reading /pricing · score 80\nIn their call window now ★★★★',
        bestWindow: expect.objectContaining({ channel: 'call', state: 'now', stars: 4 }),
      }),
    ]);
    // Her linked visit a little later is the same visitor: the same session, no second alert.
    now += 3 * MIN;
    addVisit(db, { id: 'linked-carla', personId: 'p-cust', start: now - MIN });
    visitsStored();
    expect(events.flatMap((e) => e.delivered)).toHaveLength(1);
    // Otto signed in hears about his lead.
    chooseUser(db, 'rep2');
    now += MIN;
    visitsStored();
    expect(events.flatMap((e) => e.delivered).map((a) => [a.visitId, a.personId])).toEqual([
      ['mail-carla', 'p-cust'],
      ['mail-olaf', 'p-other'],
    ]);
  });

  it('holds alerts outside working hours and delivers them as one digest when work starts', async () => {
    now = Date.UTC(2026, 10, 28, 10, 0); // Saturday 11:00 in Berlin
    addVisit(db, { id: 'w1', personId: 'p-cust', start: now - MIN });
    addVisit(db, { id: 'w2', personId: 'p-lead', start: now - 2 * MIN });
    visitsStored();
    expect(events).toEqual([]);
    const held = await core.handlers.listAlerts({ limit: 10 });
    expect(held).toMatchObject({ unread: 0, held: 2, recent: [] });
    now = Date.UTC(2026, 10, 30, 7, 0); // Monday 08:00 in Berlin
    core.alerts.tick();
    expect(events).toHaveLength(1);
    const digest = events[0];
    expect(digest?.digest).toEqual({
      title: '2 website visits while alerts were held',
      body: 'Lena Lead, Carla Customer',
      ids: digest?.delivered.map((a) => a.id),
    });
    expect(
      digest?.delivered.map((a) => [
        a.visitId,
        a.delivery,
        a.holdReason,
        a.deliverAt,
        a.deliveredAt,
      ]),
    ).toEqual([
      ['w2', 'held', 'hours', now, now],
      ['w1', 'held', 'hours', now, now],
    ]);
    // Delivered when work starts, they are no longer on the website: the alert says when they were,
    // their own visits read two days on (a page each, so each was seen at one minute: one time,
    // as the Visits page has it, not "10:58–10:58").
    expect(digest?.delivered.map((a) => a.title)).toEqual([
      'Lena Lead (Gamma) was on the website Sat 28 Nov at 10:58',
      'Carla Customer (Acme) was on the website Sat 28 Nov at 10:59',
    ]);
    // Carla's window is named as of the delivery: Monday's 09:00 opens next.
    expect(digest?.delivered[1]?.bestWindow).toMatchObject({
      state: 'upcoming',
      start: Date.UTC(2026, 10, 30, 8, 0),
    });
    expect(digest?.unread).toBe(2);
    core.alerts.tick();
    expect(events).toHaveLength(1);
  });

  it("holds alerts in the rep's own working hours, in their zone, across a daylight-saving change", async () => {
    await call('setCurrentUser', { userId: 'rep2' });
    await call('updateAlertSettings', {
      rules: [{ name: 'Anyone', categories: ['lead_contact'], owner: 'me' }],
      workingHours: 'Mon-Fri 09:00-17:00',
    });
    now = Date.UTC(2026, 2, 6, 23, 0); // Friday 18:00 in New York, before clocks go forward
    addVisit(db, { id: 'ny', personId: 'p-other', start: now - MIN });
    visitsStored();
    const [alert] = (await core.handlers.listAlerts({ limit: 5 })).recent;
    expect(alert).toBeUndefined();
    const row = rawHandle(db).prepare('select hold_reason, deliver_at from alerts').get();
    expect(row).toEqual({ hold_reason: 'hours', deliver_at: Date.UTC(2026, 2, 9, 13, 0) }); // 09:00 EDT
  });

  it("holds a rep's alerts in their shift's hours when they set none of their own, across a daylight-saving change", async () => {
    // Otto works the New York office's shift (Zoho's shift hours): weekdays 09:00-17:00 there.
    rawHandle(db)
      .prepare(
        "insert into shifts (id, name, time_zone, hours) values ('ny', 'New York office', 'America/New_York', ?)",
      )
      .run(JSON.stringify(parseBusinessHours('Mon-Fri 09:00-17:00')));
    rawHandle(db).prepare("update users set shift_id = 'ny' where id = 'rep2'").run();
    await call('setCurrentUser', { userId: 'rep2' });
    const settings = await call<{ effectiveHours: unknown }>('updateAlertSettings', {
      rules: [{ name: 'Anyone', categories: ['lead_contact'], owner: 'me' }],
    });
    expect(settings.effectiveHours).toEqual({
      spec: 'Mon-Fri 09:00-17:00',
      zone: 'America/New_York',
      source: 'shift',
      shift: 'New York office',
    });
    // Friday 18:00 in New York: Berlin's hours (to 20:00) are over, and so is the shift.
    now = Date.UTC(2026, 2, 6, 23, 0);
    addVisit(db, { id: 'ny-late', personId: 'p-other', start: now - MIN });
    visitsStored();
    // Monday 09:00 EDT, after the clocks went forward: 13:00 UTC, not 14:00.
    expect(rawHandle(db).prepare('select hold_reason, deliver_at from alerts').get()).toEqual({
      hold_reason: 'hours',
      deliver_at: Date.UTC(2026, 2, 9, 13, 0),
    });
    // Monday 10:00 in Berlin is 04:00 in New York: inside the organisation's hours, not his.
    rawHandle(db).prepare('delete from alerts').run();
    now = Date.UTC(2026, 2, 9, 9, 0);
    addVisit(db, { id: 'ny-early', personId: 'p-other', start: now - MIN });
    visitsStored();
    expect(rawHandle(db).prepare('select hold_reason from alerts').pluck().get()).toBe('hours');
  });

  it("counts a returning visitor's days in the rep's own zone when the rep takes the organisation's hours, across a daylight-saving change", async () => {
    // Otto works from New York (clocks go forward there on Sunday 2026-03-08, not in Berlin);
    // he has no working hours of his own, so he takes the Berlin organisation's.
    await call('setCurrentUser', { userId: 'rep2' });
    await call('updateAlertSettings', {
      rules: [{ name: 'Back', categories: ['lead_contact'], owner: 'me', returning: true }],
    });
    rawHandle(db)
      .prepare(
        `insert into people (id, module, last_name, owner_id, time_zone, visitor_score, first_visit_at, created_at, modified_at)
         values ('p-ny', 'lead', 'Nora', 'rep2', 'America/New_York', 20, ?, 0, 0)`,
      )
      .run(Date.UTC(2026, 2, 8, 10, 0)); // Sunday 06:00 EDT, 11:00 in Berlin
    // Saturday 23:30 EST (Sunday 05:30 in Berlin; 00:30 by the summer offset New York takes later
    // that night): Sunday's visit in New York is a return.
    rawHandle(db)
      .prepare("update people set first_visit_at = ? where id = 'p-other'")
      .run(Date.UTC(2026, 2, 8, 4, 30));
    now = Date.UTC(2026, 2, 8, 14, 0); // Sunday 10:00 EDT, 15:00 in Berlin
    addVisit(db, { id: 'olaf-back', personId: 'p-other', start: now - MIN });
    visitsStored();
    // Sunday 19:30 EDT is Monday 00:30 in Berlin: Nora came earlier the same day in New York.
    now = Date.UTC(2026, 2, 8, 23, 30);
    addVisit(db, { id: 'nora-same-day', personId: 'p-ny', start: now - MIN });
    visitsStored();
    const raised = () =>
      rawHandle(db).prepare('select visit_id from alerts order by alert_at').pluck().all();
    expect(raised()).toEqual(['olaf-back']);
    // The rule preview and the alerts command (a replay of the stored visits) count days alike.
    const otto = rawHandle(db).prepare("select * from users where id = 'rep2'").get() as UserRow;
    const { replay } = replayForRep(db, otto, storedPageViews(db, now - DAY, now, otto.id), {
      ...readRepAlertConfig(db, 'rep2'),
    });
    expect(replay.alerts.map((a) => a.session.personId)).toEqual(['p-other']);
  });

  it('pauses for an hour, holding what comes meanwhile, and resumes early on request', async () => {
    expect(await core.handlers.pauseAlerts({ minutes: 60 })).toEqual({ pausedUntil: now + HOUR });
    expect(events.at(-1)).toMatchObject({ delivered: [], pausedUntil: now + HOUR });
    addVisit(db, { id: 'p1', personId: 'p-cust', start: now });
    visitsStored();
    expect(events.at(-1)?.delivered).toEqual([]);
    expect(await core.handlers.listAlerts({ limit: 5 })).toMatchObject({
      held: 1,
      pausedUntil: now + HOUR,
    });
    expect((await core.handlers.getAlertSettings({})).pausedUntil).toBe(now + HOUR);
    now += 10 * MIN;
    expect(await core.handlers.resumeAlerts({})).toEqual({ pausedUntil: null });
    expect(events.at(-1)).toMatchObject({ pausedUntil: null, digest: null });
    expect(events.at(-1)?.delivered.map((a) => [a.visitId, a.holdReason])).toEqual([
      ['p1', 'paused'],
    ]);
  });

  it('delivers what was held by a pause when the pause ends', async () => {
    await core.handlers.pauseAlerts({ minutes: 60 });
    addVisit(db, { id: 'p1', personId: 'p-cust', start: now });
    visitsStored();
    now += HOUR;
    core.alerts.tick();
    expect(events.at(-1)?.delivered.map((a) => a.visitId)).toEqual(['p1']);
    expect(events.at(-1)?.pausedUntil).toBeNull();
    expect((await core.handlers.getAlertSettings({})).pausedUntil).toBeNull();
  });

  it('tells the tray when a pause ends, also when it held nothing', async () => {
    await core.handlers.pauseAlerts({ minutes: 60 });
    now += HOUR;
    core.alerts.tick();
    expect(events.at(-1)).toEqual({ delivered: [], digest: null, unread: 0, pausedUntil: null });
    expect(events).toHaveLength(2);
  });

  it('waits while a call is being logged and delivers when the dialog closes', async () => {
    await core.handlers.setCallInProgress({ active: true });
    addVisit(db, { id: 'c1', personId: 'p-deal', start: now });
    visitsStored();
    expect(events).toEqual([]);
    now += 3 * MIN;
    expect(await core.handlers.setCallInProgress({ active: false })).toEqual({ delivered: 1 });
    expect(events[0]?.delivered.map((a) => [a.visitId, a.holdReason, a.deliveredAt])).toEqual([
      ['c1', 'call', now],
    ]);
  });

  it('delivers what a call held when the app quit with the dialog open, at the next start', async () => {
    await core.handlers.setCallInProgress({ active: true });
    addVisit(db, { id: 'c1', personId: 'p-deal', start: now });
    visitsStored();
    expect((await core.handlers.listAlerts({ limit: 5 })).held).toBe(1);
    core.alerts.dispose();
    now += 2 * MIN;
    events = [];
    core = createCore(db, () => now);
    core.on('alerts', (e) => events.push(e));
    core.alerts.start();
    expect(events.map((e) => e.delivered.map((a) => a.visitId))).toEqual([['c1']]);
    const feed = await core.handlers.listAlerts({ limit: 5 });
    expect(feed.held).toBe(0);
    expect(feed.recent.map((a) => [a.visitId, a.holdReason, a.deliveredAt])).toEqual([
      ['c1', 'call', now],
    ]);
  });

  it('stops holding for a call two minutes after the dialog last renewed it: a page that went away holds alerts no longer', async () => {
    await core.handlers.setCallInProgress({ active: true });
    addVisit(db, { id: 'c1', personId: 'p-deal', start: now });
    visitsStored();
    now += 90_000;
    // The open dialog renews the hold every half minute.
    await core.handlers.setCallInProgress({ active: true });
    now += 90_000;
    core.alerts.tick();
    expect(events.flatMap((e) => e.delivered)).toEqual([]);
    // Its page closed: no renewal comes, and the hold lapses two minutes after the last one.
    now += 31_000;
    core.alerts.tick();
    expect(events.flatMap((e) => e.delivered.map((a) => [a.visitId, a.holdReason]))).toEqual([
      ['c1', 'call'],
    ]);
  });

  it('releases a lapsed call hold when anything looks after the lapse, before its timer fired', async () => {
    await core.handlers.setCallInProgress({ active: true });
    addVisit(db, { id: 'c1', personId: 'p-deal', start: now });
    visitsStored();
    // The laptop slept with Log call open in a page that went away: on waking, the clock is past
    // the lapse while the hold's timer (monotonic) has not fired, and a window reads the feed.
    now += 3 * MIN;
    await core.handlers.listAlerts({ limit: 5 });
    await new Promise((done) => setTimeout(done, 50));
    expect(events.flatMap((e) => e.delivered.map((a) => [a.visitId, a.holdReason]))).toEqual([
      ['c1', 'call'],
    ]);
    const feed = await core.handlers.listAlerts({ limit: 5 });
    expect(feed.heldAlerts).toEqual([]);
  });

  it('says a visitor back after a break is on the website since they came back, and of one gone, their own session only', async () => {
    await core.handlers.pauseAlerts({ minutes: 120 });
    addVisit(db, {
      id: 'v1',
      personId: 'p-deal',
      start: now,
      pages: [
        ['/pricing', 0],
        ['/pricing', 3],
      ],
      ended: true,
    });
    visitsStored();
    // Back at 10:50, after a break longer than a session's (the engine's 30 minutes).
    addVisit(db, { id: 'v2', personId: 'p-deal', start: now + 50 * MIN, pages: [['/', 0]] });
    now += 55 * MIN;
    const back = await core.handlers.listAlerts({ limit: 5 });
    expect(back.heldAlerts.map((a) => a.visitId)).toEqual(['v1']);
    expect(back.heldAlerts[0]?.title).toMatch(/ is on the website since 10:50$/);
    // Gone again at 11:40: the alert tells of the visit that raised it, not 10:00–10:51.
    now += 45 * MIN;
    const gone = await core.handlers.listAlerts({ limit: 5 });
    expect(gone.heldAlerts[0]?.title).toMatch(/ was on the website 10:00–10:04$/);
  });

  it('lists held alerts with why they wait, and when the visit was', async () => {
    await core.handlers.setCallInProgress({ active: true });
    addVisit(db, { id: 'c1', personId: 'p-deal', start: now, pages: [['/pricing', 0]] });
    visitsStored();
    const feed = await core.handlers.listAlerts({ limit: 5 });
    expect(feed.recent).toEqual([]);
    expect(feed.heldAlerts.map((a) => [a.visitId, a.holdReason, a.deliverAt])).toEqual([
      ['c1', 'call', null],
    ]);
    expect(feed.heldAlerts[0]?.title).toMatch(/ is on the website since 10:00$/);
  });

  it('says of an alert delivered after the visit ended that they were on the website, and when', async () => {
    await core.handlers.setCallInProgress({ active: true });
    addVisit(db, { id: 'c1', personId: 'p-deal', start: now, pages: [['/pricing', 0]] });
    visitsStored();
    // They leave at 10:03 (the CRM reports the end); the call is logged at 10:20, after the
    // quarter of an hour in which the Visits page still counts them on the website (inside it,
    // Zoho's end is no leaving: it is reported while they read, as start plus time spent).
    rawHandle(db)
      .prepare('update visits set ended_at = ? where id = ?')
      .run(now + 3 * MIN, 'c1');
    now += 20 * MIN;
    await core.handlers.setCallInProgress({ active: false });
    const [alert] = events.flatMap((e) => e.delivered);
    expect(alert?.title).toMatch(/ was on the website 10:00–10:03$/);
    expect(alert?.title).not.toMatch(/is on the website/);
    // What it said when delivered, it says ever after.
    now += HOUR;
    const feed = await core.handlers.listAlerts({ limit: 5 });
    expect(feed.recent[0]?.title).toBe(alert?.title);
  });

  it('keeps a digest due at the start of work until a pause, or a call being logged, is over', async () => {
    now = Date.UTC(2026, 10, 28, 10, 0); // Saturday 11:00 in Berlin: held for working hours
    addVisit(db, { id: 'w1', personId: 'p-cust', start: now - MIN });
    addVisit(db, { id: 'w2', personId: 'p-lead', start: now - 2 * MIN });
    visitsStored();
    now = Date.UTC(2026, 10, 30, 6, 50); // Monday 07:50 in Berlin
    await core.handlers.pauseAlerts({ minutes: 60 });
    now = Date.UTC(2026, 10, 30, 7, 0); // 08:00: work starts, the pause goes on
    core.alerts.tick();
    expect(events.flatMap((e) => e.delivered)).toEqual([]);
    now = Date.UTC(2026, 10, 30, 7, 50); // 08:50: the pause is over
    await core.handlers.setCallInProgress({ active: true });
    core.alerts.tick();
    expect(events.flatMap((e) => e.delivered)).toEqual([]);
    now += 3 * MIN;
    await core.handlers.setCallInProgress({ active: false });
    expect(
      events
        .at(-1)
        ?.delivered.map((a) => a.visitId)
        .sort(),
    ).toEqual(['w1', 'w2']);
    expect(events.at(-1)?.digest?.ids).toHaveLength(2);
  });

  it('lists an alert held for working hours as held by a pause, or a call, begun since: never "it comes at" a time gone by', async () => {
    now = Date.UTC(2026, 10, 28, 10, 0); // Saturday 11:00 in Berlin: held for working hours
    addVisit(db, { id: 'w1', personId: 'p-cust', start: now - MIN });
    visitsStored();
    const monday8 = Date.UTC(2026, 10, 30, 7, 0);
    const before = await core.handlers.listAlerts({ limit: 5 });
    expect(before.heldAlerts.map((a) => [a.holdReason, a.deliverAt])).toEqual([['hours', monday8]]);
    now = Date.UTC(2026, 10, 30, 6, 50); // Monday 07:50: paused for an hour
    await core.handlers.pauseAlerts({ minutes: 60 });
    now = Date.UTC(2026, 10, 30, 7, 30); // 08:30: the pause still holds it
    const paused = await core.handlers.listAlerts({ limit: 5 });
    expect(paused.heldAlerts.map((a) => [a.holdReason, a.deliverAt])).toEqual([
      ['paused', Date.UTC(2026, 10, 30, 7, 50)],
    ]);
    // A call begun during the pause: saving it releases nothing the pause still holds.
    await core.handlers.setCallInProgress({ active: true });
    const pausedOnCall = await core.handlers.listAlerts({ limit: 5 });
    expect(pausedOnCall.heldAlerts.map((a) => [a.holdReason, a.deliverAt])).toEqual([
      ['paused', Date.UTC(2026, 10, 30, 7, 50)],
    ]);
    await core.handlers.setCallInProgress({ active: false });
    expect(events.flatMap((e) => e.delivered)).toEqual([]);
    // 08:40: a call with nothing else holding it: it comes when the call is saved or cancelled.
    now = Date.UTC(2026, 10, 30, 7, 40);
    await core.handlers.resumeAlerts({});
    expect(events.flatMap((e) => e.delivered.map((a) => a.visitId))).toEqual(['w1']);
  });

  it('lists an alert held for working hours as held for them, not by a Log call that ends before they start', async () => {
    now = Date.UTC(2026, 10, 28, 18, 30); // Saturday 19:30 in Berlin: held until Monday 08:00
    addVisit(db, { id: 'n1', personId: 'p-cust', start: now - MIN });
    visitsStored();
    const monday8 = Date.UTC(2026, 10, 30, 7, 0);
    await core.handlers.setCallInProgress({ active: true });
    const onCall = await core.handlers.listAlerts({ limit: 5 });
    expect(onCall.heldAlerts.map((a) => [a.holdReason, a.deliverAt])).toEqual([['hours', monday8]]);
    await core.handlers.setCallInProgress({ active: false });
    expect(events.flatMap((e) => e.delivered)).toEqual([]);
    // Monday 08:10 on a call: working hours have begun, the call is what holds it now.
    now = Date.UTC(2026, 10, 30, 7, 10);
    await core.handlers.setCallInProgress({ active: true });
    const monday = await core.handlers.listAlerts({ limit: 5 });
    expect(monday.heldAlerts.map((a) => [a.holdReason, a.deliverAt])).toEqual([['call', null]]);
    await core.handlers.setCallInProgress({ active: false });
    expect(events.flatMap((e) => e.delivered.map((a) => a.visitId))).toEqual(['n1']);
  });

  // The Saturday of 24 October is on summer time, its Monday 08:00 on winter time.
  it.each([
    ['28 Nov', Date.UTC(2026, 10, 28, 18, 30), Date.UTC(2026, 10, 30, 7, 0)],
    [
      '24 Oct, over the clocks going back',
      Date.UTC(2026, 9, 24, 17, 30),
      Date.UTC(2026, 9, 26, 7, 0),
    ],
  ])(
    'lists an alert raised during a Log call on Saturday %s at 19:30 as held for working hours, and delivers it when they start, not when the call is saved',
    async (_day, saturday1930, monday8) => {
      now = saturday1930;
      await core.handlers.setCallInProgress({ active: true });
      addVisit(db, { id: 'n1', personId: 'p-cust', start: now - MIN });
      visitsStored();
      const onCall = await core.handlers.listAlerts({ limit: 5 });
      expect(onCall.heldAlerts.map((a) => [a.holdReason, a.deliverAt])).toEqual([
        ['hours', monday8],
      ]);
      now += 5 * MIN;
      await core.handlers.setCallInProgress({ active: false });
      const saved = await core.handlers.listAlerts({ limit: 5 });
      expect(saved.heldAlerts.map((a) => [a.holdReason, a.deliverAt])).toEqual([
        ['hours', monday8],
      ]);
      expect(events.flatMap((e) => e.delivered)).toEqual([]);
      now = monday8;
      core.alerts.tick();
      expect(events.flatMap((e) => e.delivered.map((a) => [a.visitId, a.holdReason]))).toEqual([
        ['n1', 'hours'],
      ]);
    },
  );

  // Working hours end at 20:00; the Friday of 23 October is on summer time, its Monday on winter time.
  it.each([
    ['Mon 30 Nov', Date.UTC(2026, 10, 30, 18, 30), Date.UTC(2026, 11, 1, 7, 0)],
    [
      'Fri 23 Oct, over the clocks going back',
      Date.UTC(2026, 9, 23, 17, 30),
      Date.UTC(2026, 9, 26, 7, 0),
    ],
  ])(
    'lists an alert held by a pause that ended after working hours as held for working hours (%s)',
    async (_day, at1930, nextWorkStart) => {
      now = at1930;
      await core.handlers.pauseAlerts({ minutes: 70 }); // until 20:40
      addVisit(db, { id: 'p1', personId: 'p-cust', start: now - MIN });
      visitsStored();
      const paused = await core.handlers.listAlerts({ limit: 5 });
      expect(paused.heldAlerts.map((a) => [a.holdReason, a.deliverAt])).toEqual([
        ['paused', nextWorkStart],
      ]);
      now = at1930 + 80 * MIN; // 20:50: the pause is over, the evening holds it
      const after = await core.handlers.listAlerts({ limit: 5 });
      expect(after.heldAlerts.map((a) => [a.holdReason, a.deliverAt])).toEqual([
        ['hours', nextWorkStart],
      ]);
      expect(events.flatMap((e) => e.delivered)).toEqual([]);
    },
  );

  // Working hours Mon-Fri 08:00-20:00. Clocks go back on Sun 25 Oct (Friday 23 on summer time,
  // Monday 26 on winter time) and forward on Sun 29 Mar (Friday 27 on winter time, Monday 30 on
  // summer time).
  it.each([
    [
      '23 Oct, over the clocks going back',
      Date.UTC(2026, 9, 23, 17, 30),
      Date.UTC(2026, 9, 26, 7, 0),
    ],
    [
      '27 Mar, over the clocks going forward',
      Date.UTC(2026, 2, 27, 18, 30),
      Date.UTC(2026, 2, 30, 6, 0),
    ],
  ])(
    'lists an alert held by a Friday pause as held for working hours once they hold it longer, through a shorter pause on Saturday (Fri %s)',
    async (_day, friday1930, monday8) => {
      now = friday1930;
      await core.handlers.pauseAlerts({ minutes: 70 }); // until 20:40
      addVisit(db, { id: 'p1', personId: 'p-cust', start: now - MIN });
      visitsStored();
      const held = async (): Promise<unknown[]> =>
        (await core.handlers.listAlerts({ limit: 5 })).heldAlerts.map((a) => [
          a.holdReason,
          a.deliverAt,
        ]);
      // 19:30: without the pause it would go now.
      expect(await held()).toEqual([['paused', monday8]]);
      // 20:10: work is over; the pause ends at 20:40, the evening holds it until Monday.
      now = friday1930 + 40 * MIN;
      expect(await held()).toEqual([['hours', monday8]]);
      // Saturday 21:00, paused for an hour: the weekend still holds it longest.
      now = friday1930 + DAY + 90 * MIN;
      await core.handlers.pauseAlerts({ minutes: 60 });
      expect(await held()).toEqual([['hours', monday8]]);
      // Resumed early: still held for working hours, nothing delivered on a Saturday night.
      now += 20 * MIN;
      await core.handlers.resumeAlerts({});
      expect(await held()).toEqual([['hours', monday8]]);
      now = monday8 - MIN;
      core.alerts.tick();
      expect(events.flatMap((e) => e.delivered)).toEqual([]);
      now = monday8;
      core.alerts.tick();
      expect(events.flatMap((e) => e.delivered.map((a) => a.visitId))).toEqual(['p1']);
    },
  );

  // Monday 26 Oct is the first working day on winter time, Monday 30 Mar on summer time.
  it.each([
    ['26 Oct', Date.UTC(2026, 9, 26, 8, 0)],
    ['30 Mar', Date.UTC(2026, 2, 30, 7, 0)],
  ])(
    'releases what a pause held when a shorter pause that replaced it ends in working hours, never reading as held for them (Mon %s)',
    async (_day, monday9) => {
      now = monday9;
      await core.handlers.pauseAlerts({ minutes: 120 }); // until 11:00
      now = monday9 + 10 * MIN;
      addVisit(db, { id: 'p2', personId: 'p-cust', start: now - MIN });
      visitsStored();
      now = monday9 + 20 * MIN;
      await core.handlers.pauseAlerts({ minutes: 15 }); // until 09:35 instead
      const during = await core.handlers.listAlerts({ limit: 5 });
      expect(during.heldAlerts.map((a) => [a.holdReason, a.deliverAt])).toEqual([
        ['paused', monday9 + 35 * MIN],
      ]);
      // 09:35: the pause is over in working hours; whatever reads the list before the timer
      // delivers must not say working hours hold it.
      now = monday9 + 35 * MIN;
      const over = await core.handlers.listAlerts({ limit: 5 });
      expect(over.heldAlerts.map((a) => a.holdReason)).not.toContain('hours');
      core.alerts.tick();
      expect(events.flatMap((e) => e.delivered.map((a) => a.visitId))).toEqual(['p2']);
      expect((await core.handlers.listAlerts({ limit: 5 })).heldAlerts).toEqual([]);
    },
  );

  it('marks alerts read, one or all, and tells the tray', async () => {
    addVisit(db, { id: 'r1', personId: 'p-cust', start: now });
    addVisit(db, { id: 'r2', personId: 'p-deal', start: now });
    addVisit(db, { id: 'r3', personId: 'p-lead', start: now });
    visitsStored();
    const ids = (await core.handlers.listAlerts({ limit: 10 })).recent.map((a) => a.id);
    expect(ids).toHaveLength(3);
    expect(await core.handlers.markAlertsRead({ ids: [ids[0] ?? 0] })).toEqual({ unread: 2 });
    expect(events.at(-1)).toMatchObject({ delivered: [], unread: 2 });
    expect(await core.handlers.markAlertsRead({ all: true })).toEqual({ unread: 0 });
    const feed = await core.handlers.listAlerts({ limit: 10 });
    expect(feed.recent.every((a) => a.readAt === now)).toBe(true);
  });

  it('keeps a dismissed toast dismissed for every window, the alert still unread, and tells them', async () => {
    addVisit(db, { id: 'd1', personId: 'p-cust', start: now });
    addVisit(db, { id: 'd2', personId: 'p-deal', start: now });
    visitsStored();
    const [first, second] = (await core.handlers.listAlerts({ limit: 10 })).recent.map((a) => a.id);
    const dismissedAt = now;
    expect(await core.handlers.dismissAlertToasts({ ids: [first ?? 0] })).toEqual({ unread: 2 });
    expect(events.at(-1)).toMatchObject({ delivered: [], unread: 2 });
    // Dismissed again a minute later (in a second window): the first dismissal stands.
    now += MIN;
    await core.handlers.dismissAlertToasts({ ids: [first ?? 0] });
    const feed = await core.handlers.listAlerts({ limit: 10 });
    expect(feed.recent.map((a) => [a.id, a.toastDismissedAt, a.readAt])).toEqual([
      [first, dismissedAt, null],
      [second, null, null],
    ]);
    expect(feed.unread).toBe(2);
  });

  it('raises nothing for anyone once an admin turned visit alerts off, and drops what was held', async () => {
    now = Date.UTC(2026, 10, 28, 10, 0); // Saturday: held
    addVisit(db, { id: 'h1', personId: 'p-cust', start: now });
    visitsStored();
    expect((await core.handlers.listAlerts({ limit: 5 })).held).toBe(1);
    await call('setCurrentUser', { userId: 'boss' });
    await call('setVisitAlertsEnabled', { enabled: false });
    await call('setCurrentUser', { userId: 'rep' });
    expect((await core.handlers.listAlerts({ limit: 5 })).held).toBe(0);
    now = MONDAY_10 + 7 * DAY;
    addVisit(db, { id: 'h2', personId: 'p-cust', start: now });
    visitsStored();
    core.alerts.tick();
    expect(events).toEqual([]);
    expect(rawHandle(db).prepare('select count(*) from alerts').pluck().get()).toBe(0);
  });
});

describe('visits stored by a sync', () => {
  /** A CRM that has the organisation and one new visit, of someone it does not know. */
  function oneVisitSource(visit: { id: string; start: number }): CrmSource {
    const record: PulledRecord = {
      id: visit.id,
      modifiedAt: visit.start,
      raw: {},
      writes: [
        {
          table: 'visits',
          row: {
            id: visit.id,
            person_id: null,
            visitor_name: 'Sam Stranger',
            visitor_email: null,
            ip: '203.0.113.50',
            started_at: visit.start,
            ended_at: null,
            time_spent_s: 60,
            referrer: null,
            search_engine: null,
            search_keyword: null,
            actions: null,
          },
          pages: [{ url: '/pricing', title: 'Pricing', viewed_at: visit.start, time_spent_s: 60 }],
          chats: [],
        },
      ],
    };
    return {
      kind: 'test',
      pullOrganisation: async () => ({
        name: 'Alerts org',
        timeZone: 'Europe/Berlin',
        businessHours: parseBusinessHours('Mon-Fri 08:00-20:00'),
      }),
      pullUsers: async () => [
        {
          id: 'rep',
          name: 'Rita Rep',
          email: 'rita@example.com',
          role: 'rep',
          managerId: null,
          team: null,
          timeZone: 'Europe/Berlin',
          active: true,
          shiftId: null,
        },
      ],
      pullChanged: async (module) => ({ records: module === 'Visits' ? [record] : [], next: null }),
      pullDeleted: async () => ({ deleted: [], next: null }),
      pushCall: async () => {
        throw new Error('not in this test');
      },
    };
  }

  it("raise an alert as soon as the sync stores them, an unknown visitor's too", async () => {
    // The sync refuses to write a CRM's records into the demo organisation's file.
    rawHandle(db).prepare("update organisation set source = 'test'").run();
    await call('updateAlertSettings', {
      rules: [{ name: 'Pricing', categories: ['unknown'], owner: 'anyone', page: '/pricing' }],
    });
    const runner = new SyncRunner(core, oneVisitSource({ id: 'zv1', start: now - MIN }), {
      recordsMinutes: 5,
      visitsMinutes: 1,
      requestsInFlight: 5,
    });
    await runner.syncNow();
    await runner.stop();
    expect(runner.current()).toMatchObject({ state: 'idle', lastError: null });
    expect(events).toHaveLength(1);
    expect(events[0]?.delivered[0]).toMatchObject({
      visitId: 'zv1',
      personId: null,
      name: 'Sam Stranger',
      category: 'unknown',
      title: 'Sam Stranger is on the website',
      body: 'Unknown visitor · reading /pricing',
    });
  });
});

describe('through the workspace the transports talk to', () => {
  it('answers the alert methods and pushes the alerts of the data set shown', async () => {
    const path = db.path;
    core.alerts.dispose();
    await db.close();
    const ws = await openWorkspace({
      demoPath: path,
      secrets: new MemorySecretStore(),
      clock: () => now,
      scheduled: false,
      demoLive: false,
    });
    try {
      const pushed: AlertsEvent[] = [];
      ws.on('alerts', (e) => pushed.push(e));
      const shown = ws.active();
      addVisit(shown.db, { id: 'ws1', personId: 'p-cust', start: now });
      shown.emit('data-changed', { entities: ['visits'] });
      expect(pushed.map((e) => e.delivered.map((a) => a.visitId))).toEqual([['ws1']]);
      expect(await ws.dispatch('listAlerts', { limit: 5 })).toMatchObject({
        ok: true,
        value: { unread: 1, recent: [{ visitId: 'ws1' }] },
      });
      expect(await ws.dispatch('markAlertsRead', { all: true })).toEqual({
        ok: true,
        value: { unread: 0 },
      });
      expect(pushed.at(-1)?.unread).toBe(0);
    } finally {
      await ws.close();
    }
    // afterEach closes the test's own handle again: reopen it for that.
    db = await openDatabase(path);
    core = createCore(db, () => now);
  });
});

describe('alerts that fall due while the app is closed', () => {
  it('reach whoever the app has listening from the start, as the core worker listens', async () => {
    now = Date.UTC(2026, 10, 28, 10, 0); // Saturday 11:00 in Berlin: held for working hours
    addVisit(db, { id: 'w1', personId: 'p-cust', start: now - MIN });
    addVisit(db, { id: 'w2', personId: 'p-lead', start: now - 2 * MIN });
    visitsStored();
    expect((await core.handlers.listAlerts({ limit: 5 })).held).toBe(2);
    const path = db.path;
    core.alerts.dispose();
    await db.close();
    now = Date.UTC(2026, 10, 30, 7, 5); // Monday 08:05: the app starts after work began
    const heard: AlertsEvent[] = [];
    const ws = await openWorkspace({
      demoPath: path,
      secrets: new MemorySecretStore(),
      clock: () => now,
      scheduled: false,
      demoLive: false,
      listen: (name, payload) => {
        if (name === 'alerts') heard.push(payload as AlertsEvent);
      },
    });
    try {
      expect(heard).toHaveLength(1);
      expect(heard[0]?.delivered.map((a) => a.visitId).sort()).toEqual(['w1', 'w2']);
      expect(heard[0]?.digest?.ids).toHaveLength(2);
      expect(heard[0]?.unread).toBe(2);
    } finally {
      await ws.close();
    }
    db = await openDatabase(path);
    core = createCore(db, () => now);
  });
});

describe('stored page views', () => {
  it('reads the same page views through the time index as in table order', () => {
    for (let d = 0; d < 20; d++)
      addVisit(db, {
        id: `d${String(d).padStart(2, '0')}`,
        personId: d % 2 ? 'p-cust' : null,
        ip: `203.0.113.${d % 3}`,
        start: MONDAY_10 + d * DAY,
        pages:
          d === 5
            ? []
            : [
                ['/', 0],
                [`/page-${d}`, 7],
              ],
      });
    const flat = (from: number, to: number) =>
      [...storedPageViews(db, from, to, 'rep').views].map((v) => [
        v.at,
        v.url,
        v.visitor.visitorId,
        v.visitor.visitId,
      ]);
    // Two days of twenty go through the time index; all twenty are read in table order.
    const narrow = flat(MONDAY_10 + 4 * DAY, MONDAY_10 + 6 * DAY);
    const wide = flat(0, MONDAY_10 + 30 * DAY).filter(
      ([at]) => (at as number) >= MONDAY_10 + 4 * DAY && (at as number) < MONDAY_10 + 6 * DAY,
    );
    expect(narrow).toEqual(wide);
    expect(narrow).toEqual([
      [MONDAY_10 + 4 * DAY, '/', expect.stringMatching(/^anon-/), 'd04'],
      [MONDAY_10 + 4 * DAY + 7 * MIN, '/page-4', expect.stringMatching(/^anon-/), 'd04'],
      [MONDAY_10 + 5 * DAY, '', 'p-cust', 'd05'],
    ]);
  });
});
