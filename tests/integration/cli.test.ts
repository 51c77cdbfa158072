import BetterSqlite3 from 'better-sqlite3';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { damageTables } from '../fixtures/damageTables';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { runCli, runCliInProcess } from '../fixtures/runCli';
import { COMMAND_USAGE } from '../../src/main/cli/commandUsage';

const root = fileURLToPath(new URL('../../', import.meta.url));
let dir: TempDir;

// A test that starts the tool as a process (`runCli`, as a user would: node compiling the CLI
// with tsx, seconds each on an idle machine) has 30 s per process it starts, the number after
// it: on a loaded two-core machine six of them outran the suite's 30 s with four to six
// processes each. A test of one process, and the runs in this process (`cli`), keep the 30 s.
const cli = runCliInProcess;

beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => dir.remove());

describe('the command line', () => {
  it('writes the demo organisation and prints its counts with stats', () => {
    const db = dir.file('x.db');
    const demo = runCli(['demo', '--db', db, '--people', '120', '--seed', '3']);
    expect(demo.code).toBe(0);
    const stats = runCli(['stats', '--db', db]);
    expect(stats.code).toBe(0);
    const counts = JSON.parse(stats.stdout) as Record<string, number>;
    expect(Object.keys(counts).sort()).toEqual([
      'accounts',
      'activities',
      'chats',
      'deals',
      'people',
      'users',
      'visits',
    ]);
    expect(counts['people']).toBe(120);
    expect(counts['users']).toBeGreaterThanOrEqual(10);
    expect(counts['activities']).toBeGreaterThan(1000);
  }, 60_000);

  it('writes the demo organisation 0600 into new folders 0700', () => {
    const db = dir.file('demo-new/nested/x.db');
    expect(runCli(['demo', '--db', db, '--people', '20', '--seed', '3']).code).toBe(0);
    expect(statSync(dir.file('demo-new')).mode & 0o777).toBe(0o700);
    expect(statSync(dir.file('demo-new/nested')).mode & 0o777).toBe(0o700);
    expect(statSync(db).mode & 0o777).toBe(0o600);
  });

  it('prints the plan of a rep by id or email as JSON rows in display order', () => {
    const db = dir.file('plan.db');
    expect(runCli(['demo', '--db', db, '--people', '150', '--seed', '4']).code).toBe(0);
    const res = runCli([
      'plan',
      '--db',
      db,
      '--rep',
      'anna@northwind-demo.example',
      '--now',
      '2026-11-23T14:20:00+01:00',
    ]);
    expect(res.code).toBe(0);
    const rows = JSON.parse(res.stdout) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(0);
    const order = { now: 0, upcoming: 1, none: 2, passed: 3, struck: 4 } as Record<string, number>;
    let last = 0;
    // Within a state, windows under 2 stars come last; open now, more stars first.
    const groups: string[] = [];
    let lastStars = Infinity;
    for (const row of rows) {
      const stars = row['stars'] as number | null;
      const group = `${String(row['state'])}${stars !== null && stars < 2 ? ' low' : ''}`;
      if (group !== groups.at(-1)) {
        // Each group in one run, the low-confidence one after the state's others.
        expect(groups).not.toContain(group);
        expect(groups).not.toContain(`${group} low`);
        groups.push(group);
        lastStars = Infinity;
      }
      if (row['state'] === 'now') {
        expect(stars ?? 0).toBeLessThanOrEqual(lastStars);
        lastStars = stars ?? 0;
      }
      expect(Object.keys(row).sort()).toEqual([
        'channel',
        'contact_tz',
        'end',
        'name',
        'person_id',
        'stars',
        'start',
        'state',
      ]);
      expect(['call', 'email']).toContain(row['channel']);
      const rank = order[String(row['state'])] ?? -1;
      expect(rank).toBeGreaterThanOrEqual(last);
      last = rank;
      if (row['start'] !== null)
        expect(String(row['start'])).toMatch(/^2026-11-23T\d{2}:\d{2}:\d{2}\+01:00$/);
    }
    const byId = runCli([
      'plan',
      '--db',
      db,
      '--rep',
      'u-r1',
      '--now',
      '2026-11-23T14:20:00+01:00',
    ]);
    expect(byId.stdout).toBe(res.stdout);
    expect(byId.stderr).toBe('');
    // A manager owns no one: the plan stays `[]`, and stderr says why and where to look.
    const manager = runCli(['plan', '--db', db, '--rep', 'u-m1', '--now', '2026-11-23T14:20:00Z']);
    expect(manager.code).toBe(0);
    expect(JSON.parse(manager.stdout)).toEqual([]);
    expect(manager.stderr).toContain('owns no leads or contacts');
    expect(manager.stderr).toContain('team --manager u-m1');
    const nobody = runCli(['plan', '--db', db, '--rep', 'ghost', '--now', '2026-11-23T14:20:00Z']);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('no user with id or email "ghost"');
    const noOffset = runCli(['plan', '--db', db, '--rep', 'u-r1', '--now', '2026-11-23T14:20']);
    expect(noOffset.code).toBe(2);
    expect(noOffset.stderr).toContain('not an ISO instant with an offset');
  }, 180_000);

  it('says a negative number must be a whole number, in the words "many" gets, for every numeric option', async () => {
    const db = dir.file('negative.db');
    // backtest reads a database, looked for before its numbers: a file it never opens.
    const existing = dir.file('negative-existing.db');
    writeFileSync(existing, 'not opened');
    const numeric: [string[], string][] = [
      [['demo', '--db', db, '--people', '-5'], '--people must be a whole number, got "-5"'],
      [['demo', '--db', db, '--seed', '-1'], '--seed must be a whole number, got "-1"'],
      [
        [
          'backtest',
          '--db',
          existing,
          '--as-of',
          '2026-11-23',
          '--days',
          '-3',
          '--out',
          dir.file('b.json'),
        ],
        '--days must be a whole number, got "-3"',
      ],
      [['serve', '--db', db, '--port', '-80'], '--port must be a whole number, got "-80"'],
      [
        [
          'sync',
          '--db',
          db,
          '--api-domain',
          'http://127.0.0.1:1',
          '--accounts-url',
          'http://127.0.0.1:1',
          '--client-id',
          'c',
          '--client-secret',
          's',
          '--refresh-token',
          't',
          '--requests-in-flight',
          '-2',
        ],
        'must be a whole number from 1 to',
      ],
    ];
    for (const [args, words] of numeric) {
      const res = await cli(args);
      expect([args.join(' '), res.code]).toEqual([args.join(' '), 2]);
      expect(res.stderr).toContain(words);
      expect(res.stderr).not.toContain('ambiguous');
    }
    // Nothing was written: the corrected command needs no --force.
    expect(existsSync(db)).toBe(false);
  });

  it('explains a missing option, a bad number and an unknown command, with a non-zero exit', () => {
    const noDb = runCli(['stats']);
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toContain('--db FILE is required');
    const badNumber = runCli(['demo', '--db', dir.file('y.db'), '--people', 'many']);
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toContain('--people must be a whole number, got "many"');
    // Nothing was written: the corrected command needs no --force.
    expect(existsSync(dir.file('y.db'))).toBe(false);
    // A clock without an offset would mean another instant on every computer.
    const noOffset = runCli(['serve', '--db', dir.file('z.db'), '--now', '2026-11-23T10:00']);
    expect(noOffset.code).toBe(2);
    expect(noOffset.stderr).toContain(
      '--now "2026-11-23T10:00" is not an ISO instant with an offset',
    );
    expect(existsSync(dir.file('z.db'))).toBe(false);
    const unknown = runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    // Asking a command for help shows the usage and runs nothing.
    const help = runCli(['demo', '--db', dir.file('help.db'), '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('demo --db FILE [--people N]');
    expect(existsSync(dir.file('help.db'))).toBe(false);
  }, 150_000);

  it('does not overwrite an existing database with the demo unless told to', () => {
    const db = dir.file('kept.db');
    expect(runCli(['demo', '--db', db, '--people', '60', '--seed', '5']).code).toBe(0);
    const before = runCli(['stats', '--db', db]).stdout;
    const again = runCli(['demo', '--db', db, '--people', '80', '--seed', '6']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${db} already exists`);
    expect(again.stderr).toContain('--force');
    expect(runCli(['stats', '--db', db]).stdout).toBe(before);
    expect(runCli(['demo', '--db', db, '--people', '80', '--seed', '6', '--force']).code).toBe(0);
    expect(JSON.parse(runCli(['stats', '--db', db]).stdout)).toMatchObject({ people: 80 });
  }, 180_000);

  it('says where the evaluation data comes from when it is missing, without a stack trace', () => {
    const res = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/main/besttime/evaluation/evaluate.ts'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, CW_DATA_DIR: dir.file('no-data') } },
    );
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(`No git-authors or collegemsg data set in ${dir.file('no-data')}`);
    expect(res.stderr).toContain('set CW_DATA_DIR');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to read a database that is not there, and creates none', () => {
    const missing = dir.file('typo.db');
    const stats = runCli(['stats', '--db', missing]);
    expect(stats.code).toBe(2);
    expect(stats.stderr).toContain(`No database at ${missing}`);
    const plan = runCli([
      'plan',
      '--db',
      missing,
      '--rep',
      'u-r1',
      '--now',
      '2026-11-23T10:00:00Z',
    ]);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain(`no database at ${missing}`);
    expect(existsSync(missing)).toBe(false);
    // An empty file (a `touch`, an interrupted copy) is not turned into a database either.
    const empty = dir.file('empty.db');
    writeFileSync(empty, '');
    for (const args of [
      ['plan', '--db', empty, '--rep', 'u-r1', '--now', '2026-11-23T10:00:00Z'],
      ['stats', '--db', empty],
    ]) {
      const res = runCli(args);
      expect(res.code).toBe(2);
      expect(res.stderr.toLowerCase()).toContain(`no database at ${empty}`.toLowerCase());
    }
    expect(statSync(empty).size).toBe(0);
  }, 120_000);

  it('reports a corrupt database file instead of crashing', () => {
    const bad = dir.file('bad.db');
    writeFileSync(bad, 'not a database at all'.repeat(50));
    const res = runCli(['stats', '--db', bad]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Cannot open the database at .*bad\.db/);
  });

  it('says a folder given as --db is a folder, not a database to move aside', () => {
    const folder = dir.file('a-folder');
    mkdirSync(folder, { recursive: true });
    const stats = runCli(['stats', '--db', folder]);
    expect(stats.code).toBe(2);
    expect(stats.stderr).toContain(`${folder} is a folder: --db takes a database file.`);
    const plan = runCli(['plan', '--db', folder, '--rep', 'u-r1', '--now', '2026-11-23T10:00:00Z']);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain(`plan: ${folder} is a folder: --db takes a database file`);
    // Where a command opens the file itself (demo writes one), the same words, not "move it aside".
    const demo = runCli(['demo', '--db', folder, '--force']);
    expect(demo.code).toBe(1);
    expect(demo.stderr).toContain(`${folder} is a folder, not a database file`);
    expect(demo.stderr).not.toContain('move it aside');
  }, 90_000);

  it('names a database damaged past its first page, says what to do, and writes nothing to it', () => {
    const db = dir.file('damaged.db');
    expect(runCli(['demo', '--db', db, '--people', '150', '--seed', '4']).code).toBe(0);
    // The pages of people and activities and their indexes: the file still opens (its schema
    // and schema_migrations are intact), and counting them meets garbage.
    expect(damageTables(db, ['people', 'activities'])).toBeGreaterThan(10);
    const damaged = readFileSync(db);
    const advice =
      'Restore a backup, or move it aside and start a fresh one (a CRM copy is then synced again).';
    const stats = runCli(['stats', '--db', db]);
    expect(stats.code).toBe(1);
    // stats checks the whole file first, and names the first damaged page it found.
    expect(stats.stderr).toMatch(/^The database at .* is damaged \(Tree \d+ page \d+: /);
    expect(stats.stderr).toContain(advice);
    const plan = runCli([
      'plan',
      `--db=${db}`,
      '--rep',
      'anna@northwind-demo.example',
      '--now',
      '2026-11-23T14:20:00+01:00',
    ]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`The database at ${db} is damaged`);
    expect(plan.stderr).toContain(advice);
    // alerts handles its own errors: the same words, not SQLite's alone.
    const alerts = runCli([
      'alerts',
      '--db',
      db,
      '--rep',
      'u-r1',
      '--from',
      '2026-11-01T00:00:00Z',
      '--to',
      '2026-11-30T00:00:00Z',
      '--out',
      dir.file('damaged-alerts.json'),
    ]);
    expect(alerts.code).toBe(1);
    expect(alerts.stderr).toBe(
      `alerts: The database at ${db} is damaged (database disk image is malformed). ${advice}\n`,
    );
    expect(existsSync(dir.file('damaged-alerts.json'))).toBe(false);
    expect(readFileSync(db).equals(damaged)).toBe(true);
  }, 120_000);

  it('says a database with one damaged page in the middle is damaged, where counting it would not notice', async () => {
    const db = dir.file('one-bad-page.db');
    expect((await cli(['demo', '--db', db, '--people', '60', '--seed', '4'])).code).toBe(0);
    // A page of the activities table itself: counting reads an index of it, not its pages.
    const raw = new BetterSqlite3(db, { readonly: true });
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const pages = raw.pragma('page_count', { simple: true }) as number;
    const page = raw
      .prepare(
        "select pageno from dbstat where name = 'activities' and pagetype = 'leaf' order by abs(pageno - ?) limit 1",
      )
      .pluck()
      .get(pages / 2) as number;
    raw.close();
    const fd = openSync(db, 'r+');
    // Half the page overwritten: its cells point at rows out of order.
    writeSync(
      fd,
      Buffer.alloc(pageSize / 2, 0x41),
      0,
      pageSize / 2,
      (page - 1) * pageSize + pageSize / 2,
    );
    closeSync(fd);
    const stats = await cli(['stats', '--db', db]);
    expect(stats.stdout).toBe('');
    expect(stats.code).toBe(1);
    expect(stats.stderr).toMatch(
      new RegExp(
        `^The database at ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged \\(.*page ${page}.*\\)\\. Restore a backup`,
      ),
    );
    expect(stats.stderr.split('\n')).toHaveLength(2);
  });

  it('never writes an output over a database, a folder or a file no run wrote, and names it', async () => {
    const db = dir.file('guarded.db');
    expect((await cli(['demo', '--db', db, '--people', '40', '--seed', '2'])).code).toBe(0);
    const other = dir.file('other.db');
    copyFileSync(db, other);
    const picture = dir.file('photo.png');
    writeFileSync(
      picture,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    const kept = [db, other, picture].map((f) => readFileSync(f));
    const team = ['team', '--db', db, '--manager', 'helena@northwind-demo.example'];
    const now = ['--now', '2026-11-23T10:00:00+01:00'];
    const refusals: [string[], string][] = [
      // The database being read, spelt another way.
      [
        [...team, ...now, '--out', `${dir.path}/./guarded.db`],
        `team: --out ${dir.path}/./guarded.db is the database given as --db: give the output another file name\n`,
      ],
      // Its write-ahead log, there or not: SQLite would read an output as one.
      [
        ['backtest', '--db', db, '--as-of', '2026-11-01T00:00:00Z', '--out', `${db}-wal`],
        `backtest: --out ${db}-wal is the write-ahead log of the database given as --db: give the output another file name\n`,
      ],
      [
        [
          'alerts',
          '--db',
          db,
          '--rep',
          'u-r1',
          '--from',
          '2026-11-01T00:00:00Z',
          '--to',
          '2026-11-02T00:00:00Z',
          '--out',
          other,
        ],
        `alerts: --out ${other} is an SQLite database: it is not replaced; give the output another file name\n`,
      ],
      [
        [...team, ...now, '--format', 'csv', '--out', picture],
        `team: --out ${picture} exists and is not a text file a previous run wrote: it is not replaced; give the output another file name\n`,
      ],
      // Node said "EISDIR: illegal operation on a directory, rename '…/.a-folder.….tmp' -> …".
      [
        [...team, ...now, '--out', dir.path],
        `team: --out ${dir.path} is a folder: give a file name (for example ${join(dir.path, 'out.json')})\n`,
      ],
      // A missing folder is a mistake in the command line, as in every command: exit 2.
      [
        ['backtest', '--db', db, '--as-of', '2026-11-01T00:00:00Z', '--out', dir.file('no/b.json')],
        `backtest: --out ${dir.file('no/b.json')}: the folder ${dir.file('no')} does not exist\n`,
      ],
    ];
    for (const [args, stderr] of refusals) {
      const res = await cli(args);
      // The refusal, then the command's usage line, as every exit 2 prints it.
      const usage = COMMAND_USAGE[args[0] as keyof typeof COMMAND_USAGE];
      expect([res.code, res.stderr, res.stdout]).toEqual([2, `${stderr}${usage}\n`, '']);
    }
    expect([db, other, picture].map((f, i) => readFileSync(f).equals(kept[i] as Buffer))).toEqual([
      true,
      true,
      true,
    ]);
    expect(existsSync(`${db}-wal`)).toBe(false);
    // What a run wrote, the next run replaces, in any of the formats.
    const out = dir.file('team-day.out');
    expect((await cli([...team, ...now, '--format', 'csv', '--out', out])).code).toBe(0);
    expect((await cli([...team, ...now, '--out', out])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ date: '2026-11-23' });
  });

  it('names a folder given to demo as a folder at once, not as a file --force would replace', async () => {
    const folder = dir.file('demo-folder');
    mkdirSync(folder, { recursive: true });
    const demo = await cli(['demo', '--db', folder]);
    expect(demo.code).toBe(1);
    expect(demo.stderr).toContain(`${folder} is a folder, not a database file`);
    expect(demo.stderr).not.toContain('--force');
  });

  it('follows a mistake in a command line with that command’s usage only', async () => {
    const cases: [string[], string][] = [
      [
        ['demo', '--db', dir.file('u.db'), '--people', 'many'],
        'demo: --people must be a whole number, got "many"\nUsage: demo --db FILE [--people N] [--seed S] [--force]\n',
      ],
      [['stats'], 'stats: --db FILE is required\nUsage: stats --db FILE\n'],
      [
        ['serve', '--port', 'x'],
        'serve: --port must be a whole number, got "x"\nUsage: serve [--db FILE] [--port N] [--now ISO]\n',
      ],
      [
        ['backtest', '--db', dir.file('u.db'), '--out', dir.file('b.json')],
        `backtest: No database at ${dir.file('u.db')}: check the path, or write one with "demo" or "sync".\nUsage: backtest --db FILE --as-of ISO [--days 28] --out FILE.json\n`,
      ],
    ];
    for (const [args, stderr] of cases) {
      const res = await cli(args);
      expect([res.code, res.stderr]).toEqual([2, stderr]);
    }
    // Where parseArgs finds the mistake, before the command runs, the same.
    const plan = await cli(['plan', '--bogus']);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toMatch(
      /^plan: Unknown option '--bogus'.*\nUsage: plan --db FILE --rep USER_ID_OR_EMAIL --now ISO \[--date YYYY-MM-DD\]\n$/,
    );
    expect(existsSync(dir.file('u.db'))).toBe(false);
  });

  it('prints the usage line after every exit-2 error of plan, team and serve too, the first line as it was', async () => {
    const db = dir.file('usage.db');
    expect((await cli(['demo', '--db', db, '--people', '30'])).code).toBe(0);
    const planUsage = 'Usage: plan --db FILE --rep USER_ID_OR_EMAIL --now ISO [--date YYYY-MM-DD]';
    const teamUsage =
      'Usage: team --db FILE --manager USER_ID_OR_EMAIL --now ISO [--date YYYY-MM-DD] [--format json|csv|ics] --out FILE';
    const plan = ['plan', '--db', db, '--rep', 'u-r1'];
    const team = ['team', '--db', db, '--manager', 'u-d1', '--out', dir.file('team.json')];
    const now = ['--now', '2026-11-23T10:00:00+01:00'];
    const missing = dir.file('missing.db');
    const cases: [string[], string, string][] = [
      [[...plan, '--now', 'tomorrow'], 'plan: --now "tomorrow" is not an ISO instant', planUsage],
      [
        [...plan, ...now, '--date', '23.11.2026'],
        'plan: --date "23.11.2026" is not a date (YYYY-MM-DD)',
        planUsage,
      ],
      [[...plan, ...now, '--date', '2030-01-01'], 'plan: --date 2030-01-01 ', planUsage],
      [
        ['plan', '--db', missing, '--rep', 'u-r1', ...now],
        `plan: no database at ${missing}`,
        planUsage,
      ],
      [[...team, '--now', 'tomorrow'], 'team: --now "tomorrow" is not an ISO instant', teamUsage],
      [
        [...team, ...now, '--date', 'monday'],
        'team: --date "monday" is not a date (YYYY-MM-DD)',
        teamUsage,
      ],
      [[...team, ...now, '--date', '2030-01-01'], 'team: --date 2030-01-01 ', teamUsage],
      [
        ['team', '--db', db, '--manager', 'u-d1', ...now, '--out', db],
        `team: --out ${db}`,
        teamUsage,
      ],
      [
        ['serve', '--db', dir.file('s.db'), '--now', 'tomorrow'],
        'serve: --now "tomorrow" is not an ISO instant',
        'Usage: serve [--db FILE] [--port N] [--now ISO]',
      ],
      [
        ['backtest', '--db', db, '--as-of', '2026-10-26', '--out', db],
        `backtest: --out ${db}`,
        'Usage: backtest --db FILE --as-of ISO [--days 28] --out FILE.json',
      ],
    ];
    for (const [args, first, usage] of cases) {
      const res = await cli(args);
      const lines = res.stderr.split('\n');
      expect([res.code, lines.length, lines[1], lines[2]], args.join(' ')).toEqual([
        2,
        3,
        usage,
        '',
      ]);
      expect(lines[0]?.startsWith(first), `${lines[0]} starts with ${first}`).toBe(true);
    }
  }, 120_000);

  it('refuses a --now that names no real instant: 30 February, an offset past ±14 hours', async () => {
    const db = dir.file('now.db');
    expect((await cli(['demo', '--db', db, '--people', '30'])).code).toBe(0);
    const plan = (now: string) => cli(['plan', '--db', db, '--rep', 'u-r1', '--now', now]);
    const impossibleOffset = await plan('2026-12-04T09:00+25:00');
    expect([impossibleOffset.code, impossibleOffset.stderr]).toEqual([
      2,
      `plan: --now "2026-12-04T09:00+25:00": +25:00 is not an offset a clock can have (from -12:00 to +14:00)\n${COMMAND_USAGE.plan}\n`,
    ]);
    expect((await plan('2026-12-04T09:00+01:75')).code).toBe(2);
    expect((await plan('2026-12-04T09:00-13:00')).code).toBe(2);
    expect((await plan('2026-12-04T09:00+14:00')).code).toBe(0);
    const noSuchDay = await plan('2026-02-30T10:00:00Z');
    expect([noSuchDay.code, noSuchDay.stderr]).toEqual([
      2,
      `plan: --now "2026-02-30T10:00:00Z" names a day or a time that does not exist\n${COMMAND_USAGE.plan}\n`,
    ]);
    // serve read it with Date.parse, which rolls it over to 2 March.
    const serve = await cli([
      'serve',
      '--db',
      dir.file('feb30.db'),
      '--now',
      '2026-02-30T10:00:00Z',
    ]);
    expect([serve.code, serve.stderr]).toEqual([
      2,
      `serve: --now "2026-02-30T10:00:00Z" names a day or a time that does not exist\n${COMMAND_USAGE.serve}\n`,
    ]);
    expect(existsSync(dir.file('feb30.db'))).toBe(false);
  });
});
