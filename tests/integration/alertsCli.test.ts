import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { runCli } from '../fixtures/runCli';
import { addVisit, alertsOrgDb, BROWSER, CRAWLER, MIN, MONDAY_10 } from '../fixtures/alertsOrg';

let dir: TempDir;
let dbPath: string;
beforeAll(async () => {
  dir = makeTempDir();
  const db = await alertsOrgDb(dir, 'org.db');
  // Stored visits on Monday: Carla twice within the hour (one session, then a second one), a
  // crawler, Otto's lead, and Lena on Tuesday evening after hours.
  addVisit(db, {
    id: 'v1',
    personId: 'p-cust',
    start: MONDAY_10,
    pages: [
      ['/', 0],
      ['/pricing', 3],
    ],
  });
  addVisit(db, { id: 'v2', personId: 'p-cust', start: MONDAY_10 + 10 * MIN });
  addVisit(db, { id: 'v3', personId: 'p-cust', start: MONDAY_10 + 45 * MIN });
  addVisit(db, { id: 'v4', ip: '192.0.2.9', userAgent: CRAWLER, start: MONDAY_10 + 5 * MIN });
  addVisit(db, { id: 'v5', personId: 'p-other', start: MONDAY_10 + 20 * MIN });
  addVisit(db, { id: 'v6', personId: 'p-lead', start: MONDAY_10 + 35 * 60 * MIN });
  addVisit(db, { id: 'v7', personId: 'p-deal', start: MONDAY_10 + 8 * 86_400_000 });
  // Thursday: Carla on a visit the CRM linked to nobody, by the e-mail she gave.
  addVisit(db, { id: 'v8', email: 'carla@acme.example', start: MONDAY_10 + 3 * 86_400_000 });
  await db.close();
  dbPath = dir.file('org.db');
});
afterAll(() => dir.remove());

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface Output {
  rep: string;
  summary: {
    page_views: number;
    sessions: number;
    bot_sessions: number;
    alerts_now: number;
    alerts_held: number;
    suppressed: { cooldown: number; session: number; rules: number; bots: number };
  };
  alerts: Record<string, unknown>[];
}

function run(args: string[], out = dir.file(`out-${Math.random()}.json`)) {
  const res = runCli(['alerts', '--db', dbPath, ...args, '--out', out]);
  return { ...res, out, json: () => JSON.parse(readFileSync(out, 'utf8')) as Output };
}

function file(name: string, text: string): string {
  const path = dir.file(name);
  writeFileSync(path, text);
  return path;
}

