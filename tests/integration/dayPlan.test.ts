import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../src/main/db/openDatabase';
import { planDay } from '../../src/main/planner/dayPlan';
import { createCore } from '../../src/main/core/createCore';
import { DayPlanKeeper, planKeptDay, readDayPlan } from '../../src/main/planner/dayPlanSnapshots';
import { markPlanRow } from '../../src/main/planner/planActions';
import type { PlannerRow } from '../../src/shared/contract';
import { reminderSchedule } from '../../src/main/planner/reminders';
import { loadRepPlanInputs } from '../../src/main/planner/repPlanInputs';
import { DEFAULT_SETTINGS } from '../../src/main/settings/settingsStore';
import { makeTempDir, oneRepDb, type TempDir } from '../fixtures/tempDb';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { isWorthNow } from '../../src/shared/slotStates';

let dir: TempDir;
let db: Db;

/** A small org: one rep in Berlin and contacts placed by hand, with windows written directly. */
beforeEach(async () => {
  dir = makeTempDir();
  db = await oneRepDb(dir, 'plan.db');
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

function person(id: string, zone: string): void {
  rawHandle(db)
    .prepare(
      "insert into people (id, module, last_name, owner_id, time_zone, created_at, modified_at) values (?, 'contact', ?, 'rep', ?, 0, 0)",
    )
    .run(id, id, zone);
}

function window(
  personId: string,
  channel: 'call' | 'email',
  weekday: number,
  from: string,
  to: string,
  stars = 4,
  zone = 'Europe/Berlin',
): void {
  const min = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const existing = rawHandle(db)
    .prepare('select windows from best_time_windows where person_id = ? and channel = ?')
    .pluck()
    .get(personId, channel) as string | undefined;
  const list = existing ? (JSON.parse(existing) as unknown[]) : [];
  list.push([weekday, min(from), min(to), stars, `answered calls ${from}-${to}`]);
  rawHandle(db)
    .prepare(
      'insert or replace into best_time_windows (person_id, channel, time_zone, windows) values (?, ?, ?, ?)',
    )
    .run(personId, channel, zone, JSON.stringify(list));
}

const rep = { id: 'rep', time_zone: 'Europe/Berlin' };
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
const plan = (nowIso: string, date?: string) =>
  planDay(db, rep, 'Europe/Berlin', at(nowIso), DEFAULT_SETTINGS, date);

describe("the rep's day plan", () => {
  it("places a Sydney contact's Tuesday morning on the Berlin rep's Monday evening", () => {
    person('sydney', 'Australia/Sydney');
    window('sydney', 'call', 2, '09:00', '10:00', 4, 'Australia/Sydney');
    const monday = plan('2026-11-23T12:00');
    const row = monday.rows.find((r) => r.personId === 'sydney');
    expect(row?.state).toBe('upcoming');
    // Sydney is UTC+11 in November, Berlin UTC+1: Tuesday 09:00 there is Monday 23:00 here.
    expect(DateTime.fromMillis(row?.start ?? 0, { zone: 'Europe/Berlin' }).toISO()).toBe(
      '2026-11-23T23:00:00.000+01:00',
    );
    // And on the rep's Tuesday, that window is not there: it already happened on Monday night.
    expect(plan('2026-11-24T12:00').rows.find((r) => r.personId === 'sydney')?.state).toBe('none');
  });

  it('orders now, upcoming, none and passed/struck rows for one instant', () => {
    for (const id of ['open', 'later', 'ended', 'nothing', 'long-ago']) person(id, 'Europe/Berlin');
    window('open', 'call', 1, '11:00', '13:00');
    window('later', 'call', 1, '15:00', '16:00');
    window('ended', 'call', 1, '10:00', '11:45');
    window('nothing', 'call', 3, '10:00', '11:00');
    window('long-ago', 'call', 1, '08:00', '09:00');
    const rows = plan('2026-11-23T12:00').rows;
    expect(rows.map((r) => [r.personId, r.state])).toEqual([
      ['open', 'now'],
      ['later', 'upcoming'],
      ['nothing', 'none'],
      ['ended', 'passed'],
      ['long-ago', 'struck'],
    ]);
  });

  it("keeps a contact's local hour across daylight-saving changes, so the rep's hour moves", () => {
    person('ny', 'America/New_York');
    window('ny', 'call', 1, '09:00', '10:00', 4, 'America/New_York');
    const repHour = (date: string) => {
      const row = plan(`${date}T06:00`, date).rows.find((r) => r.personId === 'ny');
      return [
        DateTime.fromMillis(row?.start ?? 0, { zone: 'Europe/Berlin' }).toFormat('HH:mm'),
        DateTime.fromMillis(row?.start ?? 0, { zone: 'America/New_York' }).toFormat('HH:mm'),
      ];
    };
    expect(repHour('2026-03-02')).toEqual(['15:00', '09:00']); // both on standard time
    expect(repHour('2026-03-09')).toEqual(['14:00', '09:00']); // New York moved on 8 March, Berlin not yet
    expect(repHour('2026-03-30')).toEqual(['15:00', '09:00']); // both on summer time
  });

  it("covers a rep's 23-hour day at the spring change", () => {
    person('late', 'Europe/Berlin');
    window('late', 'email', 7, '23:00', '24:00');
    const row = plan('2026-03-29T12:00', '2026-03-29').rows.find((r) => r.personId === 'late');
    expect(DateTime.fromMillis(row?.end ?? 0, { zone: 'Europe/Berlin' }).toISO()).toBe(
      '2026-03-30T00:00:00.000+02:00',
    );
    expect(row?.state).toBe('upcoming');
  });

  it('shows only the channels switched on', () => {
    person('both', 'Europe/Berlin');
    window('both', 'call', 1, '10:00', '11:00');
    window('both', 'email', 1, '20:00', '21:00');
    const now = at('2026-11-23T09:00');
    expect(
      planDay(db, rep, 'Europe/Berlin', now, DEFAULT_SETTINGS)
        .rows.map((r) => r.channel)
        .sort(),
    ).toEqual(['call', 'email']);
    expect(
      planDay(db, rep, 'Europe/Berlin', now, {
        ...DEFAULT_SETTINGS,
        emailSuggestions: false,
      }).rows.map((r) => r.channel),
    ).toEqual(['call']);
    expect(
      planDay(db, rep, 'Europe/Berlin', now, {
        ...DEFAULT_SETTINGS,
        callSuggestions: false,
        emailSuggestions: false,
      }).rows,
    ).toEqual([]);
  });
});

describe('re-plans from kept inputs', () => {
  const visit = (id: string, personId: string, from: string, to: string | null) =>
    rawHandle(db)
      .prepare(
        'insert into visits (id, person_id, started_at, ended_at, time_spent_s) values (?, ?, ?, ?, 0)',
      )
      .run(id, personId, at(from), to === null ? null : at(to));

  it('breaks ties by name and id whatever order the people come in', () => {
    for (const id of ['b', 'a', 'c']) person(id, 'Europe/Berlin');
    for (const id of ['a', 'b', 'c']) window(id, 'call', 1, '15:00', '16:00');
    const now = at('2026-11-23T12:00');
    const people = loadRepPlanInputs(db, 'rep', 'Europe/Berlin', now);
    const reversed = [...people].reverse();
    const order = (p: typeof people) =>
      planDay(db, rep, 'Europe/Berlin', now, DEFAULT_SETTINGS, undefined, p).rows.map(
        (r) => r.personId,
      );
    expect(order(reversed)).toEqual(['a', 'b', 'c']);
    expect(order(people)).toEqual(['a', 'b', 'c']);
  });

  it('says who is on the website at each instant as a fresh plan would', () => {
    for (const id of ['early', 'late', 'open']) person(id, 'Europe/Berlin');
    for (const id of ['early', 'late', 'open']) window(id, 'call', 1, '15:00', '16:00');
    visit('v1', 'early', '2026-11-23T09:00', '2026-11-23T09:20');
    visit('v2', 'late', '2026-11-23T11:50', '2026-11-23T12:10');
    visit('v3', 'open', '2026-11-23T10:00', null);
    const kept = loadRepPlanInputs(db, 'rep', 'Europe/Berlin', at('2026-11-23T09:00'));
    for (const iso of [
      '2026-11-23T09:10',
      '2026-11-23T09:40',
      '2026-11-23T12:00',
      '2026-11-23T10:05',
      '2026-11-23T12:30',
    ]) {
      const onSite = (p?: typeof kept) =>
        planDay(db, rep, 'Europe/Berlin', at(iso), DEFAULT_SETTINGS, undefined, p)
          .rows.filter((r) => r.onSiteNow)
          .map((r) => r.personId);
      expect(onSite(kept), iso).toEqual(onSite());
    }
    expect(
      planDay(db, rep, 'Europe/Berlin', at('2026-11-23T12:00'), DEFAULT_SETTINGS, undefined, kept)
        .rows.filter((r) => r.onSiteNow)
        .map((r) => r.personId),
    ).toEqual(['late']);
  });
});

describe("a row's last touch", () => {
  it('says what the latest completed activity was and when, leaving scheduled work out', () => {
    person('touched', 'Europe/Berlin');
    window('touched', 'call', 1, '15:00', '16:00');
    const activity = (id: string, kind: string, direction: string, iso: string, status: string) =>
      rawHandle(db)
        .prepare(
          `insert into activities (id, person_id, owner_id, kind, channel, direction, started_at, status, source_module)
           values (?, 'touched', 'rep', ?, ?, ?, ?, ?, 'Calls')`,
        )
        .run(id, kind, kind, direction, at(iso), status);
    activity('a1', 'call', 'in', '2026-11-18T10:00', 'completed');
    activity('a2', 'email', 'out', '2026-11-20T09:30', 'completed');
    activity('a3', 'call', 'out', '2026-11-23T16:00', 'scheduled');
    const row = plan('2026-11-23T12:00').rows.find((r) => r.personId === 'touched');
    expect(row).toMatchObject({ lastTouch: 'email_out', lastTouchAt: at('2026-11-20T09:30') });
  });
});

describe('a meeting on a row', () => {
  it('is booked work until it ends and the last touch after, whenever it was synced', () => {
    person('met', 'Europe/Berlin');
    window('met', 'call', 1, '09:00', '10:00');
    const meeting = (id: string, from: string, minutes: number, stored: string) =>
      rawHandle(db)
        .prepare(
          `insert into activities (id, person_id, owner_id, kind, channel, started_at, duration_s, subject, status, source_module)
           values (?, 'met', 'rep', 'meeting', 'meeting', ?, ?, ?, ?, 'Events')`,
        )
        .run(id, at(from), minutes * 60, id, stored);
    // As the sync stores meetings now, and as an older sync left one it pulled while it ran.
    meeting('review', '2026-11-23T14:00', 60, 'scheduled');
    meeting('standup', '2026-11-23T11:00', 60, 'completed');
    const row = (iso: string) => {
      const p = plan(iso);
      const r = p.rows.find((x) => x.personId === 'met');
      return { next: r?.next?.subject ?? null, lastTouch: r?.lastTouch, refreshAt: p.refreshAt };
    };
    expect(row('2026-11-23T11:30')).toEqual({
      next: 'standup',
      lastTouch: null,
      refreshAt: at('2026-11-23T12:00'),
    });
    expect(row('2026-11-23T12:00')).toEqual({
      next: 'review',
      lastTouch: 'meeting',
      refreshAt: at('2026-11-23T15:00'),
    });
    expect(row('2026-11-23T15:00')).toMatchObject({ next: null, lastTouch: 'meeting' });
    expect(plan('2026-11-23T15:00').rows.find((x) => x.personId === 'met')?.lastTouchAt).toBe(
      at('2026-11-23T14:00'),
    );
    // Inputs kept between re-plans (the app's cache) still let the meeting go when it ends.
    const kept = loadRepPlanInputs(db, 'rep', 'Europe/Berlin', at('2026-11-23T11:30'));
    const nextWith = (iso: string) =>
      planDay(db, rep, 'Europe/Berlin', at(iso), DEFAULT_SETTINGS, undefined, kept).rows.find(
        (x) => x.personId === 'met',
      )?.next?.subject ?? null;
    expect(
      ['11:30', '11:59', '12:00', '14:59', '15:00'].map((t) => nextWith(`2026-11-23T${t}`)),
    ).toEqual(['standup', 'standup', 'review', 'review', null]);
  });
});

describe('reminders of the day (BT-8)', () => {
  const clockOf = (ms: number, zone = 'Europe/Berlin') =>
    DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');

  it('go off five minutes before windows open, best stars first, three named and the rest counted', () => {
    const stars: Record<string, number> = { a: 5, b: 4, c: 3, d: 2, e: 4.5, finished: 5 };
    for (const [id, s] of Object.entries(stars)) {
      person(id, 'Europe/Berlin');
      window(id, 'call', 1, '15:00', '16:00', s);
    }
    // Snoozed at 12:30 inside its noon window: reminded of at its next one, 17:00.
    person('later', 'Europe/Berlin');
    window('later', 'call', 1, '12:00', '13:00');
    window('later', 'call', 1, '17:00', '18:00');
    const now = at('2026-11-23T12:30');
    const mark = (personId: string, action: 'done' | 'snoozed' | 'skipped') =>
      markPlanRow(db, 'rep', { personId, channel: 'call', date: '2026-11-23', action }, now);
    mark('finished', 'done');
    mark('later', 'snoozed');
    const reminders = reminderSchedule(plan('2026-11-23T12:30').rows, now);
    expect(
      reminders.map((r) => ({
        at: clockOf(r.at),
        start: clockOf(r.start),
        people: r.people.map((p) => `${p.personId} ${p.stars}`),
        more: r.more,
      })),
    ).toEqual([
      { at: '14:55', start: '15:00', people: ['a 5', 'e 4.5', 'b 4'], more: 2 },
      { at: '16:55', start: '17:00', people: ['later 4'], more: 0 },
    ]);
    // Skipping for the day takes the person out of the day's reminders.
    mark('later', 'skipped');
    expect(
      reminderSchedule(plan('2026-11-23T12:31').rows, now).map((r) => clockOf(r.start)),
    ).toEqual(['15:00']);
  });

  it('are not given for windows already open, and go off at once for one opening within five minutes', () => {
    person('open', 'Europe/Berlin');
    window('open', 'email', 1, '12:00', '13:00');
    window('open', 'email', 1, '13:30', '14:00', 3); // the day's second window: reminded of
    person('soon', 'Europe/Berlin');
    window('soon', 'email', 1, '12:32', '13:00');
    const now = at('2026-11-23T12:30');
    const reminders = reminderSchedule(plan('2026-11-23T12:30').rows, now);
    expect(
      reminders.map((r) => [r.people[0]?.personId, r.at === now ? 'now' : clockOf(r.at)]),
    ).toEqual([
      ['soon', 'now'],
      ['open', '13:25'],
    ]);
  });

  it("follow the contact's local hour across a daylight-saving change", () => {
    person('ny', 'America/New_York');
    window('ny', 'call', 1, '09:00', '10:00', 4, 'America/New_York');
    const reminderAt = (date: string) =>
      reminderSchedule(plan(`${date}T06:00`, date).rows, at(`${date}T06:00`)).map((r) => [
        clockOf(r.at),
        clockOf(r.start, 'America/New_York'),
      ]);
    expect(reminderAt('2026-03-02')).toEqual([['14:55', '09:00']]);
    expect(reminderAt('2026-03-09')).toEqual([['13:55', '09:00']]); // New York on summer time
    expect(reminderAt('2026-03-30')).toEqual([['14:55', '09:00']]);
  });
});

describe('reminders of a person reached earlier today (BT-8, PL-1, TM-2)', () => {
  const clockOf = (ms: number) =>
    DateTime.fromMillis(ms, { zone: 'Europe/Berlin' }).toFormat('HH:mm');
  /** A call of the rep's with the person that started at `iso` (Berlin) and lasted 4 minutes. */
  function call(personId: string, iso: string, outcome: 'answered' | 'no_answer'): void {
    rawHandle(db)
      .prepare(
        `insert into activities (id, person_id, owner_id, signal, kind, channel, direction, started_at, duration_s, status, outcome, source_module)
         values (?, ?, 'rep', ?, 'call', 'phone', 'out', ?, 240, 'completed', ?, 'Calls')`,
      )
      .run(
        `call-${personId}-${iso}`,
        personId,
        outcome === 'answered' ? 'call_answered' : 'call_no_answer',
        at(iso),
        outcome,
      );
  }

  it('are not given for their later window, as the planner needs no call in it, across the change to summer time', async () => {
    // Sunday 29 March 2026: Berlin's clocks go from 02:00 to 03:00, a day of 23 hours.
    const date = '2026-03-29';
    expect(at(`${date}T14:00`) - at(`${date}T00:00`)).toBe(13 * 3_600_000);
    // Everyone has a 09:00 and a 14:00 call window on Sundays.
    for (const id of ['reached', 'between', 'tried', 'untouched']) {
      person(id, 'Europe/Berlin');
      window(id, 'call', 7, '09:00', '10:00', 4);
      window(id, 'call', 7, '14:00', '15:00', 3);
    }
    // Answered at 09:30 in the 09:00 window; answered at 11:30 between the windows; nobody
    // answered at 09:30: an attempt, the person still to reach.
    call('reached', `${date}T09:30`, 'answered');
    call('between', `${date}T11:30`, 'answered');
    call('tried', `${date}T09:30`, 'no_answer');
    const remindedAt = async (iso: string) => {
      const core = createCore(db, () => at(iso));
      await core.handlers.setCurrentUser({ userId: 'rep' });
      const planned = await core.handlers.getPlanner({});
      const reminders = await core.handlers.getReminders({});
      return {
        reminders: reminders.map((r) => ({
          at: clockOf(r.at),
          start: clockOf(r.start),
          people: r.people.map((p) => p.personId).sort(),
          more: r.more,
        })),
        worthNow: planned.rows.filter((r) => isWorthNow(r)).map((r) => r.personId),
      };
    };
    // Before any call, all four are to call at 14:00 (reminded at 13:55 on summer time): three
    // named, in name order at equal stars, and one more.
    const everyone = { people: ['between', 'reached', 'tried'], more: 1 };
    expect((await remindedAt(`${date}T08:00`)).reminders).toEqual([
      { at: '08:55', start: '09:00', ...everyone },
      { at: '13:55', start: '14:00', ...everyone },
    ]);
    // At noon, the people reached are not: the one only tried still is.
    expect((await remindedAt(`${date}T12:00`)).reminders).toEqual([
      { at: '13:55', start: '14:00', people: ['tried', 'untouched'], more: 0 },
    ]);
    // At 14:10 their window is open: the planner's header asks a call of the same people.
    expect((await remindedAt(`${date}T14:10`)).worthNow.sort()).toEqual(['tried', 'untouched']);
  });
});

describe('a past day is kept as it was planned', () => {
  const replaceWindows = () => rawHandle(db).prepare('delete from best_time_windows').run();
  const keptRow = (p: { rows: PlannerRow[] }, id: string, channel = 'call') =>
    p.rows.find((r) => r.personId === id && r.channel === channel);

  it('shows the windows the day had, after the model has moved them, with its marks', async () => {
    person('kept', 'Europe/Berlin');
    window('kept', 'call', 1, '10:00', '11:00', 4);
    person('quiet', 'Europe/Berlin');
    window('quiet', 'email', 3, '10:00', '11:00'); // no window on Mondays: a "none" row
    const monday = at('2026-11-23T09:00');
    const core = createCore(db, () => monday);
    await core.handlers.getPlanner({});
    await core.handlers.markPlanRow({
      personId: 'kept',
      channel: 'call',
      date: '2026-11-23',
      action: 'done',
    });
    await new Promise((resolve) => setImmediate(resolve));

    // Overnight the model relearns: Mondays are now 15:00 for this person, and someone new appears.
    replaceWindows();
    window('kept', 'call', 1, '15:00', '16:00', 2);
    person('new', 'Europe/Berlin');
    window('new', 'call', 1, '12:00', '13:00');
    const tuesday = at('2026-11-24T09:00');
    const restarted = createCore(db, () => tuesday);
    const past = await restarted.handlers.getPlanner({ date: '2026-11-23' });
    const row = keptRow(past, 'kept');
    expect(DateTime.fromMillis(row?.start ?? 0, { zone: 'Europe/Berlin' }).toFormat('HH:mm')).toBe(
      '10:00',
    );
    expect(row).toMatchObject({ stars: 4, reason: 'answered calls 10:00-11:00', action: 'done' });
    expect(row?.state).toBe('struck');
    expect(keptRow(past, 'quiet', 'email')?.state).toBe('none');
    expect(keptRow(past, 'new')).toBeUndefined();

    // A day never planned here is planned from today's windows; so is next Monday.
    const earlier = await restarted.handlers.getPlanner({ date: '2026-11-16' });
    expect(keptRow(earlier, 'new')).toBeDefined();
    const next = await restarted.handlers.getPlanner({ date: '2026-11-30' });
    expect(
      DateTime.fromMillis(keptRow(next, 'kept')?.start ?? 0, { zone: 'Europe/Berlin' }).toFormat(
        'HH:mm',
      ),
    ).toBe('15:00');

    // Switching Calls off removes the kept day's call rows too.
    await restarted.handlers.updateSettings({ callSuggestions: false });
    const withoutCalls = await restarted.handlers.getPlanner({ date: '2026-11-23' });
    expect(withoutCalls.rows.map((r) => r.channel)).toEqual(['email']);
  });

  it("keeps the day's last plan: a relearn inside the quarter hour is written when it ends", () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate'] });
    try {
      person('kept', 'Europe/Berlin');
      window('kept', 'call', 1, '10:00', '11:00');
      const keeper = new DayPlanKeeper(db);
      const shown = (nowIso: string) => {
        const people = loadRepPlanInputs(db, 'rep', 'Europe/Berlin', at(nowIso));
        const p = planDay(
          db,
          rep,
          'Europe/Berlin',
          at(nowIso),
          DEFAULT_SETTINGS,
          undefined,
          people,
        );
        keeper.keep('rep', 'Europe/Berlin', p.date, people, at(nowIso));
      };
      const keptStart = () =>
        DateTime.fromMillis(
          readDayPlan(db, 'rep', '2026-11-23')?.get('kept')?.call?.[0]?.start ?? 0,
          { zone: 'Europe/Berlin' },
        ).toFormat('HH:mm');
      shown('2026-11-23T09:00');
      vi.advanceTimersByTime(0);
      expect(keptStart()).toBe('10:00');
      replaceWindows();
      window('kept', 'call', 1, '16:00', '17:00');
      shown('2026-11-23T09:05');
      vi.advanceTimersByTime(0);
      expect(keptStart()).toBe('10:00'); // inside the quarter hour: not yet
      vi.advanceTimersByTime(10 * 60_000);
      expect(keptStart()).toBe('16:00');
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps every day the pickers allow, however late today was written', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate'] });
    try {
      person('kept', 'Europe/Berlin');
      window('kept', 'call', 1, '10:00', '11:00');
      // Plans of the earliest day the picker offers (90 days back) and of the two days before it,
      // each written in the morning of its own day.
      const keptDays = ['2026-08-23', '2026-08-24', '2026-08-25'];
      for (const day of keptDays)
        rawHandle(db)
          .prepare(
            'insert into day_plans (user_id, day, saved_at, plan) values (\'rep\', ?, ?, \'{"reasons":[],"people":[]}\')',
          )
          .run(day, at(`${day}T09:00`));
      // Today's plan written at 23:00: ninety days after those mornings and more.
      const now = at('2026-11-23T23:00');
      const people = loadRepPlanInputs(db, 'rep', 'Europe/Berlin', now);
      const today = planDay(db, rep, 'Europe/Berlin', now, DEFAULT_SETTINGS, undefined, people);
      new DayPlanKeeper(db).keep('rep', 'Europe/Berlin', today.date, people, now);
      vi.advanceTimersByTime(0);
      expect(readDayPlan(db, 'rep', '2026-11-23')).not.toBeNull();
      const left = keptDays.map((day) => [day, readDayPlan(db, 'rep', day) !== null]);
      // 25 August is the picker's earliest day; 23 and 24 August are kept for a rep whose date is
      // one or two days behind (UTC−12 against UTC+14).
      expect(left).toEqual([
        ['2026-08-23', true],
        ['2026-08-24', true],
        ['2026-08-25', true],
      ]);
      // The day before those goes as the next day's plan is written.
      const next = at('2026-11-24T23:00');
      const tomorrow = loadRepPlanInputs(db, 'rep', 'Europe/Berlin', next);
      const p = planDay(db, rep, 'Europe/Berlin', next, DEFAULT_SETTINGS, undefined, tomorrow);
      new DayPlanKeeper(db).keep('rep', 'Europe/Berlin', p.date, tomorrow, next);
      vi.advanceTimersByTime(0);
      expect(readDayPlan(db, 'rep', '2026-08-23')).toBeNull();
      expect(readDayPlan(db, 'rep', '2026-08-24')).not.toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('plans the day afresh when its kept copy is damaged', async () => {
    person('kept', 'Europe/Berlin');
    window('kept', 'call', 1, '10:00', '11:00');
    for (const damaged of ['{oops', '{}', '{"reasons":[],"people":[["kept",7,null]]}']) {
      rawHandle(db)
        .prepare(
          "insert or replace into day_plans (user_id, day, saved_at, plan) values ('rep', '2026-11-23', 0, ?)",
        )
        .run(damaged);
      const past = planKeptDay(
        db,
        rep,
        'Europe/Berlin',
        at('2026-11-24T09:00'),
        DEFAULT_SETTINGS,
        '2026-11-23',
        loadRepPlanInputs(db, 'rep', 'Europe/Berlin', at('2026-11-24T09:00')),
      );
      expect(keptRow(past, 'kept')?.state, damaged).toBe('struck');
    }
  });
});

describe('windows that end, move or are snoozed past (PL-1, BT-6)', () => {
  const clockOf = (ms: number | null | undefined) =>
    ms === null || ms === undefined
      ? null
      : DateTime.fromMillis(ms, { zone: 'Europe/Berlin' }).toFormat('ccc HH:mm');
  const rowsOf = (p: { rows: PlannerRow[] }, id: string) =>
    p.rows
      .filter((r) => r.personId === id)
      .map((r) => [clockOf(r.start), r.state, r.action] as const);

  it("lists a person by their best window, not by an unsure hour just before it (the reminder's 5★ is on the list)", () => {
    person('best', 'Europe/Berlin');
    window('best', 'call', 1, '09:00', '10:00', 0.5);
    window('best', 'call', 1, '10:00', '12:00', 5);
    expect(rowsOf(plan('2026-11-23T08:30'), 'best')).toEqual([['Mon 10:00', 'upcoming', null]]);
    expect(rowsOf(plan('2026-11-23T09:30'), 'best')).toEqual([['Mon 10:00', 'upcoming', null]]);
    const row = plan('2026-11-23T09:30').rows.find((r) => r.personId === 'best');
    expect(row?.stars).toBe(5);
    expect(rowsOf(plan('2026-11-23T10:30'), 'best')).toEqual([['Mon 10:00', 'now', null]]);
  });

  it('keeps a window that ended on the plan, passed then struck, with the next window as its own row', () => {
    person('two', 'Europe/Berlin');
    window('two', 'call', 1, '10:00', '11:00', 4);
    window('two', 'call', 1, '14:00', '15:00', 3);
    expect(rowsOf(plan('2026-11-23T10:30'), 'two')).toEqual([['Mon 10:00', 'now', null]]);
    expect(rowsOf(plan('2026-11-23T11:10'), 'two')).toEqual([
      ['Mon 14:00', 'upcoming', null],
      ['Mon 10:00', 'passed', null],
    ]);
    expect(rowsOf(plan('2026-11-23T11:30'), 'two')).toEqual([
      ['Mon 14:00', 'upcoming', null],
      ['Mon 10:00', 'struck', null],
    ]);
    // After the last window of the day, only the one that ended last is left.
    expect(rowsOf(plan('2026-11-23T16:00'), 'two')).toEqual([['Mon 14:00', 'struck', null]]);
  });

  it('snoozes to the window after the one current when the rep snoozed, whenever the plan is read', () => {
    person('later', 'Europe/Berlin');
    window('later', 'call', 1, '10:00', '11:00');
    window('later', 'call', 1, '14:00', '15:00');
    window('later', 'call', 1, '17:00', '18:00');
    markPlanRow(
      db,
      'rep',
      { personId: 'later', channel: 'call', date: '2026-11-23', action: 'snoozed' },
      at('2026-11-23T10:20'),
    );
    expect(rowsOf(plan('2026-11-23T10:30'), 'later')).toEqual([
      ['Mon 14:00', 'upcoming', 'snoozed'],
    ]);
    // Read again after 14:00 has passed: still the snooze of 10:20, so 14:00 stays and 17:00 follows.
    expect(rowsOf(plan('2026-11-23T15:10'), 'later')).toEqual([
      ['Mon 17:00', 'upcoming', 'snoozed'],
      ['Mon 14:00', 'passed', 'snoozed'],
    ]);
  });

  it("offers the channel's first window after the day when the day has none left, skipping empty days", () => {
    person('friday', 'Europe/Berlin');
    window('friday', 'call', 5, '10:00', '11:00', 4); // Friday
    window('friday', 'call', 1, '09:00', '10:00', 3); // and Monday
    const friday = plan('2026-11-27T12:00');
    const [row] = friday.rows.filter((r) => r.personId === 'friday');
    expect(row?.state).toBe('struck');
    expect(clockOf(row?.nextWindow?.start)).toBe('Mon 09:00');
    expect(row?.nextWindow?.stars).toBe(3);
    // A row with a later window today offers nothing: snoozing moves it there.
    const monday = plan('2026-11-23T08:00').rows.find((r) => r.personId === 'friday');
    expect(clockOf(monday?.start)).toBe('Mon 09:00');
    expect(clockOf(monday?.nextWindow?.start)).toBe('Fri 10:00');

    markPlanRow(
      db,
      'rep',
      { personId: 'friday', channel: 'call', date: '2026-11-27', action: 'snoozed' },
      at('2026-11-27T10:30'),
    );
    const snoozed = plan('2026-11-27T10:31').rows.filter((r) => r.personId === 'friday');
    expect(snoozed.map((r) => [r.state, r.action, clockOf(r.nextWindow?.start)])).toEqual([
      ['none', 'snoozed', 'Mon 09:00'],
    ]);
  });

  it("offers after the day's last window the window the next day's plan shows, not an unsure one before it", () => {
    person('patel', 'Europe/Berlin');
    window('patel', 'call', 1, '16:00', '18:00', 5);
    window('patel', 'call', 2, '15:00', '16:00', 0.5);
    window('patel', 'call', 2, '16:00', '18:00', 5);
    const tuesday = plan('2026-11-23T17:57', '2026-11-24').rows.filter(
      (r) => r.personId === 'patel',
    );
    expect(tuesday.map((r) => [clockOf(r.start), r.stars])).toEqual([['Tue 16:00', 5]]);
    const shown = { start: tuesday[0]?.start, end: tuesday[0]?.end, stars: tuesday[0]?.stars };

    const [row] = plan('2026-11-23T17:57').rows.filter((r) => r.personId === 'patel');
    expect(row?.nextWindow).toEqual(shown);
    markPlanRow(
      db,
      'rep',
      { personId: 'patel', channel: 'call', date: '2026-11-23', action: 'snoozed' },
      at('2026-11-23T17:57'),
    );
    const [snoozed] = plan('2026-11-23T17:58').rows.filter((r) => r.personId === 'patel');
    expect([snoozed?.action, snoozed?.nextWindow]).toEqual(['snoozed', shown]);
  });

  it("keeps on a row snoozed past the day's last window the reason of the window it was snoozed from", () => {
    person('patel', 'Europe/Berlin');
    window('patel', 'call', 1, '15:00', '16:00', 0.5);
    window('patel', 'call', 1, '16:00', '18:00', 5);
    window('patel', 'call', 2, '16:00', '18:00', 5);
    const [row] = plan('2026-11-23T17:57').rows.filter((r) => r.personId === 'patel');
    expect(row?.reason).toBeTruthy();
    markPlanRow(
      db,
      'rep',
      { personId: 'patel', channel: 'call', date: '2026-11-23', action: 'snoozed' },
      at('2026-11-23T17:57'),
    );
    const [snoozed] = plan('2026-11-23T17:58').rows.filter((r) => r.personId === 'patel');
    // Done with for the day (no window of its own), but not a row with nothing to say for itself.
    expect(snoozed).toMatchObject({ action: 'snoozed', state: 'none', start: null });
    expect(snoozed?.reason).toBe(row?.reason);
    expect(snoozed?.alternatives.map((a) => clockOf(a.start))).toEqual(['Mon 15:00', 'Mon 16:00']);
  });

  it('says where a window was when the day was first planned, after a relearn moved it, across a restart', async () => {
    person('moved', 'Europe/Berlin');
    window('moved', 'call', 1, '14:00', '15:00', 3);
    person('steady', 'Europe/Berlin');
    window('steady', 'call', 1, '16:00', '17:00', 3);
    let now = at('2026-11-23T09:00');
    const core = createCore(db, () => now);
    const first = await core.handlers.getPlanner({});
    expect(first.rows.every((r) => r.movedFrom === null)).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));

    // A relearn widens the window to 13:00-15:00; someone new gets a window too.
    rawHandle(db).prepare("delete from best_time_windows where person_id = 'moved'").run();
    window('moved', 'call', 1, '13:00', '15:00', 4);
    person('new', 'Europe/Berlin');
    window('new', 'call', 1, '12:00', '13:00');
    core.emit('data-changed', { entities: ['windows'] });
    now = at('2026-11-23T09:20');
    const after = await core.handlers.getPlanner({});
    const row = (id: string) => after.rows.find((r) => r.personId === id);
    expect(clockOf(row('moved')?.start)).toBe('Mon 13:00');
    expect(clockOf(row('moved')?.movedFrom?.start)).toBe('Mon 14:00');
    expect(row('steady')?.movedFrom).toBeNull();
    expect(row('new')?.movedFrom).toBeNull();
    await new Promise((resolve) => setImmediate(resolve));

    // Restarted, the note is read from the day's snapshot.
    now = at('2026-11-23T09:40');
    const restarted = await createCore(db, () => now).handlers.getPlanner({});
    const again = restarted.rows.find((r) => r.personId === 'moved');
    expect(clockOf(again?.movedFrom?.start)).toBe('Mon 14:00');
    // Another day has no such note.
    const tomorrow = await createCore(db, () => now).handlers.getPlanner({ date: '2026-11-30' });
    expect(tomorrow.rows.every((r) => r.movedFrom === null)).toBe(true);
  });
});

