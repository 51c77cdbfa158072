import { hash } from 'node:crypto';
import type { Db } from '../db/openDatabase';
import { storedVisitColumnsSteps } from '../db/repos/alertVisits';
import { runSteps, type Steps } from '../besttime/model/steps';
import { type PageView, type PageViewSource, type Visitor } from './alertEngine';
import { peopleByEmail } from '../people/emailMatch';
import { emailKey } from '../../shared/emailKey';

/**
 * An unknown visitor's id: their IP address and user agent, hashed, so the output of a replay
 * tells visitors apart without repeating an IP (personal data). Not anonymous: an IPv4 address
 * can be found again by trying them all; it is not meant to leave the rep's machine.
 */
export function anonymousVisitorId(ip: string, userAgent: string | null): string {
  // One-shot hash: a replay hashes tens of thousands of visitors, and a Hash object each cost
  // twice the hashing.
  return `anon-${hash('sha256', `${ip}\n${userAgent ?? ''}`, 'hex').slice(0, 16)}`;
}

/**
 * SQLite's order of text (BINARY: UTF-8 bytes, so code points) for two strings: UTF-16 code
 * units order the same except a surrogate (a code point above U+FFFF) against U+E000-U+FFFF.
 */
function binaryOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x += x >= 0xe000 ? -0x800 : 0x2000;
    if (y >= 0xd800) y += y >= 0xe000 ? -0x800 : 0x2000;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * Positions 0..n-1 in the order of `at`, instants being equal in the order `tie` gives. Typed
 * numbers sort natively, many times faster than a comparator over 100,000s: each view is one
 * number, its instant (from the earliest) times n plus its position, exact while that stays
 * under 2^53 (over a year of 250,000 views); a longer span falls back to the comparator.
 */
function timeOrder(at: Float64Array, tie: (i: number, j: number) => number): number[] {
  const n = at.length;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const t of at) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const byComparator = (i: number, j: number): number =>
    (at[i] as number) - (at[j] as number) || tie(i, j);
  if (n === 0 || (max - min + 1) * n > Number.MAX_SAFE_INTEGER)
    return Array.from({ length: n }, (_, i) => i).sort(byComparator);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = ((at[i] as number) - min) * n + i;
  keys.sort();
  const order = new Array<number>(n);
  for (let k = 0; k < n; k++) order[k] = (keys[k] as number) % n;
  // Views at one instant are now in position order: the few runs of them are put in tie order.
  for (let k = 0; k < n;) {
    let end = k + 1;
    while (end < n && at[order[end] as number] === at[order[k] as number]) end++;
    if (end - k > 1) {
      const run = order.slice(k, end).sort(byComparator);
      for (let r = 0; r < run.length; r++) order[k + r] = run[r] as number;
    }
    k = end;
  }
  return order;
}

/**
 * The page views of the visits stored that started in [from, to) and were read by `until`, in time
 * order, with the people they name. A known person is one visitor across their visits; an unknown
 * one is their IP and user agent, else the visit. A visit without pages is one view at its start.
 * Page views at the same instant come in the order of their visits' ids, then as stored: the
 * order the replay has always had, which decides which of them alerts.
 *
 * A visit the CRM linked to nobody whose visitor gave a person's e-mail is that person's, as in a
 * page-view file (peopleByEmail, with `repId`'s tie-break); all of them in one query.
 */
export function storedPageViews(
  db: Db,
  from: number,
  to: number,
  repId: string,
  until = Number.POSITIVE_INFINITY,
): PageViewSource {
  return runSteps(storedPageViewsSteps(db, from, to, repId, until));
}

/** Pages matched to their visits between two yields of `storedPageViewsSteps`. */
const PAGES_PER_STEP = 20_000;

/**
 * `storedPageViews` in steps (besttime/model/steps.ts), for work run in slices (the alert rules
 * preview): the stored visits read a day at a time (`spanMs`), the people their e-mails name, and
 * their pages matched in runs of `PAGES_PER_STEP`, with a yield between each.
 */
