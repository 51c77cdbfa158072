import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/openDatabase';
import { createCore } from '../../src/main/core/createCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir, oneRepDb, type TempDir } from '../fixtures/tempDb';

/**
 * A view asks for a plan's first rows, then for the whole plan: the second read is the same
 * plan, not made again, unless anything it was made from moved between the two (a mark, another
 * process's commit, the next minute).
 */
const ZONE = 'Europe/Berlin';
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();

let dir: TempDir;
let db: Db;
beforeEach(async () => {
  dir = makeTempDir();
  db = await oneRepDb(dir, 'twice.db');
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

/** A person of the rep's with call windows [weekday, 'HH:mm', 'HH:mm', stars] on Berlin's clock. */
function person(handle: Database.Database, id: string, list: [number, string, string, number][]) {
  const min = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  handle
    .prepare(
      "insert into people (id, module, last_name, owner_id, time_zone, created_at, modified_at) values (?, 'contact', ?, 'rep', ?, 0, 0)",
    )
    .run(id, id, ZONE);
  if (list.length === 0) return;
  handle
    .prepare(
      "insert into best_time_windows (person_id, channel, time_zone, windows) values (?, 'call', ?, ?)",
    )
    .run(
      id,
      ZONE,
      JSON.stringify(
        list.map(([d, f, t, s]) => [d, min(f), min(t), s, `answered calls ${f}-${t}`]),
      ),
    );
}

async function coreAt(iso: string) {
  const clock = { now: at(iso) };
  const core = createCore(db, () => clock.now);
  await core.handlers.setCurrentUser({ userId: 'rep' });
  return { core, clock };
}

function threePeople(): void {
  // Dora has no window yet: no row.
  person(rawHandle(db), 'dora', []);
  for (const id of ['anna', 'ben', 'cleo'])
    person(rawHandle(db), id, [
      [1, '09:00', '10:00', 5],
      [1, '11:00', '12:00', 4],
      [0, '02:00', '04:00', 4],
    ]);
}

describe('the whole plan read right after its first rows', () => {
  it('is the plan the first rows came from, when nothing changed within the minute', async () => {
    threePeople();
    const { core, clock } = await coreAt('2026-11-23T09:00:10');
    const first = await core.handlers.getPlanner({ first: 1 });
    clock.now += 20_000;
    const whole = await core.handlers.getPlanner({});
    expect(first.rows).toHaveLength(1);
    expect(whole.rows).toHaveLength(whole.total);
    expect(whole.rows[0]).toEqual(first.rows[0]);
    // One plan, made once: both answers are of the same instant.
    expect(whole.now).toBe(first.now);
  });

  it('shows a mark made between the two reads', async () => {
    threePeople();
    const { core, clock } = await coreAt('2026-11-23T09:00:10');
    const first = await core.handlers.getPlanner({ first: 1 });
    const [row] = first.rows;
    if (!row) throw new Error('no row');
    clock.now += 5_000;
    await core.handlers.markPlanRow({
      personId: row.personId,
      channel: 'call',
      date: first.date,
      action: 'skipped',
    });
    clock.now += 5_000;
    const whole = await core.handlers.getPlanner({});
    expect(whole.rows.find((r) => r.personId === row.personId)?.action).toBe('skipped');
    expect(whole.now).toBe(clock.now);
  });

  it('shows what another process committed between the two reads', async () => {
    threePeople();
    const { core, clock } = await coreAt('2026-11-23T09:00:10');
    const first = await core.handlers.getPlanner({ first: 100 });
    expect(first.total).toBe(3);
    // A `sync` run from the command line, with its own connection to the file, relearned Dora.
    const other = new Database(dir.file('twice.db'));
    try {
      other
        .prepare(
          "insert into best_time_windows (person_id, channel, time_zone, windows) values ('dora', 'call', ?, ?)",
        )
        .run(ZONE, JSON.stringify([[1, 540, 600, 5, 'answered calls 09:00-10:00']]));
    } finally {
      other.close();
    }
    clock.now += 5_000;
    const whole = await core.handlers.getPlanner({});
    expect(whole.rows.map((r) => r.personId).sort()).toEqual(['anna', 'ben', 'cleo', 'dora']);
  });

  it("is made again in the next minute: a window's start or end moves its rows", async () => {
    threePeople();
    const { core, clock } = await coreAt('2026-11-23T09:59:50');
    const first = await core.handlers.getPlanner({ first: 100 });
    clock.now = at('2026-11-23T10:00:05');
    const whole = await core.handlers.getPlanner({});
    expect(whole.now).toBe(clock.now);
    // At 10:00 the 09:00 window has ended: every row is next at 11:00, the 09:00 ones passed.
    const shown = (rows: typeof whole.rows) =>
      rows.map(
        (r) =>
          `${r.personId} ${r.start === null ? 'none' : DateTime.fromMillis(r.start, { zone: ZONE }).toFormat('HH:mm')} ${r.state}`,
      );
    expect(shown(first.rows)).toEqual(['anna 09:00 now', 'ben 09:00 now', 'cleo 09:00 now']);
    expect(shown(whole.rows)).toEqual([
      'anna 11:00 upcoming',
      'ben 11:00 upcoming',
      'cleo 11:00 upcoming',
      'anna 09:00 passed',
      'ben 09:00 passed',
      'cleo 09:00 passed',
    ]);
  });

  it('is made again an hour later on the same minute of the wall clock, when autumn turns it back', async () => {
    threePeople();
    // Sunday 25 October 2026: 02:30 comes twice in Berlin, first in summer time, then in winter.
    const summer = DateTime.fromISO('2026-10-25T02:30:20+02:00').toMillis();
    const winter = DateTime.fromISO('2026-10-25T02:30:40+01:00').toMillis();
    expect(winter - summer).toBe(3_600_000 + 20_000);
    const { core, clock } = await coreAt('2026-10-25T00:00');
    clock.now = summer;
    const first = await core.handlers.getPlanner({ first: 100 });
    clock.now = winter;
    const whole = await core.handlers.getPlanner({});
    expect(first.now).toBe(summer);
    expect(whole.now).toBe(winter);
  });

  it('is the plan the reminders were read from, when they were read first', async () => {
    threePeople();
    const { core, clock } = await coreAt('2026-11-23T10:00:10');
    const reminders = await core.handlers.getReminders({});
    const madeAt = clock.now;
    expect(reminders.map((r) => r.people.map((p) => p.personId))).toEqual([
      ['anna', 'ben', 'cleo'],
    ]);
    clock.now += 20_000;
    expect((await core.handlers.getPlanner({ first: 100 })).now).toBe(madeAt);
  });

  it('leaves a row skipped between the two reads out of the reminders', async () => {
    threePeople();
    const { core, clock } = await coreAt('2026-11-23T10:00:10');
    const first = await core.handlers.getPlanner({ first: 100 });
    await core.handlers.markPlanRow({
      personId: 'ben',
      channel: 'call',
      date: first.date,
      action: 'skipped',
    });
    clock.now += 5_000;
    const reminders = await core.handlers.getReminders({});
    expect(reminders.map((r) => r.people.map((p) => p.personId))).toEqual([['anna', 'cleo']]);
  });
});