describe('the alerts command', () => {
  it("replays a page-view file through the rep's default rules: own known people only", () => {
    const csv = file(
      'views.csv',
      [
        'timestamp,visitor_id,url,email,name,ip,referrer,user_agent',
        `2026-11-23T10:00:00+01:00,a,/,CARLA@acme.example,,203.0.113.1,,"${BROWSER}"`,
        `2026-11-23T09:02:00Z,a,https://example.com/pricing?x=1,,,203.0.113.1,,"${BROWSER}"`,
        `2026-11-23T09:03:00Z,b,/,olaf@delta.example,,,,`,
        `2026-11-23T09:04:00Z,c,/,stranger@nowhere.example,Sam,,,`,
        `2026-11-23T09:05:00Z,d,/,lena@gamma.example,,,,"${CRAWLER}"`,
        `2026-11-23T09:06:00Z,e,/docs,dirk@beta.example,,,,`,
      ].join('\n'),
    );
    const res = run(['--rep', 'rita@example.com', '--page-views', csv]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/6 page views in 5 sessions \(1 of bots\).*2 alerts now, 0 held/);
    const out = res.json();
    expect(out.rep).toBe('rep');
    expect(out.summary).toEqual({
      page_views: 6,
      sessions: 5,
      bot_sessions: 1,
      alerts_now: 2,
      alerts_held: 0,
      suppressed: { cooldown: 0, session: 1, rules: 2, bots: 1 },
    });
    expect(out.alerts).toEqual([
      {
        person_id: 'p-cust',
        name: 'Carla Customer',
        visitor_id: 'a',
        category: 'customer',
        visit_started_at: '2026-11-23T09:00:00.000Z',
        alert_at: '2026-11-23T09:00:00.000Z',
        delivery: 'now',
        deliver_at: '2026-11-23T09:00:00.000Z',
        rule: 'My people on the website',
        pages: ['/'],
        score: 80,
        best_window: {
          channel: 'call',
          state: 'now',
          start: '2026-11-23T08:00:00.000Z',
          end: '2026-11-23T10:00:00.000Z',
          stars: 4,
        },
      },
      {
        person_id: 'p-deal',
        name: 'Dirk Dealing',
        visitor_id: 'e',
        category: 'customer_open_deal',
        visit_started_at: '2026-11-23T09:06:00.000Z',
        alert_at: '2026-11-23T09:06:00.000Z',
        delivery: 'now',
        deliver_at: '2026-11-23T09:06:00.000Z',
        rule: 'My people on the website',
        pages: ['/docs'],
        score: 40,
        best_window: {
          channel: 'call',
          state: 'upcoming',
          start: '2026-11-23T15:00:00.000Z',
          end: '2026-11-23T16:00:00.000Z',
          stars: 2.5,
        },
      },
    ]);
  });

  it('takes rules, cooldown and working hours from --rules, holding alerts after hours', () => {
    const rules = file(
      'rules.json',
      JSON.stringify({
        rules: [
          {
            name: 'Pricing readers',
            categories: ['unknown', 'lead_contact'],
            owner: 'anyone',
            page: '/pricing*',
          },
        ],
        cooldown_minutes: 5,
        working_hours: 'Mon-Fri 09:00-10:30',
      }),
    );
    const csv = file(
      'late.csv',
      [
        'timestamp,visitor_id,url,name',
        '2026-11-23T09:00:00Z,x,/,Sam',
        '2026-11-23T09:01:00Z,x,/pricing/teams,Sam',
        '2026-11-23T09:40:00Z,x,/pricing,Sam',
        '2026-11-27T20:00:00Z,y,/pricing,',
      ].join('\n'),
    );
    const res = run(['--rep', 'rep', '--page-views', csv, '--rules', rules]);
    expect(res.code).toBe(0);
    const out = res.json();
    expect(
      out.alerts.map((a) => [
        a['visitor_id'],
        a['name'],
        a['delivery'],
        a['alert_at'],
        a['deliver_at'],
      ]),
    ).toEqual([
      ['x', 'Sam', 'now', '2026-11-23T09:01:00.000Z', '2026-11-23T09:01:00.000Z'],
      ['x', 'Sam', 'held', '2026-11-23T09:40:00.000Z', '2026-11-24T08:00:00.000Z'],
      ['y', null, 'held', '2026-11-27T20:00:00.000Z', '2026-11-30T08:00:00.000Z'],
    ]);
    expect(out.alerts[0]).toMatchObject({
      category: 'unknown',
      person_id: null,
      score: null,
      best_window: null,
      rule: 'Pricing readers',
    });
  });

  it('counts a known person on two devices as one visitor: one session, one alert', () => {
    const rules = file(
      'no-cooldown.json',
      JSON.stringify({
        rules: [{ name: 'Leads', categories: ['lead_contact'], owner: 'me' }],
        cooldown_minutes: 0,
      }),
    );
    // Lena on her laptop (v1), then her phone (v2) a minute later; Sam, unknown, on two devices.
    const csv = file(
      'devices.csv',
      [
        'timestamp,visitor_id,url,email,name',
        '2026-11-23T10:00:00+01:00,v1,/,lena@gamma.example,',
        '2026-11-23T10:01:00+01:00,v2,/pricing,Lena@Gamma.example,',
        '2026-11-23T10:05:00+01:00,v1,/docs,,',
        '2026-11-23T10:02:00+01:00,s1,/,,Sam',
        '2026-11-23T10:03:00+01:00,s2,/,,Sam',
      ].join('\n'),
    );
    const res = run(['--rep', 'rep', '--page-views', csv, '--rules', rules]);
    expect(res.code).toBe(0);
    const out = res.json();
    expect(out.summary).toEqual({
      page_views: 5,
      sessions: 3,
      bot_sessions: 0,
      alerts_now: 1,
      alerts_held: 0,
      suppressed: { cooldown: 0, session: 2, rules: 2, bots: 0 },
    });
    expect(out.alerts.map((a) => [a['person_id'], a['visitor_id'], a['alert_at']])).toEqual([
      ['p-lead', 'v1', '2026-11-23T09:00:00.000Z'],
    ]);
  });

  it('replays an Apache combined log: every visitor unknown, a visitor an IP and user agent, bots apart', () => {
    const line = (ip: string, time: string, path: string, ua: string, status = 200) =>
      `${ip} - - [${time} +0000] "GET ${path} HTTP/1.1" ${status} 512 "-" "${ua}"`;
    const log = file(
      'access.log',
      [
        line('203.0.113.10', '23/Nov/2026:09:00:00', '/', BROWSER),
        line('203.0.113.10', '23/Nov/2026:09:00:01', '/logo.png', BROWSER),
        line('203.0.113.10', '23/Nov/2026:09:10:00', '/pricing', BROWSER),
        line(
          '203.0.113.10',
          '23/Nov/2026:09:12:00',
          '/',
          'Mozilla/5.0 (Windows NT 10.0) Firefox/120.0',
        ),
        line('192.0.2.1', '23/Nov/2026:09:05:00', '/', CRAWLER),
        line('192.0.2.1', '23/Nov/2026:09:06:00', '/about', CRAWLER),
        line('203.0.113.11', '23/Nov/2026:09:07:00', '/gone', BROWSER, 404),
      ].join('\n'),
    );
    const everyone = file(
      'everyone.json',
      JSON.stringify({ rules: [{ name: 'Anyone', categories: ['unknown'], owner: 'anyone' }] }),
    );
    const res = run(['--rep', 'rep', '--access-log', log, '--rules', everyone]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/2 of 7 log lines not page views/);
    const out = res.json();
    expect(out.summary).toEqual({
      page_views: 5,
      sessions: 3,
      bot_sessions: 1,
      alerts_now: 2,
      alerts_held: 0,
      suppressed: { cooldown: 0, session: 1, rules: 0, bots: 2 },
    });
    expect(out.alerts.map((a) => a['pages'])).toEqual([['/'], ['/']]);
    for (const a of out.alerts) {
      expect(a['visitor_id']).toMatch(/^anon-[0-9a-f]{16}$/);
      expect(JSON.stringify(a)).not.toContain('203.0.113');
    }
    // A rule that can never hold is run as given (the command's interface takes it) and named.
    const never = file(
      'never.json',
      JSON.stringify({ rules: [{ name: 'Mine', categories: ['unknown'], owner: 'me' }] }),
    );
    const said = run(['--rep', 'rep', '--access-log', log, '--rules', never]);
    expect(said.code).toBe(0);
    expect(said.stderr).toMatch(/rule "Mine" raises nothing: .*nobody owns them/);
    expect(said.json().alerts).toEqual([]);
    // With the default rules (unknown visitors never), the same log raises nothing.
    const quiet = run(['--rep', 'rep', '--access-log', log]).json();
    expect(quiet.alerts).toEqual([]);
    expect(quiet.summary.suppressed.rules).toBe(3);
  });

  it('replays the visits stored between --from and --to, with every instant in UTC', () => {
    const res = run([
      '--rep',
      'rep',
      '--from',
      '2026-11-23T00:00:00+01:00',
      '--to',
      '2026-11-25T00:00:00Z',
    ]);
    expect(res.code).toBe(0);
    const out = res.json();
    // Carla: one session from 10:00 (the visit at 10:10 joins it), another at 10:45 within the
    // cooldown; the crawler; Otto's lead (not Rita's); Lena on Tuesday at 21:00, after hours.
    expect(out.summary).toMatchObject({
      sessions: 5,
      bot_sessions: 1,
      alerts_now: 1,
      alerts_held: 1,
    });
    expect(out.summary.suppressed).toEqual({ cooldown: 1, session: 2, rules: 1, bots: 1 });
    expect(out.alerts.map((a) => [a['person_id'], a['delivery'], a['deliver_at']])).toEqual([
      ['p-cust', 'now', '2026-11-23T09:00:00.000Z'],
      ['p-lead', 'held', '2026-11-25T07:00:00.000Z'],
    ]);
    for (const a of out.alerts)
      for (const key of ['visit_started_at', 'alert_at', 'deliver_at'])
        expect(a[key]).toMatch(ISO_Z);
  });

  it('takes a stored visitor linked to nobody as the person whose e-mail they gave', () => {
    const out = run([
      '--rep',
      'rep',
      '--from',
      '2026-11-26T00:00:00Z',
      '--to',
      '2026-11-27T00:00:00Z',
    ]).json();
    expect(out.alerts).toEqual([
      expect.objectContaining({
        person_id: 'p-cust',
        name: 'Carla Customer',
        visitor_id: 'p-cust',
        category: 'customer',
        score: 80,
      }),
    ]);
  });

  it.each([
    [
      'a malformed line in the page-view file',
      () => [
        '--rep',
        'rep',
        '--page-views',
        file(
          'bad.csv',
          'timestamp,visitor_id,url\n2026-11-23T09:00:00Z,a,/\n2026-11-23T09:00:00Z,a\n',
        ),
      ],
      /bad\.csv line 3: 2 fields where the header has 3/,
    ],
    [
      'an unknown rep',
      () => [
        '--rep',
        'nobody@example.com',
        '--page-views',
        file('ok.csv', 'timestamp,visitor_id,url\n2026-11-23T09:00:00Z,a,/\n'),
      ],
      /no user with id or email "nobody@example\.com"/,
    ],
    [
      'an invalid rule',
      () => [
        '--rep',
        'rep',
        '--from',
        '2026-11-23T00:00:00Z',
        '--to',
        '2026-11-24T00:00:00Z',
        '--rules',
        file(
          'bad-rules.json',
          '{\n  "rules": [\n    {"name": "X", "categories": ["customer"], "owner": "mine"}\n  ]\n}',
        ),
      ],
      /bad-rules\.json line 3: rules\[0\] \("X"\)\.owner/,
    ],
    [
      'a picture given as page views',
      () => [
        '--rep',
        'rep',
        '--page-views',
        file('picture.png', `\x89PNG\r\n\x1a\n\0\0\0\rIHDR${'\0\x01\x7f"'.repeat(400)}\nIEND`),
      ],
      /^alerts: \S*picture\.png: not a CSV file \(it holds binary data, as a picture or a database does\)\n/,
    ],
    [
      'a quote csv-parse cannot read, in a long field',
      () => [
        '--rep',
        'rep',
        '--page-views',
        file(
          'quoted.csv',
          `timestamp,visitor_id,url\n2026-11-23T09:00:00Z,a,/x\u0007${'y'.repeat(3_000)}"z\n`,
        ),
      ],
      /^alerts: \S*quoted\.csv line 2: Invalid Opening Quote: .*\/x\\u0007y+… \(\d+ characters\)\n$/,
    ],
  ])('stops at %s, says where and what, and writes nothing', (_what, args, message) => {
    const out = dir.file(`none-${Math.random()}.json`);
    const res = run(args(), out);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('leaves an earlier output as it was when the input is bad', () => {
    const out = dir.file('kept.json');
    writeFileSync(out, 'earlier output');
    const bad = file('bad2.csv', 'timestamp,visitor_id,url\n2026-11-23T09:00:00,a,/\n');
    const res = run(['--rep', 'rep', '--page-views', bad], out);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/bad2\.csv line 2: bad timestamp "2026-11-23T09:00:00"/);
    expect(readFileSync(out, 'utf8')).toBe('earlier output');
  });

  it('refuses two sources at once, with its usage', () => {
    const res = run([
      '--rep',
      'rep',
      '--access-log',
      'x.log',
      '--from',
      '2026-11-23T00:00:00Z',
      '--to',
      '2026-11-24T00:00:00Z',
    ]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/give one source.*\n.*usage: alerts --db FILE --rep/);
  });
});
