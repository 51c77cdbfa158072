import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import type { PushedEvents } from '../../src/shared/contract';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';

type Progress = PushedEvents['team-day-progress'];

let dir: TempDir;
let db: Db;
let core: Core;

beforeAll(async () => {
  dir = makeTempDir('cw-team-progress-');
  db = await demoDb(dir);
  core = createCore(db, () => TEST_NOW);
  await core.recomputeSuggestions();
}, 120_000);
afterAll(async () => {
  await db.close();
  dir.remove();
});

/** The progress pushed while `ask` runs. */
async function progressOf<T>(ask: () => Promise<T>): Promise<{ value: T; pushed: Progress[] }> {
  const pushed: Progress[] = [];
  const stop = core.on('team-day-progress', (p) => pushed.push(p));
  try {
    return { value: await ask(), pushed };
  } finally {
    stop();
  }
}

describe("the team's day made for the first time (a large organisation takes seconds)", () => {
  it("says after each rep's plan how many of the reps' plans are made", async () => {
    await core.handlers.setCurrentUser({ userId: 'u-d1' });
    const { value: day, pushed } = await progressOf(() => core.handlers.getTeamDay({}));
    expect(day.reps).toHaveLength(12);
    expect(pushed).toEqual(Array.from({ length: 12 }, (_, i) => ({ done: i + 1, total: 12 })));
  });

  it("carries each request's number: two days made at once push in turns, each its own count", async () => {
    core.emit('data-changed', { entities: ['all'] });
    const { pushed } = await progressOf(() =>
      Promise.all([
        core.handlers.getTeamDay({ date: '2026-11-24', request: 7 }),
        core.handlers.getTeamDay({ date: '2026-11-25', request: 8 }),
      ]),
    );
    const of = (request: number): Progress[] => pushed.filter((p) => p.request === request);
    const counts = Array.from({ length: 12 }, (_, i) => ({ done: i + 1, total: 12 }));
    expect(of(7)).toEqual(counts.map((c) => ({ request: 7, ...c })));
    expect(of(8)).toEqual(counts.map((c) => ({ request: 8, ...c })));
    // In turns: a page following both as one would see the count go back.
    expect(pushed.map((p) => p.request).slice(0, 4)).toEqual([7, 8, 7, 8]);
    expect(await core.dispatch('getTeamDay', { request: -1 })).toMatchObject({ ok: false });
  });

  it('answers a request that comes meanwhile before the day, not after it', async () => {
    core.emit('data-changed', { entities: ['all'] });
    // After a change of records the reps' plans are made again, as at first.
    await core.handlers.setCurrentUser({ userId: 'u-m1' });
    const answered: string[] = [];
    const day = core.handlers.getTeamDay({}).then(() => answered.push('team day'));
    // A request arriving on the next turn of the event loop, as an HTTP request or IPC does.
    const settings = new Promise<void>((resolve) =>
      setImmediate(() => {
        void core.handlers.getSettings({}).then(() => {
          answered.push('settings');
          resolve();
        });
      }),
    );
    await Promise.all([day, settings]);
    expect(answered).toEqual(['settings', 'team day']);
  });

  it('pushes nothing when every plan is kept, and the day reads the same', async () => {
    await core.handlers.setCurrentUser({ userId: 'u-d1' });
    const first = await core.handlers.getTeamDay({});
    const { value: again, pushed } = await progressOf(() => core.handlers.getTeamDay({}));
    expect(pushed).toEqual([]);
    expect(again).toEqual(first);
  });

  it('keeps every plan of a team of more than 64 reps: a second visit makes none again', async () => {
    // 60 more reps below the director (no people of their own): 72 in all, more plans than the
    // cache kept, which had cleared the first reps' plans before the day was read.
    await db.kysely
      .insertInto('users')
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          id: `u-extra-${i}`,
          name: `Extra Rep ${i}`,
          email: `extra${i}@example.test`,
          role: 'rep' as const,
          manager_id: 'u-d1',
          team: null,
          time_zone: 'Europe/Berlin',
        })),
      )
      .execute();
    core.emit('data-changed', { entities: ['all'] });
    await core.handlers.setCurrentUser({ userId: 'u-d1' });
    const first = await progressOf(() => core.handlers.getTeamDay({}));
    expect(first.value.reps).toHaveLength(72);
    const { value: again, pushed } = await progressOf(() => core.handlers.getTeamDay({}));
    expect(pushed).toEqual([]);
    expect(again).toEqual(first.value);
  });
});
