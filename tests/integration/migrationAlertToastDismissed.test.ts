import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/db/openDatabase';
import { migrations } from '../../src/main/db/migrations/index';
import { databaseBefore } from '../fixtures/databaseBefore';

const VERSION = migrations.findIndex((m) => m.name === 'alert_toast_dismissed') + 1;

describe('the migration keeping when a toast was dismissed', () => {
  it('keeps every alert as it was, read or not, none of them dismissed', async () => {
    const { raw, db, done } = await databaseBefore(':memory:', 'alert_toast_dismissed');
    raw.exec(`
      insert into users (id, name, email, role, time_zone)
        values ('rep', 'Rita Rep', 'rita@example.com', 'rep', 'Europe/Berlin');`);
    const insert = raw.prepare(
      `insert into alerts (user_id, visitor_id, category, rule, visit_started_at, alert_at,
         created_at, delivery, delivered_at, read_at, payload)
       values ('rep', 'x', 'unknown', 'r', 1, 1, 1, 'now', ?, ?, '{}')`,
    );
    insert.run(5, null);
    insert.run(5, 9);
    await migrate(db, migrations.slice(0, VERSION));
    expect(
      raw.prepare('select delivered_at, read_at, toast_dismissed_at from alerts order by id').all(),
    ).toEqual([
      { delivered_at: 5, read_at: null, toast_dismissed_at: null },
      { delivered_at: 5, read_at: 9, toast_dismissed_at: null },
    ]);
    await done();
  });
});
