import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../../src/shared/alertsContract';
import {
  inTimeOrder,
  type PageView,
  type VisitorFacts,
} from '../../../src/main/alerts/alertEngine';
import { replayPageViews } from '../../../src/main/alerts/alertReplay';
import { DEFAULT_RULES } from '../../../src/main/alerts/alertRules';
import { categoryOf } from '../../../src/shared/visitorCategories';
import { alwaysOpen } from '../../../src/main/besttime/model/businessHours';
import { parseWorkingHours } from '../../../src/main/alerts/workingHours';

/** Monday 2026-11-23 10:00 in Berlin. */
const T0 = Date.UTC(2026, 10, 23, 9, 0);
const MIN = 60_000;
const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

function view(
  minutes: number,
  visitorId = 'v1',
  url = '/',
  extra: Partial<PageView['visitor']> = {},
): PageView {
  return {
    at: T0 + minutes * MIN,
    url,
    visitor: {
      visitorId,
      personId: null,
      visitorName: null,
      userAgent: CHROME,
      visitId: null,
      ...extra,
    },
  };
}

/** A known person: the visitor id is the person, as for stored visits. */
function personView(minutes: number, personId: string, url = '/'): PageView {
  return view(minutes, personId, url, { personId });
}

const PEOPLE: Record<string, VisitorFacts> = {
  mine: { category: 'lead_contact', ownerId: 'rep', score: 50, earliestVisitAt: null },
  theirs: { category: 'lead_contact', ownerId: 'other', score: 50, earliestVisitAt: null },
  customer: { category: 'customer', ownerId: 'rep', score: 10, earliestVisitAt: null },
  dealing: { category: 'customer_open_deal', ownerId: 'rep', score: 90, earliestVisitAt: null },
  lowScore: { category: 'lead_contact', ownerId: 'rep', score: 30, earliestVisitAt: null },
  noScore: { category: 'lead_contact', ownerId: 'rep', score: null, earliestVisitAt: null },
  back: {
    category: 'lead_contact',
    ownerId: 'rep',
    score: 50,
    earliestVisitAt: T0 - 3 * 86_400_000,
  },
};

const EVERYONE: AlertRule = {
  name: 'Everyone',
  categories: ['customer', 'customer_open_deal', 'lead_contact', 'unknown'],
  owner: 'anyone',
};

function replay(
  views: PageView[],
  options: { rules?: readonly AlertRule[]; cooldownMinutes?: number; hours?: string } = {},
) {
  const hours = options.hours
    ? parseWorkingHours(options.hours, 'Europe/Berlin')
    : { hours: alwaysOpen(), zone: 'Europe/Berlin' };
  return replayPageViews(
    views,
    {
      repId: 'rep',
      rules: options.rules ?? [EVERYONE],
      cooldownMs: (options.cooldownMinutes ?? 60) * MIN,
      dayZone: 'Europe/Berlin',
      facts: (id) => PEOPLE[id],
    },
    hours,
  );
}

