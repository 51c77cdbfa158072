import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { damageOneActivitiesPage } from '../fixtures/damageTables';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir('cw-core-faults-');
});
afterEach(() => dir.remove());

const count = (db: Db, table: string): number =>
  (rawHandle(db).prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

/** One of Anna Keller's people (a rep in Berlin): only the owner logs a call. */
const annasPerson = (db: Db): string =>
  (
    rawHandle(db)
      .prepare("select id from people where owner_id = 'u-r1' order by id limit 1")
      .get() as {
      id: string;
    }
  ).id;

describe('the core’s answers when the database itself fails (AP-3)', () => {
  it('names the damaged file and says to restore a backup, not SQLite’s bare words', async () => {
    const path = dir.file('damaged.db');
    await (await demoDb(dir, {}, 'damaged.db')).close();
    const personId = damageOneActivitiesPage(path);
    const db = await openDatabase(path);
    try {
      const core = createCore(db, () => TEST_NOW);
      expect(await core.dispatch('getPerson', { id: personId })).toEqual({
        ok: false,
        error:
          `The database at ${path} is damaged (database disk image is malformed). ` +
          'Restore a backup, or move it aside and start a fresh one (a CRM copy is then synced again).',
      });
    } finally {
      await db.close();
    }
  }, 60_000);

  it('says the disk is full, that nothing was saved and the call entered is kept', async () => {
    const db = await demoDb(dir);
    try {
      const core = createCore(db, () => TEST_NOW);
      await core.handlers.setCurrentUser({ userId: 'u-r1' });
      const activities = count(db, 'activities');
      const outbox = count(db, 'outbox');
      // SQLite answers a write that needs one more page as on a full disk (SQLITE_FULL); a long
      // note needs pages of its own.
      const pages = rawHandle(db).pragma('page_count', { simple: true }) as number;
      rawHandle(db).pragma(`max_page_count = ${pages}`);
      const call = { personId: annasPerson(db), outcome: 'no_answer', note: 'x'.repeat(4000) };
      expect(await core.dispatch('logCall', call)).toEqual({
        ok: false,
        error:
          `The disk holding ${db.path} is full (database or disk is full): nothing was saved, ` +
          'and what you entered is kept. Free some space on it, then save again.',
      });
      expect([count(db, 'activities'), count(db, 'outbox')]).toEqual([activities, outbox]);
      // Space freed: the same call saves.
      rawHandle(db).pragma(`max_page_count = ${pages * 2}`);
      expect(await core.dispatch('logCall', call)).toMatchObject({ ok: true });
      expect(count(db, 'activities')).toBe(activities + 1);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('says the file cannot be written now and what to check, for a row mark', async () => {
    const db = await demoDb(dir);
    try {
      const core = createCore(db, () => TEST_NOW);
      await core.handlers.setCurrentUser({ userId: 'u-r1' });
      // What a file made read-only under a running app answers (SQLITE_READONLY).
      rawHandle(db).pragma('query_only = 1');
      const mark = {
        personId: annasPerson(db),
        channel: 'call',
        date: '2026-11-23',
        action: 'done',
      };
      expect(await core.dispatch('markPlanRow', mark)).toEqual({
        ok: false,
        error:
          `The database at ${db.path} cannot be written now (attempt to write a readonly database): ` +
          'nothing was saved. Check the drive it is on and the permissions of the file and its folder, then try again.',
      });
      rawHandle(db).pragma('query_only = 0');
      expect(await core.dispatch('markPlanRow', mark)).toEqual({ ok: true, value: { ok: true } });
    } finally {
      await db.close();
    }
  }, 60_000);
});

/**
 * Anna logs a 12-minute answered call on a demo where `breakRelearn` has made writing the
 * person's windows fail after the call is stored: what the core answers, and how many activities
 * the call added.
 */
async function logCallRelearnBroken(
  breakRelearn: (raw: ReturnType<typeof rawHandle>) => void,
): Promise<{ answer: unknown; added: number }> {
  const db = await demoDb(dir);
  try {
    const core = createCore(db, () => TEST_NOW);
    await core.recomputeSuggestions();
    await core.handlers.setCurrentUser({ userId: 'u-r1' });
    breakRelearn(rawHandle(db));
    const activities = count(db, 'activities');
    const answer = await core.dispatch('logCall', {
      personId: annasPerson(db),
      outcome: 'answered',
      durationMin: 12,
    });
    return { answer, added: count(db, 'activities') - activities };
  } finally {
    await db.close();
  }
}

describe('a call stored while the disk fills up after it', () => {
  it('is answered as saved, so the rep does not log it twice, when relearning its person meets the full disk', async () => {
    const { answer, added } = await logCallRelearnBroken((raw) => {
      // The person's windows written after the call need room the disk no longer has: each one
      // also writes a page-sized blob, past the pages the file may have (SQLITE_FULL).
      raw.exec('create table filler (b blob)');
      for (const change of ['insert', 'update'])
        raw.exec(
          `create temp trigger fill_disk_${change} after ${change} on main.best_time_windows begin insert into filler values (zeroblob(65536)); end`,
        );
      raw.pragma(`max_page_count = ${raw.pragma('page_count', { simple: true }) as number}`);
    });
    expect(answer).toMatchObject({ ok: true });
    expect(added).toBe(1);
  }, 60_000);

  it('is answered as saved whatever else stops the relearn after it (a fault that is not the disk)', async () => {
    const { answer, added } = await logCallRelearnBroken((raw) => {
      for (const change of ['insert', 'update', 'delete'])
        raw.exec(
          `create temp trigger refuse_${change} before ${change} on main.best_time_windows begin select raise(abort, 'windows refused'); end`,
        );
    });
    expect(answer).toMatchObject({ ok: true });
    expect(added).toBe(1);
  }, 60_000);
});
