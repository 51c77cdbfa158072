import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBesttimeCli } from '../../../src/main/cli/besttime';
import { COMMAND_USAGE } from '../../../src/main/cli/commandUsage';

let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'besttime-cli-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runBesttimeCli(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  });
  return { code, stdout, stderr };
}

async function csv(lines: string[]): Promise<string> {
  const path = join(dir, 'events.csv');
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

const TOKYO_CALLS = [
  'event_type,timestamp,person_id,duration_s,person_tz',
  'call_answered,2024-03-05T10:15:00+09:00,tk,300,Asia/Tokyo',
  'call_answered,2024-03-12T01:20:00Z,tk,240,Asia/Tokyo',
  'call_answered,2024-03-19T10:05:00+09:00,tk,90,Asia/Tokyo',
  'call_answered,2024-03-26T10:40:00+09:00,tk,600,Asia/Tokyo',
  'call_answered,2024-03-27T10:40:00+09:00,tk,45,Asia/Tokyo',
  'email_opened,2024-03-06T20:10:00Z,ann,,',
  'email_opened,2024-03-13T20:20:00Z,ann,,',
  'email_opened,2024-04-03T20:20:00Z,ann,,',
];

describe('besttime command', () => {
  it('reads unanswered calls (call_no_answer, duration optional) as evidence against their hour for calls (BT-12)', async () => {
    const events = await csv([
      'person_id,timestamp,event_type,duration_s,person_tz',
      ...['05', '12', '19', '26'].map((d) => `p,2024-03-${d}T10:15:00Z,call_answered,300,UTC`),
      ...['05', '12', '19', '26'].map((d) => `p,2024-03-${d}T15:10:00Z,call_inbound_answered,,UTC`),
      ...['05', '12', '19'].map((d) => `p,2024-03-${d}T15:40:00Z,call_no_answer,,UTC`),
      'p,2024-03-26T15:45:00Z,call_no_answer,25,UTC',
    ]);
    const out = join(dir, 'out.json');
    const result = await cli(['--events', events, '--as-of', '2024-04-01T00:00:00Z', '--out', out]);
    expect(result.code).toBe(0);
    const [call] = JSON.parse(await readFile(out, 'utf8')).people;
    const tuesday = call.windows.filter((w: { weekday: number }) => w.weekday === 2);
    expect(tuesday[0]).toMatchObject({ start: '10:00', end: '11:00' });
    // The tries at 15:00 are not the 10:00 window's to tell (BT-10: its own hours only).
    expect(tuesday[0].reason).not.toContain('unanswered');
    const atThree = tuesday.find((w: { start: string }) => w.start === '15:00');
    if (atThree) expect(atThree.reason).toContain('; 4 calls there went unanswered');
  });

  it('writes suggestions per person and channel in local time, sorted', async () => {
    const events = await csv(TOKYO_CALLS);
    const out = join(dir, 'out.json');
    const result = await cli(['--events', events, '--as-of', '2024-04-01T00:00:00Z', '--out', out]);
    expect(result.code).toBe(0);
    // One e-mail open (3 April) is after --as-of: it is left out, and the command says so.
    expect(result.stderr).toBe(
      'besttime: 1 of them dated at or after --as-of, ignored (the model learns only from what was known then)\n',
    );
    const json = JSON.parse(await readFile(out, 'utf8'));
    expect(json.as_of).toBe('2024-04-01T00:00:00.000Z');
    expect(
      json.people.map((p: { person_id: string; channel: string }) => `${p.person_id}/${p.channel}`),
    ).toEqual(['ann/email', 'tk/call']);
    const [ann, tk] = json.people;
    expect(tk).toMatchObject({ tz: 'Asia/Tokyo' });
    expect(tk.windows.find((w: { weekday: number }) => w.weekday === 2)).toMatchObject({
      start: '10:00',
      end: '11:00',
    });
    expect(tk.windows.find((w: { weekday: number }) => w.weekday === 2).reason).toContain(
      'answered 4 calls on Tuesdays 10:00-11:00 their time',
    );
    expect(ann).toMatchObject({ tz: 'UTC' });
    expect(ann.windows.find((w: { weekday: number }) => w.weekday === 3)).toMatchObject({
      start: '20:00',
      end: '21:00',
    });
    for (const p of json.people) {
      const days = p.windows.map((w: { weekday: number }) => w.weekday);
      expect(days).toEqual([...days].sort((a, b) => a - b));
      for (const w of p.windows)
        expect(Object.keys(w).sort()).toEqual(['end', 'reason', 'stars', 'start', 'weekday']);
    }
  });

  it('honours business hours, the org zone, slot and top', async () => {
    const events = await csv(TOKYO_CALLS);
    const out = join(dir, 'out.json');
    const args = [
      '--events',
      events,
      '--as-of',
      '2024-04-01T00:00:00Z',
      '--org-tz',
      'Europe/Berlin',
    ];
    const result = await cli([
      ...args,
      '--business-hours',
      'Mon-Fri 09:00-18:00',
      '--slot',
      '30',
      '--top',
      '1',
      '--out',
      out,
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(await readFile(out, 'utf8'));
    const tk = json.people.find((p: { person_id: string }) => p.person_id === 'tk');
    const starts = tk.windows.map((w: { start: string }) => w.start);
    expect(starts).not.toContain('10:00');
    for (const w of tk.windows)
      expect(w.start.endsWith(':00') || w.start.endsWith(':30')).toBe(true);
    expect(new Set(tk.windows.map((w: { weekday: number }) => w.weekday)).size).toBe(
      tk.windows.length,
    );
  });

  it.each([
    [
      ['person_id,timestamp,event_type', 'a,2024-03-05T10:15:00Z,call_maybe'],
      'line 2: unknown event_type "call_maybe" (one of call_answered, call_inbound_missed,',
    ],
    [
      [
        'person_id,timestamp,event_type,duration_s,person_tz',
        'a,2024-03-05T10:15:00Z,email_opened,,UTC',
        'a,2024-03-05T10:15:00Z,email_opened',
      ],
      'line 3: 3 fields where the header has 5; leave an optional column empty',
    ],
    [
      [
        'person_id,timestamp,event_type',
        'a,2024-03-05T10:15:00Z,email_opened',
        'a,2024-03-05T10:15:00,email_opened',
      ],
      'line 3: bad timestamp "2024-03-05T10:15:00"',
    ],
    [
      ['person_id,timestamp,event_type', 'a,yesterday,email_opened'],
      'line 2: bad timestamp "yesterday"',
    ],
    [
      [
        'person_id,timestamp,event_type,person_tz',
        'a,2024-03-05T10:15:00Z,email_opened,Mars/Olympus',
      ],
      'line 2: unknown time zone "Mars/Olympus"',
    ],
    [['person_id,event_type', 'a,email_opened'], 'line 1: missing column "timestamp"'],
    [
      ['person_id;timestamp;event_type', 'a;2024-03-05T10:15:00Z;email_opened'],
      'line 1: columns must be separated by commas, this file uses ";"',
    ],
    [
      ['person_id,timestamp,event_type,duration_s', 'a,2024-03-05T10:15:00Z,call_answered,long'],
      'line 2: bad duration_s "long"',
    ],
    [['person_id,timestamp,event_type', 'a,2024-03-05T10:15:00Z,email_opened,extra'], 'line 2:'],
  ])('rejects bad events with a line number and writes nothing (%#)', async (lines, message) => {
    const events = await csv(lines);
    const out = join(dir, 'out.json');
    const result = await cli(['--events', events, '--as-of', '2024-04-01T00:00:00Z', '--out', out]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`${events} ${message}`);
    expect(await readdir(dir)).toEqual(['events.csv']);
  });

  it.each([
    [['--as-of', '2024-04-01T00:00:00Z'], 'missing option --events'],
    [['--events', 'E', '--as-of', '2024-04-01T00:00:00Z', '--top'], 'option --top needs a value'],
    [['--events', 'E'], 'missing option --as-of'],
    [
      ['--events', 'E', '--as-of', '2024-04-01T00:00:00Z', '--org-tz', 'Nowhere/City'],
      'unknown time zone "Nowhere/City"',
    ],
    [
      [
        '--events',
        'E',
        '--as-of',
        '2024-04-01T00:00:00Z',
        '--business-hours',
        'Mon-Fri 18:00-09:00',
      ],
      'ends before it starts',
    ],
    [['--events', 'E', '--as-of', '2024-04-01T00:00:00Z', '--slot', '45'], 'bad --slot "45"'],
    [['--events', 'E', '--as-of', 'soon'], 'bad --as-of "soon"'],
    [
      ['--events', 'E', '--as-of', '2024-04-01T00:00:00Z', '--colour', 'red'],
      'unknown option --colour',
    ],
  ])('rejects bad options with a message and writes nothing (%#)', async (args, message) => {
    const events = await csv(TOKYO_CALLS);
    const out = join(dir, 'out.json');
    const withFiles = args.map((a) => (a === 'E' ? events : a));
    const result = await cli([...withFiles, '--out', out]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(message);
    expect(await readdir(dir)).toEqual(['events.csv']);
  });

  it('reads a file with columns it does not know, naming each one it ignores on stderr (the output is unchanged)', async () => {
    const out = join(dir, 'out.json');
    const known = await cli([
      '--events',
      await csv(TOKYO_CALLS),
      '--as-of',
      '2024-04-01T00:00:00Z',
      '--out',
      out,
    ]);
    const expected = await readFile(out, 'utf8');
    const events = await csv([
      'person_id,timestamp,event_type,duration_s,person_tz,duration,person_timezone',
      ...TOKYO_CALLS.slice(1).map((line) => {
        const [type, stamp, person, seconds, zone] = line.split(',');
        return `${person},${stamp},${type},${seconds},${zone},${seconds},${zone}`;
      }),
    ]);
    const result = await cli(['--events', events, '--as-of', '2024-04-01T00:00:00Z', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(known.stdout);
    const reads = '(person_id, timestamp, event_type, duration_s, person_tz)';
    expect(result.stderr).toBe(
      `besttime: ${events}: column "duration" is not one the command reads ${reads}; it is ignored\n` +
        `besttime: ${events}: column "person_timezone" is not one the command reads ${reads}; it is ignored\n` +
        known.stderr,
    );
    expect(await readFile(out, 'utf8')).toBe(expected);
  });

  it('refuses an --as-of with a time and no date (it would be today wherever it runs); a date alone is midnight in the organisation’s zone', async () => {
    const events = await csv(TOKYO_CALLS);
    const out = join(dir, 'out.json');
    for (const asOf of ['10:00', '10:00:00Z', 'T10:00', '10']) {
      const result = await cli(['--events', events, '--as-of', asOf, '--out', out]);
      expect([result.code, result.stderr]).toEqual([
        2,
        expect.stringContaining(`besttime: bad --as-of "${asOf}" (ISO 8601`),
      ]);
    }
    expect(await readdir(dir)).toEqual(['events.csv']);
    const args = ['--events', events, '--org-tz', 'Asia/Tokyo', '--out', out];
    expect((await cli([...args, '--as-of', '2024-04-01'])).code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8')).as_of).toBe('2024-03-31T15:00:00.000Z');
    expect((await cli([...args, '--as-of', '2024-04-01T09:00'])).code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8')).as_of).toBe('2024-04-01T00:00:00.000Z');
  });

  it('says in plain words that an --events file is not there, or is a folder', async () => {
    const out = join(dir, 'out.json');
    const missing = await cli([
      '--events',
      join(dir, 'nope.csv'),
      '--as-of',
      '2024-04-01T00:00:00Z',
      '--out',
      out,
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain(
      `--events ${join(dir, 'nope.csv')}: there is no such file: check the path`,
    );
    const folder = await cli(['--events', dir, '--as-of', '2024-04-01T00:00:00Z', '--out', out]);
    expect(folder.stderr).toContain(`--events ${dir}: it is a folder, not a file`);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses an output path in a missing folder, naming the folder, and writes nothing', async () => {
    const events = await csv(TOKYO_CALLS);
    const out = join(dir, 'no-such-folder', 'out.json');
    const result = await cli(['--events', events, '--as-of', '2024-04-01T00:00:00Z', '--out', out]);
    // A mistake in the command line, exit 2, as in team, backtest and alerts.
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `besttime: --out ${out}: the folder ${join(dir, 'no-such-folder')} does not exist\n${COMMAND_USAGE.besttime}\n`,
    );
    expect(await readdir(dir)).toEqual(['events.csv']);
  });

  it('replaces an existing output file only when the run succeeds', async () => {
    const out = join(dir, 'out.json');
    await writeFile(out, 'previous');
    const bad = await csv(['person_id,timestamp,event_type', 'a,2024-03-05T10:15:00Z,nope']);
    expect(
      (await cli(['--events', bad, '--as-of', '2024-04-01T00:00:00Z', '--out', out])).code,
    ).not.toBe(0);
    expect(await readFile(out, 'utf8')).toBe('previous');
    const good = await csv(TOKYO_CALLS);
    expect(
      (await cli(['--events', good, '--as-of', '2024-04-01T00:00:00Z', '--out', out])).code,
    ).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8')).people.length).toBe(2);
    expect((await readdir(dir)).sort()).toEqual(['events.csv', 'out.json']);
  });
});
