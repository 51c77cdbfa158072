import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import { generateDemo } from '../../src/main/demo/generateDemo';
import type { Db } from '../../src/main/db/openDatabase';
import { demoDb, makeTempDir, TEST_NOW } from '../fixtures/tempDb';
import { allTestsDemoCore } from '../fixtures/demoCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { WINDOWS_LEARNED_AT } from '../../src/main/db/clearOrganisationData';
import { readSetting } from '../../src/main/settings/settingsStore';
import { isSettled, isWorkedInWindow } from '../../src/shared/slotStates';

let db: Db;
let core: Core;
allTestsDemoCore((env) => ({ db, core } = env));

describe('the core API', () => {
  it('rejects bad input with a message that names the field, and runs nothing', async () => {
    expect(await core.dispatch('listPeople', { limit: 'all' })).toEqual({
      ok: false,
      error: expect.stringMatching(/Invalid input for listPeople at limit/),
    });
    expect(await core.dispatch('getPerson', { id: '' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/at id/),
    });
    expect(await core.dispatch('getPerson', { id: 'p1', extra: true })).toMatchObject({
      ok: false,
    });
    expect(await core.dispatch('dropTables', {})).toEqual({
      ok: false,
      error: 'Unknown method "dropTables"',
    });
    expect(await core.dispatch('toString', {})).toMatchObject({
      ok: false,
      error: 'Unknown method "toString"',
    });
    expect(await core.dispatch('updateSettings', { slotMinutes: 45 })).toMatchObject({ ok: false });
    expect((await core.handlers.getSettings({})).slotMinutes).toBe(60);
  });

  it('finds people by part of their name, email or company, and counts them all', async () => {
    const person = rawHandle(db)
      .prepare("select first_name, last_name, email, company from people where id = 'p42'")
      .get() as Record<string, string>;
    const byName = await core.handlers.listPeople({
      query: `${person['first_name']} ${person['last_name']}`,
      offset: 0,
      limit: 100,
    });
    expect(byName.rows.map((r) => r.id)).toContain('p42');
    // Words in any order, and in any case: "davis mason" finds Mason Davis.
    const reversed = await core.handlers.listPeople({
      query: `  ${person['last_name']?.toLowerCase()}   ${person['first_name']?.toLowerCase()} `,
      offset: 0,
      limit: 100,
    });
    expect(reversed.rows.map((r) => r.id)).toContain('p42');
    expect(reversed.total).toBe(byName.total);
    const withCompany = await core.handlers.listPeople({
      query: `${person['company']?.split(' ')[0]} ${person['last_name']}`,
      offset: 0,
      limit: 100,
    });
    expect(withCompany.rows.map((r) => r.id)).toContain('p42');
    expect(withCompany.total).toBeLessThanOrEqual(byName.total);
    const byEmail = await core.handlers.listPeople({
      query: person['email'] ?? '',
      offset: 0,
      limit: 100,
    });
    expect(byEmail.rows.map((r) => r.id)).toEqual(['p42']);
    const all = await core.handlers.listPeople({ query: '', offset: 0, limit: 10 });
    expect(all.total).toBe(400);
    expect(all.rows).toHaveLength(10);
    const owned = await core.handlers.listPeople({
      query: '',
      ownerId: 'u-r2',
      offset: 0,
      limit: 500,
    });
    expect(owned.total).toBe(
      rawHandle(db).prepare("select count(*) from people where owner_id = 'u-r2'").pluck().get(),
    );
    expect(owned.rows.every((r) => r.ownerName === 'Tom Brennan')).toBe(true);
    const none = await core.handlers.listPeople({ query: '%_%', offset: 0, limit: 10 });
    expect(none.total).toBe(0);
    rawHandle(db).prepare("update people set company = '50% Off_Outlet' where id = 'p7'").run();
    const literal = await core.handlers.listPeople({ query: '50% Off_', offset: 0, limit: 10 });
    expect(literal.rows.map((r) => r.id)).toEqual(['p7']);

    // Names as a keyboard without accents types them, and accents typed where the CRM has none.
    rawHandle(db)
      .prepare(
        "update people set first_name = 'José', last_name = 'Müller-Strauß', company = 'Łódź Øresund' where id = 'p8'",
      )
      .run();
    const found = async (query: string) =>
      (await core.handlers.listPeople({ query, offset: 0, limit: 10 })).rows.map((r) => r.id);
    for (const query of [
      'jose muller',
      'MULLER-STRAUSS',
      'Jôse',
      'lodz',
      'oresund',
      'josé müller',
      // A keyboard that writes the accent after the letter, as a character of its own.
      'jose\u00b4 mu\u0308ller',
      'jose\u00b4muller',
    ])
      expect(await found(query), query).toEqual(['p8']);
    // A phone number as it is written, or as it is dialled.
    rawHandle(db).prepare("update people set phone = '+49 (337) 987 6543' where id = 'p9'").run();
    for (const query of ['+49 337 987', '337-987-65', '3379876543', '(337) 987.6543'])
      expect(await found(query), query).toEqual(['p9']);
    const total = async (query: string) =>
      (await core.handlers.listPeople({ query, offset: 0, limit: 1 })).total;
    expect(await total('muller')).toBe(await total('Müller'));
    expect(await total('muller')).toBeGreaterThan(1);
  });

  it('shows a person with account, deals and a newest-first timeline', async () => {
    const id = rawHandle(db)
      .prepare('select person_id from deals where person_id is not null limit 1')
      .pluck()
      .get() as string;
    const detail = await core.handlers.getPerson({ id });
    expect(detail.deals.length).toBeGreaterThan(0);
    expect(detail.account).not.toBeNull();
    expect(detail.timeline.length).toBeGreaterThan(0);
    const times = detail.timeline.map((t) => t.startAt);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    await expect(core.handlers.getPerson({ id: 'nobody' })).rejects.toThrow(
      /No lead or contact with id nobody/,
    );
  });

  it("plans the signed-in rep's day from the learned windows, in PL-1 order", async () => {
    await core.recomputeSuggestions();
    const plan = await core.handlers.getPlanner({});
    expect(plan.rows.length).toBeGreaterThan(10);
    expect(plan.date).toBe(DateTime.fromMillis(TEST_NOW, { zone: plan.repTz }).toISODate());
    // PL-1: open now, upcoming, no window, passed, struck; the rows finished with or worked in
    // their window below all of them, in the same order among themselves (a 5★ window called in
    // at 09:41, passed at 10:00, sits under the 08:00 windows struck since 09:30).
    const rank = { now: 0, upcoming: 1, none: 2, passed: 3, struck: 4 };
    const ranks = plan.rows.map(
      (r) => (isSettled(r) || isWorkedInWindow(r) ? 10 : 0) + rank[r.state],
    );
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    for (const row of plan.rows.filter((r) => r.start !== null)) {
      expect(DateTime.fromMillis(row.start ?? 0, { zone: plan.repTz }).toISODate()).toBe(plan.date);
      expect(row.reason).toBeTruthy();
    }
  });

  it('drops every call row at once when call suggestions are switched off', async () => {
    await core.recomputeSuggestions();
    expect((await core.handlers.getPlanner({})).rows.some((r) => r.channel === 'call')).toBe(true);
    await core.handlers.updateSettings({ callSuggestions: false });
    const plan = await core.handlers.getPlanner({});
    expect(plan.rows.length).toBeGreaterThan(0);
    expect(plan.rows.every((r) => r.channel === 'email')).toBe(true);
    const person = plan.rows[0]?.personId ?? '';
    const detail = await core.handlers.getPerson({ id: person });
    expect(detail.windows.every((w) => w.channel === 'email')).toBe(true);
    // Their page offers a call to log, but no call row of today to mark done.
    expect(detail.callToday).toMatchObject({ onPlan: false, mark: null });
    await core.handlers.updateSettings({ callSuggestions: true });
    const planned = (await core.handlers.getPlanner({})).rows.find((r) => r.channel === 'call');
    expect(
      (await core.handlers.getPerson({ id: planned?.personId ?? '' })).callToday,
    ).toMatchObject({ onPlan: true });
  });

  it('switches the signed-in user and keeps the choice', async () => {
    await core.handlers.setCurrentUser({ userId: 'u-r6' });
    expect((await core.handlers.getSession({})).currentUser?.timeZone).toBe('America/New_York');
    await expect(core.handlers.setCurrentUser({ userId: 'ghost' })).rejects.toThrow(
      /No user with id ghost/,
    );
    await core.handlers.setCurrentUser({ userId: 'u-r1' });
  });

  it('stores settings and tells every listener', async () => {
    const seen: string[][] = [];
    const off = core.on('data-changed', (e) => seen.push(e.entities));
    const settings = await core.handlers.updateSettings({ callSuggestions: false });
    off();
    expect(settings.callSuggestions).toBe(false);
    expect((await core.handlers.getSettings({})).callSuggestions).toBe(false);
    expect(seen).toEqual([['settings']]);
    await core.handlers.updateSettings({ callSuggestions: true });
  });
});

