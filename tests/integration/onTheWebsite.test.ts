import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { planDay } from '../../src/main/planner/dayPlan';
import { listVisits } from '../../src/main/alerts/visitList';
import { DEFAULT_SETTINGS } from '../../src/main/settings/settingsStore';
import type { UserRow } from '../../src/main/db/schema';
import { ownedPeopleVisitsQuery, unlinkedEmailVisitsQuery } from '../../src/main/db/repos/visits';
import { makeTempDir, oneRepDb, type TempDir } from '../fixtures/tempDb';

const MIN = 60_000;
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();

let dir: TempDir;
let db: Db;

beforeEach(async () => {
  dir = makeTempDir('cw-on-website-');
  db = await oneRepDb(dir, 'site.db');
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

/** A person of the rep's, with a call window so the plan has a row for them. */
function person(id: string): void {
  const raw = rawHandle(db);
  raw
    .prepare(
      "insert into people (id, module, last_name, owner_id, time_zone, created_at, modified_at) values (?, 'contact', ?, 'rep', 'Europe/Berlin', 0, 0)",
    )
    .run(id, id);
  raw
    .prepare(
      "insert into best_time_windows (person_id, channel, time_zone, windows) values (?, 'call', 'Europe/Berlin', ?)",
    )
    .run(id, JSON.stringify([[1, 15 * 60, 16 * 60, 4, 'answered calls']]));
}

function visit(
  id: string,
  personId: string | null,
  start: string,
  end: string | null,
  pages: string[],
) {
  const raw = rawHandle(db);
  raw
    .prepare(
      'insert into visits (id, person_id, started_at, ended_at, time_spent_s) values (?, ?, ?, ?, 0)',
    )
    .run(id, personId, at(start), end === null ? null : at(end));
  for (const p of pages)
    raw
      .prepare(
        "insert into visit_pages (visit_id, url, viewed_at) values (?, 'https://x.test/', ?)",
      )
      .run(id, at(p));
}

describe('"on the website now": the planner and the Visits page', () => {
  it('say the same of the same stored visits at every instant', () => {
    for (const id of ['reading', 'ended', 'left', 'fresh', 'idle', 'marathon']) person(id);
    // No end stored, still reading pages 50 minutes after the start.
    visit('v-reading', 'reading', '2026-11-23T09:00', null, [
      '2026-11-23T09:00',
      '2026-11-23T09:50',
    ]);
    visit('v-ended', 'ended', '2026-11-23T09:30', '2026-11-23T09:50', ['2026-11-23T09:30']);
    visit('v-left', 'left', '2026-11-23T09:00', '2026-11-23T09:40', ['2026-11-23T09:00']);
    visit('v-fresh', 'fresh', '2026-11-23T09:55', null, []);
    visit('v-idle', 'idle', '2026-11-23T09:00', null, ['2026-11-23T09:44']);
    // Open since before dawn, pages until now: past the longest visit.
    visit('v-marathon', 'marathon', '2026-11-23T03:59', null, ['2026-11-23T09:58']);
    // Linked by the CRM to nobody; the visitor gave the e-mail of a person of the rep's.
    person('mailed');
    rawHandle(db).prepare("update people set email = 'mailed@x.test' where id = 'mailed'").run();
    visit('v-mailed', null, '2026-11-23T09:20', null, ['2026-11-23T09:20', '2026-11-23T09:52']);
    rawHandle(db)
      .prepare("update visits set visitor_email = ' Mailed@X.test' where id = 'v-mailed'")
      .run();
    const rep = rawHandle(db).prepare("select * from users where id = 'rep'").get() as UserRow;
    const planner = (now: number) =>
      planDay(db, rep, 'Europe/Berlin', now, DEFAULT_SETTINGS)
        .rows.filter((r) => r.onSiteNow)
        .map((r) => r.personId)
        .sort();
    const visitsPage = (now: number) =>
      listVisits(
        db,
        rep,
        'Europe/Berlin',
        now,
        { scope: 'mine', limit: 100 },
        {
          call: true,
          email: true,
        },
      )
        .onSite.map((v) => v.personId)
        .sort();

    const ten = at('2026-11-23T10:00');
    expect(planner(ten)).toEqual(['ended', 'fresh', 'mailed', 'reading']);
    expect(visitsPage(ten)).toEqual(['ended', 'fresh', 'mailed', 'reading']);
    for (let now = at('2026-11-23T08:55'); now <= at('2026-11-23T10:30'); now += MIN) {
      const when = new Date(now).toISOString();
      expect(planner(now), when).toEqual(visitsPage(now));
    }
  });

  it('reads page views only for the owner’s visits, and visits linked to nobody, of the last hours, through the visit index', () => {
    const query = ownedPeopleVisitsQuery(db, at('2026-11-23T04:00'), 'rep');
    const plan = rawHandle(db)
      .prepare(`explain query plan ${query.sql}`)
      .all(...query.parameters) as { detail: string }[];
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toMatch(/SEARCH v USING INDEX visits_time \(started_at>\?\)/);
    expect(details).toMatch(/SEARCH vp USING INDEX visit_pages_visit \(visit_id=\?\)/);
    expect(details).not.toMatch(/SCAN/);
    const unlinked = unlinkedEmailVisitsQuery(db, at('2026-11-23T04:00'));
    const unlinkedPlan = (
      rawHandle(db)
        .prepare(`explain query plan ${unlinked.sql}`)
        .all(...unlinked.parameters) as { detail: string }[]
    )
      .map((p) => p.detail)
      .join('\n');
    expect(unlinkedPlan).toMatch(/SEARCH v USING INDEX visits_time \(started_at>\?\)/);
    expect(unlinkedPlan).not.toMatch(/SCAN/);
  });
});
