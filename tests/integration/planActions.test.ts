import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import type { Db } from '../../src/main/db/openDatabase';
import { openDatabase } from '../../src/main/db/openDatabase';
import { TEST_NOW } from '../fixtures/tempDb';
import { allTestsDemoCore } from '../fixtures/demoCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { PlannerRow } from '../../src/shared/contract';
import { isWorkedInWindow } from '../../src/shared/slotStates';

let db: Db;
let core: Core;
allTestsDemoCore((env) => ({ db, core } = env), { relearn: true });

/**
 * The n-th of the signed-in rep's own people with a call row: only they are theirs to log. Read
 * from the core that logs the calls: a core hears only its own writes on a shared connection, and
 * keeps its last plan until it does.
 */
async function ownCallPerson(n: number, reader: Core = core): Promise<string> {
  const ids = [
    ...new Set(
      (await reader.handlers.getPlanner({})).rows
        .filter((r) => r.channel === 'call')
        .map((r) => r.personId),
    ),
  ];
  const id = ids[n];
  if (!id) throw new Error(`the rep has fewer than ${n + 1} people to call`);
  return id;
}

describe('rep actions on the plan (PL-4)', () => {
  it('sinks a row marked done below the rest, and a reopened database remembers it', async () => {
    const plan = await core.handlers.getPlanner({});
    const first = plan.rows[0];
    if (!first) throw new Error('empty plan');
    await core.handlers.markPlanRow({
      personId: first.personId,
      channel: first.channel,
      date: plan.date,
      action: 'done',
    });
    const after = await core.handlers.getPlanner({});
    const at = after.rows.findIndex(
      (r) => r.personId === first.personId && r.channel === first.channel,
    );
    expect(after.rows[at]).toMatchObject({ action: 'done' });
    // Below every row still to do: only rows done, or worked in their window by a call the CRM
    // synced (Done today too), are with it at the bottom.
    const finished = (r: PlannerRow): boolean => r.action === 'done' || isWorkedInWindow(r);
    expect(after.rows.slice(at).every(finished)).toBe(true);
    expect(after.rows.slice(0, at).some((r) => !finished(r))).toBe(true);
    const again = await openDatabase(db.path);
    const reopened = await createCore(again, () => TEST_NOW).handlers.getPlanner({});
    expect(
      reopened.rows.find((r) => r.personId === first.personId && r.channel === first.channel)
        ?.action,
    ).toBe('done');
    await again.close();
    await core.handlers.markPlanRow({
      personId: first.personId,
      channel: first.channel,
      date: plan.date,
      action: 'clear',
    });
    expect((await core.handlers.getPlanner({})).rows[0]?.personId).toBe(first.personId);
  });

  it('snoozes a row to its next window of the day, or to no window if the day has none left', async () => {
    const plan = await core.handlers.getPlanner({});
    const row = plan.rows.find((r) => r.start !== null);
    if (!row || row.start === null) throw new Error('no windowed row');
    await core.handlers.markPlanRow({
      personId: row.personId,
      channel: row.channel,
      date: plan.date,
      action: 'snoozed',
    });
    const snoozed = (await core.handlers.getPlanner({})).rows.find(
      (r) => r.personId === row.personId && r.channel === row.channel,
    );
    expect(snoozed?.action).toBe('snoozed');
    const later = row.alternatives
      .filter((a) => a.start > (row.start ?? 0))
      .sort((a, b) => a.start - b.start)[0];
    expect(snoozed?.start ?? null).toBe(later?.start ?? null);
  });

  it('logs a call: on the timeline at once, once in the outbox, and the row is done', async () => {
    const plan = await core.handlers.getPlanner({});
    const row = plan.rows.find((r) => r.channel === 'call' && r.action === null);
    if (!row) throw new Error('no call row');
    const { activityId, outboxId } = await core.handlers.logCall({
      personId: row.personId,
      outcome: 'answered',
      durationMin: 4,
      note: 'Wants a quote by Friday',
    });
    const person = await core.handlers.getPerson({ id: row.personId });
    expect(person.timeline.find((t) => t.id === activityId)).toMatchObject({
      id: activityId,
      kind: 'call',
      subject: 'Wants a quote by Friday',
      durationS: 240,
    });
    const outbox = rawHandle(db).prepare('select * from outbox where id = ?').get(outboxId) as {
      idempotency_key: string;
      pushed_at: number | null;
      payload: string;
    };
    expect(outbox.idempotency_key).toBe(activityId);
    // The demo has no CRM: kept here, settled at once (demoKeptHere.test.ts).
    expect(outbox.pushed_at).toBe(TEST_NOW);
    expect(JSON.parse(outbox.payload)).toMatchObject({
      personId: row.personId,
      outcome: 'answered',
      durationS: 240,
    });
    const after = (await core.handlers.getPlanner({})).rows.find(
      (r) => r.personId === row.personId && r.channel === 'call',
    );
    expect(after?.action).toBe('done');
    expect(
      rawHandle(db).prepare('select signal from activities where id = ?').pluck().get(activityId),
    ).toBe('call_answered');
  });

  it('keeps a Done made earlier in the day when a call is logged on the row later', async () => {
    const personId = await ownCallPerson(3);
    let now = TEST_NOW - 2 * 3_600_000;
    const clocked = createCore(db, () => now);
    const marks = () =>
      rawHandle(db)
        .prepare(
          `select action, at from plan_actions where user_id = 'u-r1' and person_id = ? and channel = 'call' order by at`,
        )
        .all(personId);
    await clocked.handlers.markPlanRow({
      personId,
      channel: 'call',
      date: '2026-11-23',
      action: 'done',
    });
    now = TEST_NOW;
    await clocked.handlers.logCall({
      personId,
      outcome: 'no_answer',
      note: '',
      date: '2026-11-23',
    });
    expect(marks()).toEqual([
      { action: 'done', at: TEST_NOW - 2 * 3_600_000 },
      { action: 'call_logged', at: TEST_NOW },
    ]);
    // A skip before the call is replaced by the call's Done.
    const other = await ownCallPerson(4);
    now = TEST_NOW - 3_600_000;
    await clocked.handlers.markPlanRow({
      personId: other,
      channel: 'call',
      date: '2026-11-23',
      action: 'skipped',
    });
    now = TEST_NOW;
    await clocked.handlers.logCall({
      personId: other,
      outcome: 'answered',
      durationMin: 3,
      note: '',
      date: '2026-11-23',
    });
    expect(
      rawHandle(db)
        .prepare(
          `select action from plan_actions where person_id = ? and channel = 'call' order by at, action`,
        )
        .pluck()
        .all(other),
    ).toEqual(['call_logged', 'done']);
  });

  it('leaves the row on the plan after no answer, busy or voicemail, and shares no Done; an answered call or a wrong number marks it done', async () => {
    const now = TEST_NOW;
    const clocked = createCore(db, () => now);
    const marksOf = (personId: string) =>
      rawHandle(db)
        .prepare(
          `select action from plan_actions where user_id = 'u-r1' and person_id = ? and channel = 'call' order by at, action`,
        )
        .pluck()
        .all(personId);
    const sharedOf = (personId: string) =>
      rawHandle(db)
        .prepare(`select action from plan_mark_shares where person_id = ? and channel = 'call'`)
        .pluck()
        .all(personId);
    const outcomes = ['no_answer', 'busy', 'voicemail'] as const;
    for (const [i, outcome] of outcomes.entries()) {
      const personId = await ownCallPerson(5 + i, clocked);
      await clocked.handlers.logCall({ personId, outcome, note: '', date: '2026-11-23' });
      expect(marksOf(personId)).toEqual(['call_logged']);
      expect(sharedOf(personId)).toEqual([]);
      const row = (await clocked.handlers.getPlanner({})).rows.find(
        (r) => r.personId === personId && r.channel === 'call',
      );
      // Still on the plan to try again, and it says how the call went, at its end.
      expect(row).toMatchObject({ action: null, tried: { at: now, outcome } });
      expect(row?.reached ?? null).toBeNull();
    }
    for (const [i, outcome] of (['answered', 'wrong_number'] as const).entries()) {
      const personId = await ownCallPerson(8 + i, clocked);
      await clocked.handlers.logCall({
        personId,
        outcome,
        durationMin: outcome === 'answered' ? 7 : undefined,
        note: '',
        date: '2026-11-23',
      });
      expect(marksOf(personId)).toEqual(['call_logged', 'done']);
      expect(sharedOf(personId)).toEqual(['done']);
    }
  });

  it('counts an answered call of one minute or less as one that did not reach them, not as answered', async () => {
    const personId = await ownCallPerson(2);
    const signalOf = async (durationMin: number) => {
      const { activityId } = await core.handlers.logCall({
        personId,
        outcome: 'answered',
        durationMin,
        note: '',
      });
      return rawHandle(db)
        .prepare('select signal from activities where id = ?')
        .pluck()
        .get(activityId);
    };
    expect(await signalOf(1)).toBe('call_no_answer'); // 60 s exactly: BT-1 and BT-12
    expect(await signalOf(61 / 60)).toBe('call_answered');
  });

  it('refuses an answered call of 0 minutes, stores nothing; at 1 minute the row is done (the model reads not reached), at 2 answered', async () => {
    const count = (table: string, personId: string) =>
      rawHandle(db)
        .prepare(
          table === 'outbox'
            ? `select count(*) from outbox where json_extract(payload, '$.personId') = ?`
            : table === 'activities'
              ? `select count(*) from activities where person_id = ? and source_module = 'local'`
              : `select count(*) from ${table} where person_id = ?`,
        )
        .pluck()
        .get(personId);
    const zero = await ownCallPerson(10);
    const refusal =
      'Invalid input for logCall at durationMin: an answered call lasted at least 1 minute: say how many minutes you talked, or log it as no answer, busy or voicemail';
    for (const durationMin of [0, 0.5]) {
      expect(
        await core.dispatch('logCall', { personId: zero, outcome: 'answered', durationMin }),
      ).toEqual({ ok: false, error: refusal });
      // The core refuses it whoever calls it, not only through the validated contract.
      await expect(
        core.handlers.logCall({ personId: zero, outcome: 'answered', durationMin, note: '' }),
      ).rejects.toThrow(
        'An answered call lasted at least 1 minute: say how many minutes you talked (1 to 600), or log it as no answer, busy or voicemail.',
      );
    }
    // Nothing stored: no call on the timeline, no mark (the row is not done, its window not
    // worked on the Team page), nothing for the CRM.
    expect(count('activities', zero)).toBe(0);
    expect(count('plan_actions', zero)).toBe(0);
    expect(count('outbox', zero)).toBe(0);
    const row = (await core.handlers.getPlanner({})).rows.find(
      (r) => r.personId === zero && r.channel === 'call',
    );
    expect(row?.action ?? null).toBeNull();
    // A length is still not asked of a call nobody answered: a 0 there is fine.
    await expect(
      core.dispatch('logCall', { personId: zero, outcome: 'no_answer', durationMin: 0 }),
    ).resolves.toMatchObject({ ok: true });

    // The rep's "answered" decides the plan; the length decides the model (BT-1: more than 1 min).
    for (const [n, durationMin, signal] of [
      [11, 1, 'call_no_answer'],
      [12, 2, 'call_answered'],
    ] as const) {
      const personId = await ownCallPerson(n);
      const result = await core.dispatch('logCall', {
        personId,
        outcome: 'answered',
        durationMin,
      });
      if (!result.ok) throw new Error(result.error);
      const { activityId } = result.value as { activityId: string };
      expect(
        rawHandle(db)
          .prepare('select outcome, signal, duration_s from activities where id = ?')
          .get(activityId),
        `${durationMin} min`,
      ).toEqual({ outcome: 'answered', signal, duration_s: durationMin * 60 });
      const after = (await core.handlers.getPlanner({})).rows.find(
        (r) => r.personId === personId && r.channel === 'call',
      );
      expect(after?.action, `${durationMin} min`).toBe('done');
    }
  });

  it('logs an unanswered call as an attempt: its outcome kept, no length, evidence against the hour', async () => {
    const personId = await ownCallPerson(3);
    for (const outcome of ['no_answer', 'busy', 'voicemail', 'wrong_number'] as const) {
      // A length typed for a call nobody answered is not talk time: it is dropped.
      const { activityId, outboxId } = await core.handlers.logCall({
        personId,
        outcome,
        durationMin: 5,
        note: '',
      });
      const row = rawHandle(db)
        .prepare('select outcome, signal, duration_s, direction from activities where id = ?')
        .get(activityId);
      expect(row, outcome).toEqual({
        outcome,
        // A wrong number says nothing about when the contact answers.
        signal: outcome === 'wrong_number' ? null : 'call_no_answer',
        duration_s: 0,
        direction: 'out',
      });
      const payload = rawHandle(db)
        .prepare('select payload from outbox where id = ?')
        .pluck()
        .get(outboxId) as string;
      expect(JSON.parse(payload), outcome).toMatchObject({ outcome, durationS: 0 });
      const { timeline } = await core.handlers.getPerson({ id: personId });
      expect(
        timeline.find((t) => t.id === activityId),
        outcome,
      ).toMatchObject({ outcome });
    }
  });

  it('asks how long an answered call lasted instead of assuming it', async () => {
    expect(
      await core.dispatch('logCall', { personId: 'p4', outcome: 'answered', note: '' }),
    ).toMatchObject({
      ok: false,
      error:
        'Invalid input for logCall at durationMin: say how many minutes the answered call lasted',
    });
  });

  it('refuses an action on someone who is not there, and stores nothing', async () => {
    const before = rawHandle(db).prepare('select count(*) from outbox').pluck().get();
    expect(
      await core.dispatch('logCall', { personId: 'ghost', outcome: 'answered', durationMin: 2 }),
    ).toMatchObject({
      ok: false,
      error: expect.stringContaining('No lead or contact with id ghost'),
    });
    expect(
      await core.dispatch('logCall', { personId: 'p1', outcome: 'maybe', durationMin: 2 }),
    ).toMatchObject({ ok: false, error: expect.stringContaining('outcome') });
    expect(rawHandle(db).prepare('select count(*) from outbox').pluck().get()).toBe(before);
  });

  it("lets a manager open a rep's plan, and refuses a rep another rep's", async () => {
    await core.handlers.setCurrentUser({ userId: 'u-m1' });
    const plan = await core.handlers.getPlanner({ repId: 'u-r2' });
    expect(plan.repId).toBe('u-r2');
    expect(plan.repTz).toBe('Europe/London');
    await expect(core.handlers.getPlanner({ repId: 'u-r6' })).rejects.toThrow(/only their manager/);
    await core.handlers.setCurrentUser({ userId: 'u-r1' });
    await expect(core.handlers.getPlanner({ repId: 'u-r2' })).rejects.toThrow(
      /cannot see Tom Brennan's plan/,
    );
  });

  it("refuses a manager's Done, Snooze, Skip or logged call on a rep's plan, and stores nothing (TM-1)", async () => {
    await core.handlers.setCurrentUser({ userId: 'u-m1' });
    const plan = await core.handlers.getPlanner({ repId: 'u-r2' });
    const row = plan.rows.find((r) => r.channel === 'call' && r.action === null);
    if (!row) throw new Error("no open call row on the rep's plan");
    const count = (table: string) =>
      rawHandle(db).prepare(`select count(*) from ${table}`).pluck().get();
    const before = ['plan_actions', 'activities', 'outbox'].map(count);
    const refused = {
      ok: false,
      error: expect.stringMatching(/is on Tom Brennan's plan, not .*'s: only Tom Brennan can mark/),
    };
    for (const action of ['done', 'snoozed', 'skipped', 'clear'] as const)
      expect(
        await core.dispatch('markPlanRow', {
          personId: row.personId,
          channel: row.channel,
          date: plan.date,
          action,
        }),
        action,
      ).toMatchObject(refused);
    expect(
      await core.dispatch('logCall', {
        personId: row.personId,
        outcome: 'answered',
        durationMin: 3,
        date: plan.date,
      }),
    ).toMatchObject(refused);
    expect(['plan_actions', 'activities', 'outbox'].map(count)).toEqual(before);

    // The rep works the same row.
    await core.handlers.setCurrentUser({ userId: 'u-r2' });
    await core.handlers.markPlanRow({
      personId: row.personId,
      channel: row.channel,
      date: plan.date,
      action: 'done',
    });
    const theirs = (await core.handlers.getPlanner({})).rows.find(
      (r) => r.personId === row.personId && r.channel === row.channel,
    );
    expect(theirs?.action).toBe('done');
    await core.handlers.setCurrentUser({ userId: 'u-r1' });
  });

  it("takes on a past day's rows only Done and Undo, on a later day's only Skip and Undo, and stores nothing refused", async () => {
    const personId = await ownCallPerson(2);
    const count = (table: string) =>
      rawHandle(db).prepare(`select count(*) from ${table}`).pluck().get();
    const mark = (date: string, action: 'done' | 'snoozed' | 'skipped' | 'clear') =>
      core.dispatch('markPlanRow', { personId, channel: 'call', date, action });
    const log = (date: string) =>
      core.dispatch('logCall', { personId, outcome: 'answered', durationMin: 3, date });
    const over = { ok: false, error: expect.stringMatching(/^That day is over: /) };
    const ahead = { ok: false, error: expect.stringMatching(/^That day has not come yet: /) };

    const before = ['plan_actions', 'activities', 'outbox'].map(count);
    expect(await mark('2026-11-20', 'snoozed')).toMatchObject(over);
    expect(await mark('2026-11-20', 'skipped')).toMatchObject(over);
    expect(await log('2026-11-20')).toMatchObject(over);
    expect(await mark('2026-11-24', 'done')).toMatchObject(ahead);
    expect(await mark('2026-11-24', 'snoozed')).toMatchObject(ahead);
    expect(await log('2026-11-24')).toMatchObject(ahead);
    // Days no picker offers (kept plans go back 90 days, a year ahead at most), and no day at all.
    const unplanned = { ok: false, error: expect.stringMatching(/is not a day whose plan/) };
    expect(await mark('2026-08-24', 'done')).toMatchObject(unplanned);
    expect(await mark('2027-11-24', 'skipped')).toMatchObject(unplanned);
    expect(await mark('2026-02-31', 'done')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/2026-02-31 is not a day/),
    });
    expect(['plan_actions', 'activities', 'outbox'].map(count)).toEqual(before);
    expect(await mark('2026-08-25', 'done')).toMatchObject({ ok: true });
    expect(await mark('2026-08-25', 'clear')).toMatchObject({ ok: true });

    expect(await mark('2026-11-20', 'done')).toMatchObject({ ok: true });
    const friday = await core.handlers.getPlanner({ date: '2026-11-20' });
    expect(friday.rows.find((r) => r.personId === personId && r.channel === 'call')?.action).toBe(
      'done',
    );
    expect(await mark('2026-11-20', 'clear')).toMatchObject({ ok: true });
    expect(await mark('2026-11-24', 'skipped')).toMatchObject({ ok: true });
    expect(await mark('2026-11-24', 'clear')).toMatchObject({ ok: true });
  });

  it("judges which day is today in the rep's own zone", async () => {
    const personId = await ownCallPerson(2);
    const rep = rawHandle(db)
      .prepare("select time_zone from users where id = 'u-r1'")
      .pluck()
      .get();
    expect(rep).toBe('Europe/Berlin');
    // 23:30 in London and UTC is 00:30 on Tuesday in Berlin: Tuesday's row can be done there.
    const late = createCore(db, () => Date.UTC(2026, 10, 23, 23, 30));
    expect(
      await late.dispatch('markPlanRow', {
        personId,
        channel: 'call',
        date: '2026-11-24',
        action: 'done',
      }),
    ).toMatchObject({ ok: true });
    expect(
      await late.dispatch('markPlanRow', {
        personId,
        channel: 'call',
        date: '2026-11-23',
        action: 'skipped',
      }),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/^That day is over: /) });
    await late.dispatch('markPlanRow', {
      personId,
      channel: 'call',
      date: '2026-11-24',
      action: 'clear',
    });
  });

  it('logs a call saved just after the rep’s midnight on the new day, across the nights the clocks go back', async () => {
    const personId = await ownCallPerson(5);
    const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
    const dayOf = (activityId: string) =>
      rawHandle(db)
        .prepare(
          `select day from plan_actions where action = 'call_logged' and payload like '%' || ? || '%'`,
        )
        .pluck()
        .get(activityId);
    const logAt = async (at: number, date?: string) =>
      createCore(db, () => at).dispatch('logCall', {
        personId,
        outcome: 'no_answer',
        note: '',
        ...(date ? { date } : {}),
      });
    // Saturday 24 October 2026 to Sunday 25th, the night Berlin's clocks go back at 03:00; then
    // the end of that 25-hour Sunday, when 24 hours after its midnight is still Sunday (23:00).
    for (const [at, day] of [
      ['2026-10-25T00:01', '2026-10-25'],
      ['2026-10-25T23:00', '2026-10-25'],
      ['2026-10-26T00:01', '2026-10-26'],
    ] as const) {
      // As the planner saves a Log call dialog: no day, the core's clock decides.
      const result = await logAt(berlin(at));
      expect(result.ok).toBe(true);
      if (result.ok) expect(dayOf((result.value as { activityId: string }).activityId)).toBe(day);
    }
    // A call sent for the day just over is refused, and nothing stored: it was made now, not
    // then (the planner never sends one).
    const count = () => rawHandle(db).prepare('select count(*) from activities').pluck().get();
    const before = count();
    expect(await logAt(berlin('2026-10-26T00:01'), '2026-10-25')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^That day is over: /),
    });
    expect(count()).toBe(before);
  });

  it('tags each row with its VT-2 category and whether the person is on the website now', async () => {
    const plan = await core.handlers.getPlanner({});
    const won = new Set(
      rawHandle(db)
        .prepare("select person_id from deals where status = 'won'")
        .pluck()
        .all() as string[],
    );
    const open = new Set(
      rawHandle(db)
        .prepare("select person_id from deals where status = 'open'")
        .pluck()
        .all() as string[],
    );
    for (const row of plan.rows) {
      // An open deal speaks first, also beside a won one (VT-2: an unfinished deal).
      const expected = open.has(row.personId)
        ? 'customer_open_deal'
        : won.has(row.personId)
          ? 'customer'
          : 'lead_contact';
      expect(row.category).toBe(expected);
    }
    const row = plan.rows[0];
    if (!row) throw new Error('empty plan');
    expect(row.onSiteNow).toBe(false);
    rawHandle(db)
      .prepare(
        "insert into visits (id, person_id, started_at, ended_at, time_spent_s) values ('live', ?, ?, ?, 60)",
      )
      .run(row.personId, TEST_NOW - 5 * 60_000, TEST_NOW - 60_000);
    core.emit('data-changed', { entities: ['visits'] });
    const after = await core.handlers.getPlanner({});
    expect(after.rows.filter((r) => r.personId === row.personId).every((r) => r.onSiteNow)).toBe(
      true,
    );
  });
});
