import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BestWindow, VisitRow } from '../../src/shared/alertsContract';
import { createCore } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { addVisit, alertsOrgDb, MIN } from '../fixtures/alertsOrg';

/**
 * The Visits page's "window now or next" (and the alert's, from the same `BestWindows`) is the
 * one the owner's planner shows for the day: the planner lets a surer window speak before a
 * weaker one only within one day of the rep's, so a weak window is the one of now or next once
 * the day's sure ones are over, though tomorrow has sure ones again.
 */
let dir: TempDir;
let db: Db;

beforeEach(async () => {
  dir = makeTempDir('cw-visit-windows-');
  db = await alertsOrgDb(dir, 'org.db');
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

const berlin = (iso: string): number => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();

/** A Berlin contact of `owner` with weekday windows ([from, to, stars], Berlin time), visiting now. */
function visitor(
  id: string,
  owner: string,
  windows: Partial<Record<'call' | 'email', [string, string, number][]>>,
  now: number,
): void {
  const raw = rawHandle(db);
  raw
    .prepare(
      `insert into people (id, module, first_name, last_name, owner_id, time_zone, created_at, modified_at)
       values (?, 'lead', 'P', ?, ?, 'Europe/Berlin', 0, 0)`,
    )
    .run(id, id, owner);
  const minute = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  for (const [channel, list] of Object.entries(windows))
    raw
      .prepare(
        "insert into best_time_windows (person_id, channel, time_zone, windows) values (?, ?, 'Europe/Berlin', ?)",
      )
      .run(
        id,
        channel,
        JSON.stringify(
          [1, 2, 3, 4, 5].flatMap((d) =>
            list.map(([from, to, stars]) => [d, minute(from), minute(to), stars, 'answered calls']),
          ),
        ),
      );
  addVisit(db, { id: `v-${id}-${now}`, personId: id, start: now - 2 * MIN });
}

async function windowsAt(now: number): Promise<Map<string, VisitRow['windows']>> {
  const core = createCore(db, () => now);
  try {
    const list = await core.handlers.listVisits({ scope: 'everyone', limit: 100 });
    return new Map(list.onSite.map((v) => [v.personId ?? '', v.windows]));
  } finally {
    core.alerts.dispose();
  }
}

/** The row the owner's planner shows for a person and channel, open now or to come. */
async function plannerWindow(
  owner: string,
  now: number,
  personId: string,
  channel: 'call' | 'email',
  date?: string,
): Promise<Pick<BestWindow, 'start' | 'end' | 'stars'> | undefined> {
  const core = createCore(db, () => now);
  try {
    await core.handlers.setCurrentUser({ userId: owner });
    const plan = await core.handlers.getPlanner(date ? { date } : {});
    const row = plan.rows.find(
      (r) =>
        r.personId === personId &&
        r.channel === channel &&
        (r.state === 'now' || r.state === 'upcoming'),
    );
    return row && { start: row.start ?? 0, end: row.end ?? 0, stars: row.stars ?? 0 };
  } finally {
    core.alerts.dispose();
  }
}

describe("the window now or next is the planner's of the day", () => {
  it("names today's weaker window, open now or still to come, once the day's surer ones are over", async () => {
    const now = berlin('2026-11-24T10:30');
    // Tuesday 10:30: the 5★ morning window is over; tomorrow has it again.
    visitor(
      'haruto',
      'rep',
      {
        call: [
          ['08:00', '10:00', 5],
          ['10:00', '11:00', 0.5],
        ],
      },
      now,
    );
    visitor(
      'lena',
      'rep',
      {
        email: [
          ['09:00', '10:00', 5],
          ['15:00', '16:00', 1],
        ],
      },
      now,
    );
    // No sure window on the day at all: the weak one speaks, as it did before.
    visitor('mason', 'rep', { email: [['10:00', '12:00', 1]] }, now);
    const windows = await windowsAt(now);
    expect(windows.get('haruto')?.call).toEqual({
      channel: 'call',
      state: 'now',
      start: berlin('2026-11-24T10:00'),
      end: berlin('2026-11-24T11:00'),
      stars: 0.5,
    });
    expect(windows.get('lena')?.email).toEqual({
      channel: 'email',
      state: 'upcoming',
      start: berlin('2026-11-24T15:00'),
      end: berlin('2026-11-24T16:00'),
      stars: 1,
    });
    expect(windows.get('mason')?.email).toMatchObject({
      state: 'now',
      start: berlin('2026-11-24T10:00'),
      stars: 1,
    });
    for (const [id, channel] of [
      ['haruto', 'call'],
      ['lena', 'email'],
      ['mason', 'email'],
    ] as const)
      expect(windows.get(id)?.[channel]).toMatchObject(
        (await plannerWindow('rep', now, id, channel)) ?? {},
      );
  });

  it("counts the day as the owner's planner does, in the owner's zone, across a daylight-saving change", async () => {
    // A rep in Tokyo (no shift: the organisation's Berlin hours). Tokyo's day begins at 16:00 in
    // Berlin in winter and at 17:00 in summer, so a Berlin contact's 16:30 window is the end of
    // the rep's Monday before Berlin's clocks go back on 25 October, and the start of the rep's
    // Tuesday after: in front of the 5★ windows of that Tuesday, it does not speak.
    rawHandle(db)
      .prepare(
        `insert into users (id, name, email, role, manager_id, time_zone)
         values ('tyo', 'Yui Tokyo', 'yui@example.com', 'rep', 'boss', 'Asia/Tokyo')`,
      )
      .run();
    const summer = berlin('2026-10-19T12:00');
    const winter = berlin('2026-10-26T12:00');
    visitor(
      'kenji',
      'tyo',
      {
        call: [
          ['09:00', '10:00', 5],
          ['16:30', '17:30', 1],
          ['18:00', '19:00', 5],
        ],
      },
      summer,
    );
    expect((await windowsAt(summer)).get('kenji')?.call).toMatchObject({
      state: 'upcoming',
      start: berlin('2026-10-19T16:30'),
      end: berlin('2026-10-19T17:30'),
      stars: 1,
    });
    expect(await plannerWindow('tyo', summer, 'kenji', 'call')).toEqual({
      start: berlin('2026-10-19T16:30'),
      end: berlin('2026-10-19T17:30'),
      stars: 1,
    });
    addVisit(db, { id: 'v-kenji-winter', personId: 'kenji', start: winter - 2 * MIN });
    expect((await windowsAt(winter)).get('kenji')?.call).toMatchObject({
      state: 'upcoming',
      start: berlin('2026-10-26T18:00'),
      end: berlin('2026-10-26T19:00'),
      stars: 5,
    });
    // The rep's Monday (Tokyo) has only its morning window, over; their Tuesday names 18:00.
    expect(await plannerWindow('tyo', winter, 'kenji', 'call')).toBeUndefined();
    expect(await plannerWindow('tyo', winter, 'kenji', 'call', '2026-10-27')).toEqual({
      start: berlin('2026-10-26T18:00'),
      end: berlin('2026-10-26T19:00'),
      stars: 5,
    });
  });
});
