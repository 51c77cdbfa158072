import type { Channel, SignalType } from '../../../shared/signals';
import { clockFor, isValidZone, type LocalClock } from './localClock';
import { describeSignals, isOwnEvidence, signalWeight } from './signalWeights';
import type { ReasonContext } from './types';

const WEEKDAYS = [
  'Mondays',
  'Tuesdays',
  'Wednesdays',
  'Thursdays',
  'Fridays',
  'Saturdays',
  'Sundays',
];
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const CLOCK_TEXTS: string[] = [];

/** "HH:MM" for minutes from midnight; 1440 is "24:00". Cached: a full recompute asks millions of times. */
export function clockText(minutes: number): string {
  let text = CLOCK_TEXTS[minutes];
  if (text === undefined) {
    text = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    if (minutes >= 0 && minutes <= 1440) CLOCK_TEXTS[minutes] = text;
  }
  return text;
}

/**
 * The zone of the last reason worded, its clock, and the local day its `asOf` falls on: a full
 * recompute words a contact's windows one after another, all in one zone and as of one instant,
 * so most windows cost one offset lookup (a cached Luxon answer, see LocalClock) and no Luxon.
 */
const reading = { zone: '', clock: clockFor('UTC'), asOf: Number.NaN, day: 0 };

function localDay(clock: LocalClock, at: number): number {
  return Math.floor((at + clock.offsetAt(at) * MINUTE_MS) / DAY_MS);
}

/**
 * Calendar days from `at` to `asOf` in `zone`: 1 from 23:50 to 00:10, 7 from last Monday 16:00
 * to this Monday 10:20, across a daylight-saving change as on any other day. A zone that is not
 * one (a hand-typed CRM field) counts in UTC rather than spelling "NaN days".
 */
function calendarDaysBetween(at: number, asOf: number, zone: string): number {
  if (zone !== reading.zone || asOf !== reading.asOf) {
    if (zone !== reading.zone) {
      reading.clock = clockFor(isValidZone(zone) ? zone : 'UTC');
      reading.zone = zone;
    }
    reading.asOf = asOf;
    reading.day = localDay(reading.clock, asOf);
  }
  return reading.day - localDay(reading.clock, at);
}

/** The texts of 2 days and more, by the count: nothing but the count decides them. */
const AGO_TEXTS: string[] = [];

/** The texts of a last signal 2 days and more after the day read, by the count. */
const AFTER_TEXTS: string[] = [];

/** The texts of a last signal 2 days and more before a day read once it is over, by the count. */
const BEFORE_TEXTS: string[] = [];

function countedText(cache: string[], days: number, text: (days: number) => string): string {
  let known = cache[days];
  if (known === undefined) {
    known = text(days);
    if (days < 100_000) cache[days] = known;
  }
  return known;
}

/**
 * How long ago the last signal was, in calendar days of the zone the window's weekday is in: a
 * reader of "on Mondays 10:00-11:00" on a Monday counts last Monday as 7 days ago, however
 * many hours short of 7 × 24 it was. A past day is read with windows learned since: their last
 * signal can come after the day read, and is said so ("the last one 7 days after this day"),
 * never "today". Read once the window's day is over (`dayOver`, a past day's plan), that day is
 * no longer the reader's today: it is "that day", and the day before it "the day before".
 */
function agoText(asOf: number, at: number, zone: string, dayOver: boolean): string {
  const days = calendarDaysBetween(at, asOf, zone);
  if (days === -1) return 'the last one the next day';
  if (days < 0)
    return countedText(AFTER_TEXTS, -days, (n) => `the last one ${n} days after this day`);
  if (dayOver) {
    if (days === 0) return 'the last one that day';
    if (days === 1) return 'the last one the day before';
    return countedText(BEFORE_TEXTS, days, (n) => `the last one ${n} days before that day`);
  }
  if (days === 0) return 'the last one today';
  if (days === 1) return 'the last one yesterday';
  return countedText(AGO_TEXTS, days, (n) => `last ${n} days ago`);
}

/**
 * Texts that repeat across contacts, kept once: a recompute of a thousand contacts explains
 * 40,000 windows, and every string it can reuse is one the collector need not chase. Both
 * caches are bounded by what a week of slots and a count of signals can spell.
 */
const WHEN_TEXTS = new Map<number, string>();
const BORROWED_TEXTS = new Map<string, Map<number, string>>();
const MAX_CACHED = 100_000;

