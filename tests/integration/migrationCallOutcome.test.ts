import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { migrate, openDatabase } from '../../src/main/db/openDatabase';
import { migrations } from '../../src/main/db/migrations/index';
import { makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { databaseBefore } from '../fixtures/databaseBefore';

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const VERSION = migrations.findIndex((m) => m.name === 'call_outcome') + 1;

/** A database just before the migration: a rep's calls, one logged here and not pushed yet. */
async function atPreviousVersion(path: string) {
  const { raw, db, done } = await databaseBefore(path, 'call_outcome', { foreignKeys: true });
  raw.exec(`
    insert into organisation values (1, 'Org', 'Europe/Berlin', '{"days":[[],[],[],[],[],[],[]]}', 'zoho');
    insert into users (id, name, email, role, time_zone) values ('rep', 'Rita', 'r@x.test', 'rep', 'Europe/Berlin');
    insert into settings (key, value) values ('current_user_id', '"rep"');
    insert into people (id, module, last_name, time_zone, created_at, modified_at)
      values ('p1', 'contact', 'One', 'Europe/Berlin', 0, 0);
    insert into activities (id, person_id, signal, kind, channel, direction, started_at, duration_s, subject, status, source_module) values
      ('local-vm', 'p1', null, 'call', 'call', 'out', 1000, 300, 'Call: voicemail', 'completed', 'local'),
      ('z-answered', 'p1', 'call_answered', 'call', 'call', 'out', 2000, 240, 'Outbound call', 'completed', 'Calls'),
      ('z-missed', 'p1', 'call_inbound_missed', 'call', 'call', 'in', 3000, 0, 'Missed call', 'completed', 'Calls'),
      ('z-short', 'p1', null, 'call', 'call', 'out', 4000, 30, 'Outbound call', 'completed', 'Calls'),
      ('z-planned', 'p1', null, 'call', 'call', 'out', 5000, null, 'Call back', 'scheduled', 'Calls');
    insert into outbox (idempotency_key, kind, payload, created_at) values
      ('local-vm', 'call', '{"activityId":"local-vm","personId":"p1","outcome":"voicemail","durationS":300,"note":"","startedAt":1000}', 1);
  `);
  return { raw, db, close: done };
}

const outcomes = (raw: BetterSqlite3.Database) =>
  Object.fromEntries(
    (raw.prepare('select id, outcome from activities').raw().all() as [string, string][]).map(
      ([id, o]) => [id, o],
    ),
  );

describe('the migration adding call outcomes', () => {
  it('keeps what is known for sure of calls already stored, and nothing more', async () => {
    const old = await atPreviousVersion(':memory:');
    await migrate(old.db, migrations.slice(0, VERSION));
    expect(outcomes(old.raw)).toEqual({
      'local-vm': 'voicemail',
      'z-answered': 'answered',
      'z-missed': 'no_answer',
      // Half a minute with no result: a short answer and a voicemail look alike.
      'z-short': null,
      'z-planned': null,
    });
    expect(() =>
      old.raw.prepare("update activities set outcome = 'maybe' where id = 'z-short'").run(),
    ).toThrow(/CHECK constraint/);
    await old.close();
  });

  it('opens a database the previous version wrote and shows the outcome on the timeline', async () => {
    const path = dir.file('previous.db');
    const old = await atPreviousVersion(path);
    await old.close();
    const db = await openDatabase(path);
    const core = createCore(db, () => TEST_NOW);
    const { timeline } = await core.handlers.getPerson({ id: 'p1' });
    expect(timeline.find((t) => t.id === 'local-vm')).toMatchObject({ outcome: 'voicemail' });
    await db.close();
  });
});