describe('days without business hours, and plans with nobody in them', () => {
  const setHours = (days: [number, number][][]) =>
    rawHandle(db)
      .prepare('update organisation set business_hours = ? where id = 1')
      .run(JSON.stringify({ days }));
  const weekdays: [number, number][][] = [
    [[480, 1080]],
    [[480, 1080]],
    [[480, 1080]],
    [[480, 1080]],
    [[480, 1080]],
    [],
    [],
  ];

  it('says a weekend day is closed and names the next open day, in the rep’s own days', () => {
    setHours(weekdays);
    person('someone', 'Europe/Berlin');
    window('someone', 'call', 1, '10:00', '11:00');
    const saturday = plan('2026-11-23T10:00', '2026-11-28');
    expect(saturday).toMatchObject({ closed: true, nextOpenDate: '2026-11-30', owned: 1 });
    expect(plan('2026-11-23T10:00')).toMatchObject({ closed: false, nextOpenDate: null });
    // Tokyo's Saturday morning is Berlin's Friday evening, 16:00-18:00 of it open.
    const tokyo = planDay(
      db,
      { id: 'rep', time_zone: 'Asia/Tokyo' },
      'Europe/Berlin',
      at('2026-11-23T10:00'),
      DEFAULT_SETTINGS,
      '2026-11-28',
    );
    expect(tokyo.closed).toBe(false);
    expect(
      planDay(
        db,
        { id: 'rep', time_zone: 'Asia/Tokyo' },
        'Europe/Berlin',
        at('2026-11-23T10:00'),
        DEFAULT_SETTINGS,
        '2026-11-29',
      ).closed,
    ).toBe(true);
  });

  it('judges opening hours in the organisation’s zone across daylight-saving changes', () => {
    setHours(weekdays);
    const la = (date: string) =>
      planDay(
        db,
        { id: 'rep', time_zone: 'America/Los_Angeles' },
        'Europe/Berlin',
        at('2026-10-20T12:00'),
        DEFAULT_SETTINGS,
        date,
      ).closed;
    // Between Europe's change (25 October) and America's (1 November) the two are eight hours
    // apart: a Los Angeles Sunday ends at Berlin's Monday 08:00 sharp, and is closed...
    expect(la('2026-10-25')).toBe(true);
    // ...nine hours apart, before and after, it runs into Monday 08:00-09:00 in Berlin: open.
    expect(la('2026-10-18')).toBe(false);
    expect(la('2026-11-08')).toBe(false);
    expect(plan('2026-10-24T12:00', '2026-10-24')).toMatchObject({
      closed: true,
      nextOpenDate: '2026-10-26',
    });
  });

  it('holds every dated window to business hours, also on days the two zones change clocks apart (BT-7)', () => {
    setHours(weekdays);
    person('ny', 'America/New_York');
    // Learned when New York was six hours behind Berlin: 02:00-04:00 there was 08:00-10:00 here.
    window('ny', 'call', 1, '02:00', '04:00', 4, 'America/New_York');
    window('ny', 'call', 1, '11:00', '12:00', 3, 'America/New_York');
    const windowsOn = (date: string): string[] => {
      const row = plan(`${date}T06:00`, date).rows.find((r) => r.personId === 'ny');
      const all = [
        ...(row?.start != null && row.end != null ? [{ start: row.start, end: row.end }] : []),
        ...(row?.alternatives ?? []),
      ].sort((a, b) => a.start - b.start);
      const berlin = (t: number) =>
        DateTime.fromMillis(t, { zone: 'Europe/Berlin' }).toFormat('HH:mm');
      return all.map((w) => `${berlin(w.start)}-${berlin(w.end)}`);
    };
    expect(windowsOn('2026-10-19')).toEqual(['08:00-10:00', '17:00-18:00']);
    // Europe has turned its clocks back, New York not yet: five hours apart, so 02:00 in New York
    // is 07:00 in Berlin, before the office opens. The hour inside business hours is kept.
    expect(windowsOn('2026-10-26')).toEqual(['08:00-09:00', '16:00-17:00']);
    expect(windowsOn('2026-11-02')).toEqual(['08:00-10:00', '17:00-18:00']);
    // Spring: New York changes first (8 March), Europe on 29 March.
    expect(windowsOn('2027-03-15')).toEqual(['08:00-09:00', '16:00-17:00']);
  });

  it("offers after the day the window that day's plan shows, held to business hours across the March clock changes (BT-7)", () => {
    setHours(weekdays);
    const ny = 'America/New_York';
    const nyRep = { id: 'rep', time_zone: ny };
    const nyPlan = (nowIso: string, date?: string) =>
      planDay(
        db,
        nyRep,
        'Europe/Berlin',
        DateTime.fromISO(nowIso, { zone: ny }).toMillis(),
        DEFAULT_SETTINGS,
        date,
      );
    const email = (p: ReturnType<typeof nyPlan>) =>
      p.rows.filter((r) => r.personId === 'la' && r.channel === 'email');
    const nyClock = (t: number | null | undefined) =>
      t == null ? null : DateTime.fromMillis(t, { zone: ny }).toFormat('ccc HH:mm');
    person('la', 'America/Los_Angeles');
    const la = 'America/Los_Angeles';
    window('la', 'email', 5, '08:00', '09:00', 3, la);
    // Learned while Los Angeles was nine hours behind Berlin: 23:00 there was 08:00 here. From
    // 8 March (the US changed, Europe changes on the 29th) it is 07:00, before the office opens.
    for (const weekday of [7, 1, 2, 3]) window('la', 'email', weekday, '23:00', '24:00', 4, la);
    // 09:00-10:30 there is 17:00-18:30 in Berlin now: the office closes at 18:00.
    window('la', 'email', 4, '09:00', '10:30', 2, la);

    const friday = email(nyPlan('2026-03-20T12:30'));
    expect(friday.map((r) => [r.state, nyClock(r.start)])).toEqual([['struck', 'Fri 11:00']]);
    const offer = friday[0]?.nextWindow;
    // Not Monday 02:00 (07:00 in Berlin): the first window a plan shows is Thursday's, to 18:00 Berlin.
    expect([nyClock(offer?.start), nyClock(offer?.end)]).toEqual(['Thu 12:00', 'Thu 13:00']);
    const thursday = email(nyPlan('2026-03-26T08:00', '2026-03-26'));
    expect(thursday.map((r) => ({ start: r.start, end: r.end, stars: r.stars }))).toEqual([offer]);
    // The days between show no window for it, and offer the same one.
    const monday = email(nyPlan('2026-03-23T08:00', '2026-03-23'));
    expect(monday.map((r) => [r.state, r.nextWindow])).toEqual([['none', offer]]);
  });

  it('counts the people the rep owns, so an empty plan can say why', () => {
    setHours(weekdays);
    expect(plan('2026-11-23T10:00')).toMatchObject({ owned: 0, rows: [] });
    person('quiet', 'Europe/Berlin');
    expect(plan('2026-11-23T10:00')).toMatchObject({ owned: 1, rows: [] });
  });
});
