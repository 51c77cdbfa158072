import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { migrate, openDatabase } from '../../src/main/db/openDatabase';
import { migrations } from '../../src/main/db/migrations/index';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { databaseBefore } from '../fixtures/databaseBefore';

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const VERSION = migrations.findIndex((m) => m.name === 'alerts') + 1;

/** A database just before the alerts migration, with a person and a visit of theirs. */
async function atPreviousVersion(path: string) {
  const { raw, db, done } = await databaseBefore(path, 'alerts', { foreignKeys: true });
  raw.exec(`
    insert into organisation values (1, 'Org', 'Europe/Berlin', '{"days":[[],[],[],[],[],[],[]]}', 'demo');
    insert into users (id, name, email, role, time_zone) values ('rep', 'Rita Rep', 'rita@example.com', 'rep', 'Europe/Berlin');
    insert into people (id, module, last_name, owner_id, time_zone, created_at, modified_at)
      values ('p1', 'contact', 'One', 'rep', 'Europe/Berlin', 0, 0);
    insert into visits (id, person_id, ip, started_at) values ('v1', 'p1', '203.0.113.7', 1000);
    insert into visit_pages (visit_id, url, viewed_at) values ('v1', '/pricing', 1000);
  `);
  return { raw, db, close: done };
}

const columns = (raw: BetterSqlite3.Database, table: string) =>
  (raw.prepare(`select name from pragma_table_info('${table}')`).pluck().all() as string[]).sort();

describe('the alerts migration', () => {
  it('replaces the unused alert tables, adds preferences and keeps every visit', async () => {
    const old = await atPreviousVersion(':memory:');
    expect(columns(old.raw, 'alerts')).toContain('rule_id');
    await migrate(old.db, migrations.slice(0, VERSION));
    expect(columns(old.raw, 'alerts')).toEqual(
      [
        'alert_at',
        'category',
        'created_at',
        'deliver_at',
        'delivered_at',
        'delivery',
        'hold_reason',
        'id',
        'payload',
        'person_id',
        'read_at',
        'rule',
        'user_id',
        'visit_id',
        'visit_started_at',
        'visitor_id',
      ].sort(),
    );
    expect(columns(old.raw, 'alert_rules')).toEqual(
      ['created_at', 'id', 'name', 'position', 'rule', 'user_id'].sort(),
    );
    expect(columns(old.raw, 'alert_preferences')).toContain('paused_until');
    expect(old.raw.prepare('select id, user_agent from visits').all()).toEqual([
      { id: 'v1', user_agent: null },
    ]);
    await old.close();
  });

  it('drops an alert with its person, keeps it without its visit, refuses a made-up category', async () => {
    const old = await atPreviousVersion(':memory:');
    await migrate(old.db, migrations.slice(0, VERSION));
    const insert = old.raw.prepare(
      `insert into alerts (user_id, person_id, visit_id, visitor_id, category, rule, visit_started_at,
         alert_at, created_at, delivery, payload) values ('rep', ?, ?, 'x', ?, 'r', 1, 1, 1, 'now', '{}')`,
    );
    insert.run('p1', 'v1', 'lead_contact');
    insert.run(null, 'v1', 'unknown');
    expect(() => insert.run(null, null, 'vip')).toThrow(/CHECK constraint/);
    old.raw.prepare("delete from visits where id = 'v1'").run();
    expect(old.raw.prepare('select person_id, visit_id from alerts order by id').all()).toEqual([
      { person_id: 'p1', visit_id: null },
      { person_id: null, visit_id: null },
    ]);
    old.raw.prepare("delete from people where id = 'p1'").run();
    expect(old.raw.prepare('select count(*) from alerts').pluck().get()).toBe(1);
    await old.close();
  });

  it('opens a database the previous version wrote, with the default rules in force', async () => {
    const path = dir.file('previous.db');
    const old = await atPreviousVersion(path);
    await old.close();
    const db = await openDatabase(path);
    expect(rawHandle(db).prepare('select max(version) from schema_migrations').pluck().get()).toBe(
      migrations.length,
    );
    const core = createCore(db, () => TEST_NOW);
    const settings = await core.handlers.getAlertSettings({});
    expect(settings).toMatchObject({ defaultRules: true, cooldownMinutes: 60, userId: 'rep' });
    expect(settings.rules).toHaveLength(1);
    await db.close();
  });
});
