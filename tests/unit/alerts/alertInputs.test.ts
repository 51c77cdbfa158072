import { describe, expect, it } from 'vitest';
import { parseAccessLog } from '../../../src/main/alerts/accessLog';
import { parsePageViewsCsv } from '../../../src/main/alerts/pageViewsCsv';
import { parseRulesFile } from '../../../src/main/alerts/rulesFile';

const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0';

function logLine(
  ip: string,
  time: string,
  request: string,
  status = 200,
  referrer = '-',
  ua = UA,
): string {
  return `${ip} - - [${time}] "${request}" ${status} 1234 "${referrer}" "${ua}"`;
}

describe('the Apache combined log', () => {
  it('reads page views with their instant, request target, referrer and user agent', () => {
    const log = parseAccessLog(
      'access.log',
      [
        logLine('203.0.113.5', '17/May/2015:10:05:03 +0000', 'GET /pricing?plan=pro HTTP/1.1'),
        logLine(
          '203.0.113.6',
          '17/May/2015:12:05:03 +0200',
          'GET /blog/ HTTP/1.1',
          304,
          'https://www.google.com/search?q=x',
        ),
      ].join('\n'),
    );
    expect(log.views).toEqual([
      {
        line: 1,
        at: Date.UTC(2015, 4, 17, 10, 5, 3),
        ip: '203.0.113.5',
        url: '/pricing?plan=pro',
        referrer: null,
        userAgent: UA,
      },
      {
        line: 2,
        at: Date.UTC(2015, 4, 17, 10, 5, 3),
        ip: '203.0.113.6',
        url: '/blog/',
        referrer: 'https://www.google.com/search?q=x',
        userAgent: UA,
      },
    ]);
  });

  it('skips what is not a page read: assets, errors, other methods, robots.txt', () => {
    const t = '17/May/2015:10:05:03 +0000';
    const log = parseAccessLog(
      'access.log',
      [
        logLine('1.2.3.4', t, 'GET /images/logo.png HTTP/1.1'),
        logLine('1.2.3.4', t, 'GET /style.css?v=2 HTTP/1.1'),
        logLine('1.2.3.4', t, 'GET /missing HTTP/1.1', 404),
        logLine('1.2.3.4', t, 'HEAD / HTTP/1.1'),
        logLine('1.2.3.4', t, 'GET /robots.txt HTTP/1.1'),
        logLine('1.2.3.4', t, '-', 408),
        logLine('1.2.3.4', t, 'GET /whitepaper.pdf HTTP/1.1'),
        '',
      ].join('\n'),
    );
    expect(log.views.map((v) => v.url)).toEqual(['/whitepaper.pdf']);
    expect([log.lines, log.skipped]).toEqual([7, 6]);
  });

  it('reads a user agent cut off before its closing quote, and the common format', () => {
    const log = parseAccessLog(
      'access.log',
      [
        '1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 200 5 "-" "Mozilla/5.0 (compatible; Googlebot/2.1',
        '1.2.3.5 - frank [17/May/2015:10:05:04 +0000] "GET /b HTTP/1.0" 200 -',
      ].join('\n'),
    );
    expect(log.views.map((v) => v.userAgent)).toEqual([
      'Mozilla/5.0 (compatible; Googlebot/2.1',
      null,
    ]);
  });

  it('stops at a line that is not in the format, naming it', () => {
    expect(() =>
      parseAccessLog(
        'access.log',
        `${logLine('1.2.3.4', '17/May/2015:10:05:03 +0000', 'GET / HTTP/1.1')}\nthis is not a log line`,
      ),
    ).toThrow(/^access\.log line 2: not an Apache combined log line \("this is not a log line"\)/);
    expect(() =>
      parseAccessLog(
        'access.log',
        logLine('1.2.3.4', '17/Mai/2015:10:05:03 +0000', 'GET / HTTP/1.1'),
      ),
    ).toThrow(/line 1: bad time "17\/Mai\/2015:10:05:03 \+0000"/);
  });

  it('repeats at most 200 characters of a bad line', () => {
    let message = '';
    try {
      parseAccessLog('access.log', 'x'.repeat(5000));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('(5000 characters)');
    expect(message.length).toBeLessThan(300);
  });
});

describe('the page-view file', () => {
  it('reads the required columns and any optional ones, empty cells as nothing', () => {
    const rows = parsePageViewsCsv(
      'views.csv',
      'timestamp,visitor_id,url,email,user_agent\n' +
        '2026-11-23T10:00:00+01:00,v1,/pricing,Ann@Example.com,\n' +
        '2026-11-23T09:05:00Z,v2,https://example.com/,,curl/8\n',
    );
    expect(rows).toEqual([
      {
        line: 2,
        at: Date.UTC(2026, 10, 23, 9, 0),
        visitorId: 'v1',
        url: '/pricing',
        email: 'Ann@Example.com',
        name: null,
        ip: null,
        referrer: null,
        userAgent: null,
      },
      {
        line: 3,
        at: Date.UTC(2026, 10, 23, 9, 5),
        visitorId: 'v2',
        url: 'https://example.com/',
        email: null,
        name: null,
        ip: null,
        referrer: null,
        userAgent: 'curl/8',
      },
    ]);
  });

  it.each([
    ['timestamp,visitor\nx,y', /views\.csv line 1: unknown column "visitor"/],
    ['timestamp,url\n2026-11-23T10:00:00Z,/', /line 1: missing column "visitor_id"/],
    ['', /line 1: the file is empty/],
    [
      'timestamp,visitor_id,url\n2026-11-23T10:00:00Z,v1,/\n2026-11-23 10:00,v1,/',
      /views\.csv line 3: bad timestamp "2026-11-23 10:00" \(ISO 8601 with an offset/,
    ],
    ['timestamp,visitor_id,url\n2026-11-23T10:00:00,v1,/', /line 2: bad timestamp/],
    ['timestamp,visitor_id,url\n2026-11-23T10:00:00Z,,/', /line 2: empty visitor_id/],
    ['timestamp,visitor_id,url\n2026-11-23T10:00:00Z,v1,pricing', /line 2: bad url "pricing"/],
    [
      'timestamp,visitor_id,url,email\n2026-11-23T10:00:00Z,v1,/,not-an-email',
      /line 2: bad email "not-an-email"/,
    ],
    [
      'timestamp,visitor_id,url\n2026-11-23T10:00:00Z,v1,/\n2026-11-23T10:00:00Z,v1',
      /line 3: 2 fields where the header has 3; leave an optional column empty/,
    ],
    [
      'timestamp,visitor_id,url\n2026-11-23T10:00:00Z,v1,/pricing,extra',
      /line 2: 4 fields where the header has 3; put a value that holds a comma in double quotes/,
    ],
    ['timestamp,visitor_id,url\n2026-11-23T10:00:00Z,v1,"/open', /views\.csv line 2: /],
  ])('stops at a bad line with its number and the problem: %j', (text, message) => {
    expect(() => parsePageViewsCsv('views.csv', text)).toThrow(message);
  });
});

describe('the rules file', () => {
  it("reads rules in the file's field names, with cooldown and working hours", () => {
    const file = parseRulesFile(
      'rules.json',
      JSON.stringify({
        rules: [
          {
            name: 'Pricing',
            categories: ['lead_contact', 'unknown'],
            owner: 'anyone',
            page: '/pricing*',
            min_score: 20,
            returning: true,
          },
          { name: 'Mine', categories: ['customer'], owner: 'me' },
        ],
        cooldown_minutes: 15,
        working_hours: 'Mon-Fri 08:00-20:00',
      }),
    );
    expect(file).toEqual({
      rules: [
        {
          name: 'Pricing',
          categories: ['lead_contact', 'unknown'],
          owner: 'anyone',
          page: '/pricing*',
          minScore: 20,
          returning: true,
        },
        { name: 'Mine', categories: ['customer'], owner: 'me' },
      ],
      cooldownMinutes: 15,
      workingHours: 'Mon-Fri 08:00-20:00',
    });
  });

  const rules = (...rules: unknown[]) => JSON.stringify({ rules }, null, 2);
  const ok = { name: 'A', categories: ['customer'], owner: 'me' };

  it.each([
    ['{"rules": [\n', /^rules\.json line 2: not JSON/],
    ['{"rules": []}\n{"extra": 1}', /^rules\.json line 2: not JSON/],
    ['[]', /expected an object/],
    ['{"rule": []}', /unknown field "rule"/],
    ['{"cooldown_minutes": 5}', /"rules" must be a list/],
    [
      rules(ok, { ...ok, name: 'B', owner: 'mine' }),
      /^rules\.json line 15: rules\[1\] \("B"\)\.owner: whose people is "me", "team" \(a manager.s team\) or "anyone"$/,
    ],
    [
      rules({ ...ok, categories: ['vip'] }),
      /line 6: rules\[0\] \("A"\)\.categories: .*"customer_open_deal"/,
    ],
    [
      rules({ ...ok, categories: [] }),
      /rules\[0\] \("A"\)\.categories: a rule names at least one category/,
    ],
    [
      rules({ ...ok, min_score: 'high' }),
      /^rules\.json line 9: rules\[0\] \("A"\)\.min_score: a lowest score is a number from 0 \(visitor scores start at 0\)$/,
    ],
    // The app takes a lowest score below 0 (SalesIQ subtracts points); the command's files keep
    // refusing one in the words they had, its stderr being a fixed interface.
    [
      rules({ ...ok, min_score: -5, returning: 'yes' }),
      /^rules\.json line 9: rules\[0\] \("A"\)\.min_score: a lowest score is 0 or more: visitor scores start at 0$/,
    ],
    [rules({ ...ok, minscore: 3 }), /line 9: rules\[0\] \("A"\): unknown field "minscore"/],
    [
      rules({ ...ok, page: 'pricing' }),
      /rules\[0\] \("A"\)\.page: a page pattern starts with "\/"/,
    ],
    [rules({ ...ok, returning: 'yes' }), /rules\[0\] \("A"\)\.returning/],
    // A key left out is reported at the line of the rule that lacks it.
    [rules({ categories: ['customer'], owner: 'me' }), /line 3: rules\[0\]\.name/],
    [rules(ok, { ...ok, name: 'a' }), /rules\[1\]: a second rule named "a"/],
    ['{"rules": [], "cooldown_minutes": -5}', /cooldown_minutes must be whole minutes/],
    ['{"rules": [], "cooldown_minutes": 7.5}', /cooldown_minutes must be whole minutes/],
    [
      '{\n  "rules": [],\n  "working_hours": "weekdays"\n}',
      /^rules\.json line 3: working_hours: business hours "weekdays"/,
    ],
  ])('refuses an invalid rule with its line and the problem: %s', (text, message) => {
    expect(() => parseRulesFile('rules.json', text)).toThrow(message);
  });

  it('takes "/" as the home page', () => {
    expect(parseRulesFile('rules.json', rules({ ...ok, page: '/' })).rules[0]?.page).toBe('/');
  });
});