describe('visit sessions', () => {
  it('keeps page views less than 30 minutes apart in one session', () => {
    const { summary } = replay([view(0), view(20), view(45), view(74)]);
    expect(summary.sessions).toBe(1);
  });

  it('starts a new session after a gap of 30 minutes', () => {
    const { summary, alerts } = replay([view(0), view(30)], { cooldownMinutes: 0 });
    expect(summary.sessions).toBe(2);
    expect(alerts.map((a) => a.session.start)).toEqual([T0, T0 + 30 * MIN]);
  });

  it('tells visitors apart', () => {
    expect(replay([view(0, 'a'), view(1, 'b'), view(2, 'a')]).summary.sessions).toBe(2);
  });

  it('raises one alert per session, whatever else the visitor reads', () => {
    const { summary, alerts } = replay([view(0), view(5, 'v1', '/pricing'), view(10)]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.pages).toEqual(['/']);
    expect(summary.suppressed.session).toBe(2);
  });

  it('shows every page of the session: those held back by the cooldown, and those read after the alert', () => {
    const { alerts } = replay(
      [
        personView(0, 'mine', '/a'),
        personView(40, 'mine', '/b'),
        personView(55, 'mine', '/c'),
        personView(70, 'mine', '/d'),
        personView(80, 'mine', '/e'),
      ],
      { rules: DEFAULT_RULES, cooldownMinutes: 60 },
    );
    expect(alerts.map((a) => [a.alertAt, a.pages])).toEqual([
      [T0, ['/a']],
      [T0 + 70 * MIN, ['/b', '/c', '/d']],
    ]);
    // The live evaluator shows the session as it stands after the last page view read.
    expect(alerts[1]?.session.pages).toEqual(['/b', '/c', '/d', '/e']);
  });

  it('accounts for every page view exactly once in the summary', () => {
    const views = [
      view(0),
      view(5),
      view(40, 'v1'),
      view(1, 'bot', '/', { userAgent: 'Googlebot/2.1 (+http://www.google.com/bot.html)' }),
      personView(2, 'theirs'),
    ];
    const { summary } = replay(views, { rules: DEFAULT_RULES });
    const { alertsNow, alertsHeld, suppressed } = summary;
    expect(
      alertsNow +
        alertsHeld +
        suppressed.bots +
        suppressed.session +
        suppressed.rules +
        suppressed.cooldown,
    ).toBe(summary.pageViews);
    expect(summary.pageViews).toBe(5);
  });
});

describe('visitor categories (VT-2)', () => {
  it('counts a won deal as a customer, and an open deal as a customer with open deal, also after a won one', () => {
    expect(categoryOf(true, false)).toBe('customer');
    // VT-2 and the seed: "has an unfinished deal"; an upsell is what "Open deals on the website" is for.
    expect(categoryOf(true, true)).toBe('customer_open_deal');
    expect(categoryOf(false, true)).toBe('customer_open_deal');
    expect(categoryOf(false, false)).toBe('lead_contact');
  });

  it('alerts only about the categories a rule names', () => {
    const rules: AlertRule[] = [{ name: 'Customers', categories: ['customer'], owner: 'anyone' }];
    const { alerts, summary } = replay(
      [personView(0, 'customer'), personView(1, 'dealing'), personView(2, 'mine'), view(3, 'anon')],
      { rules },
    );
    expect(alerts.map((a) => a.session.personId)).toEqual(['customer']);
    expect(alerts[0]?.facts.category).toBe('customer');
    expect(summary.suppressed.rules).toBe(3);
  });

  it('never alerts about unknown visitors with the default rules', () => {
    const { alerts } = replay([view(0, 'anon'), personView(1, 'mine')], { rules: DEFAULT_RULES });
    expect(alerts.map((a) => a.session.visitorId)).toEqual(['mine']);
  });
});