/** Below 2^30, so a small integer to the engine: weekday, start, end, and "their time". */
function whenKey(r: ReasonInput): number {
  return ((r.weekday * 1441 + r.startMin) * 1441 + r.endMin) * 2 + (r.theirZone ? 1 : 0);
}

function whenText(r: ReasonInput): string {
  const key = whenKey(r);
  let text = WHEN_TEXTS.get(key);
  if (text === undefined) {
    // A window ending at midnight ends at 00:00, as the planner and every page write that instant.
    const end = r.endMin === 1440 ? '00:00' : clockText(r.endMin);
    text = `${WEEKDAYS[r.weekday - 1]} ${clockText(r.startMin)}-${end}${r.theirZone ? ' their time' : ''}`;
    if (WHEN_TEXTS.size >= MAX_CACHED) WHEN_TEXTS.clear();
    WHEN_TEXTS.set(key, text);
  }
  return text;
}

export interface ReasonInput extends ReasonContext {
  channel: Channel;
  weekday: number;
  startMin: number;
  endMin: number;
  /**
   * Own signals for the channel inside the window on that weekday, by type (types with none left
   * out). Sorted in place, strongest first.
   */
  typeCounts: [SignalType, number][];
  /** UTC epoch ms of the latest of them, and of the moment the reason is read. */
  lastAt: number | null;
  asOf: number;
  /**
   * Whether the reader's day the window is on is over (a past day's plan): its words speak of
   * "that day", not of the reader's today. Left out: the day is the reader's today or one to come.
   */
  dayOver?: boolean;
  /**
   * The IANA zone the window's weekday and hours are in (the contact's: named in `theirZone`
   * when it is not the organisation's): the days since `lastAt` are counted in its calendar.
   */
  zone: string;
}

/** The most kinds of signal a reason names one by one. */
const NAMED_KINDS = 4;

function strongerFirst(channel: Channel, a: [SignalType, number], b: [SignalType, number]): number {
  return (
    b[1] * signalWeight(b[0], channel) - a[1] * signalWeight(a[0], channel) ||
    (a[0] < b[0] ? -1 : 1)
  );
}

/**
 * "answered 4 calls and called in twice", strongest evidence for the channel first. Plain loops
 * and an in-place sort of `typeCounts`: a full recompute explains over a million windows.
 */
function evidenceList(channel: Channel, typeCounts: [SignalType, number][]): string {
  const ranked = typeCounts;
  for (let i = 1; i < ranked.length; i++) {
    for (
      let j = i;
      j > 0 &&
      strongerFirst(
        channel,
        ranked[j - 1] as [SignalType, number],
        ranked[j] as [SignalType, number],
      ) > 0;
      j--
    ) {
      [ranked[j - 1], ranked[j]] = [
        ranked[j] as [SignalType, number],
        ranked[j - 1] as [SignalType, number],
      ];
    }
  }
  const first = ranked[0];
  if (!first) return '';
  // Up to four kinds are each named for what they were ("and submitted 2 web forms"): "and 2
  // other signals" after "opened 4 emails" read as if they had opened the signals, and "1 other
  // signal" left the rep to guess at the one thing the window knows. Only kinds are at hand, not days.
  if (ranked.length <= NAMED_KINDS) {
    let text = describeSignals(first[0], first[1]);
    for (let i = 1; i < ranked.length; i++) {
      const kind = ranked[i] as [SignalType, number];
      text += `${i === ranked.length - 1 ? ' and ' : ', '}${describeSignals(kind[0], kind[1])}`;
    }
    return text;
  }
  // More kinds than a reason can list: the strongest two, and the rest counted apart from their verbs.
  const second = ranked[1] as [SignalType, number];
  let others = 0;
  for (let i = 2; i < ranked.length; i++) others += ranked[i]?.[1] ?? 0;
  // A call window's others are calls too: said so, not "signals".
  const noun = channel === 'call' ? 'call' : 'signal';
  return `${describeSignals(first[0], first[1])} and ${describeSignals(second[0], second[1])}, plus ${others} other ${noun}${others === 1 ? '' : 's'},`;
}

/**
 * What a borrowed window leans on besides the contact's own signals, or '' when nothing does:
 * in an organisation where nobody else engaged on the channel, "the pattern of contacts in
 * Europe/Berlin" named a pattern of no one (audit 40).
 */
