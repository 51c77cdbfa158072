import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { firstEmailVisitsQuery } from '../../src/main/db/repos/alertVisits';
import {
  emailVisitsQuery,
  personChatsQuery,
  personVisitsQuery,
} from '../../src/main/db/repos/visits';
import type { AlertsEvent } from '../../src/shared/alertsContract';
import { mapPerson } from '../../src/main/crm/zoho/zohoPeopleMap';
import { pageViewsFromCsv } from '../../src/main/alerts/replayReport';
import {
  addVisit,
  eachTestAlertsOrg,
  MIN,
  MONDAY_10,
  sharedEmailVisits,
} from '../fixtures/alertsOrg';

// VT-2 knows a visitor the CRM linked to nobody by the e-mail they gave, on the Visits page and in
// the alerts; an alert opens the person. Their page listed only the visits the CRM linked to them
// and its summary was the CRM's alone, so a rep who opened Dirk from such an alert read "No
// website visits known". The page now takes those visits as the Visits page does (the same rule
// and tie-break), and so does "returning" in the alert rules.

const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

let db: Db;
let core: Core;
let now: number;
beforeEach(() => {
  now = MONDAY_10;
});
eachTestAlertsOrg(
  'cw-person-email-',
  () => now,
  (env) => ({ db, core } = env),
);

function chat(id: string, visitId: string, personId: string | null, at: number): void {
  rawHandle(db)
    .prepare(
      'insert into chats (id, person_id, visit_id, operator_id, started_at, ended_at) values (?, ?, ?, null, ?, ?)',
    )
    .run(id, personId, visitId, at, at + 5 * MIN);
  rawHandle(db)
    .prepare(
      "insert into chat_messages (chat_id, sender, author, sent_at, text) values (?, 'visitor', 'Visitor', ?, ?)",
    )
    .run(id, at, `Hello from ${id}`);
}