describe('rule fields', () => {
  it('owner "me" takes only the rep\'s own people, "anyone" everyone', () => {
    const mine: AlertRule = { ...EVERYONE, name: 'Mine', owner: 'me' };
    expect(
      replay([personView(0, 'mine'), personView(1, 'theirs'), view(2, 'anon')], {
        rules: [mine],
      }).alerts.map((a) => a.session.visitorId),
    ).toEqual(['mine']);
    expect(
      replay([personView(0, 'mine'), personView(1, 'theirs'), view(2, 'anon')]).alerts,
    ).toHaveLength(3);
  });

  it('page: alerts at the first page view that matches the glob on the URL path', () => {
    const rules: AlertRule[] = [{ ...EVERYONE, name: 'Pricing', page: '/pricing*' }];
    const { alerts } = replay(
      [
        view(0, 'v1', '/'),
        view(3, 'v1', '/blog/pricing-tips'),
        view(6, 'v1', 'https://example.com/Pricing/teams?plan=pro#faq'),
        view(9, 'v1', '/contact'),
      ],
      { rules },
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.alertAt).toBe(T0 + 6 * MIN);
    expect(alerts[0]?.pages).toEqual([
      '/',
      '/blog/pricing-tips',
      'https://example.com/Pricing/teams?plan=pro#faq',
    ]);
  });

  it('page: "?" stands for one character and the pattern covers the whole path', () => {
    const rules: AlertRule[] = [{ ...EVERYONE, name: 'Docs', page: '/docs/v?' }];
    expect(replay([view(0, 'a', '/docs/v2')], { rules }).alerts).toHaveLength(1);
    expect(replay([view(0, 'a', '/docs/v2/intro')], { rules }).alerts).toHaveLength(0);
    expect(replay([view(0, 'a', '/docs/v')], { rules }).alerts).toHaveLength(0);
  });

  it("min_score: the person's visitor score is at least the minimum; no score never passes", () => {
    const rules: AlertRule[] = [{ ...EVERYONE, name: 'Hot', minScore: 40 }];
    const { alerts } = replay(
      [personView(0, 'mine'), personView(1, 'lowScore'), personView(2, 'noScore'), view(3, 'anon')],
      { rules },
    );
    expect(alerts.map((a) => a.session.visitorId)).toEqual(['mine']);
  });

  it('returning: visited on an earlier day, known from the CRM or from earlier page views', () => {
    const returning: AlertRule[] = [{ ...EVERYONE, name: 'Back', returning: true }];
    const firstTime: AlertRule[] = [{ ...EVERYONE, name: 'New', returning: false }];
    const yesterday = -24 * 60;
    const views = [
      personView(0, 'back'),
      personView(1, 'mine'),
      view(yesterday, 'anon-back'),
      view(2, 'anon-back'),
      view(-60, 'anon-same-day'),
      view(3, 'anon-same-day'),
    ];
    expect(
      replay(views, { rules: returning }).alerts.map((a) => `${a.session.visitorId}@${a.alertAt}`),
    ).toEqual(['back@' + T0, `anon-back@${T0 + 2 * MIN}`]);
    expect(
      new Set(replay(views, { rules: firstTime }).alerts.map((a) => a.session.visitorId)),
    ).toEqual(new Set(['mine', 'anon-back', 'anon-same-day']));
  });

  it('takes the first rule that holds and names it', () => {
    const rules: AlertRule[] = [
      { name: 'Deals', categories: ['customer_open_deal'], owner: 'me' },
      { ...EVERYONE, name: 'Everyone else' },
    ];
    const { alerts } = replay([personView(0, 'dealing'), personView(1, 'mine')], { rules });
    expect(alerts.map((a) => a.rule.name)).toEqual(['Deals', 'Everyone else']);
  });

  it('raises nothing with no rules', () => {
    const { alerts, summary } = replay([view(0), personView(1, 'mine')], { rules: [] });
    expect(alerts).toHaveLength(0);
    expect(summary.suppressed.rules).toBe(2);
  });
});

describe('cooldown', () => {
  it('holds back a second session of the same person within the cooldown', () => {
    const { alerts, summary } = replay([personView(0, 'mine'), personView(40, 'mine')]);
    expect(alerts).toHaveLength(1);
    expect(summary.suppressed.cooldown).toBe(1);
  });

  it('alerts again once the cooldown has passed, even within a session held back by it', () => {
    const { alerts } = replay([
      personView(0, 'mine'),
      personView(40, 'mine'),
      personView(59, 'mine'),
      personView(61, 'mine'),
    ]);
    expect(alerts.map((a) => a.alertAt)).toEqual([T0, T0 + 61 * MIN]);
  });

  it('is per person, across the devices they visit from', () => {
    const { alerts } = replay([
      view(0, 'laptop', '/', { personId: 'mine' }),
      view(10, 'phone', '/', { personId: 'mine' }),
      personView(11, 'customer'),
    ]);
    expect(alerts.map((a) => a.session.visitorId)).toEqual(['laptop', 'customer']);
  });

  it('follows the setting, and zero minutes means no cooldown', () => {
    const views = [personView(0, 'mine'), personView(40, 'mine')];
    expect(replay(views, { cooldownMinutes: 30 }).alerts).toHaveLength(2);
    expect(replay(views, { cooldownMinutes: 0 }).alerts).toHaveLength(2);
    expect(replay(views, { cooldownMinutes: 120 }).alerts).toHaveLength(1);
  });
});

