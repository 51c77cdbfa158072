import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertsEvent } from '../../src/shared/alertsContract';
import type { Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import {
  anonymousVisitTimesQuery,
  personVisitTimesQuery,
  visitsByIdQuery,
} from '../../src/main/db/repos/visitorVisits';
import { addVisit, eachTestAlertsOrg, MIN } from '../fixtures/alertsOrg';

/**
 * A held alert names its visit as it was (VT-9) however long it was held: it reads its own
 * visitor's visits, not the last six hours of everyone's (review50b 3 and 6).
 */

const HOUR = 60 * MIN;
/** Saturday 28 March 2026, 20:58 in Berlin (CET); clocks go forward at 02:00 that night. */
const SATURDAY_2058 = Date.UTC(2026, 2, 28, 19, 58);

let db: Db;
let core: Core;
let now = SATURDAY_2058;
let events: AlertsEvent[];

eachTestAlertsOrg(
  'cw-held-own-visits-',
  () => now,
  (env) => {
    ({ db, core } = env);
  },
);
beforeEach(async () => {
  now = SATURDAY_2058;
  events = [];
  core.on('alerts', (e) => events.push(e));
  // Rita works every day until 18:00: a visit at 21:00 waits for the morning.
  await core.handlers.updateAlertSettings({
    rules: [{ name: 'Customers', categories: ['customer'], owner: 'me' }],
    workingHours: 'Mon-Sun 08:00-18:00',
  });
});

/** Carla reads three pages from 20:58 to 21:10 (CET), and the sync stores it at 21:00. */
function carlaInTheEvening(): void {
  addVisit(db, {
    id: 'evening',
    personId: 'p-cust',
    start: SATURDAY_2058,
    pages: [
      ['/pricing', 0],
      ['/a', 6],
      ['/b', 11],
    ],
    ended: true,
  });
  // Much traffic since, none of it hers.
  for (let i = 0; i < 40; i++)
    addVisit(db, {
      id: `other-${i}`,
      ip: `203.0.113.${i}`,
      start: SATURDAY_2058 + i * 15 * MIN,
      ended: true,
    });
  now = SATURDAY_2058 + 2 * MIN;
  core.emit('data-changed', { entities: ['visits'] });
}

async function heldTitles(): Promise<[string | null, string][]> {
  return (await core.handlers.listAlerts({ limit: 10 })).heldAlerts.map((a) => [
    a.visitId,
    a.title,
  ]);
}

describe('an alert held overnight', () => {
  it('held for ten hours over quiet hours, names the visit it was raised by when it is delivered, across the change to summer time', async () => {
    carlaInTheEvening();
    expect(rawHandle(db).prepare('select hold_reason, deliver_at from alerts').all()).toEqual([
      { hold_reason: 'hours', deliver_at: Date.UTC(2026, 2, 29, 6, 0) }, // 08:00 CEST
    ]);
    now = Date.UTC(2026, 2, 29, 6, 0);
    core.alerts.tick();
    const delivered = events.flatMap((e) => e.delivered);
    expect(delivered.map((a) => [a.visitId, a.title])).toEqual([
      ['evening', 'Carla Customer (Acme) was on the website yesterday 20:58–21:10'],
    ]);
    // And so it stays in Recent alerts.
    now += 3 * HOUR;
    expect(
      (await core.handlers.listAlerts({ limit: 10 })).recent.map((a) => [a.visitId, a.title]),
    ).toEqual([['evening', 'Carla Customer (Acme) was on the website yesterday 20:58–21:10']]);
  });

  it('keeps its title in the held list at 5 hours and at 7 hours', async () => {
    carlaInTheEvening();
    const title = [['evening', 'Carla Customer (Acme) was on the website yesterday 20:58–21:10']];
    now = SATURDAY_2058 + 5 * HOUR; // 01:58 CET
    expect(await heldTitles()).toEqual(title);
    now = SATURDAY_2058 + 7 * HOUR; // 04:58 CEST
    expect(await heldTitles()).toEqual(title);
  });

  it("of an unknown visitor, counts their later visit from the same address and browser, not another's", async () => {
    await core.handlers.updateAlertSettings({
      rules: [{ name: 'Strangers', categories: ['unknown'], owner: 'anyone' }],
    });
    addVisit(db, { id: 'first', ip: '198.51.100.7', start: SATURDAY_2058, ended: true });
    now = SATURDAY_2058 + MIN;
    core.emit('data-changed', { entities: ['visits'] });
    // They come back at 21:20, within a session's break, and someone else behind the same
    // address comes at 21:28. (A return after a longer break is a session of its own, which the
    // alert does not tell of: alertsApi.test.ts.)
    addVisit(db, {
      id: 'again',
      ip: '198.51.100.7',
      start: SATURDAY_2058 + 22 * MIN,
      pages: [
        ['/', 0],
        ['/jobs', 4],
      ],
      ended: true,
    });
    addVisit(db, {
      id: 'neighbour',
      ip: '198.51.100.7',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
      start: SATURDAY_2058 + 30 * MIN,
      ended: true,
    });
    now = SATURDAY_2058 + 8 * HOUR; // 05:58 CEST
    expect(await heldTitles()).toEqual([
      ['first', 'An unknown visitor was on the website yesterday 20:58–21:25'],
    ]);
  });
});

describe("a held alert's visits", () => {
  function plan(source: { sql: string; parameters: readonly unknown[] }): string {
    return rawHandle(db)
      .prepare(`explain query plan ${source.sql}`)
      .all(...source.parameters)
      .map((r) => (r as { detail: string }).detail)
      .join('\n');
  }

  it('are read through indexes, never by walking the visits', () => {
    const plans = [
      plan(visitsByIdQuery(db, ['a', 'b'])),
      plan(personVisitTimesQuery(db, 'p-cust', 'carla@acme.example', 0, 1)),
      plan(anonymousVisitTimesQuery(db, '198.51.100.7', null, 0, 1)),
    ].join('\n');
    expect(plans).not.toMatch(/SCAN v\b/);
    expect(plans).toMatch(
      /SEARCH v USING INDEX sqlite_autoindex_visits_1|SEARCH v USING PRIMARY KEY/,
    );
    expect(plans).toMatch(/SEARCH v USING INDEX visits_person_time/);
    expect(plans).toMatch(/SEARCH v USING INDEX visits_email_key/);
    expect(plans).toMatch(/SEARCH v USING INDEX visits_anonymous_ip/);
  });
});
