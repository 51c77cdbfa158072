import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertFeed, AlertsEvent } from '../../src/shared/alertsContract';
import { openWorkspace } from '../../src/main/core/workspace';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { MemorySecretStore } from '../../src/main/secrets/secretStore';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { addVisit, alertsOrgDb, MIN, MONDAY_10 } from '../fixtures/alertsOrg';

let dir: TempDir;
let path: string;
let reopened: Db | null = null;

/** The organisation's file, written and closed: the app is not running. */
async function whileClosed(write: (db: Db) => void): Promise<void> {
  const db = await alertsOrgDb(dir, 'org.db');
  path = db.path;
  write(db);
  await db.close();
}

/** Starts the app on the file at `now` as the core worker does; what it pushed, and its feed. */
async function start(now: number): Promise<{ heard: AlertsEvent[]; feed: AlertFeed }> {
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
    const result = await ws.dispatch('listAlerts', { limit: 10 });
    if (!result.ok) throw new Error(result.error);
    return { heard, feed: result.value as AlertFeed };
  } finally {
    await ws.close();
  }
}

beforeEach(() => {
  dir = makeTempDir('cw-alerts-start-');
});
afterEach(async () => {
  await reopened?.close();
  reopened = null;
  dir.remove();
});

/** The file as the app left it, to read what it stored. */
async function reopen(): Promise<Db> {
  reopened = await openDatabase(path);
  return reopened;
}

describe('visitors on the website when the app starts', () => {
  it('raises one alert about a visit stored while the app was closed, and none at the next start', async () => {
    // The sync of the last session stored Carla's visit; the app quit before anyone looked.
    await whileClosed((db) =>
      addVisit(db, {
        id: 'v1',
        personId: 'p-cust',
        start: MONDAY_10 - 4 * MIN,
        pages: [
          ['/pricing', 0],
          ['/contact', 3],
        ],
      }),
    );
    const first = await start(MONDAY_10);
    expect(first.heard.map((e) => e.delivered.map((a) => [a.visitId, a.delivery]))).toEqual([
      [['v1', 'now']],
    ]);
    expect(first.heard[0]?.delivered[0]?.title).toBe('Carla Customer (Acme) is on the website');
    expect(first.feed).toMatchObject({ unread: 1, held: 0 });

    // Restarted two minutes later, Carla still reading: she was already announced.
    const second = await start(MONDAY_10 + 2 * MIN);
    expect(second.heard).toEqual([]);
    expect(second.feed.recent.map((a) => a.visitId)).toEqual(['v1']);
    expect(second.feed.unread).toBe(1);
  });

  it('raises nothing about a visitor who has left, nor about what the rules leave out', async () => {
    await whileClosed((db) => {
      // Carla left 40 minutes ago; Lena came yesterday.
      addVisit(db, {
        id: 'gone',
        personId: 'p-cust',
        start: MONDAY_10 - 45 * MIN,
        pages: [
          ['/pricing', 0],
          ['/contact', 4],
        ],
        ended: true,
      });
      addVisit(db, {
        id: 'yday',
        personId: 'p-lead',
        start: MONDAY_10 - 24 * 60 * MIN,
        pages: [['/pricing', 0]],
      });
      // On the website now, but Otto's lead: Rita's default rules are about her own people.
      addVisit(db, {
        id: 'otto',
        personId: 'p-other',
        start: MONDAY_10 - 2 * MIN,
        pages: [['/pricing', 0]],
      });
    });
    const { heard, feed } = await start(MONDAY_10);
    expect(heard).toEqual([]);
    expect(feed).toMatchObject({ unread: 0, held: 0, recent: [] });
    expect(
      rawHandle(await reopen())
        .prepare('select count(*) as n from alerts')
        .get(),
    ).toEqual({ n: 0 });
  });

  it('holds the alert of a visitor on the website outside working hours, until work starts, across a daylight-saving change', async () => {
    // Sunday 29 March 2026, 10:00 in Berlin, the day clocks go forward: the office is closed.
    const sunday = Date.UTC(2026, 2, 29, 8, 0);
    await whileClosed((db) =>
      addVisit(db, {
        id: 'sun',
        personId: 'p-cust',
        start: sunday - 3 * MIN,
        pages: [['/pricing', 0]],
      }),
    );
    const { heard, feed } = await start(sunday);
    expect(heard).toEqual([]);
    expect(feed).toMatchObject({ unread: 0, held: 1, recent: [] });
    const db = await reopen();
    // Monday 08:00 in Berlin is 06:00 UTC in summer time (07:00 the Monday before).
    expect(
      rawHandle(db).prepare('select visit_id, hold_reason, deliver_at from alerts').all(),
    ).toEqual([{ visit_id: 'sun', hold_reason: 'hours', deliver_at: Date.UTC(2026, 2, 30, 6, 0) }]);
  });
});
