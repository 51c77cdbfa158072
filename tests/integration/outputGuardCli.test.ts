import { existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../fixtures/runCli';
import { COMMAND_USAGE } from '../../src/main/cli/commandUsage';
import { alertsOrgDb } from '../fixtures/alertsOrg';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

let dir: TempDir;
let db: string;

const cli = runCliInProcess;

function file(name: string, text: string): string {
  const path = dir.file(name);
  writeFileSync(path, text);
  return path;
}

/** Each spelling of `path` a user might give: relative, roundabout, a link, a hard link. */
function spellings(path: string, name: string): string[] {
  mkdirSync(dir.file('links'), { recursive: true });
  symlinkSync(path, dir.file(`links/${name}.symlink`));
  linkSync(path, dir.file(`links/${name}.hardlink`));
  symlinkSync(dir.path, dir.file(`links/${name}-folder`));
  return [
    path,
    relative(process.cwd(), path),
    `${dir.path}/links/../${name}`,
    dir.file(`links/${name}.symlink`),
    dir.file(`links/${name}.hardlink`),
    dir.file(`links/${name}-folder/${name}`),
  ];
}

beforeAll(async () => {
  dir = makeTempDir('cw-out-guard-');
  await (await alertsOrgDb(dir, 'org.db')).close();
  db = dir.file('org.db');
});
afterAll(() => dir.remove());

describe('--out never replaces what the command reads', () => {
  it('besttime refuses its --events file as --out, however it is spelt', async () => {
    const text = 'person_id,timestamp,event_type\np1,2026-11-02T09:10:00Z,email_opened\n';
    const events = file('ev.csv', text);
    for (const out of spellings(events, 'ev.csv')) {
      const res = await cli([
        'besttime',
        '--events',
        events,
        '--as-of',
        '2026-11-20T00:00:00Z',
        '--out',
        out,
      ]);
      expect([res.code, res.stderr, res.stdout]).toEqual([
        2,
        `besttime: --out ${out} is the file given as --events: give the output another file name\n${COMMAND_USAGE.besttime}\n`,
        '',
      ]);
      expect(readFileSync(events, 'utf8')).toBe(text);
    }
    // Another name beside it is written as before.
    const out = dir.file('windows.json');
    expect(
      (await cli(['besttime', '--events', events, '--as-of', '2026-11-20T00:00:00Z', '--out', out]))
        .code,
    ).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ people: expect.any(Array) });
  });

  it('alerts refuses its --page-views, --access-log and --rules files as --out', async () => {
    const csv = file('views.csv', 'timestamp,visitor_id,url,name\n2026-11-23T09:00:00Z,x,/,Sam\n');
    const log = file(
      'access.log',
      '203.0.113.10 - - [23/Nov/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0"\n',
    );
    const rules = file(
      'rules.json',
      JSON.stringify({
        rules: [{ name: 'All', categories: ['unknown'], owner: 'anyone', page: '/*' }],
      }),
    );
    const kept = [csv, log, rules].map((f) => readFileSync(f, 'utf8'));
    const alerts = ['alerts', '--db', db, '--rep', 'rep'];
    const cases: [string[], string, string][] = [
      [['--page-views', csv], `${dir.path}/./views.csv`, '--page-views'],
      [['--access-log', log], dir.file('links/../access.log'), '--access-log'],
      [['--page-views', csv, '--rules', rules], relative(process.cwd(), rules), '--rules'],
    ];
    mkdirSync(dir.file('links'), { recursive: true });
    for (const [source, out, option] of cases) {
      const res = await cli([...alerts, ...source, '--out', out]);
      expect([res.code, res.stderr, res.stdout]).toEqual([
        2,
        `alerts: --out ${out} is the file given as ${option}: give the output another file name\n${COMMAND_USAGE.alerts}\n`,
        '',
      ]);
    }
    expect([csv, log, rules].map((f) => readFileSync(f, 'utf8'))).toEqual(kept);
  });

  it('refuses the journal of the database a link as --db points to, which SQLite would delete', async () => {
    const link = dir.file('link.db');
    symlinkSync(db, link);
    for (const suffix of ['-journal', '-wal', '-shm']) {
      const out = `${db}${suffix}`;
      const res = await cli([
        'backtest',
        '--db',
        link,
        '--as-of',
        '2026-11-20T00:00:00Z',
        '--out',
        out,
      ]);
      const what = {
        '-journal': 'the journal',
        '-wal': 'the write-ahead log',
        '-shm': 'the shared-memory file',
      }[suffix];
      expect([res.code, res.stderr, res.stdout]).toEqual([
        2,
        `backtest: --out ${out} is ${what} of the database given as --db: give the output another file name\n${COMMAND_USAGE.backtest}\n`,
        '',
      ]);
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe('--out naming a folder', () => {
  const backtest = ['backtest', '--as-of', '2026-11-20T00:00:00Z', '--out'];

  it('refuses a missing folder written with a trailing slash as any missing folder', async () => {
    const out = `${dir.path}/nonexist/`;
    const res = await cli([...backtest, out, '--db', db]);
    expect([res.code, res.stderr, res.stdout]).toEqual([
      2,
      `backtest: --out ${out}: the folder ${dir.file('nonexist')} does not exist\n${COMMAND_USAGE.backtest}\n`,
      '',
    ]);
    expect(existsSync(dir.file('nonexist'))).toBe(false);
  });

  it('refuses an existing folder with a trailing slash, and a file written as a folder', async () => {
    const folder = `${dir.path}/`;
    const asFolder = await cli([...backtest, folder, '--db', db]);
    expect([asFolder.code, asFolder.stderr]).toEqual([
      2,
      `backtest: --out ${folder} is a folder: give a file name (for example ${dir.file('out.json')})\n${COMMAND_USAGE.backtest}\n`,
    ]);
    const text = file('earlier.json', '{}\n');
    const asFile = await cli([...backtest, `${text}/`, '--db', db]);
    expect([asFile.code, asFile.stderr]).toEqual([
      2,
      `backtest: --out ${text}/: ${text} is a file, not a folder\n${COMMAND_USAGE.backtest}\n`,
    ]);
    expect(readFileSync(text, 'utf8')).toBe('{}\n');
  });

  it('refuses a path through a missing folder and "..", as the system walks it', async () => {
    const out = `${dir.path}/gone/../b.json`;
    const res = await cli([...backtest, out, '--db', db]);
    expect([res.code, res.stderr, res.stdout]).toEqual([
      2,
      `backtest: --out ${out}: the folder ${dir.path}/gone/.. does not exist\n${COMMAND_USAGE.backtest}\n`,
      '',
    ]);
    expect(existsSync(dir.file('b.json'))).toBe(false);
  });
});
