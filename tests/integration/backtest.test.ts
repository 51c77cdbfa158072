import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/main/core/createCore';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { runCli, runCliInProcess } from '../fixtures/runCli';

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const AS_OF = '2026-10-26T00:00:00+01:00';

/**
 * Berlin, open Monday to Friday 09:00-18:00. Paula answers the rep's calls on Tuesdays at 10:15,
 * eight weeks before the as-of and four after; Otto, who takes calls on Thursdays at 16:20,
 * answers once at 16:20 and once at 11:05 in the weeks after.
 */
async function habitsDb(): Promise<string> {
  const path = dir.file('habits.db');
  const db = await openDatabase(path);
  const raw = rawHandle(db);
  raw
    .prepare(`insert into organisation values (1, 'Habits', 'Europe/Berlin', ?, 'demo')`)
    .run(JSON.stringify({ days: [...Array(5).fill([[540, 1080]]), [], []] }));
  raw.exec(`insert into people (id, module, last_name, time_zone, created_at, modified_at) values
    ('paula', 'contact', 'Paula', 'Europe/Berlin', 0, 0), ('otto', 'contact', 'Otto', 'Europe/Berlin', 0, 0)`);
  const call = raw.prepare(
    `insert into activities (id, person_id, signal, kind, channel, direction, started_at, duration_s, status, source_module)
     values (?, ?, 'call_answered', 'call', 'phone', 'out', ?, 300, 'completed', 'Calls')`,
  );
  // In Berlin's own time: the eight weeks before the as-of are summer time, the four after winter.
  const first = DateTime.fromISO(AS_OF, { zone: 'Europe/Berlin' });
  let n = 0;
  for (let week = -8; week < 4; week++) {
    const tuesday = first.plus({ weeks: week, days: 1 }).set({ hour: 10, minute: 15 });
    call.run(`a${n++}`, 'paula', tuesday.toMillis());
    const thursday = first.plus({ weeks: week, days: 3 }).set({ hour: 16, minute: 20 });
    if (week < 0 || week === 1) call.run(`a${n++}`, 'otto', thursday.toMillis());
    if (week === 2) call.run(`a${n++}`, 'otto', thursday.set({ hour: 11, minute: 5 }).toMillis());
  }
  await db.close();
  return path;
}