function borrowedText(r: ReasonInput): string {
  if (r.borrowedFrom === '') return '';
  return r.borrowedFrom
    ? `the pattern of contacts in ${r.borrowedFrom}`
    : 'the pattern of the whole organisation';
}

/** "borrowed from X", where X is the population or, with none, their own other signals. */
function fromText(r: ReasonInput): string {
  return (
    borrowedText(r) ||
    `their own ${nounFor(r.channel)} at other times (no other contact's to learn from yet)`
  );
}

/**
 * The weekdays their own signals were seen on, for a window on a weekday with none: "their calls
 * on Tuesdays", "... on Tuesdays and Thursdays", up to three named; more read "on other days".
 * Such a day's windows are the hours of those days pooled (with the population's), and the rep
 * is told which days the hour was seen on rather than left to read "reachable Mondays at 10"
 * from one call on a Tuesday.
 */
function seenDaysText(r: ReasonInput): string {
  const days = r.ownWeekdays ?? 0;
  const named: string[] = [];
  for (let d = 0; d < 7; d++) if ((days & (1 << d)) !== 0) named.push(WEEKDAYS[d] ?? '');
  const noun = nounFor(r.channel);
  if (named.length === 0 || named.length > 3) return `their ${noun} on other days`;
  const lastDay = named.pop() ?? '';
  return `their ${noun} on ${named.length > 0 ? `${named.join(', ')} and ${lastDay}` : lastDay}`;
}

/**
 * What a sparse contact's window on a weekday with none of their own signals is borrowed from:
 * the days they were seen on, and the population's pattern where there is one. It named the
 * population alone, though their one call on a Tuesday at 10:00 is what put every other
 * weekday's window at 10:00.
 */
function otherDaysText(r: ReasonInput): string {
  const days = seenDaysText(r);
  if (r.borrowedFrom === '') return `${days} (no other contact's to learn from yet)`;
  return `${days} and ${borrowedText(r)}`;
}

/** What the channel's own evidence is called: a call window counts calls, never e-mails. */
function nounFor(channel: Channel): string {
  return channel === 'call' ? 'calls' : 'signals';
}

/**
 * Whether the contact has none of the channel's own signals on the window's weekday at all:
 * 1 when the context says so, 0 when they have some there, and 0 when an older row does not
 * say (then "none on Mondays 10:00-11:00", true either way, is what is said).
 */
function noneThatWeekday(r: ReasonInput): number {
  const days = r.ownWeekdays;
  return days !== undefined && (days & (1 << (r.weekday - 1))) === 0 ? 1 : 0;
}

/**
 * A window without own signals: the same words for every contact with as many signals and the
 * same source. Consecutive windows are one contact's, so the texts for the last (source,
 * signals, channel) are kept at hand and each window costs one lookup by its time.
 */
const last = {
  from: '',
  signals: -1,
  sparse: false,
  channel: '' as Channel | '',
  texts: new Map<number, string>(),
};

/**
 * Says plainly that the window is borrowed, and from what: on a weekday with none of their own
 * signals ("no calls of their own on Mondays yet"), or at hours of that weekday where they
 * have none ("none on Mondays 10:00-11:00"). Their count is of the channel's own evidence, so
 * a call window's "51 calls" never counts the e-mails that shaped it.
 */
