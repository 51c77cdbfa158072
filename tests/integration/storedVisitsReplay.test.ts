import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRule } from '../../src/shared/alertsContract';
import { rawHandle } from '../../src/main/db/bulkHandle';
import type { Db } from '../../src/main/db/openDatabase';
import { DEFAULT_RULES } from '../../src/main/alerts/alertRules';
import { replayForRep, replayReport, type ReplayConfig } from '../../src/main/alerts/replayReport';
import { storedPageViews } from '../../src/main/alerts/storedPageViews';
import { alertsOrgDb, BROWSER, CRAWLER } from '../fixtures/alertsOrg';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// The replay over stored visits (the `alerts --from/--to` command, the Settings › Alerts preview,
// the live evaluator's read) pinned on a fixed, awkward dataset: the reading was rewritten for
// speed, and its output must stay exactly what it was. The pins were taken from the reading as
// it was before (group_concat per visit, sorted in JavaScript). Awkward: visit ids inserted out
// of their order, pages stored out of time order, page views of different visits at the same
// instant (which one comes first decides alerts and their order), visits without pages, unknown
// visitors told apart by IP and user agent or by nothing, bots, a daylight-saving change.

const DAY = 86_400_000;
const MIN = 60_000;
/** Berlin leaves summer time on Sunday 2026-10-25; the visits run from the Monday before. */
const FROM = Date.UTC(2026, 9, 19);
const TO = FROM + 14 * DAY;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGENTS = [BROWSER, CRAWLER, null, '', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0'];
const PAGES = [
  '/',
  '/pricing',
  'https://example.com/pricing/teams?x=1',
  '/blog/a',
  '/docs#x',
  '/Contact',
];

function fill(db: Db): void {
  const raw = rawHandle(db);
  const random = prng(5);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  raw.transaction(() => {
    const person = raw.prepare(
      `insert into people (id, module, last_name, owner_id, visitor_score, first_visit_at, time_zone, created_at, modified_at)
       values (?, ?, ?, ?, ?, ?, 'Europe/Berlin', 0, 0)`,
    );
    const deal = raw.prepare(
      "insert into deals (id, name, stage, status, person_id, modified_at) values (?, 'D', 'S', ?, ?, 0)",
    );
    const people: string[] = ['p-cust', 'p-deal', 'p-lead', 'p-other'];
    for (let p = 0; p < 40; p++) {
      const id = `q${p}`;
      people.push(id);
      person.run(
        id,
        p % 3 ? 'contact' : 'lead',
        `Q ${p}`,
        pick(['rep', 'rep', 'rep2', null]),
        p % 4 ? Math.floor(random() * 100) : null,
        p % 5 ? null : FROM - Math.floor(random() * 30) * DAY,
      );
      if (p % 4 === 1) deal.run(`dq${p}`, pick(['won', 'open', 'lost']), id);
    }
    const visit = raw.prepare(
      `insert into visits (id, person_id, visitor_name, ip, user_agent, started_at, time_spent_s)
       values (?, ?, ?, ?, ?, ?, 60)`,
    );
    const page = raw.prepare(
      'insert into visit_pages (visit_id, url, viewed_at, time_spent_s) values (?, ?, ?, 60)',
    );
    // Ids out of insertion order (and one not ASCII), starts on whole minutes so that page views
    // of different visits fall on the same instant.
    const order = Array.from({ length: 1200 }, (_, i) => i).sort(() => random() - 0.5);
    for (const n of order) {
      const id = n === 7 ? 'v-é7' : `v${n}`;
      const known = random() < 0.55;
      const start = FROM - 2 * DAY + Math.floor(random() * 18 * 24 * 60) * MIN;
      const ip = random() < 0.1 ? null : `203.0.113.${Math.floor(random() * 12)}`;
      visit.run(
        id,
        known ? pick(people) : null,
        !known && random() < 0.3 ? `Guest ${n % 5}` : null,
        ip,
        pick(AGENTS),
        start,
      );
      const count = random() < 0.1 ? 0 : 1 + Math.floor(random() * 4);
      const offsets = Array.from({ length: count }, () => Math.floor(random() * 50));
      for (const m of offsets) page.run(id, pick(PAGES), start + m * MIN);
    }
  })();
}

let dir: TempDir;
let db: Db;
beforeAll(async () => {
  dir = makeTempDir();
  db = await alertsOrgDb(dir, 'pinned.db');
  fill(db);
});
afterAll(async () => {
  await db.close();
  dir.remove();
});

const digest = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 20);

const EVERYONE: AlertRule['categories'] = [
  'customer',
  'customer_open_deal',
  'lead_contact',
  'unknown',
];

const CONFIGS: Record<string, ReplayConfig> = {
  defaults: { rules: [...DEFAULT_RULES], cooldownMinutes: 60, workingHours: null },
  everyone: {
    rules: [{ name: 'All', categories: EVERYONE, owner: 'anyone' }],
    cooldownMinutes: 45,
    workingHours: 'Mon-Fri 09:00-17:00',
  },
  fields: {
    rules: [
      { name: 'Pricing', categories: EVERYONE, owner: 'anyone', page: '/pricing*' },
      {
        name: 'Returning',
        categories: ['lead_contact', 'unknown'],
        owner: 'anyone',
        returning: true,
      },
      { name: 'New mine', categories: EVERYONE, owner: 'me', returning: false, minScore: 30 },
    ],
    cooldownMinutes: 20,
    workingHours: 'Mon-Sat 07:30-12:00,13:00-19:00',
  },
};

describe('the replay over stored visits', () => {
  it('reads the page views in the order and with the visitors it always has', () => {
    const pin = (from: number, to: number, until?: number) => {
      const { views, personIds } = storedPageViews(db, from, to, 'rep', until);
      return {
        views: views.length,
        people: personIds.size,
        digest: digest({
          views: [...views].map((v) => [
            v.at,
            v.url,
            v.visitor.visitorId,
            v.visitor.personId,
            v.visitor.visitorName,
            v.visitor.userAgent,
            v.visitor.visitId,
          ]),
          people: [...personIds].sort(),
        }),
      };
    };
    expect({
      all: pin(FROM, TO),
      // A narrow range (the live evaluator's last hours), cut at an instant as it is.
      lastHours: pin(
        FROM + 5 * DAY,
        FROM + 5 * DAY + 6 * 3_600_000,
        FROM + 5 * DAY + 4 * 3_600_000,
      ),
      none: pin(TO + 30 * DAY, TO + 31 * DAY),
    }).toMatchInlineSnapshot(`
      {
        "all": {
          "digest": "1aa9948aec6d0f5c54a8",
          "people": 44,
          "views": 2245,
        },
        "lastHours": {
          "digest": "a1025021640d0caab3e9",
          "people": 5,
          "views": 19,
        },
        "none": {
          "digest": "b0d5a51dcb1ce2935d67",
          "people": 0,
          "views": 0,
        },
      }
    `);
  });

  it.each(Object.keys(CONFIGS))("gives the %s rules' output as it always has", (name) => {
    const config = CONFIGS[name] as ReplayConfig;
    const rep = { id: 'rep', time_zone: 'Europe/Berlin' };
    const { replay, people } = replayForRep(db, rep, storedPageViews(db, FROM, TO, rep.id), config);
    const report = replayReport(db, rep, replay, people);
    // Enough alerts that the pin says something, of more than one kind.
    expect(report.alerts.length).toBeGreaterThan(5);
    expect({
      summary: report.summary,
      alerts: report.alerts.length,
      first: report.alerts[0],
      digest: digest(report),
    }).toMatchSnapshot();
  });
});