export function* storedPageViewsSteps(
  db: Db,
  from: number,
  to: number,
  repId: string,
  until = Number.POSITIVE_INFINITY,
  spanMs = Number.POSITIVE_INFINITY,
): Steps<PageViewSource> {
  const { visits, pages } = yield* storedVisitColumnsSteps(db, from, to, spanMs);
  const byEmail = peopleByEmail(
    db,
    visits.emails.filter((e): e is string => e !== null),
    repId,
  );
  const personOf = (v: number): string | null => {
    const linked = visits.personIds[v];
    if (linked) return linked;
    const email = byEmail.size ? visits.emails[v] : null;
    return email ? (byEmail.get(emailKey(email)) ?? null) : null;
  };
  const personIds = new Set<string>();
  for (let v = 0; v < visits.ids.length; v++) {
    const personId = personOf(v);
    if (personId) personIds.add(personId);
  }
  yield;
  // Pages are mostly stored as their visits were, one visit after the other: the visit after the
  // last one found is tried first, and visits are indexed by id only when that fails.
  let visitIndex: Map<string, number> | undefined;
  const visitNumber = (id: string, after: number): number | undefined => {
    if (visits.ids[after + 1] === id) return after + 1;
    if (!visitIndex) {
      visitIndex = new Map();
      for (let v = 0; v < visits.ids.length; v++) visitIndex.set(visits.ids[v] as string, v);
    }
    return visitIndex.get(id);
  };
  // The views as three columns and a list of their positions, sorted: objects only at the end.
  const most = pages.visitIds.length + visits.ids.length;
  const atAll = new Float64Array(most);
  const visitOfAll = new Int32Array(most);
  const urls: string[] = [];
  let count = 0;
  const hasPages = new Uint8Array(visits.ids.length);
  // A visit's pages are mostly stored together: its id is looked up once a run.
  let runId: string | undefined;
  let runVisit: number | undefined;
  let found = -1;
  for (let i = 0; i < pages.visitIds.length; i++) {
    if (i > 0 && i % PAGES_PER_STEP === 0) yield;
    const id = pages.visitIds[i] as string;
    if (id !== runId) {
      runId = id;
      runVisit = visitNumber(id, found);
      if (runVisit !== undefined) found = runVisit;
    }
    const v = runVisit;
    if (v === undefined) continue;
    hasPages[v] = 1;
    const viewed = pages.viewedAt[i] as number;
    if (viewed > until) continue;
    atAll[count] = viewed;
    visitOfAll[count++] = v;
    urls.push(pages.urls[i] as string);
  }
  for (let v = 0; v < visits.ids.length; v++) {
    const started = visits.startedAt[v] as number;
    if (hasPages[v] || started > until) continue;
    atAll[count] = started;
    visitOfAll[count++] = v;
    urls.push('');
  }
  yield;
  const at = atAll.subarray(0, count);
  const visitOf = visitOfAll.subarray(0, count);
  const order = timeOrder(at, (i, j) => {
    const vi = visitOf[i] as number;
    const vj = visitOf[j] as number;
    // The same visit's views at one instant keep the order they were stored in.
    return vi === vj ? i - j : binaryOrder(visits.ids[vi] as string, visits.ids[vj] as string);
  });

  // An unknown visitor's id by user agent, then IP: no key string made per visit.
  const anonymous = new Map<string, Map<string, string>>();
  // One visitor object shared by the visit's page views (the bot check hashes its user agent
  // once), and page views of three fields: there are 100,000s of them.
  const visitors: (Visitor | undefined)[] = new Array<Visitor | undefined>(visits.ids.length);
  const visitorOf = (v: number): Visitor => {
    let visitor = visitors[v];
    if (visitor) return visitor;
    const id = visits.ids[v] as string;
    const personId = personOf(v);
    const ip = visits.ips[v] ?? null;
    const userAgent = visits.userAgents[v] ?? null;
    let visitorId = personId;
    if (!personId && ip) {
      // null and '' hash alike: one visitor.
      const agentKey = userAgent ?? '';
      let byIp = anonymous.get(agentKey);
      if (!byIp) {
        byIp = new Map();
        anonymous.set(agentKey, byIp);
      }
      visitorId = byIp.get(ip) ?? null;
      if (visitorId === null) {
        visitorId = anonymousVisitorId(ip, userAgent);
        byIp.set(ip, visitorId);
      }
    }
    visitor = {
      visitorId: visitorId ?? `visit:${id}`,
      personId,
      visitorName: visits.visitorNames[v] ?? null,
      userAgent,
      visitId: id,
    };
    visitors[v] = visitor;
    return visitor;
  };
  // Each view is made as the replay reaches it and dropped after: 100,000s of views made at once
  // outlived the young generation, and copying them there cost the replay a third of its time.
  const views = {
    length: order.length,
    [Symbol.iterator](): Iterator<PageView> {
      let k = 0;
      // One result object for the walk (for-of reads it before asking for the next): a
      // generator's machinery cost more than the views it made.
      const result: IteratorResult<PageView> = { done: false, value: undefined as never };
      return {
        next(): IteratorResult<PageView> {
          if (k >= order.length) return { done: true, value: undefined };
          const i = order[k++] as number;
          result.value = {
            at: at[i] as number,
            url: urls[i] as string,
            visitor: visitorOf(visitOf[i] as number),
          };
          return result;
        },
      };
    },
  };
  return { personIds, views };
}