function explainBorrowed(r: ReasonInput): string {
  // '' (nobody else) and null (the whole organisation) read differently.
  const from = r.borrowedFrom ?? ' org';
  if (
    from !== last.from ||
    r.ownSignals !== last.signals ||
    r.sparse !== last.sparse ||
    r.channel !== last.channel
  ) {
    const group = `${from}|${r.ownSignals}|${r.sparse ? 1 : 0}|${r.channel}`;
    let texts = BORROWED_TEXTS.get(group);
    if (!texts) {
      if (BORROWED_TEXTS.size >= MAX_CACHED) BORROWED_TEXTS.clear();
      texts = new Map();
      BORROWED_TEXTS.set(group, texts);
    }
    last.from = from;
    last.signals = r.ownSignals;
    last.sparse = r.sparse;
    last.channel = r.channel;
    last.texts = texts;
  }
  const lastTexts = last.texts;
  const noneThatDay = noneThatWeekday(r);
  // The days they were seen on are named on a day with none: part of the text, so of its key.
  const key = (whenKey(r) * 2 + noneThatDay) * 128 + (noneThatDay === 1 ? (r.ownWeekdays ?? 0) : 0);
  let text = lastTexts.get(key);
  if (text === undefined) {
    const when = whenText(r);
    const noun = nounFor(r.channel);
    const day = WEEKDAYS[r.weekday - 1] ?? '';
    if (r.sparse) {
      text =
        noneThatDay === 1
          ? `few ${noun} of their own (${r.ownSignals}), none on ${day}: ${when} is borrowed from ${otherDaysText(r)}`
          : `few ${noun} of their own (${r.ownSignals}), none on ${when}: borrowed from ${fromText(r)}`;
    } else {
      const and = borrowedText(r) && ` and ${borrowedText(r)}`;
      text =
        noneThatDay === 1
          ? `no ${noun} of their own on ${day} yet: ${when} is borrowed from ${seenDaysText(r)} (${r.ownSignals} ${noun})${and}`
          : `no ${noun} of their own on ${when} yet: borrowed from their other hours (${r.ownSignals} ${noun})${and}`;
    }
    lastTexts.set(key, text);
  }
  return text;
}

function callsText(count: number): string {
  return count === 1 ? '1 call' : `${count} calls`;
}

/**
 * BT-12's part of a call window's reason: the calls inside the window, on its weekday, that went
 * unanswered, each one the timeline lists (a redial too). Only those: the hour elsewhere at which most calls went unanswered, cited on every
 * window, told a ½-star alternative at 12:00 that "17 calls at 13:00 went unanswered" beside the
 * contact's 5-star window at 13:00, a fact about another window.
 */
function unansweredText(inWindow: number): string {
  return `; ${callsText(inWindow)} there went unanswered`;
}

/**
 * A window's words around its "the last one …" (which alone depends on the day it is read on):
 * `lead` before it and `tail` after it, or `lead` alone (`dated` false) for a borrowed window.
 * Kept in one object reused: a kept day words a Team page's 280,000 windows.
 */
const parts = { lead: '', tail: '', dated: false };

function wordParts(r: ReasonInput): void {
  let evidence = r.typeCounts;
  let unanswered = 0;
  let foreign = false;
  for (const [type, count] of evidence) {
    // A row stored by an older version may hold another channel's signals: never cited.
    if (type === 'call_no_answer' && r.channel === 'call') unanswered = count;
    else if (!isOwnEvidence(type, r.channel)) foreign = true;
  }
  // Only windows with unanswered tries or another channel's signals pay for the copy.
  if (unanswered > 0 || foreign)
    evidence = evidence.filter(
      ([type]) => type !== 'call_no_answer' && isOwnEvidence(type, r.channel),
    );
  const tail = unanswered > 0 ? unansweredText(unanswered) : '';
  if (evidence.length === 0 || r.lastAt === null) {
    parts.lead = explainBorrowed(r) + tail;
    parts.tail = '';
    parts.dated = false;
    return;
  }
  const own = `${evidenceList(r.channel, evidence)} on ${whenText(r)}; `;
  parts.dated = true;
  if (r.sparse) {
    parts.lead = `few ${nounFor(r.channel)} of their own (${r.ownSignals}): ${own}`;
    parts.tail = `; the rest borrowed from ${fromText(r)}${tail}`;
  } else {
    parts.lead = own;
    parts.tail = tail;
  }
}

/** The BT-10 explanation of one window. */
export function explainWindow(r: ReasonInput): string {
  wordParts(r);
  if (!parts.dated || r.lastAt === null) return parts.lead;
  return parts.lead + agoText(r.asOf, r.lastAt, r.zone, r.dayOver === true) + parts.tail;
}

/**
 * The window's words as its day reads them and as they read once that day is over (`dayOver`),
 * worded once: a kept day keeps both for every window, and only "the last one …" differs.
 */
export function explainWindowBoth(r: ReasonInput): { day: string; over: string } {
  wordParts(r);
  if (!parts.dated || r.lastAt === null) return { day: parts.lead, over: parts.lead };
  return {
    day: parts.lead + agoText(r.asOf, r.lastAt, r.zone, false) + parts.tail,
    over: parts.lead + agoText(r.asOf, r.lastAt, r.zone, true) + parts.tail,
  };
}