describe('backtest command (BT-13)', () => {
  it('writes how the windows learned before --as-of did, per channel against the simple rules and per star level', async () => {
    const db = await habitsDb();
    const out = dir.file('backtest.json');
    const result = runCli(['backtest', '--db', db, '--as-of', AS_OF, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('6 acts');
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(Object.keys(report)).toEqual(['as_of', 'days', 'channels', 'by_stars']);
    expect(report.as_of).toBe('2026-10-25T23:00:00.000Z');
    expect(report.days).toBe(28);
    // Six calls after the as-of, five at the person's habitual hour: every method's first window
    // caught those five, nobody's the one at 11:05.
    const perfect = { hit1: 5 / 6, hit3: 5 / 6 };
    expect(report.channels.call).toEqual({
      acts: 6,
      ...perfect,
      baselines: { org: perfect, own: perfect, last: perfect },
    });
    expect(report.channels.email).toEqual({
      acts: 0,
      hit1: 0,
      hit3: 0,
      baselines: {
        org: { hit1: 0, hit3: 0 },
        own: { hit1: 0, hit3: 0 },
        last: { hit1: 0, hit3: 0 },
      },
    });
    expect(report.by_stars.length).toBeGreaterThan(0);
    for (const level of report.by_stars) {
      expect(Object.keys(level)).toEqual(['stars', 'windows', 'acts', 'hit_rate']);
      expect(level.hit_rate).toBeCloseTo(level.acts / level.windows, 12);
    }
    const caught = report.by_stars.reduce((n: number, l: { acts: number }) => n + l.acts, 0);
    expect(caught).toBe(5);
  });

  it('reads an as-of without an offset in the organisation’s zone and takes --days', async () => {
    const db = await habitsDb();
    const out = dir.file('week.json');
    const result = runCli([
      'backtest',
      '--db',
      db,
      '--as-of',
      '2026-10-26T00:00',
      '--days',
      '7',
      '--out',
      out,
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect([report.as_of, report.days, report.channels.call.acts]).toEqual([
      '2026-10-25T23:00:00.000Z',
      7,
      1,
    ]);
    const dateOnly = runCli(['backtest', '--db', db, '--as-of', '2026-10-26', '--out', out]);
    expect(dateOnly.code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8')).as_of).toBe('2026-10-25T23:00:00.000Z');
  });

  it('says when a period holds no act to score, and which days the calls and e-mails cover (rates of 0 are not a wrong model)', async () => {
    const db = await habitsDb();
    const out = dir.file('empty.json');
    const result = runCli([
      'backtest',
      '--db',
      db,
      '--as-of',
      '2020-01-01T00:00:00Z',
      '--out',
      out,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('backtest: 0 acts in the 28 days');
    // Paula's first call is on the Tuesday eight weeks before the as-of, her last three weeks after.
    expect(result.stderr).toBe(
      'backtest: no call or e-mail happened in those days, so the rates of 0 mean nothing was scored; ' +
        "this database's calls and e-mails run from 2026-09-01 to 2026-11-17: give an --as-of inside them\n",
    );
    expect(JSON.parse(await readFile(out, 'utf8')).channels.call.acts).toBe(0);
  });

  it('names the days the calls and e-mails run over up to the last one made, not a call planned to come', async () => {
    const path = await habitsDb();
    // A call to Paula planned for a month from now (the command's clock is the computer's).
    const db = await openDatabase(path);
    rawHandle(db)
      .prepare(
        `insert into activities (id, person_id, signal, kind, channel, direction, started_at, status, source_module)
         values ('planned', 'paula', null, 'call', 'phone', 'out', ?, 'scheduled', 'Calls')`,
      )
      .run(Date.now() + 30 * 86_400_000);
    await db.close();
    const out = dir.file('planned.json');
    const result = runCli([
      'backtest',
      '--db',
      path,
      '--as-of',
      '2020-01-01T00:00:00Z',
      '--out',
      out,
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'backtest: no call or e-mail happened in those days, so the rates of 0 mean nothing was scored; ' +
        "this database's calls and e-mails run from 2026-09-01 to 2026-11-17: give an --as-of inside them\n",
    );
  });

  it('refuses a missing database, a bad --as-of or --days, and names what is wrong', async () => {
    const out = dir.file('x.json');
    const missing = runCli([
      'backtest',
      '--db',
      dir.file('none.db'),
      '--as-of',
      AS_OF,
      '--out',
      out,
    ]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('No database at')]);
    const db = await habitsDb();
    const bad = runCli(['backtest', '--db', db, '--as-of', 'last tuesday', '--out', out]);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      expect.stringContaining('bad --as-of "last tuesday"'),
    ]);
    // A time alone would be that time today on whatever machine runs the command.
    const timeOnly = runCli(['backtest', '--db', db, '--as-of', '10:00', '--out', out]);
    expect([timeOnly.code, timeOnly.stderr]).toEqual([
      2,
      expect.stringContaining('bad --as-of "10:00"'),
    ]);
    const days = runCli(['backtest', '--db', db, '--as-of', AS_OF, '--days', '0', '--out', out]);
    expect([days.code, days.stderr]).toEqual([2, expect.stringContaining('--days')]);
  });
});

describe('backtest command and the present (BT-13)', () => {
  /** The command in this process with the computer's clock at `now`: the command reads no --now. */
  async function backtestAt(now: number, args: string[]) {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    try {
      return await runCliInProcess(['backtest', ...args]);
    } finally {
      vi.useRealTimers();
    }
  }
  const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();

  it('scores only the days already over when --days reaches past now, and reports that many days', async () => {
    const db = await habitsDb();
    const out = dir.file('running.json');
    // Wednesday 4 November, noon: nine days are over, with Paula's calls of 27 October and
    // 3 November; the four later calls in the database (dated ahead of the clock) are not acts yet.
    const now = DateTime.fromISO(AS_OF).plus({ days: 9, hours: 12 }).toMillis();
    const result = await backtestAt(now, ['--db', db, '--as-of', AS_OF, '--out', out]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain(
      '2 acts in the 9 of 28 days over from 2026-10-25T23:00:00.000Z',
    );
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(Object.keys(report)).toEqual(['as_of', 'days', 'channels', 'by_stars']);
    expect([report.days, report.channels.call.acts]).toEqual([9, 2]);
    // The same figures as asking for those nine days, star levels included.
    const nine = dir.file('nine.json');
    const asked = await backtestAt(now, [
      '--db',
      db,
      '--as-of',
      AS_OF,
      '--days',
      '9',
      '--out',
      nine,
    ]);
    expect(asked.stdout).toContain('2 acts in the 9 days from');
    expect(report).toEqual(JSON.parse(await readFile(nine, 'utf8')));
  });

  it('counts the organisation’s calendar days over across a clock change, and refuses a period none of whose days is over', async () => {
    const db = await habitsDb();
    const out = dir.file('dst.json');
    // At 23:45 on Sunday 25 October (25 hours, the clocks went back), from Friday: two days over.
    const friday = ['--db', db, '--as-of', '2026-10-23T00:00', '--out', out];
    const sunday = await backtestAt(berlin('2026-10-25T23:45'), friday);
    expect(sunday.code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8')).days).toBe(2);
    // An hour later, on Monday, three.
    await backtestAt(berlin('2026-10-26T00:45'), friday);
    expect(JSON.parse(await readFile(out, 'utf8')).days).toBe(3);
    const none = dir.file('none.json');
    const today = await backtestAt(berlin('2026-10-26T12:00'), [
      '--db',
      db,
      '--as-of',
      '2026-10-26T00:00',
      '--out',
      none,
    ]);
    expect([today.code, today.stderr]).toEqual([
      2,
      expect.stringContaining(
        'no day from it is over yet (it is 2026-10-26 12:00 in Europe/Berlin)',
      ),
    ]);
    expect(existsSync(none)).toBe(false);
  });
});

describe('backtest acts (BT-13)', () => {
  it('does not score a call logged as answered that lasted 20 seconds (a voicemail) as an act', async () => {
    const path = dir.file('voicemail.db');
    const db = await openDatabase(path);
    const raw = rawHandle(db);
    raw
      .prepare(`insert into organisation values (1, 'Habits', 'Europe/Berlin', ?, 'demo')`)
      .run(JSON.stringify({ days: [...Array(5).fill([[540, 1080]]), [], []] }));
    raw.exec(`insert into people (id, module, last_name, time_zone, created_at, modified_at) values
      ('paula', 'contact', 'Paula', 'Europe/Berlin', 0, 0)`);
    const call = raw.prepare(
      `insert into activities (id, person_id, signal, kind, channel, direction, started_at, duration_s, status, source_module)
       values (?, 'paula', 'call_answered', 'call', 'phone', 'out', ?, ?, 'completed', 'Calls')`,
    );
    const first = DateTime.fromISO(AS_OF, { zone: 'Europe/Berlin' });
    for (let week = -8; week < 0; week++)
      call.run(`a${week}`, first.plus({ weeks: week, days: 1 }).set({ hour: 10 }).toMillis(), 300);
    call.run('voicemail', first.plus({ days: 1 }).set({ hour: 10 }).toMillis(), 20);
    await db.close();
    const out = dir.file('voicemail.json');
    const result = runCli(['backtest', '--db', path, '--as-of', AS_OF, '--out', out]);
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(report.channels.call.acts).toBe(0);
  });
});

describe('backtest in the app (BT-13)', () => {
  it('scores the last 28 days of the demo organisation, the model ahead of the organisation’s hours', async () => {
    const db: Db = await demoDb(dir, { people: 200 });
    const core = createCore(db, () => TEST_NOW);
    const result = await core.dispatch('getBesttimeBacktest', {});
    expect(result.ok).toBe(true);
    const report = (result as { value: import('../../src/shared/contract').BacktestReport }).value;
    // The 28 whole days before today's, in the organisation's zone: not 28 × 24 hours back to now.
    const start = DateTime.fromMillis(TEST_NOW, { zone: 'Europe/Berlin' }).startOf('day');
    expect(report.as_of).toBe(start.minus({ days: 28 }).toUTC().toISO());
    expect(report.days).toBe(28);
    for (const channel of ['call', 'email'] as const) {
      const c = report.channels[channel];
      expect(c.acts).toBeGreaterThan(50);
      expect(c.hit1).toBeGreaterThan(c.baselines.org.hit1);
      expect(c.hit3).toBeGreaterThanOrEqual(c.hit1);
    }
    // The panel's verdict is judged on the acts only one side caught: they make up the rates' gap.
    const scores = (result as { value: import('../../src/shared/contract').BacktestScores }).value;
    for (const channel of ['call', 'email'] as const) {
      const c = scores.channels[channel];
      for (const rule of ['org', 'own', 'last'] as const) {
        const { modelOnly, baselineOnly } = scores.pairedByChannel[channel][rule];
        expect(modelOnly + baselineOnly).toBeLessThanOrEqual(c.acts);
        expect((modelOnly - baselineOnly) / c.acts).toBeCloseTo(c.hit1 - c.baselines[rule].hit1, 9);
      }
    }
    expect((await core.dispatch('getBesttimeBacktest', { days: 0 })).ok).toBe(false);
    await db.close();
  });

  it('scores a period that runs past now on its days already over, and refuses one none of whose days is', async () => {
    const db = await openDatabase(await habitsDb());
    // Wednesday 4 November, noon: nine days of the period are over, with Paula's calls of
    // 27 October and 3 November in them; her calls and Otto's of the weeks after have not happened.
    const now = DateTime.fromISO(AS_OF).plus({ days: 9, hours: 12 }).toMillis();
    const core = createCore(db, () => now);
    const asOf = Date.parse(AS_OF);
    const result = await core.dispatch('getBesttimeBacktest', { asOf, days: 28 });
    expect(result.ok).toBe(true);
    const report = (result as { value: import('../../src/shared/contract').BacktestReport }).value;
    expect([report.as_of, report.days, report.channels.call.acts]).toEqual([
      '2026-10-25T23:00:00.000Z',
      9,
      2,
    ]);
    const today = await core.dispatch('getBesttimeBacktest', { asOf: now - 3_600_000, days: 7 });
    expect(today).toEqual({
      ok: false,
      error: expect.stringContaining('pick a start before today'),
    });
    await db.close();
  });

  it('counts and scores the organisation’s calendar days across a clock change, by default the whole days before today', async () => {
    const db = await openDatabase(await habitsDb());
    const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
    const report = async (now: number, input: { asOf?: number; days: number }) => {
      const result = await createCore(db, () => now).dispatch('getBesttimeBacktest', input);
      if (!result.ok) throw new Error(result.error);
      return result.value as import('../../src/shared/contract').BacktestReport;
    };
    // Just after midnight on Wednesday 4 November, the last ten days: 25 October (25 hours, the
    // clocks went back) to 3 November, whole, with Paula's calls of 27 October and 3 November.
    const lastTen = await report(berlin('2026-11-04T00:30'), { days: 10 });
    expect([lastTen.as_of, lastTen.days, lastTen.channels.call.acts]).toEqual([
      '2026-10-24T22:00:00.000Z',
      10,
      2,
    ]);
    // At 23:45 on that 25-hour Sunday, the period from Friday has two days over, not three.
    const friday = berlin('2026-10-23T00:00');
    expect((await report(berlin('2026-10-25T23:45'), { asOf: friday, days: 28 })).days).toBe(2);
    // Half an hour into Monday 30 March, after a 23-hour Sunday: two days over, not one.
    const saturday = berlin('2026-03-28T00:00');
    expect((await report(berlin('2026-03-30T00:30'), { asOf: saturday, days: 28 })).days).toBe(2);
    await db.close();
  });
});
