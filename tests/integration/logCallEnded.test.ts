import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { Db } from '../../src/main/db/openDatabase';
import { runSync } from '../../src/main/sync/syncEngine';
import { teamBlockState } from '../../src/shared/teamBlockState';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { TEST_NOW } from '../fixtures/tempDb';
import { allTestsDemoCore } from '../fixtures/demoCore';

const MIN = 60_000;
const HOUR = 60 * MIN;
const BERLIN = 'Europe/Berlin';

const startedAt = (on: Db, activityId: string): number | undefined =>
  (
    rawHandle(on).prepare('select started_at from activities where id = ?').get(activityId) as
      { started_at: number } | undefined
  )?.started_at;

const pushedStart = (on: Db, outboxId: number): unknown =>
  (
    JSON.parse(
      (
        rawHandle(on).prepare('select payload from outbox where id = ?').get(outboxId) as {
          payload: string;
        }
      ).payload,
    ) as { startedAt: unknown }
  ).startedAt;

describe('a call logged a while after it ended (PL-4)', () => {
  let db: Db;
  let core: Core;
  let now = TEST_NOW;
  allTestsDemoCore((env) => ({ db, core } = env), { clock: () => now, relearn: true });

  /** One of Anna's people (Anna Keller, a rep in Berlin): only the owner logs a call. */
  const annasPerson = (n: number): string => {
    const row = rawHandle(db)
      .prepare("select id from people where owner_id = 'u-r1' order by id limit 1 offset ?")
      .get(n) as { id: string } | undefined;
    if (!row) throw new Error(`Anna has fewer than ${n + 1} people`);
    return row.id;
  };

  it('works the window the call fell in, not the one it was logged in, on the Team page', async () => {
    now = TEST_NOW;
    await core.handlers.setCurrentUser({ userId: 'u-r1' });
    const plan = await core.handlers.getPlanner({});
    // A call window later today that nothing reached yet, long enough to hold the call.
    const row = plan.rows.find(
      (r) =>
        r.channel === 'call' &&
        r.action === null &&
        !r.reached &&
        r.start !== null &&
        r.end !== null &&
        r.start >= TEST_NOW &&
        r.end - r.start >= 30 * MIN &&
        r.end <= TEST_NOW + 8 * HOUR,
    );
    if (!row || row.start === null || row.end === null) throw new Error('no call window to come');
    // The rep talks 4 minutes, hangs up 10 minutes before the window ends, and logs the call 30
    // minutes later, when the window is over.
    now = row.end + 20 * MIN;
    const endedAt = row.end - 10 * MIN;
    const { activityId, outboxId } = await core.handlers.logCall({
      personId: row.personId,
      outcome: 'answered',
      durationMin: 4,
      note: 'Wants the price list',
      endedAt,
    });
    const start = endedAt - 4 * MIN;
    expect(startedAt(db, activityId)).toBe(start);
    expect(pushedStart(db, outboxId)).toBe(start);
    const person = await core.handlers.getPerson({ id: row.personId });
    expect(person.timeline.find((t) => t.id === activityId)?.startAt).toBe(start);

    await core.handlers.setCurrentUser({ userId: 'u-m1' });
    const day = await core.handlers.getTeamDay({ channel: 'call' });
    const block = day.reps
      .find((l) => l.repId === 'u-r1')
      ?.blocks.find((b) => b.personId === row.personId && b.start === row.start);
    if (!block) throw new Error('the window is not on Anna’s lane');
    // Said at its end, as the row says it (the call worked the window it overlaps).
    expect(block.worked).toEqual({ at: endedAt, by: 'logged', inWindow: true });
    expect(teamBlockState(block, now)).toBe('worked');
  });

  it('refuses an end in the future, and takes one a few seconds ahead (a clock) as now', async () => {
    now = TEST_NOW;
    await core.handlers.setCurrentUser({ userId: 'u-r1' });
    const personId = annasPerson(1);
    await expect(
      core.handlers.logCall({ personId, outcome: 'busy', note: '', endedAt: now + 10 * MIN }),
    ).rejects.toThrow(
      'The call cannot have ended at 10:10: it is 10:00 now. Choose when it ended: now or earlier.',
    );
    const { activityId } = await core.handlers.logCall({
      personId,
      outcome: 'answered',
      durationMin: 2,
      note: '',
      endedAt: now + 20_000,
    });
    expect(startedAt(db, activityId)).toBe(now - 2 * MIN);
  });

  it('refuses an end before the day began, or more than 12 hours ago', async () => {
    await core.handlers.setCurrentUser({ userId: 'u-r1' });
    const personId = annasPerson(2);
    const monday = DateTime.fromISO('2026-11-23T00:00', { zone: BERLIN });
    now = TEST_NOW;
    await expect(
      core.handlers.logCall({
        personId,
        outcome: 'no_answer',
        note: '',
        endedAt: monday.minus({ minutes: 15 }).toMillis(),
      }),
    ).rejects.toThrow(
      "The call cannot be logged as ended at Sun 22 Nov 23:45: that is before today began (00:00). Only a call that ended today goes on today's plan.",
    );
    now = monday.set({ hour: 21 }).toMillis();
    await expect(
      core.handlers.logCall({
        personId,
        outcome: 'no_answer',
        note: '',
        endedAt: monday.set({ hour: 8, minute: 30 }).toMillis(),
      }),
    ).rejects.toThrow(
      'The call cannot be logged as ended at 08:30: that is more than 12 hours ago. A call is logged within 12 hours of its end.',
    );
    // Saved two seconds into Monday by a page whose clock still read Sunday 23:59:59 ("just
    // now"): Monday's first instant, not refused; "2 minutes ago" then is still Sunday's.
    now = monday.plus({ seconds: 2 }).toMillis();
    const justNow = await core.handlers.logCall({
      personId,
      outcome: 'no_answer',
      note: 'just now, a moment behind',
      endedAt: monday.minus({ seconds: 1 }).toMillis(),
    });
    expect(startedAt(db, justNow.activityId)).toBe(monday.toMillis());
    await expect(
      core.handlers.logCall({ personId, outcome: 'busy', note: '', endedAt: now - 2 * MIN }),
    ).rejects.toThrow(/ended at Sun 22 Nov 23:58: that is before today began/);
    // None refused reached the timeline, the outbox or the plan.
    const person = await core.handlers.getPerson({ id: personId });
    expect(person.timeline.filter((t) => t.id.startsWith('local-')).map((t) => t.id)).toEqual([
      justNow.activityId,
    ]);
    // Through the contract: an instant is a whole number of milliseconds.
    expect(
      await core.dispatch('logCall', { personId, outcome: 'busy', endedAt: 'half past ten' }),
    ).toMatchObject({ ok: false });
    expect(
      await core.dispatch('logCall', { personId, outcome: 'busy', endedAt: -1 }),
    ).toMatchObject({ ok: false });
  });

  it('counts the day from its own midnight on the days the clocks change', async () => {
    await core.handlers.setCurrentUser({ userId: 'u-r1' });
    const personId = annasPerson(3);
    // Sunday 29 March 2026 has 23 hours in Berlin: at 12:00 it began 11 hours ago.
    const spring = DateTime.fromISO('2026-03-29T12:00', { zone: BERLIN });
    now = spring.toMillis();
    const { activityId, outboxId } = await core.handlers.logCall({
      personId,
      outcome: 'answered',
      durationMin: 10,
      note: '',
      endedAt: now - 30 * MIN,
    });
    const start = DateTime.fromISO('2026-03-29T11:20', { zone: BERLIN }).toMillis();
    expect(startedAt(db, activityId)).toBe(start);
    expect(pushedStart(db, outboxId)).toBe(start);
    // 00:30 that day, 10.5 hours before; 23:30 the day before, 11.5 hours before, is not its.
    const early = await core.handlers.logCall({
      personId,
      outcome: 'busy',
      note: '',
      endedAt: DateTime.fromISO('2026-03-29T00:30', { zone: BERLIN }).toMillis(),
    });
    expect(startedAt(db, early.activityId)).toBe(Date.UTC(2026, 2, 28, 23, 30));
    await expect(
      core.handlers.logCall({
        personId,
        outcome: 'busy',
        note: '',
        endedAt: now - 11.5 * HOUR,
      }),
    ).rejects.toThrow(/ended at Sat 28 Mar 23:30: that is before today began/);

    // Sunday 25 October 2026 has 25 hours: at 11:30 it began 12.5 hours ago, and 00:15 that
    // day is more than 12 hours back.
    now = DateTime.fromISO('2026-10-25T11:30', { zone: BERLIN }).toMillis();
    await expect(
      core.handlers.logCall({
        personId,
        outcome: 'busy',
        note: '',
        endedAt: DateTime.fromISO('2026-10-25T00:15', { zone: BERLIN }).toMillis(),
      }),
    ).rejects.toThrow(/ended at 00:15: that is more than 12 hours ago/);
    const late = await core.handlers.logCall({
      personId,
      outcome: 'busy',
      note: '',
      endedAt: DateTime.fromISO('2026-10-25T00:45', { zone: BERLIN }).toMillis(),
    });
    expect(startedAt(db, late.activityId)).toBe(Date.UTC(2026, 9, 24, 22, 45));
  });
});

