import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/db/openDatabase';
import { migrations } from '../../src/main/db/migrations/index';
import { databaseBefore } from '../fixtures/databaseBefore';

const VERSION = migrations.findIndex((m) => m.name === 'task_due_dates') + 1;
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();

/** A database just before the migration, of an organisation run from Berlin (`source`). */
async function before(source: 'zoho' | 'demo') {
  const { raw, db, done } = await databaseBefore(':memory:', 'task_due_dates');
  raw.exec(`
    insert into organisation values (1, 'Org', 'Europe/Berlin', '{"days":[[],[],[],[],[],[],[]]}', '${source}');
    insert into people (id, module, last_name, time_zone, created_at, modified_at)
      values ('p1', 'contact', 'One', 'Europe/Berlin', 0, 0);`);
  const insert = raw.prepare(
    `insert into activities (id, person_id, kind, channel, direction, started_at, status, source_module)
     values (?, 'p1', ?, ?, 'out', ?, ?, ?)`,
  );
  // Due Monday 30 March, the day after the clocks go forward: 09:00 there.
  insert.run('open', 'task', 'task', berlin('2026-03-30T09:00'), 'scheduled', 'Tasks');
  // Moved here to 23:30 on Sunday 29 March: 21:30 UTC, still Sunday in Berlin. The move waits in
  // the outbox with the date the CRM is to be told.
  insert.run('moved', 'task', 'task', berlin('2026-03-29T23:30'), 'scheduled', 'Tasks');
  const move = (id: string, activityId: string, dueAt: number, dueDate: string) =>
    raw
      .prepare(
        `insert into outbox (idempotency_key, kind, payload, created_at) values (?, 'task', ?, 0)`,
      )
      .run(id, JSON.stringify({ activityId, action: 'move', at: 0, dueAt, dueDate }));
  move('k1', 'moved', berlin('2026-03-29T23:30'), '2026-03-29');
  // No Due_Date in Zoho: stored at its last change, Tuesday 14:37. It was never due that day.
  insert.run('undated', 'task', 'task', berlin('2026-03-31T14:37:12'), 'scheduled', 'Tasks');
  // Moved here once, then changed in the CRM since (Due_Date removed, edited Wednesday 10:05):
  // the old move does not date it.
  insert.run('moved-away', 'task', 'task', berlin('2026-04-01T10:05'), 'scheduled', 'Tasks');
  move('k2', 'moved-away', berlin('2026-03-30T15:00'), '2026-03-30');
  // Closed on Tuesday: when it was due is not known.
  insert.run('closed', 'task', 'task', berlin('2026-03-31T16:00'), 'completed', 'Tasks');
  insert.run('call', 'call', 'call', berlin('2026-03-30T10:00'), 'scheduled', 'Calls');
  return { raw, db, done };
}

describe('the migration keeping tasks’ due dates', () => {
  it('gives an open task standing at its due hour or at a move made here that date, others none', async () => {
    const old = await before('zoho');
    await migrate(old.db, migrations.slice(0, VERSION));
    const rows = old.raw.prepare('select id, due_date from activities order by id').raw().all();
    expect(Object.fromEntries(rows as [string, string | null][])).toEqual({
      call: null,
      closed: null,
      moved: '2026-03-29',
      'moved-away': null,
      open: '2026-03-30',
      undated: null,
    });
    expect(() =>
      old.raw.prepare("update activities set due_date = '30/03/2026' where id = 'open'").run(),
    ).toThrow(/CHECK constraint/);
    await old.done();
  });

  it('gives the demo organisation’s tasks none: they are no CRM’s', async () => {
    const old = await before('demo');
    await migrate(old.db, migrations.slice(0, VERSION));
    expect(
      old.raw.prepare('select count(*) from activities where due_date is not null').pluck().get(),
    ).toBe(0);
    await old.done();
  });
});
