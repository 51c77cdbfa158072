import { DateTime } from 'luxon';
import type {
  BacktestAnswer,
  BacktestReport,
  BacktestRule,
  BacktestStarLevel,
} from '@shared/contract';
import { pairedMargin, type PairedCounts } from '@shared/pairedMargin';

/** The simple rules the suggested windows are scored against: a column head, and in a sentence. */
export const RULES = [
  { key: 'org', label: 'Organisation’s hours', named: 'the organisation’s hours' },
  { key: 'own', label: 'Their most frequent hour', named: 'their most frequent hour' },
  { key: 'last', label: 'Hour of their last signal', named: 'the hour of their last signal' },
] as const;

/** A rate as the panel shows it, in whole points. */
const points = (x: number): number => Math.round(x * 100);
export const percent = (x: number): string => `${points(x)}%`;

/**
 * The fewest acts a channel's verdict rests on. A hit rate from n acts has a standard error of up
 * to √(0.25 / n): 9 points at 30 acts, 15 at 11. Below 30, "matched" or "beat by 5 points" is
 * noise read as a finding, and the paired difference the eval reports is as wide again.
 */
export const FEWEST_ACTS = 30;

/** Whether a channel has acts enough for its rates to be read as a finding (the table's and the sentence's). */
export const judgedChannel = (channel: { acts: number }): boolean => channel.acts >= FEWEST_ACTS;
/**
 * The fewest windows a star level's bar rests on: at 10 a rate is still ±16 points, but a bar of
 * "0% of 1 window" or 4 windows says nothing about the stars at all.
 */
export const FEWEST_WINDOWS = 10;

/** The period scored: its days over (`days`) and the length asked for (`asked`). */
export interface ScoredPeriod {
  days: number;
  asked: number;
}

/** The longest period the panel offers: past it, a longer one is no advice. */
const LONGEST = 91;

/**
 * How one channel's suggested windows did against the best of the simple rules, in a sentence,
 * or null with no act to score. Compared on the whole percentages the table shows, so the
 * sentence never calls a lead what the table shows as a tie (87% and 87%). On fewer acts than
 * FEWEST_ACTS it gives no verdict: it says there is too little to judge and what would give more.
 * A lead either way is called one only past two paired standard errors (pairedMargin, as
 * `npm run eval` reckons them): 67% against 65% on 46 acts is a gap of about one act, which
 * chance gives as often as not.
 */
export function versusSimpleRules(
  label: string,
  channel: BacktestReport['channels']['call'],
  paired: Record<BacktestRule, PairedCounts>,
  period: ScoredPeriod,
): string | null {
  if (channel.acts === 0) return null;
  if (!judgedChannel(channel)) {
    const acts = `${channel.acts} ${channel.acts === 1 ? 'act' : 'acts'}`;
    const days = `${period.days} ${period.days === 1 ? 'day' : 'days'}`;
    const few = `${label}: ${acts} in these ${days}, too few to judge (it takes ${FEWEST_ACTS})`;
    // A period cut short by today grows only from an earlier start.
    if (period.days < period.asked) return `${few}; pick an earlier start.`;
    if (period.days < LONGEST) return `${few}; pick a longer period.`;
    return `${few}, even over the longest period.`;
  }
  const ours = points(channel.hit1);
  const best = Math.max(...RULES.map((r) => points(channel.baselines[r.key].hit1)));
  const bestRules = RULES.filter((r) => points(channel.baselines[r.key].hit1) === best);
  const rules = bestRules.map((r) => r.named);
  const rule =
    rules.length === 1
      ? `the best simple rule, ${rules[0]}`
      : `the best simple rules, ${rules.slice(0, -1).join(', ')} and ${rules[rules.length - 1]}`;
  if (ours === best)
    return `${label}: the suggested windows matched ${rule}: ${ours}% of acts in the first window each.`;
  // Against rules tied for best, a lead within chance of any of them is no lead.
  const withinChance = bestRules.some((r) => {
    const { margin, standardError } = pairedMargin(paired[r.key], channel.acts);
    return Math.abs(margin) <= 2 * standardError;
  });
  if (withinChance)
    return `${label}: the suggested windows did about the same as ${rule} (${ours}% of acts in the first window against ${best}%, within chance on ${channel.acts} acts).`;
  const gap = Math.abs(ours - best);
  const by = `by ${gap} ${gap === 1 ? 'point' : 'points'}`;
  return `${label}: the suggested windows ${ours > best ? 'beat' : 'trailed'} ${rule}, ${by}: ${ours}% of acts in the first window against ${best}%.`;
}

/** Whether a star level has windows enough for its bar to say something. */
export const judged = (level: BacktestStarLevel): boolean => level.windows >= FEWEST_WINDOWS;

/**
 * A row of the star chart as it is read out: "4 stars: 46% of 213 windows", or, below
 * FEWEST_WINDOWS, "1 star: 1 window, too few to judge" (no rate that would read as a finding).
 */
export function starLevelLabel(level: BacktestStarLevel): string {
  const stars = `${level.stars} ${level.stars === 1 ? 'star' : 'stars'}`;
  const windows = `${level.windows} ${level.windows === 1 ? 'window' : 'windows'}`;
  if (!judged(level)) return `${stars}: ${windows}, too few to judge`;
  return `${stars}: ${percent(level.hit_rate)} of ${windows}`;
}

/**
 * Where a period with nothing to score could start instead. A start on or before the first stored
 * call or e-mail has nobody known before it, so "inside them" would not help: a start after that
 * first day would.
 */
export function whereTheDataIs(
  span: BacktestAnswer['callsAndEmails'],
  start: DateTime,
  zone: string,
): string {
  if (!span) return 'There is no call or e-mail here to score yet: sync some first.';
  const day = (at: number): string => DateTime.fromMillis(at, { zone }).toFormat('d LLL yyyy');
  const runs = `The calls and e-mails here run from ${day(span.from)} to ${day(span.to)}`;
  const firstDay = DateTime.fromMillis(span.from, { zone }).startOf('day');
  if (start.toMillis() <= firstDay.toMillis())
    return `${runs}: pick a start after ${day(span.from)}, so that the period has history before it.`;
  if (start.toMillis() > span.to) return `${runs}: pick a start inside them.`;
  return `${runs}, but none in this period is with anyone heard from before it: pick a later start, with more history before it.`;
}
