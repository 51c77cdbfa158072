import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { Db } from '../../src/main/db/openDatabase';
import { createDemoLiveSource } from '../../src/main/crm/demo/demoLiveSource';
import { peopleByEmail } from '../../src/main/people/emailMatch';
import { runSync } from '../../src/main/sync/syncEngine';
import { demoDb, TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { allTestsDemoCore } from '../fixtures/demoCore';

// A new user exploring the demo organisation (SY-4) meets every feature it has data for: it had
// no visit the CRM linked to nobody but whose visitor gave a person's e-mail (VT-2), and no
// holiday (Zoho's holidays as days off), so the person page, "on the website now" and the
// closed day of a holiday never showed in it.

let dir: TempDir;
let db: Db;
let core: Core;
allTestsDemoCore((env) => ({ dir, db, core } = env), { relearn: true });

interface EmailVisit {
  id: string;
  typed: string;
  started_at: number;
  ended_at: number;
  person_id: string;
  owner_id: string;
  chats: number;
}

/** The demo's visits linked to nobody whose visitor typed a person's e-mail, and whose it is. */
function emailVisits(): EmailVisit[] {
  return rawHandle(db)
    .prepare(
      `select v.id, v.visitor_email as typed, v.started_at, v.ended_at, p.id as person_id,
         p.owner_id, (select count(*) from chats c where c.visit_id = v.id) as chats
       from visits v join people p on p.email = lower(trim(v.visitor_email))
       where v.person_id is null order by v.started_at`,
    )
    .all() as EmailVisit[];
}

describe('the demo organisation: visits known by the e-mail the visitor gave (VT-2)', () => {
  it('has a handful, each typed otherwise than the CRM keeps it (capitals, spaces around)', () => {
    const visits = emailVisits();
    expect(visits.length).toBeGreaterThanOrEqual(3);
    expect(visits.length).toBeLessThanOrEqual(6);
    for (const v of visits) expect(v.typed).not.toBe(v.typed.trim().toLowerCase());
    expect(visits.some((v) => v.typed !== v.typed.trim())).toBe(true);
    expect(visits.every((v) => v.ended_at <= TEST_NOW)).toBe(true);
    // Of several people, the signed-in rep's (Anna's) among them.
    expect(new Set(visits.map((v) => v.person_id)).size).toBe(visits.length);
    expect(visits.filter((v) => v.owner_id === 'u-r1').length).toBeGreaterThanOrEqual(2);
    expect(visits.some((v) => v.owner_id !== 'u-r1')).toBe(true);
    // Nobody else has these e-mails: the match is theirs.
    const owners = peopleByEmail(
      db,
      visits.map((v) => v.typed),
      'u-r1',
    );
    for (const v of visits) expect(owners.get(v.typed.trim().toLowerCase())).toBe(v.person_id);
  });

  it('lists each on the page of the person whose e-mail it is, in their visits, summary and chats (VT-3 to VT-5)', async () => {
    const visits = emailVisits();
    for (const v of visits) {
      const page = await core.handlers.getPerson({ id: v.person_id });
      expect(page.visits.map((x) => x.id)).toContain(v.id);
      expect(page.person.visitSummary.daysVisited).toBeGreaterThanOrEqual(1);
      expect(page.person.visitSummary.lastVisitAt).toBeGreaterThanOrEqual(v.started_at);
    }
    // One of them chatted, and gave the e-mail there: the chat, linked to nobody, is theirs too.
    const chatted = visits.find((v) => v.chats > 0);
    if (!chatted) throw new Error('no e-mail visitor chatted');
    const page = await core.handlers.getPerson({ id: chatted.person_id });
    expect(page.chats.length).toBeGreaterThanOrEqual(1);
    expect(page.chats.some((c) => c.messages[0]?.text)).toBe(true);
    // One came for the first time so: the page knows them from that visit alone.
    const firstTimer = visits.find(
      (v) =>
        rawHandle(db)
          .prepare('select count(*) from visits where person_id = ?')
          .pluck()
          .get(v.person_id) === 0,
    );
    if (!firstTimer) throw new Error('no first visit by e-mail');
    const first = await core.handlers.getPerson({ id: firstTimer.person_id });
    expect(first.person.visitSummary).toMatchObject({
      daysVisited: 1,
      firstVisitAt: firstTimer.started_at,
    });
  });

  it("puts one of the signed-in rep's people on the website when the demo is written, in her plan", async () => {
    const plan = await core.handlers.getPlanner({});
    expect(plan.repId).toBe('u-r1');
    const onSite = new Set(plan.rows.filter((r) => r.onSiteNow).map((r) => r.personId));
    const byEmail = emailVisits().filter((v) => v.ended_at > TEST_NOW - 15 * 60_000);
    expect(byEmail).toHaveLength(1);
    const [visit] = byEmail;
    expect(onSite).toContain(visit?.person_id);
    // By that visit alone: no visit the CRM linked to them is on the website.
    const linkedNow = rawHandle(db)
      .prepare('select count(*) from visits where person_id = ? and ended_at > ?')
      .pluck()
      .get(visit?.person_id, TEST_NOW - 15 * 60_000);
    expect(linkedNow).toBe(0);
  });
});

describe('the demo organisation as it lives on (VT-2)', () => {
  it('brings some known visitors the CRM did not link, each known by their e-mail as they visit', async () => {
    const live = await demoDb(dir, { seed: 1, people: 150 }, 'live.db');
    let now = TEST_NOW + 3 * 3_600_000;
    const liveCore = createCore(live, () => now);
    try {
      await runSync(live, createDemoLiveSource(live, { clock: () => now }), {
        now: () => now,
        modules: ['Visits'],
      });
      const count = (where: string): number =>
        rawHandle(live)
          .prepare(`select count(*) from visits v where v.id like 'lv-%' and ${where}`)
          .pluck()
          .get() as number;
      const linked = count('v.person_id is not null');
      const byEmail = count(
        'v.person_id is null and exists (select 1 from people p where p.email = v.visitor_email)',
      );
      // One known visitor in eight or so; the rest linked by the CRM as before.
      expect(byEmail).toBeGreaterThan(0);
      expect(byEmail).toBeLessThan(linked / 3);
      // The Visits page names each of them as the person whose e-mail they gave.
      const ids = rawHandle(live)
        .prepare(
          `select v.id, p.id as person from visits v join people p on p.email = v.visitor_email
           where v.id like 'lv-%' and v.person_id is null`,
        )
        .all() as { id: string; person: string }[];
      now += 60_000;
      const list = await liveCore.handlers.listVisits({ scope: 'everyone', limit: 1000 });
      const shown = new Map(
        [...list.onSite, ...list.today, ...list.earlier].map((v) => [v.id, v.personId]),
      );
      for (const v of ids) expect(shown.get(v.id)).toBe(v.person);
    } finally {
      liveCore.alerts.dispose();
      await live.close();
    }
  });
});

describe("the demo organisation: Zoho's holidays as days off", () => {
  it('keeps the next public holidays after the day it is written: Christmas in Berlin, Thanksgiving in the American offices', () => {
    expect(
      rawHandle(db)
        .prepare('select date, name, shift_id from holidays order by date, shift_id')
        .all(),
    ).toEqual([
      { date: '2026-11-26', name: 'Thanksgiving Day', shift_id: 's-chi' },
      { date: '2026-11-26', name: 'Thanksgiving Day', shift_id: 's-la' },
      { date: '2026-11-26', name: 'Thanksgiving Day', shift_id: 's-ny' },
      { date: '2026-12-25', name: 'Christmas Day', shift_id: null },
    ]);
  });

  it("closes a New York rep's planner on Thanksgiving, three days on, and leaves today's plans alone", async () => {
    await core.handlers.setCurrentUser({ userId: 'u-r6' });
    try {
      const thursday = await core.handlers.getPlanner({ date: '2026-11-26' });
      expect(thursday).toMatchObject({
        closed: true,
        holiday: 'Thanksgiving Day',
        shift: 'New York office',
        nextOpenDate: '2026-11-27',
      });
      // No window of that day to work: the page shows the closed day alone.
      expect(thursday.rows.filter((r) => r.state !== 'none')).toEqual([]);
      const today = await core.handlers.getPlanner({});
      expect(today).toMatchObject({ closed: false, holiday: null });
    } finally {
      await core.handlers.setCurrentUser({ userId: 'u-r1' });
    }
    expect(await core.handlers.getPlanner({})).toMatchObject({ closed: false, holiday: null });
    expect(await core.handlers.getPlanner({ date: '2026-12-25' })).toMatchObject({
      closed: true,
      holiday: 'Christmas Day',
      shift: null,
    });
  });

  it("says on the Americas manager's Team page who is off on Thanksgiving", async () => {
    await core.handlers.setCurrentUser({ userId: 'u-m2' });
    try {
      const day = await core.handlers.getTeamDay({ date: '2026-11-26' });
      const off = Object.fromEntries(day.reps.map((r) => [r.name, r.dayOff?.name ?? null]));
      expect(off).toEqual({
        'Diego Alvarez': 'Thanksgiving Day',
        'Priya Shah': 'Thanksgiving Day',
        'Jake Wilson': 'Thanksgiving Day',
        'Nina Brooks': 'Thanksgiving Day',
        'Sam Ortega': 'Thanksgiving Day',
        'Lucas Pereira': null,
      });
    } finally {
      await core.handlers.setCurrentUser({ userId: 'u-r1' });
    }
  });
});
