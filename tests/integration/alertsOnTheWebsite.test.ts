import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertsEvent } from '../../src/shared/alertsContract';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { addVisit, alertsOrgDb, MIN, MONDAY_10 } from '../fixtures/alertsOrg';

/**
 * An alert says a visitor is on the website exactly when the Visits page does (VT-9): when it is
 * raised, when a held one is delivered, and in Recent alerts afterwards.
 */

let dir: TempDir;
let db: Db;
let core: Core;
let now: number;
let events: AlertsEvent[];

beforeEach(async () => {
  dir = makeTempDir('cw-alerts-on-site-');
  now = MONDAY_10;
  events = [];
  db = await alertsOrgDb(dir, 'org.db');
  core = createCore(db, () => now);
  core.on('alerts', (e) => events.push(e));
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

const delivered = (): [string | null, string][] =>
  events.flatMap((e) => e.delivered.map((a): [string | null, string] => [a.visitId, a.title]));

async function onSite(): Promise<string[]> {
  return (await core.handlers.listVisits({ scope: 'mine', limit: 10 })).onSite.map((v) => v.id);
}

async function recentTitles(): Promise<[string | null, string][]> {
  return (await core.handlers.listAlerts({ limit: 10 })).recent.map((a) => [a.visitId, a.title]);
}

describe('a held alert', () => {
  it('says the visitor is on the website when they still are at its delivery, though the page view that raised it is long past', async () => {
    // Carla has been reading for 25 minutes when the app (or a late sync) first sees her visit,
    // and the rep is logging a call: the alert waits five seconds.
    addVisit(db, {
      id: 'long',
      personId: 'p-cust',
      start: now - 25 * MIN,
      pages: [
        ['/pricing', 0],
        ['/a', 6],
        ['/b', 12],
        ['/c', 18],
        ['/d', 24],
      ],
    });
    await core.handlers.setCallInProgress({ active: true });
    visitsStored();
    now += 5_000;
    await core.handlers.setCallInProgress({ active: false });
    const alert = events.flatMap((e) => e.delivered)[0];
    expect(alert?.title).toBe(
      'Carla Customer (Acme) is on the website since 09:35 · last seen 09:59',
    );
    expect(alert?.body).toMatch(/^Customer · reading \/d · score 80\n/);
    expect(await onSite()).toEqual(['long']);
  });

  it('at the end of a pause, says she is on the website while she still reads, and when she came once she has left', async () => {
    await core.handlers.pauseAlerts({ minutes: 60 });
    // Carla reads all hour; Dirk looks in for a minute at 10:00.
    addVisit(db, {
      id: 'reading',
      personId: 'p-cust',
      start: now,
      pages: [
        ['/pricing', 0],
        ['/a', 20],
        ['/b', 40],
        ['/c', 55],
      ],
    });
    addVisit(db, { id: 'gone', personId: 'p-deal', start: now, ended: true });
    visitsStored();
    expect(delivered()).toEqual([]);
    now += 60 * MIN;
    core.alerts.tick();
    expect(await onSite()).toEqual(['reading']);
    expect(delivered()).toEqual([
      ['gone', 'Dirk Dealing (Beta) was on the website 10:00–10:01'],
      ['reading', 'Carla Customer (Acme) is on the website since 10:00 · last seen 10:55'],
    ]);
  });

  it('keeps in Recent alerts what it said at its delivery, as one delivered at once does', async () => {
    addVisit(db, { id: 'held', personId: 'p-deal', start: now });
    await core.handlers.setCallInProgress({ active: true });
    visitsStored();
    now += 30_000;
    await core.handlers.setCallInProgress({ active: false });
    addVisit(db, { id: 'at-once', personId: 'p-cust', start: now });
    visitsStored();
    const said = [
      ['at-once', 'Carla Customer (Acme) is on the website'],
      ['held', 'Dirk Dealing (Beta) is on the website since 10:00'],
    ];
    expect(await recentTitles()).toEqual(said);
    // Both have left by now: what they were told does not change.
    now += 40 * MIN;
    expect(await onSite()).toEqual([]);
    expect(await recentTitles()).toEqual(said);
  });

  it('delivered by an earlier version (which kept no verdict), is judged as at its delivery, not as the clock runs on', async () => {
    addVisit(db, { id: 'held', personId: 'p-deal', start: now });
    await core.handlers.setCallInProgress({ active: true });
    visitsStored();
    now += 30_000;
    await core.handlers.setCallInProgress({ active: false });
    rawHandle(db)
      .prepare(
        "update alerts set payload = json_remove(payload, '$.onSiteAtDelivery', '$.visitSpan')",
      )
      .run();
    now += 40 * MIN;
    expect(await recentTitles()).toEqual([['held', 'Dirk Dealing (Beta) is on the website']]);
  });

  it('once it has said when they came, says so in Recent alerts later too', async () => {
    await core.handlers.pauseAlerts({ minutes: 60 });
    addVisit(db, { id: 'gone', personId: 'p-deal', start: now, ended: true });
    visitsStored();
    now += 60 * MIN;
    core.alerts.tick();
    now += 3 * 60 * MIN;
    expect(await recentTitles()).toEqual([
      ['gone', 'Dirk Dealing (Beta) was on the website 10:00–10:01'],
    ]);
  });
});

describe('a session in several visits at once', () => {
  /** Zoho stamps a visit's pages with its start; its end is the start plus the time spent. */
  function longVisitAndShortOne(): void {
    addVisit(db, {
      id: 'long',
      personId: 'p-cust',
      start: now - 25 * MIN,
      pages: [['/pricing', 0]],
    });
    rawHandle(db)
      .prepare('update visits set ended_at = ?, time_spent_s = ? where id = ?')
      .run(now - 2 * MIN, 23 * 60, 'long');
    // Another tab or device, opened later and closed.
    addVisit(db, { id: 'short', personId: 'p-cust', start: now - 20 * MIN, ended: true });
  }

  it('alerts while an earlier, longer visit is on the website though a later, short one has ended', async () => {
    longVisitAndShortOne();
    visitsStored();
    expect(await onSite()).toEqual(['long']);
    expect(delivered()).toEqual([['long', 'Carla Customer (Acme) is on the website']]);
  });

  it('says so when a held alert is delivered, too', async () => {
    longVisitAndShortOne();
    await core.handlers.setCallInProgress({ active: true });
    visitsStored();
    now += MIN;
    await core.handlers.setCallInProgress({ active: false });
    expect(delivered()).toEqual([
      ['long', 'Carla Customer (Acme) is on the website since 09:35 · last seen 09:58'],
    ]);
  });

  it('raises nothing once every visit of the session has left the website', async () => {
    longVisitAndShortOne();
    now += 14 * MIN; // the long visit ended 16 minutes ago
    visitsStored();
    expect(await onSite()).toEqual([]);
    expect(delivered()).toEqual([]);
  });
});
