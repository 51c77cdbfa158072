import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { openWorkspace } from '../../src/main/core/workspace';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { migrations } from '../../src/main/db/migrations/index';
import { PRIORS_VERSION } from '../../src/main/besttime/model/priors';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { WINDOWS_LEARNED_AT } from '../../src/main/db/clearOrganisationData';
import { MemorySecretStore } from '../../src/main/secrets/secretStore';
import { readSetting } from '../../src/main/settings/settingsStore';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

const HOUR = 3_600_000;
let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir('cw-priors-');
});
afterEach(() => dir.remove());

const learnedAt = (db: Db): unknown => readSetting<unknown>(db, WINDOWS_LEARNED_AT);
const priorsRow = (db: Db) =>
  rawHandle(db).prepare('select model_version, learned_at, priors from learned_priors').get() as
    { model_version: number; learned_at: number; priors: string } | undefined;
const allWindows = (db: Db): unknown[] =>
  rawHandle(db)
    .prepare('select person_id, channel, time_zone, windows from best_time_windows order by 1, 2')
    .all();
const windowsOf = (db: Db, id: string): unknown[] =>
  rawHandle(db)
    .prepare(
      'select channel, time_zone, windows from best_time_windows where person_id = ? order by 1',
    )
    .all(id);

/** Someone with many answered calls: a new one moves their windows and reasons. */
function activePerson(db: Db): string {
  return rawHandle(db)
    .prepare(
      `select person_id from activities where signal = 'call_answered' and status = 'completed'
       group by person_id order by count(*) desc, person_id limit 1`,
    )
    .pluck()
    .get() as string;
}

/** Answered calls an hour before TEST_NOW on the last three Mondays, as a sync would bring. */
function touch(db: Db, id: string): void {
  const insert = rawHandle(db).prepare(
    `insert into activities (id, person_id, signal, kind, channel, direction, started_at, duration_s, status, source_module)
     values (?, ?, 'call_answered', 'call', 'phone', 'out', ?, 240, 'completed', 'Calls')`,
  );
  for (const week of [1, 2, 3])
    insert.run(`touch-${week}`, id, TEST_NOW - HOUR - week * 7 * 24 * HOUR);
}
const untouch = (db: Db): void => {
  rawHandle(db).prepare("delete from activities where id like 'touch-%'").run();
};

