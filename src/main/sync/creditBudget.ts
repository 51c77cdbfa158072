import type { CrmLicence } from '../crm/crmSource';
import { BUCKET_MS, WINDOW_MS } from './apiCredits';

/**
 * The daily budget of API requests the app's own runs keep to. Zoho counts credits per
 * organisation over a rolling 24 hours and, once they are spent, refuses every API call of the
 * organisation (its other integrations' too) until the window rolls on. Every rep runs their own
 * copy of the app, so each copy keeps to a share: half the organisation's credits (the other half
 * stays for its other integrations and for "Sync now" and first syncs, which are not held back),
 * divided by its active users (each may run the app). The scheduled runs keep to it by stretching
 * their intervals and, when the share is spent, by waiting for the window to roll on.
 */

/** Zoho's credits for 24 hours by edition (api-limits): a base, more per user licence, a cap. */
interface Edition {
  name: string;
  base: number;
  perLicence: number;
  max: number;
}

const FREE: Edition = { name: 'Free', base: 5_000, perLicence: 0, max: 5_000 };
const STANDARD = { base: 50_000, perLicence: 250, max: 100_000 };
const PROFESSIONAL = { base: 50_000, perLicence: 500, max: 3_000_000 };
const ENTERPRISE = { base: 50_000, perLicence: 1_000, max: 5_000_000 };
const ULTIMATE = { base: 50_000, perLicence: 2_000, max: Infinity };

// Keyed by Zoho's `paid_type`, lower case without spaces or separators.
const EDITIONS: Record<string, Edition> = {
  free: FREE,
  standard: { name: 'Standard', ...STANDARD },
  starter: { name: 'Starter', ...STANDARD },
  professional: { name: 'Professional', ...PROFESSIONAL },
  enterprise: { name: 'Enterprise', ...ENTERPRISE },
  zohoone: { name: 'Zoho One', ...ENTERPRISE },
  ultimate: { name: 'Ultimate', ...ULTIMATE },
  crmplus: { name: 'CRM Plus', ...ULTIMATE },
};

export interface OrganisationCredits {
  /** The organisation's API credits for 24 hours. */
  credits: number;
  /**
   * The edition as Zoho names it ("Free", "Zoho One"); null when the CRM did not say one this
   * table knows: the free edition's 5,000 are assumed, the least any organisation has.
   */
  edition: string | null;
}

/**
 * The organisation's credits for 24 hours from its edition and user licences. Add-on credits are
 * not in Zoho's answer and are not counted (a budget too small, never too large). An
 * organisation that does not pay (a trial, a lapsed subscription) gets the free edition's.
 */
export function organisationCredits(licence: CrmLicence | null): OrganisationCredits {
  const key = licence?.edition?.toLowerCase().replace(/[\s_-]/g, '') ?? '';
  const edition = EDITIONS[key];
  if (!licence || !edition) return { credits: FREE.max, edition: null };
  if (licence.paid === false || edition === FREE) return { credits: FREE.max, edition: FREE.name };
  const credits = Math.min(edition.max, edition.base + edition.perLicence * (licence.users ?? 0));
  return { credits, edition: edition.name };
}

/** This app's share of the organisation's credits: half of them over its active users. */
export function appShare(organisation: number, activeUsers: number): number {
  return Math.floor(organisation / 2 / Math.max(1, activeUsers));
}

/** Minutes between runs: the rep's setting, or what the budget stretched it to. */
export interface Intervals {
  recordsMinutes: number;
  visitsMinutes: number;
}

/** Requests one run costs, by kind (a records run reads the visits too). */
export interface RunCost {
  records: number;
  visits: number;
}

/** What the last scheduled runs cost, newest last (`withRunCost`). */
export interface RunCosts {
  records: readonly number[];
  visits: readonly number[];
}

export const NO_RUNS: RunCosts = { records: [], visits: [] };
const RUNS_KEPT = 6;
/**
 * Before a run is measured: an idle records run asks 31 requests, and 6 more once an hour for
 * the organisation's settings (organisationRead.ts); a visits run, one.
 */
const UNMEASURED: RunCost = { records: 37, visits: 1 };

/** The costs with a scheduled run's requests added (a first sync or "Sync now" is no measure). */
export function withRunCost(costs: RunCosts, kind: keyof RunCosts, requests: number): RunCosts {
  return { ...costs, [kind]: [...costs[kind], requests].slice(-RUNS_KEPT) };
}