describe('suggestions freshness', () => {
  it('relearns everyone when the last full relearn is over 12 hours old, whatever syncs relearned since', async () => {
    const dir2 = makeTempDir();
    const db2 = await demoDb(dir2, { people: 40 });
    let now = TEST_NOW;
    const core2 = createCore(db2, () => now);
    // When everyone was last relearned, and what a person's windows say.
    const learnedAt = () => readSetting<number>(db2, WINDOWS_LEARNED_AT);
    const windowsOf = (id: string) =>
      rawHandle(db2)
        .prepare('select windows from best_time_windows where person_id = ? order by channel')
        .pluck()
        .all(id);
    await core2.refreshStaleSuggestions();
    const [touched] = rawHandle(db2)
      .prepare('select distinct person_id from best_time_windows order by person_id limit 1')
      .pluck()
      .all() as [string];
    expect(learnedAt()).toBe(TEST_NOW);
    const touchedBefore = windowsOf(touched);

    // Eleven hours on, a sync brings a call of one person and relearns them alone.
    now = TEST_NOW + 11 * 3_600_000;
    rawHandle(db2)
      .prepare(
        `insert into activities (id, person_id, signal, kind, channel, direction, started_at, duration_s, status, source_module)
         values ('fresh-call', ?, 'call_answered', 'call', 'phone', 'out', ?, 300, 'completed', 'Calls')`,
      )
      .run(touched, now - 3_600_000);
    await core2.recomputeSuggestionsFor([touched]);
    expect(windowsOf(touched)).not.toEqual(touchedBefore);
    await core2.refreshStaleSuggestions();
    expect(learnedAt()).toBe(TEST_NOW);

    // Thirteen hours after the full relearn everyone is relearned, though a sync ran since.
    now = TEST_NOW + 13 * 3_600_000;
    await core2.refreshStaleSuggestions();
    expect(learnedAt()).toBe(now);

    // A new demo organisation in the same file is learned at once: the old one's date went with it.
    generateDemo(db2, { seed: 8, people: 30, now });
    await core2.refreshStaleSuggestions();
    expect(
      rawHandle(db2).prepare('select count(*) from best_time_windows').pluck().get(),
    ).toBeGreaterThan(0);
    await db2.close();
    dir2.remove();
  });
});
