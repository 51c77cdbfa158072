import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createCore } from '../../src/main/core/createCore';
import { openDatabase } from '../../src/main/db/openDatabase';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliInProcess } from '../fixtures/runCli';
import { COMMAND_USAGE } from '../../src/main/cli/commandUsage';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { berlin, teamOrgDb } from '../fixtures/teamOrg';

let dir: TempDir;
let db: string;
const NOW = '2026-11-23T14:00:00+01:00';

/** `team` in this process, as `npm run cli --` runs it, with its output kept. */
const team = (args: string[]) => runCliInProcess(['team', ...args]);

beforeAll(async () => {
  dir = makeTempDir('cw-team-cli-');
  db = dir.file('team.db');
  const org = await teamOrgDb(dir);
  // Rita (Berlin) and Nora (New York), two levels below Dora; one clash at Acme.
  org.account('acc1', 'Acme GmbH', 'r1');
  org.person('p1', 'r1', { account: 'acc1' });
  org.window('p1', 'call', 1, '09:00', '10:00', 4);
  org.activity('p1', 'r1', 'call', '2026-11-23T09:30');
  org.person('p2', 'r1');
  org.window('p2', 'call', 1, '10:00', '11:00', 2);
  org.window('p2', 'email', 1, '16:00', '17:00', 3);
  org.person('p3', 'r3', { zone: 'America/New_York', company: 'ACME GmbH' });
  org.window('p3', 'call', 1, '03:30', '04:30', 5, 'America/New_York');
  org.person('hot', 'r3', { score: 75 });
  org.visit('hot', '2026-11-23T11:00');
  // A visit the CRM linked to nobody, its visitor having given Rita's lead's e-mail: the lead's.
  org.person('hot2', 'r1', { score: 60 });
  const raw = rawHandle(org.db);
  raw.prepare("update people set email = 'kim@buyer.example' where id = 'hot2'").run();
  raw
    .prepare(
      "insert into visits (id, person_id, visitor_email, started_at, ended_at, time_spent_s) values ('ev1', null, 'Kim@Buyer.example', ?, ?, 60)",
    )
    .run(berlin('2026-11-23T12:00'), berlin('2026-11-23T12:01'));
  await org.db.close();
});
afterAll(() => dir.remove());