const mean = (xs: readonly number[], none: number): number =>
  xs.length === 0 ? none : xs.reduce((a, b) => a + b, 0) / xs.length;

/** A run's cost for the pace: the mean of the last runs (the hourly settings' read averaged in). */
export function usualCost(costs: RunCosts): RunCost {
  return {
    records: mean(costs.records, UNMEASURED.records),
    visits: mean(costs.visits, UNMEASURED.visits),
  };
}

/** The next records run's cost for the pause: the dearest of the last ones. */
export function dearestRecordsRun(costs: RunCosts): number {
  return costs.records.length === 0 ? UNMEASURED.records : Math.max(...costs.records);
}

const DAY_MINUTES = 1440;

/**
 * Requests a day of runs on these intervals: a records run each interval, and the visits runs
 * between two (the schedule runs visits `visitsMinutes` after the last run of either kind).
 */
export function dailyRequests(intervals: Intervals, cost: RunCost): number {
  const { recordsMinutes: r, visitsMinutes: v } = intervals;
  const between = v >= r ? 0 : Math.ceil(r / v) - 1;
  return (DAY_MINUTES / r) * (cost.records + between * cost.visits);
}

// Records are stretched alone up to an hour: a records run costs 30 times a visits run, and the
// visits are the live alerts (a visitor is hot now). Past that the visits stretch too.
const RECORDS_ALONE_UP_TO = 60;

/**
 * The intervals that keep a day of runs within `share`, never shorter than the rep's: the rep's
 * when they fit; else records stretched (up to an hour); else visits stretched too (up to the
 * records' interval); else both together, once a day at the longest.
 */
export function stretchedIntervals(share: number, cost: RunCost, rep: Intervals): Intervals {
  const fits = (i: Intervals): boolean => dailyRequests(i, cost) <= share;
  if (fits(rep)) return rep;
  const { recordsMinutes: r0, visitsMinutes: v0 } = rep;
  const recordsUpTo = Math.max(r0, RECORDS_ALONE_UP_TO);
  for (let r = r0 + 1; r <= recordsUpTo; r++)
    if (fits({ recordsMinutes: r, visitsMinutes: v0 }))
      return { recordsMinutes: r, visitsMinutes: v0 };
  for (let v = v0 + 1; v < recordsUpTo; v++)
    if (fits({ recordsMinutes: recordsUpTo, visitsMinutes: v }))
      return { recordsMinutes: recordsUpTo, visitsMinutes: v };
  for (let m = recordsUpTo; m < DAY_MINUTES; m++) {
    const both = { recordsMinutes: m, visitsMinutes: Math.max(v0, m) };
    if (fits(both)) return both;
  }
  return { recordsMinutes: DAY_MINUTES, visitsMinutes: Math.max(v0, DAY_MINUTES) };
}

/**
 * When the app's own runs may go on: `now` when what Zoho may still count of the app's requests
 * (`buckets`: [start, requests] oldest first, apiCredits.ts; a bucket's requests all leave Zoho's
 * window 24 hours after its end) and the next run's `cost` are within `share`; else the instant
 * enough of them have left it.
 */
export function runsAllowedAt(
  buckets: readonly (readonly [number, number])[],
  now: number,
  share: number,
  cost: number,
): number {
  const leaves = (at: number): number => at + BUCKET_MS + WINDOW_MS;
  const counted = buckets.filter(([at]) => leaves(at) > now);
  let spent = counted.reduce((n, [, requests]) => n + requests, 0);
  // Nothing counted: a run dearer than the whole share runs too, or it would wait for good.
  if (spent + cost <= share || counted.length === 0) return now;
  for (const [at, requests] of counted) {
    spent -= requests;
    if (spent + cost <= share) return leaves(at);
  }
  // A run dearer than the whole share: once nothing else counts, it runs.
  return leaves(counted.at(-1)?.[0] ?? now);
}

export interface CreditPlan {
  organisation: OrganisationCredits;
  users: number;
  share: number;
  /** The intervals the schedule keeps now. */
  intervals: Intervals;
}

/** The budget and the schedule that keeps to it, from what the organisation and the runs say. */
export function creditPlan(
  licence: CrmLicence | null,
  activeUsers: number,
  costs: RunCosts,
  rep: Intervals,
): CreditPlan {
  const organisation = organisationCredits(licence);
  const users = Math.max(1, activeUsers);
  const share = appShare(organisation.credits, users);
  return {
    organisation,
    users,
    share,
    intervals: stretchedIntervals(share, usualCost(costs), rep),
  };
}