describe('the organisation’s priors across a restart', () => {
  it('a start within 12 hours relearns nobody, and a person a sync touches gets the windows the first run would have given', async () => {
    const seeded = await demoDb(dir, { people: 60 }, 'app.db');
    await seeded.close();
    let now = TEST_NOW;
    const open = () =>
      openWorkspace({
        demoPath: dir.file('app.db'),
        secrets: new MemorySecretStore(),
        clock: () => now,
        scheduled: false,
        demoLive: false,
      });

    // First start: nothing learned yet, so everyone is, and the priors are stored with the windows.
    const first = await open();
    const db1 = first.active().db;
    expect(learnedAt(db1)).toBe(TEST_NOW);
    expect(priorsRow(db1)).toMatchObject({ learned_at: TEST_NOW });
    const id = activePerson(db1);
    const untouched = windowsOf(db1, id);
    // What the first run gives a touched person an hour on, against the priors in its memory.
    now = TEST_NOW + HOUR;
    touch(db1, id);
    await first.active().recomputeSuggestionsFor([id]);
    const expected = windowsOf(db1, id);
    expect(expected).not.toEqual(untouched);
    untouch(db1);
    await first.active().recomputeSuggestionsFor([id]);
    expect(windowsOf(db1, id)).toEqual(untouched);
    const everyone = allWindows(db1);
    const stored = priorsRow(db1);
    await first.close();

    // Second start, an hour later: the stored priors are read back, nobody is relearned.
    const second = await open();
    try {
      const db2 = second.active().db;
      const changes = () => rawHandle(db2).prepare('select total_changes()').pluck().get();
      expect(changes()).toBe(0);
      expect(learnedAt(db2)).toBe(TEST_NOW);
      expect(priorsRow(db2)).toEqual(stored);
      expect(allWindows(db2)).toEqual(everyone);
      // A sync touches the same person: relearned alone, exactly as the first run did.
      touch(db2, id);
      const before = changes() as number;
      await second.active().recomputeSuggestionsFor([id]);
      expect(windowsOf(db2, id)).toEqual(expected);
      expect(learnedAt(db2)).toBe(TEST_NOW);
      expect(changes()).toBeLessThanOrEqual(before + 2);
    } finally {
      await second.close();
    }
  });

  it.each([
    ['damaged JSON', 'update learned_priors set priors = \'{"slotMinutes": 60, "org": \'', true],
    [
      'a damaged number',
      `update learned_priors set priors = replace(priors, '"ownSittings":', '"ownSittings":"x","was":')`,
      true,
    ],
    ['an older model', 'update learned_priors set model_version = 0', false],
    ['none at all (a database from before they were kept)', 'delete from learned_priors', false],
    ['another relearn’s', 'update learned_priors set learned_at = learned_at - 1', false],
  ])(
    'relearns everyone at start when the stored priors are %s, and logs only damage',
    async (_what, damage, logged) => {
      const db = await demoDb(dir, { people: 40 });
      await createCore(db, () => TEST_NOW).recomputeSuggestions();
      rawHandle(db).exec(damage);
      const log: string[] = [];
      const core = createCore(db, () => TEST_NOW + HOUR, { log: (m) => log.push(m) });
      await expect(core.refreshStaleSuggestions()).resolves.toBe(true);
      expect(learnedAt(db)).toBe(TEST_NOW + HOUR);
      expect(priorsRow(db)).toMatchObject({
        model_version: PRIORS_VERSION,
        learned_at: TEST_NOW + HOUR,
      });
      expect(log).toEqual(
        logged
          ? [
              expect.stringMatching(
                /^Best times: relearning everyone, the stored priors are damaged: /,
              ),
            ]
          : [],
      );
      // Mended: the next start reads them.
      const next = createCore(db, () => TEST_NOW + 2 * HOUR, { log: (m) => log.push(m) });
      await expect(next.refreshStaleSuggestions()).resolves.toBe(false);
      await db.close();
    },
  );

  it('a touched person after a start with damaged priors relearns everyone instead of failing', async () => {
    const db = await demoDb(dir, { people: 40 });
    await createCore(db, () => TEST_NOW).recomputeSuggestions();
    rawHandle(db).exec("update learned_priors set priors = 'null'");
    const log: string[] = [];
    const core = createCore(db, () => TEST_NOW + HOUR, { log: (m) => log.push(m) });
    const id = activePerson(db);
    touch(db, id);
    const result = await core.recomputeSuggestionsFor([id]);
    expect(result.people).toBe(40);
    expect(learnedAt(db)).toBe(TEST_NOW + HOUR);
    expect(log).toHaveLength(1);
    await db.close();
  });

  it('are learned again when the slot length changes, not read for the other length', async () => {
    const db = await demoDb(dir, { people: 40 });
    const core = createCore(db, () => TEST_NOW);
    await core.recomputeSuggestions();
    await core.handlers.updateSettings({ slotMinutes: 30 });
    expect(JSON.parse(priorsRow(db)?.priors ?? '{}')).toMatchObject({ slotMinutes: 30 });
    // Stored for 60-minute slots while the setting says 30 (a relearn that failed): not used.
    rawHandle(db).exec(
      `update learned_priors set priors = replace(priors, '"slotMinutes":30', '"slotMinutes":60')`,
    );
    const next = createCore(db, () => TEST_NOW + HOUR, { log: () => undefined });
    await expect(next.refreshStaleSuggestions()).resolves.toBe(true);
    await db.close();
  });
});

describe('the learned priors migration', () => {
  it('adds the table to a database of the version before, keeping its windows; its first start learns them once', async () => {
    const path = dir.file('v8.db');
    const seeded = await demoDb(dir, { people: 40 }, 'v8.db');
    await createCore(seeded, () => TEST_NOW).recomputeSuggestions();
    await seeded.close();
    // The table as the previous version of the app lacked it (later migrations stay applied:
    // rolling them back too would test them, not this one), then this migration alone.
    const migration = migrations.find((m) => m.name === 'learned_priors');
    if (!migration) throw new Error('no learned_priors migration');
    const raw = new BetterSqlite3(path);
    raw.exec('drop table learned_priors');
    const windows = raw.prepare('select * from best_time_windows order by 1, 2').all();
    raw.close();

    const db = await openDatabase(path);
    await migration.up(db.kysely);
    expect(priorsRow(db)).toBeUndefined();
    expect(rawHandle(db).prepare('select * from best_time_windows order by 1, 2').all()).toEqual(
      windows,
    );
    const log: string[] = [];
    await expect(
      createCore(db, () => TEST_NOW + HOUR, { log: (m) => log.push(m) }).refreshStaleSuggestions(),
    ).resolves.toBe(true);
    expect(log).toEqual([]);
    await expect(createCore(db, () => TEST_NOW + 2 * HOUR).refreshStaleSuggestions()).resolves.toBe(
      false,
    );
    // A row is the only row: a second one is refused.
    expect(() =>
      rawHandle(db).prepare("insert into learned_priors values (2, 1, 0, '{}')").run(),
    ).toThrow(/CHECK constraint failed/);
    await db.close();
  });
});