describe("the person page's visits (VT-3, VT-4)", () => {
  it('lists a visit the CRM linked to nobody on the page of the person whose e-mail the visitor gave, with its chat, in the summary', async () => {
    // Dirk's e-mail as a visitor may type it: another case, spaces around.
    addVisit(db, {
      id: 'mail-dirk',
      email: '  Dirk@Beta.EXAMPLE ',
      ip: '203.0.113.40',
      start: now - 2 * DAY,
      pages: [
        ['/pricing', 0],
        ['/pricing/teams', 3],
      ],
      ended: true,
    });
    chat('chat-dirk', 'mail-dirk', null, now - 2 * DAY + MIN);
    // Linked by the CRM to Carla, though the visitor typed Dirk's e-mail: Carla's.
    addVisit(db, {
      id: 'linked-carla',
      personId: 'p-cust',
      email: 'dirk@beta.example',
      start: now,
    });
    addVisit(db, { id: 'mail-nobody', email: 'sam@nowhere.example', start: now - HOUR });

    const dirk = await core.handlers.getPerson({ id: 'p-deal' });
    expect(dirk.visits.map((v) => [v.id, v.ipMasked, v.pages.map((p) => p.url)])).toEqual([
      ['mail-dirk', '203.0.113.xxx', ['/pricing', '/pricing/teams']],
    ]);
    expect(dirk.chats.map((c) => [c.id, c.messages[0]?.text])).toEqual([
      ['chat-dirk', 'Hello from chat-dirk'],
    ]);
    expect(dirk.person.visitSummary).toEqual({
      daysVisited: 1,
      chats: 1,
      avgTimeSpentMin: 4,
      firstVisitAt: now - 2 * DAY,
      lastVisitAt: now - 2 * DAY,
      firstVisitedUrl: '/pricing',
      referrer: 'https://www.google.com/',
      score: 40,
    });
    const carla = await core.handlers.getPerson({ id: 'p-cust' });
    expect(carla.visits.map((v) => v.id)).toEqual(['linked-carla']);
  });

  it('adds such visits to what the CRM summarised: days not visited yet, an earlier first visit, the average over all', async () => {
    // The CRM's summary of Carla: two days, 4 minutes on average, first on Thursday at 15:00.
    const thursday = now - 4 * DAY + 5 * HOUR;
    rawHandle(db)
      .prepare(
        `update people set days_visited = 2, chats_count = 0, avg_time_spent_min = 4,
           first_visit_at = ?, last_visit_at = ?, first_visited_url = '/blog',
           visit_referrer = 'https://news.example/' where id = 'p-cust'`,
      )
      .run(thursday, now - DAY);
    addVisit(db, { id: 'crm-thu', personId: 'p-cust', start: thursday, pages: [['/blog', 3]] });
    addVisit(db, { id: 'crm-sun', personId: 'p-cust', start: now - DAY, pages: [['/', 3]] });
    // By e-mail: Sunday again (no new day), and the Wednesday before (a new day, the first).
    addVisit(db, { id: 'mail-sun', email: 'carla@acme.example', start: now - DAY + HOUR });
    addVisit(db, {
      id: 'mail-wed',
      email: 'CARLA@acme.example',
      start: now - 5 * DAY,
      pages: [
        ['/docs', 0],
        ['/pricing', 9],
      ],
    });
    const carla = await core.handlers.getPerson({ id: 'p-cust' });
    expect(carla.visits.map((v) => v.id)).toEqual(['mail-sun', 'crm-sun', 'crm-thu', 'mail-wed']);
    expect(carla.person.visitSummary).toEqual({
      daysVisited: 3,
      chats: 0,
      // (2 × 4 + 1 + 10) / 4 minutes.
      avgTimeSpentMin: 4.8,
      firstVisitAt: now - 5 * DAY,
      lastVisitAt: now - DAY + HOUR,
      firstVisitedUrl: '/docs',
      referrer: 'https://www.google.com/',
      score: 80,
    });
  });

  it('keeps the summary the CRM gave to someone with no such visits', async () => {
    const before = rawHandle(db)
      .prepare("select first_visit_at from people where id = 'p-lead'")
      .pluck()
      .get();
    const lena = await core.handlers.getPerson({ id: 'p-lead' });
    expect(lena.person.visitSummary).toMatchObject({
      daysVisited: null,
      firstVisitAt: before,
      score: 10,
    });
    expect(lena.visits).toEqual([]);
  });

  it("gives a shared e-mail's visits to the person the Visits page gives them to: the contact, then the rep's own", async () => {
    // A converted lead and its contact (Otto's), and two leads of one e-mail.
    sharedEmailVisits(db, now);
    const shownOn = async (): Promise<Record<string, string[]>> => {
      const out: Record<string, string[]> = {};
      for (const id of ['a-lead', 'b-contact', 'a-otto', 'b-rita'])
        out[id] = (await core.handlers.getPerson({ id })).visits.map((v) => v.id);
      return out;
    };
    const onVisitsPage = async (): Promise<(string | null | undefined)[]> => {
      const list = await core.handlers.listVisits({ scope: 'everyone', limit: 100 });
      return ['kim', 'jo'].map((id) => list.onSite.find((v) => v.id === id)?.personId);
    };

    expect(await onVisitsPage()).toEqual(['b-contact', 'b-rita']);
    expect(await shownOn()).toEqual({
      'a-lead': [],
      'b-contact': ['kim'],
      'a-otto': [],
      'b-rita': ['jo'],
    });
    // Otto signed in: his own lead's.
    await core.handlers.setCurrentUser({ userId: 'rep2' });
    expect(await onVisitsPage()).toEqual(['b-contact', 'a-otto']);
    expect(await shownOn()).toEqual({
      'a-lead': [],
      'b-contact': ['kim'],
      'a-otto': ['jo'],
      'b-rita': [],
    });
  });

  it.each([
    [
      'visits',
      () => personVisitsQuery(db, 'p-deal', 'dirk@beta.example', 200),
      ['visits_person_time', 'visits_email_key'],
    ],
    [
      'chats',
      () => personChatsQuery(db, 'p-deal', 'dirk@beta.example', 100),
      ['chats_person', 'visits_email_key'],
    ],
    ['summary', () => emailVisitsQuery(db, 'dirk@beta.example'), ['visits_email_key']],
    [
      'first visits (returning)',
      () => firstEmailVisitsQuery(db, ['dirk@beta.example', 'carla@acme.example']),
      ['visits_email_key'],
    ],
  ])('reads a person’s %s through indexes, never the whole table', (_, query, indexes) => {
    const { sql, parameters } = query();
    const plan = (
      rawHandle(db)
        .prepare(`explain query plan ${sql}`)
        .all(...parameters) as { detail: string }[]
    ).map((r) => r.detail);
    // json_each is the list of e-mails asked for, not a table.
    expect(plan.filter((d) => /^SCAN (?!json_each)/.test(d))).toEqual([]);
    for (const index of indexes)
      expect(plan.some((d) => d.startsWith('SEARCH') && d.includes(`USING INDEX ${index} `))).toBe(
        true,
      );
  });
});

