import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentUser } from '../../src/main/core/session';
import { computeAll } from '../../src/main/besttime/model/personModel';
import type { BesttimeEvent } from '../../src/main/besttime/model/types';
import { ownerShifts } from '../../src/main/besttime/store/ownerShifts';
import { loadPackedSignalEvents } from '../../src/main/besttime/store/signalEventPages';
import { loadSignalEvents } from '../../src/main/besttime/store/signalEvents';
import {
  readOrgHours,
  recomputeAll,
  type RecomputeContext,
} from '../../src/main/besttime/store/recomputeWindows';
import { encodeWindows } from '../../src/main/besttime/store/windowsCodec';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { Db } from '../../src/main/db/openDatabase';
import { readSettings } from '../../src/main/settings/settingsStore';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

// A full relearn of 100,000 people held every one of their two million events as an object at
// once (near 900 MB). It reads them a page of people at a time now and keeps them packed; a
// person at a page's edge must still be learnt once, from all their events.

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

/** Forms during some visits (both of SalesIQ's shapes) and visits linked to nobody but an e-mail. */
function addFormsAndUnlinkedVisits(db: Db): void {
  const raw = rawHandle(db);
  raw
    .prepare(
      `update visits set has_form = 1, actions = case when rowid % 2 = 0 then 'Form Submitted'
         else json_array(json_object('Action_Type', 'Form Submitted', 'Action_Performed_Time',
           strftime('%Y-%m-%dT%H:%M:%SZ', started_at / 1000 + 120, 'unixepoch'))) end
       where (person_id is not null or visitor_email is not null) and rowid % 5 = 0`,
    )
    .run();
  const emails = raw
    .prepare('select email from people where email is not null order by id limit 100')
    .pluck()
    .all() as string[];
  const visit = raw.prepare(
    "insert into visits (id, person_id, visitor_email, started_at, has_form, actions) values (?, null, ?, ?, ?, 'Form Submitted')",
  );
  const page = raw.prepare(
    "insert into visit_pages (visit_id, url, viewed_at) values (?, 'https://example.test/', ?)",
  );
  emails.forEach((email, i) => {
    const at = TEST_NOW - (i + 1) * 3_600_000;
    visit.run(`unlinked-${i}`, ` ${email.toUpperCase()} `, at, i % 3 === 0 ? 1 : 0);
    page.run(`unlinked-${i}`, at + 60_000);
  });
}

function byId(
  lists: Iterable<readonly [string, readonly BesttimeEvent[]]>,
): [string, BesttimeEvent[]][] {
  return [...lists]
    .map(([id, events]): [string, BesttimeEvent[]] => [id, [...events]])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

async function context(db: Db): Promise<RecomputeContext> {
  return {
    asOf: TEST_NOW,
    ...readOrgHours(db),
    hoursOf: ownerShifts(db),
    slotMinutes: readSettings(db).slotMinutes,
    repId: currentUser(db)?.id ?? null,
  };
}

function storedWindows(db: Db): string[] {
  return rawHandle(db)
    .prepare(
      "select person_id || ' ' || channel || ' ' || time_zone || ' ' || windows from best_time_windows order by person_id, channel",
    )
    .pluck()
    .all() as string[];
}

describe("a full relearn's signals, a page of people at a time", () => {
  it('gives every person all their signals, once and in order, whatever the page size', async () => {
    const db = await demoDb(dir, { people: 300 });
    addFormsAndUnlinkedVisits(db);
    const repId = currentUser(db)?.id ?? null;
    const { orgTz } = readOrgHours(db);
    const whole = byId(loadSignalEvents(db, orgTz, repId));
    const signals = whole.reduce((n, [, events]) => n + events.length, 0);
    expect(whole.length).toBe(300);
    expect(signals).toBeGreaterThan(3000);
    for (const type of ['web_form_submitted', 'page_visit', 'chat_started', 'call_answered'])
      expect(whole.some(([, events]) => events.some((e) => e.type === type))).toBe(true);
    // One person a page; pages that end inside runs of busy people; one page of everyone.
    for (const peoplePerPage of [1, 7, 128, 10_000]) {
      const packed = loadPackedSignalEvents(db, orgTz, repId, peoplePerPage);
      expect(packed.size).toBe(300);
      expect(packed.signalCount).toBe(signals);
      expect(byId(packed)).toEqual(whole);
    }
    await db.close();
  }, 120_000);

  it('lets go of the visits matched by e-mail once their person’s page is read', async () => {
    const db = await demoDb(dir, { people: 120 });
    addFormsAndUnlinkedVisits(db);
    const repId = currentUser(db)?.id ?? null;
    const { orgTz } = readOrgHours(db);
    const held: number[] = [];
    loadPackedSignalEvents(db, orgTz, repId, 7, (read) => held.push(read.visitGroupsHeld));
    // 120 people, 7 a page: 18 pages. The people matched (up to 100, the first by id) are on the
    // early pages, so the groups go page by page, all of them by the last.
    expect(held).toHaveLength(18);
    expect(held[0]).toBeGreaterThan(50);
    for (let i = 1; i < held.length; i++)
      expect(held[i]).toBeLessThanOrEqual(held[i - 1] ?? Infinity);
    expect(held.at(-1)).toBe(0);
    expect(held.indexOf(0)).toBeLessThan(held.length - 1);
    await db.close();
  }, 120_000);

  it('stores the windows the whole organisation read at once would give, learnt from pages of 7', async () => {
    const db = await demoDb(dir, { people: 120 });
    addFormsAndUnlinkedVisits(db);
    const ctx = await context(db);
    const result = recomputeAll(db, ctx, 7);
    const { results } = computeAll(loadSignalEvents(db, ctx.orgTz, ctx.repId), {
      asOf: ctx.asOf,
      orgTz: ctx.orgTz,
      businessHours: ctx.businessHours,
      ...(ctx.hoursOf ? { hoursOf: ctx.hoursOf } : {}),
      slotMinutes: ctx.slotMinutes,
      top: 3,
      wordReasons: false,
    });
    const expected = results
      .filter((r) => r.windows.length > 0)
      .map((r) => `${r.personId} ${r.channel} ${r.tz} ${encodeWindows(r.windows, r.context)}`);
    expect(expected.length).toBeGreaterThan(100);
    expect(storedWindows(db)).toEqual(expected);
    expect(result.people).toBe(120);
    expect(result.windows).toBe(results.reduce((n, r) => n + r.windows.length, 0));
    await db.close();
  }, 120_000);

  it('reads without the memory map, and gives it back after, a failed relearn too', async () => {
    const db = await demoDb(dir, { people: 40 });
    const raw = rawHandle(db);
    const mapped = raw.pragma('mmap_size', { simple: true }) as number;
    expect(mapped).toBeGreaterThan(0);
    const ctx = await context(db);
    recomputeAll(db, ctx);
    expect(raw.pragma('mmap_size', { simple: true })).toBe(mapped);
    const learned = storedWindows(db);
    const failing = {
      ...ctx,
      asOf: ctx.asOf + 86_400_000,
      hoursOf: () => {
        throw new Error('a shift that cannot be read');
      },
    };
    expect(() => recomputeAll(db, failing)).toThrow('a shift that cannot be read');
    expect(raw.pragma('mmap_size', { simple: true })).toBe(mapped);
    expect(storedWindows(db)).toEqual(learned);
    await db.close();
  }, 120_000);
});
