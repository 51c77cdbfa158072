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

  it('raises nothing once every visit of the session has left the website', async () => {
    longVisitAndShortOne();
    now += 14 * MIN; // the long visit ended 16 minutes ago
    visitsStored();
    expect(await onSite()).toEqual([]);
    expect(delivered()).toEqual([]);
  });
});