describe('a call logged a while after it ended, in Zoho', () => {
  let server: CrmTestServer;
  let db: Db;
  eachTestSyncEnv(
    'cw-call-ended-crm-',
    () => buildOrganisation(3),
    (env) => ({ server, db } = env),
  );

  it('is created with the time it started as Call_Start_Time', async () => {
    await runSync(db, zohoSourceFor(server));
    const contact = [...server.data.table('Contacts').values()][0];
    const personId = contact?.id ?? '';
    const ownerId = (contact?.['Owner'] as { id: string } | undefined)?.id ?? '';
    const now = server.data.clock;
    const core = createCore(db, () => now);
    await core.handlers.setCurrentUser({ userId: ownerId });
    const { activityId } = await core.handlers.logCall({
      personId,
      outcome: 'answered',
      durationMin: 6,
      note: 'Sent the quote',
      endedAt: now - 30 * MIN,
    });
    const start = now - 36 * MIN;
    expect(startedAt(db, activityId)).toBe(start);
    expect((await runSync(db, zohoSourceFor(server))).outbox).toEqual({ pushed: 1, failed: 0 });
    const pushed = [...server.data.table('Calls').values()].find(
      (c) => c['CW_Idempotency_Key'] === activityId,
    );
    expect(pushed).toMatchObject({ Call_Duration: '6:00', Description: 'Sent the quote' });
    expect(Date.parse(String(pushed?.['Call_Start_Time']))).toBe(Math.floor(start / 1000) * 1000);
    // Read back from Zoho, the call keeps its hour.
    await runSync(db, zohoSourceFor(server));
    expect(startedAt(db, pushed?.id ?? '')).toBe(Math.floor(start / 1000) * 1000);
  });
});
