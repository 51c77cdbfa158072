import type { Database } from 'better-sqlite3';

export const PAGES = [
  '/',
  '/pricing',
  '/product',
  '/blog/best-time-to-call',
  '/docs/start',
  '/contact',
];
export const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
];
const DAY_MS = 86_400_000;

/** mulberry32: the same synthetic data every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Website visits as an organisation's site has them, written by the benchmarks that need many. */
export interface BenchVisits {
  /** How many visits, each with one to four pages a minute apart. */
  count: number;
  /** Visits begin at random between `start` and `days` days later. */
  start: number;
  days: number;
  /** The people a visit may be of. */
  people: readonly { id: string; email: string | null }[];
  /** The share of visits the CRM linked to one of `people`. */
  linked: number;
  /**
   * The share of the unlinked visits whose visitor typed the e-mail of one of `people` (a form),
   * found by the e-mail alone; the rest are unknown visitors. 0 writes no e-mail (and draws no
   * number for it, so a caller without e-mails writes the same visits as before).
   */
  byEmail?: number;
  /** Visit ids are this and a number. */
  idPrefix: string;
  random: () => number;
}

/**
 * Writes the visits and their pages in the caller's transaction: a prepared better-sqlite3
 * statement a row, as tens of thousands of rows would take minutes one Kysely query each.
 */
export function writeBenchVisits(raw: Database, v: BenchVisits): void {
  const { random, people } = v;
  const visit = raw.prepare(
    `insert into visits (id, person_id, visitor_email, ip, user_agent, started_at, ended_at, time_spent_s)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const page = raw.prepare(
    'insert into visit_pages (visit_id, url, viewed_at, time_spent_s) values (?, ?, ?, 60)',
  );
  const withEmail = people.filter((p) => p.email !== null);
  for (let n = 0; n < v.count; n++) {
    const known = random() < v.linked;
    const start = v.start + Math.floor(random() * v.days * DAY_MS);
    const pages = 1 + Math.floor(random() * 4);
    const person = known ? people[Math.floor(random() * people.length)]?.id : null;
    const ip = `203.0.${Math.floor(random() * 64)}.${Math.floor(random() * 250)}`;
    const agent = AGENTS[Math.floor(random() * AGENTS.length)] ?? null;
    const email =
      !known && v.byEmail && random() < v.byEmail
        ? (withEmail[Math.floor(random() * withEmail.length)]?.email ?? null)
        : null;
    visit.run(
      `${v.idPrefix}${n}`,
      person ?? null,
      email,
      ip,
      agent,
      start,
      start + pages * 60_000,
      pages * 60,
    );
    for (let i = 0; i < pages; i++)
      page.run(
        `${v.idPrefix}${n}`,
        PAGES[Math.floor(random() * PAGES.length)] ?? '/',
        start + i * 60_000,
      );
  }
}