describe('bots', () => {
  it.each([
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36',
    'curl/8.4.0',
    'python-requests/2.31',
    'Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)',
    'Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)',
    '-',
  ])('never alerts about %s', (userAgent) => {
    const { alerts, summary } = replay([
      view(0, 'm', '/', { userAgent }),
      view(1, 'm', '/pricing', { userAgent }),
    ]);
    expect(alerts).toHaveLength(0);
    expect(summary.botSessions).toBe(1);
    expect(summary.suppressed.bots).toBe(2);
  });

  const FEED_READER = 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 3 subscribers)';
  const LINK_CHECKER = 'W3C-checklink/5.0.0 libwww-perl/6.72';
  const asPerson = (minutes: number, url: string, userAgent: string): PageView =>
    view(minutes, 'mine', url, { personId: 'mine', userAgent });

  it("drops a machine's requests in a person's session and alerts about the pages they read", () => {
    const { alerts, summary } = replay(
      [
        asPerson(0, '/feed.xml', FEED_READER),
        asPerson(2, '/', CHROME),
        asPerson(3, '/docs/broken-link', LINK_CHECKER),
        asPerson(5, '/pricing', CHROME),
      ],
      { rules: [{ ...EVERYONE, name: 'Pricing', page: '/pricing' }] },
    );
    expect(alerts.map((a) => [a.alertAt, a.pages])).toEqual([[T0 + 5 * MIN, ['/', '/pricing']]]);
    expect(alerts[0]?.session.start).toBe(T0 + 2 * MIN);
    expect(summary.suppressed.bots).toBe(2);
    expect(summary.botSessions).toBe(1);
    expect(summary.sessions).toBe(2);
  });

  it("does not let a machine polling in a person's name keep their session open", () => {
    // A feed reader every 20 minutes from 09:00 to 13:00; the person reads at 10:00 and 12:00.
    const polls = Array.from({ length: 13 }, (_, i) => asPerson(i * 20, '/feed.xml', FEED_READER));
    const { alerts, summary } = replay(
      inTimeOrder([...polls, asPerson(1, '/', CHROME), asPerson(120, '/pricing', CHROME)]),
      { cooldownMinutes: 60 },
    );
    expect(alerts.map((a) => a.alertAt)).toEqual([T0 + MIN, T0 + 120 * MIN]);
    expect(summary.botSessions).toBe(1);
    expect(summary.suppressed.bots).toBe(13);
  });

  it('alerts about browsers, and about a visitor whose user agent nobody kept', () => {
    const { alerts, summary } = replay([
      view(0, 'a'),
      view(1, 'b', '/', { userAgent: null }),
      view(2, 'c', '/', {
        userAgent:
          'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      }),
    ]);
    expect(alerts).toHaveLength(3);
    expect(summary.botSessions).toBe(0);
  });
});

describe('working hours in a replay', () => {
  it('holds an alert outside working hours until the next working period starts', () => {
    // Monday 21:00 in Berlin, after Mon-Fri 08:00-20:00: held until Tuesday 08:00.
    const late = personView(11 * 60, 'mine');
    const { alerts, summary } = replay([personView(0, 'customer'), late], {
      hours: 'Mon-Fri 08:00-20:00',
    });
    expect(alerts.map((a) => [a.delivery, new Date(a.deliverAt).toISOString()])).toEqual([
      ['now', new Date(T0).toISOString()],
      ['held', '2026-11-24T07:00:00.000Z'],
    ]);
    expect([summary.alertsNow, summary.alertsHeld]).toEqual([1, 1]);
  });
});