describe('returning visitors (alert rules)', () => {
  it('counts a visit matched by e-mail days ago as a first visit: the person is returning today', async () => {
    const events: AlertsEvent[] = [];
    core.on('alerts', (e) => events.push(e));
    await core.handlers.updateAlertSettings({
      rules: [{ name: 'Back', categories: ['customer_open_deal'], owner: 'me', returning: true }],
    });
    // Dirk has no visit in the CRM's summary nor linked to him: only the one by his e-mail.
    addVisit(db, {
      id: 'mail-dirk',
      email: 'dirk@beta.example',
      start: now - 3 * DAY,
      ended: true,
    });
    addVisit(db, { id: 'dirk-today', personId: 'p-deal', start: now - MIN });
    core.emit('data-changed', { entities: ['visits'] });
    expect(events.flatMap((e) => e.delivered.map((a) => [a.personId, a.visitId]))).toEqual([
      ['p-deal', 'dirk-today'],
    ]);
  });

  it("does not count a shared e-mail's visits for a person they are not given to", async () => {
    const events: AlertsEvent[] = [];
    core.on('alerts', (e) => events.push(e));
    await core.handlers.updateAlertSettings({
      rules: [{ name: 'Back', categories: ['lead_contact'], owner: 'me', returning: true }],
    });
    rawHandle(db)
      .prepare(
        `insert into people (id, module, last_name, email, owner_id, created_at, modified_at)
         values ('k-lead', 'lead', 'Kim', 'kim@eta.example', 'rep', 0, 0),
                ('k-contact', 'contact', 'Kim', 'kim@eta.example', 'rep2', 0, 0)`,
      )
      .run();
    // Kim's visit by e-mail days ago is the contact's (Otto's), not Rita's lead's.
    addVisit(db, { id: 'mail-kim', email: 'kim@eta.example', start: now - 3 * DAY, ended: true });
    addVisit(db, { id: 'lead-today', personId: 'k-lead', start: now - MIN });
    core.emit('data-changed', { entities: ['visits'] });
    expect(events.flatMap((e) => e.delivered)).toEqual([]);
  });
});

describe('the e-mail a visitor gave matches as the database compares it', () => {
  it('an e-mail the CRM holds with spaces or a capital beyond ASCII is kept as its key: a visitor who typed it in any case is that person, in the app and in a page-view file', async () => {
    // The database compares lower(trim(…)), which folds ASCII letters and trims spaces only: the
    // sync keeps e-mails as their key, so that comparison and the key agree on every stored one.
    const [write] = mapPerson(
      {
        id: 'z-jorg',
        Last_Name: 'Jörg',
        Email: ' JÖRG@Beta.example ',
        Created_Time: '2026-11-01T09:00:00+01:00',
        Modified_Time: '2026-11-01T09:00:00+01:00',
      },
      'Contacts',
    );
    const email = (write?.row as { email?: unknown } | undefined)?.email;
    expect(email).toBe('jörg@beta.example');
    rawHandle(db).prepare("update people set email = ? where id = 'p-deal'").run(email);
    addVisit(db, { id: 'mail-jorg', email: 'jörg@beta.example', start: now - HOUR, ended: true });
    expect((await core.handlers.getPerson({ id: 'p-deal' })).visits.map((v) => v.id)).toContain(
      'mail-jorg',
    );
    const feed = await core.handlers.listVisits({ scope: 'everyone', limit: 100 });
    expect(
      [...feed.onSite, ...feed.today, ...feed.earlier].find((v) => v.id === 'mail-jorg')?.personId,
    ).toBe('p-deal');
    // A page-view file's e-mail as the visitor typed it.
    const views = pageViewsFromCsv(
      db,
      [
        {
          line: 2,
          at: now,
          visitorId: 'v1',
          url: '/pricing',
          email: 'JÖRG@BETA.example',
          name: null,
          ip: null,
          referrer: null,
          userAgent: null,
        },
      ],
      'rep',
    );
    expect(views.map((v) => v.visitor.personId)).toEqual(['p-deal']);
  });
});
