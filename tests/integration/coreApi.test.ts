import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

let dir: TempDir;
let db: Db;
let core: Core;
beforeAll(async () => {
  dir = makeTempDir();
  db = await demoDb(dir);
  core = createCore(db, () => TEST_NOW);
});
afterAll(async () => {
  await db.close();
  dir.remove();
});

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
    const person = db.raw
      .prepare("select first_name, last_name, email, company from people where id = 'p42'")
      .get() as Record<string, string>;
    const byName = await core.handlers.listPeople({
      query: `${person['first_name']} ${person['last_name']}`,
      offset: 0,
      limit: 100,
    });
    expect(byName.rows.map((r) => r.id)).toContain('p42');
    const byEmail = await core.handlers.listPeople({
      query: person['email'] ?? '',
      offset: 0,
      limit: 100,
    });
    expect(byEmail.rows.map((r) => r.id)).toEqual(['p42']);
    const all = await core.handlers.listPeople({ query: '', offset: 0, limit: 10 });
    expect(all.total).toBe(400);
    expect(all.rows).toHaveLength(10);
    const none = await core.handlers.listPeople({ query: '%_%', offset: 0, limit: 10 });
    expect(none.total).toBe(0);
  });

  it('shows a person with account, deals and a newest-first timeline', async () => {
    const id = db.raw
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

  it("plans the signed-in rep's day in the rep's zone, in time order", async () => {
    const session = await core.handlers.getSession({});
    expect(session.currentUser?.role).toBe('rep');
    const plan = await core.handlers.getPlanner({});
    expect(plan.rows.length).toBeGreaterThan(0);
    const day = DateTime.fromMillis(TEST_NOW, { zone: plan.repTz });
    expect(plan.date).toBe(day.toISODate());
    for (const row of plan.rows) {
      expect(DateTime.fromMillis(row.next?.startAt ?? 0, { zone: plan.repTz }).toISODate()).toBe(
        plan.date,
      );
    }
  });

  it('covers the whole 23-hour day of a daylight-saving change', async () => {
    // 29 March 2026: Berlin skips 02:00-03:00. A 23:30 local activity must still be "that day".
    const late = DateTime.fromISO('2026-03-29T23:30', { zone: 'Europe/Berlin' }).toMillis();
    const early = DateTime.fromISO('2026-03-29T00:15', { zone: 'Europe/Berlin' }).toMillis();
    const next = DateTime.fromISO('2026-03-30T00:00', { zone: 'Europe/Berlin' }).toMillis();
    const insert = db.raw.prepare(
      "insert into activities (id, person_id, owner_id, kind, channel, started_at, status, source_module) values (?, 'p1', 'u-r1', 'call', 'call', ?, 'scheduled', 'Calls')",
    );
    insert.run('dst-late', late);
    insert.run('dst-early', early);
    insert.run('dst-next', next);
    const plan = await core.handlers.getPlanner({ date: '2026-03-29' });
    const times = plan.rows.map((r) => r.next?.startAt);
    expect(times).toContain(late);
    expect(times).toContain(early);
    expect(times).not.toContain(next);
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