describe('the team command', () => {
  it('writes the JSON issue #14 fixes, each rep’s rows exactly as plan prints them', () => {
    const out = dir.file('team.json');
    const res = runCli([
      'team',
      '--db',
      db,
      '--manager',
      'd@team.example',
      '--now',
      NOW,
      '--out',
      out,
    ]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Dora Director's team on 2026-11-23: 3 reps, 4 rows, written to /);
    const json = JSON.parse(readFileSync(out, 'utf8')) as {
      date: string;
      manager: Record<string, unknown>;
      reps: Record<string, unknown>[];
      clashes: Record<string, unknown>[];
      unplanned_hot: Record<string, unknown>[];
      coverage_by_hour: Record<string, unknown>[];
    };
    expect(Object.keys(json)).toEqual([
      'date',
      'manager',
      'reps',
      'clashes',
      'unplanned_hot',
      'coverage_by_hour',
    ]);
    expect(json.date).toBe('2026-11-23');
    expect(json.manager).toEqual({ id: 'd', name: 'Dora Director', tz: 'Europe/Berlin' });
    expect(json.reps.map((r) => r['rep_id'])).toEqual(['r3', 'r2', 'r1']);
    const rita = json.reps[2] ?? {};
    expect(Object.keys(rita)).toEqual(['rep_id', 'name', 'email', 'tz', 'rows', 'coverage']);
    // One window per person and channel planned: p1's worked, p2's call window missed; Rita
    // sends no emails, so p2's email window is not counted. The share is of those due.
    expect(rita['coverage']).toEqual({
      windows: 2,
      good_windows: 1,
      worked: 1,
      missed: 1,
      share_worked: 1 / 2,
    });
    const plan = runCli(['plan', '--db', db, '--rep', 'r1', '--now', NOW]);
    expect(plan.code).toBe(0);
    expect(rita['rows']).toEqual(JSON.parse(plan.stdout));
    // Nora's 03:30 New York is 09:30 Berlin: over Rita's p1 (09:00–10:00) at Acme.
    expect(json.clashes).toEqual([
      {
        person_id: 'p1',
        rep_ids: ['r1', 'r3'],
        start: '2026-11-23T09:30:00+01:00',
        end: '2026-11-23T10:00:00+01:00',
      },
      {
        person_id: 'p3',
        rep_ids: ['r1', 'r3'],
        start: '2026-11-23T09:30:00+01:00',
        end: '2026-11-23T10:00:00+01:00',
      },
    ]);
    expect(json.unplanned_hot).toEqual([
      {
        person_id: 'hot',
        name: 'P hot',
        owner_id: 'r3',
        why: 'On the website at 11:00, visitor score 75; in no rep’s plan today',
      },
      {
        person_id: 'hot2',
        name: 'P hot2',
        owner_id: 'r1',
        why: 'On the website at 12:00, visitor score 60; in no rep’s plan today',
      },
    ]);
    expect(json.coverage_by_hour).toHaveLength(24);
    // None of the three works a shift: each works the organisation's hours, as their plan does.
    expect(json.coverage_by_hour[9]).toEqual({ hour: '09:00', windows_open: 2, reps_working: 3 });
  }, 60_000);

  it('writes the schedule as CSV and as iCalendar', async () => {
    const csv = dir.file('team.csv');
    const ics = dir.file('team.ics');
    const base = ['--db', db, '--manager', 'd', '--now', NOW];
    expect((await team([...base, '--format', 'csv', '--out', csv])).code).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('rep,person,channel,state,start,end,stars');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      'Nora Rep,P p3,call,struck',
      'Rita Rep,P p2,email,upcoming',
      'Rita Rep,P p2,call,struck',
      'Rita Rep,P p1,call,struck',
    ]);
    expect((await team([...base, '--format', 'ics', '--out', ics])).code).toBe(0);
    const events = new ICAL.Component(ICAL.parse(readFileSync(ics, 'utf8')))
      .getAllSubcomponents('vevent')
      .map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.summary).sort()).toEqual([
      'Nora Rep: Call P p3 (ACME GmbH)',
      // A contact's company is its account's name (p1 works at Acme GmbH, with no company typed).
      'Rita Rep: Call P p1 (Acme GmbH)',
      'Rita Rep: Call P p2',
      'Rita Rep: Email P p2',
    ]);
  });

  it('warns when --out names another format than it writes, and writes JSON as before', async () => {
    const base = ['--db', db, '--manager', 'd', '--now', NOW];
    const csv = dir.file('day.csv');
    const res = await team([...base, '--out', csv]);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('team: --out ends in .csv but --format is json; add --format csv\n');
    // The fixed interface: the default is still JSON, and the file holds it.
    expect(JSON.parse(readFileSync(csv, 'utf8'))).toHaveProperty('reps');
    expect(res.stdout).toMatch(/written to .*day\.csv \(json\)\n$/);
    const ics = await team([...base, '--format', 'csv', '--out', dir.file('Day.ICS')]);
    expect([ics.code, ics.stderr]).toEqual([
      0,
      'team: --out ends in .ics but --format is csv; add --format ics\n',
    ]);
    // A name that agrees with the format, or names none, is written without a word.
    for (const [format, name] of [
      ['csv', 'agrees.csv'],
      ['json', 'agrees.json'],
      ['json', 'day.txt'],
    ] as const) {
      const quiet = await team([...base, '--format', format, '--out', dir.file(name)]);
      expect([name, quiet.code, quiet.stderr]).toEqual([name, 0, '']);
    }
  });

  it('names a user whose stored time zone is not a zone, in plan, team and the app, and writes nothing', async () => {
    // A hand-edited database: sync only stores zones Luxon knows.
    const edited = dir.file('mars.db');
    copyFileSync(db, edited);
    const raw = new BetterSqlite3(edited);
    raw.prepare("update users set time_zone = 'Mars/Olympus' where id = 'r1'").run();
    raw.close();
    const problem =
      'user Rita Rep (r1) has time zone "Mars/Olympus", which is not a time zone; fix it in the CRM and sync';
    const plan = await runCliInProcess(['plan', '--db', edited, '--rep', 'r1', '--now', NOW]);
    expect([plan.code, plan.stderr, plan.stdout]).toEqual([1, `plan: ${problem}\n`, '']);
    const out = dir.file('mars.json');
    const res = await team(['--db', edited, '--manager', 'd', '--now', NOW, '--out', out]);
    expect([res.code, res.stderr]).toEqual([1, `team: ${problem}; nothing written.\n`]);
    expect(existsSync(out)).toBe(false);
    const managed = await team(['--db', edited, '--manager', 'r1', '--now', NOW, '--out', out]);
    expect([managed.code, managed.stderr]).toEqual([1, `team: ${problem}\n`]);
    // The app says the same where its plan could not be loaded, and still plans the others.
    const opened = await openDatabase(edited);
    try {
      const core = createCore(opened, () => berlin('2026-11-23T14:00'));
      await core.handlers.setCurrentUser({ userId: 'r1' });
      await expect(core.handlers.getPlanner({})).rejects.toThrow(problem);
      await core.handlers.setCurrentUser({ userId: 'r2' });
      expect((await core.handlers.getPlanner({})).date).toBe('2026-11-23');
    } finally {
      await opened.close();
    }
  });

  it('refuses a rep (no one reports to them) and writes nothing', async () => {
    const out = dir.file('rep.json');
    const res = await team(['--db', db, '--manager', 'r1', '--now', NOW, '--out', out]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Rita Rep has no one reporting to them/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a --date written any other way than YYYY-MM-DD, as plan does', async () => {
    const out = dir.file('forms.json');
    const plan = (args: string[]) => runCliInProcess(['plan', ...args]);
    // An ISO week date, an instant, an ordinal date and the basic form all parse as ISO.
    for (const form of ['2026-W48-1', '2026-11-23T10:00', '2026-327', '20261123']) {
      const res = await team([
        '--db',
        db,
        '--manager',
        'd',
        '--now',
        NOW,
        '--out',
        out,
        '--date',
        form,
      ]);
      expect([res.code, res.stderr]).toEqual([
        2,
        `team: --date "${form}" is not a date (YYYY-MM-DD)\n${COMMAND_USAGE.team}\n`,
      ]);
      const planned = await plan(['--db', db, '--rep', 'r1', '--now', NOW, '--date', form]);
      expect([planned.code, planned.stderr]).toEqual([
        2,
        `plan: --date "${form}" is not a date (YYYY-MM-DD)\n${COMMAND_USAGE.plan}\n`,
      ]);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a --date the app’s day picker would not offer: over 90 days back or a year ahead', async () => {
    const out = dir.file('far.json');
    const plan = (args: string[]) => runCliInProcess(['plan', ...args]);
    const range =
      'from 2026-08-25 to 2027-11-23 (90 days before and 365 after 2026-11-23, the day of --now in Europe/Berlin)';
    for (const date of ['1990-01-01', '2026-08-24', '2027-11-24']) {
      const res = await team([
        '--db',
        db,
        '--manager',
        'd',
        '--now',
        NOW,
        '--out',
        out,
        '--date',
        date,
      ]);
      expect([res.code, res.stderr]).toEqual([
        2,
        `team: --date ${date} is not a day that can be planned: ${range}\n${COMMAND_USAGE.team}\n`,
      ]);
      const planned = await plan(['--db', db, '--rep', 'r1', '--now', NOW, '--date', date]);
      expect([planned.code, planned.stderr]).toEqual([
        2,
        `plan: --date ${date} is not a day that can be planned: ${range}\n${COMMAND_USAGE.plan}\n`,
      ]);
    }
    expect(existsSync(out)).toBe(false);
    for (const date of ['2026-08-25', '2027-11-23']) {
      expect((await plan(['--db', db, '--rep', 'r1', '--now', NOW, '--date', date])).code).toBe(0);
      expect(
        (await team(['--db', db, '--manager', 'd', '--now', NOW, '--out', out, '--date', date]))
          .code,
      ).toBe(0);
    }
  });

  it('names an unknown user, a bad date, a bad instant and a bad format as plan does', async () => {
    const out = dir.file('bad.json');
    const base = ['--db', db, '--out', out];
    const unknown = await team([...base, '--manager', 'nobody@x', '--now', NOW]);
    expect([unknown.code, unknown.stderr]).toEqual([
      1,
      `team: no user with id or email "nobody@x" in ${db}\n`,
    ]);
    const date = await team([...base, '--manager', 'd', '--now', NOW, '--date', '2026-13-01']);
    expect([date.code, date.stderr]).toEqual([
      2,
      `team: --date "2026-13-01" is not a date (YYYY-MM-DD)\n${COMMAND_USAGE.team}\n`,
    ]);
    const now = await team([...base, '--manager', 'd', '--now', '2026-11-23T14:00']);
    expect(now.code).toBe(2);
    expect(now.stderr).toMatch(/--now "2026-11-23T14:00" is not an ISO instant with an offset/);
    // A time with no date would be today on whichever day the command runs.
    const timeOnly = await team([...base, '--manager', 'd', '--now', '14:00Z']);
    expect(timeOnly.code).toBe(2);
    expect(timeOnly.stderr).toMatch(/--now "14:00Z" is not an ISO instant with an offset/);
    const format = await team([...base, '--manager', 'd', '--now', NOW, '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format "xml" is not one of json, csv, ics/);
    const missing = await team(['--db', db, '--manager', 'd', '--now', NOW]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing --out/);
    expect(existsSync(out)).toBe(false);
  });
});
