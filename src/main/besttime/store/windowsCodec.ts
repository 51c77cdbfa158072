import { SIGNAL_TYPES, type Channel, type SignalType } from '../../../shared/signals';
import { explainWindow, explainWindowBoth, type ReasonInput } from '../model/reasonText';
import type { LearnedWindow, ReasonContext } from '../model/types';

/**
 * The evidence a stored window's reason is worded from when it is read, as stored: picked apart
 * only when the reason is worded. A planner reads every window of a rep's people, a Team page
 * 1.4 million of them, and words the reasons of the day's weekday alone.
 */
interface StoredEvidence {
  context: ReasonContext;
  row: EvidenceRow;
}

/**
 * A kept day's window's reason, worded when the day was kept (dayPlanSnapshots.ts): as that day
 * read it, and as it reads once the day is over. Its evidence is not kept, so both are worded then.
 */
export interface KeptWords {
  day: string;
  over: string;
}

/**
 * A weekly window as stored in best_time_windows and read back, in the contact's local time:
 * what the planner places on a day (a WindowOccurrence) and the person page shows (ShownWindow).
 */
export interface WeeklyWindow {
  channel: Channel;
  weekday: number;
  /** 1 = the best of its weekday. */
  rank: number;
  startMin: number;
  endMin: number;
  stars: number;
  /**
   * A reason worded already (rows of older versions, kept days of older versions), a kept day's
   * words, or what to word it from.
   */
  why: string | KeptWords | StoredEvidence;
}

/**
 * The window's BT-10 reason as of `asOf`: worded when read, so "last 3 days ago" stays true on
 * the days after the recompute that found the evidence. `zone` is the one the window is placed
 * in (the person's, `personZone`): the days are counted in its calendar, as its weekday is.
 * `dayOver`: the reader's day the window is on is over, so it is "that day" (explainWindow).
 */
export function reasonOf(
  w: Pick<WeeklyWindow, 'channel' | 'weekday' | 'startMin' | 'endMin' | 'why'>,
  asOf: number,
  zone: string,
  dayOver = false,
): string {
  // Worded before midnight was written as the planner writes it ("23:00-24:00"): read the same.
  if (typeof w.why === 'string') return olderWords(w.why);
  if ('day' in w.why) return dayOver ? w.why.over : w.why.day;
  return explainWindow(reasonInput(w, w.why, asOf, zone, dayOver));
}

/**
 * The window's reason as its day reads it and as it reads once that day is over, worded once
 * (the words differ in "the last one …" alone): what a kept day keeps for each of its windows.
 */
export function reasonsOf(
  w: Pick<WeeklyWindow, 'channel' | 'weekday' | 'startMin' | 'endMin' | 'why'>,
  asOf: number,
  zone: string,
): KeptWords {
  if (typeof w.why === 'string') {
    const words = olderWords(w.why);
    return { day: words, over: words };
  }
  if ('day' in w.why) return w.why;
  return explainWindowBoth(reasonInput(w, w.why, asOf, zone, false));
}

function olderWords(why: string): string {
  return why.replace(/\b(\d\d:\d\d)-24:00\b/g, '$1-00:00');
}

function reasonInput(
  w: Pick<WeeklyWindow, 'channel' | 'weekday' | 'startMin' | 'endMin'>,
  why: StoredEvidence,
  asOf: number,
  zone: string,
  dayOver: boolean,
): ReasonInput {
  const { context, row } = why;
  const { lastAt, byType } = evidenceOf(row);
  // Every field named, not `...context` and more: the spread made each of a team's 280,000
  // reasons an object built property by property, most of a cold team day's wording time.
  return {
    ownSignals: context.ownSignals,
    sparse: context.sparse,
    theirZone: context.theirZone,
    borrowedFrom: context.borrowedFrom,
    ownWeekdays: context.ownWeekdays,
    channel: w.channel,
    weekday: w.weekday,
    startMin: w.startMin,
    endMin: w.endMin,
    // Wording sorts the list in place: a list of its own, picked apart for this reason.
    typeCounts: byType,
    lastAt,
    asOf,
    dayOver,
    zone,
  };
}

/** Rows written before reasons were worded on read: [weekday, startMin, endMin, stars, reason]. */
type WordedRow = [number, number, number, number, string];

/** [weekday, startMin, endMin, stars, lastAt, type, count, type, count, ...] */
type EvidenceRow = (number | string | null)[];

interface Encoded {
  /** ReasonContext, abbreviated: a full recompute writes 100,000 of these. */
  n: number;
  s: boolean;
  z: string | null;
  b: string | null;
  /** The weekdays with own signals, bit 0 Monday (ReasonContext.ownWeekdays). */
  d?: number;
  w: EvidenceRow[];
}

const KNOWN_TYPES = new Set<string>(SIGNAL_TYPES);

/**
 * One contact's windows of one channel as the stored JSON: numbers and the evidence, not the
 * worded reasons (a thousand contacts' reasons were 4 MB, and writing them took a quarter of an
 * incremental recompute). Windows best first within each weekday, as the model ranks them.
 */
export function encodeWindows(windows: readonly LearnedWindow[], context: ReasonContext): string {
  // One growing string, not a string per window joined: this runs for 40,000 windows a sync.
  const days = context.ownWeekdays;
  let encoded = `{"n":${context.ownSignals},"s":${context.sparse},"z":${JSON.stringify(context.theirZone)},"b":${JSON.stringify(context.borrowedFrom)},${days === undefined ? '' : `"d":${days},`}"w":[`;
  let finite = true;
  for (let i = 0; i < windows.length; i++) {
    const w = windows[i] as LearnedWindow;
    const { lastAt, byType } = w.evidence;
    finite &&= Number.isFinite(w.weekday + w.startMin + w.endMin + w.stars + (lastAt ?? 0));
    encoded += `${i > 0 ? ',' : ''}[${w.weekday},${w.startMin},${w.endMin},${w.stars},${lastAt ?? 'null'}`;
    for (const [type, count] of byType) encoded += `,"${type}",${count}`;
    encoded += ']';
  }
  // Numbers that JSON cannot spell (NaN, Infinity) would make the text unreadable: spell them as
  // JSON.stringify does instead, at the price of a second pass.
  return finite
    ? `${encoded}]}`
    : JSON.stringify({
        n: context.ownSignals,
        s: context.sparse,
        z: context.theirZone,
        b: context.borrowedFrom,
        ...(days === undefined ? {} : { d: days }),
        w: windows.map((w) => [
          w.weekday,
          w.startMin,
          w.endMin,
          w.stars,
          w.evidence.lastAt,
          ...w.evidence.byType.flat(),
        ]),
      } satisfies Encoded);
}

function evidenceOf(row: EvidenceRow): { lastAt: number | null; byType: [SignalType, number][] } {
  const byType: [SignalType, number][] = [];
  for (let i = 5; i + 1 < row.length; i += 2) {
    const type = row[i];
    const count = row[i + 1];
    // A type this version does not know is left out of the wording, not the window.
    if (typeof type === 'string' && KNOWN_TYPES.has(type) && typeof count === 'number')
      byType.push([type as SignalType, count]);
  }
  const lastAt = row[4];
  return { lastAt: typeof lastAt === 'number' ? lastAt : null, byType };
}

/** The row as JSON, or null when it is not one of the shapes this version reads. */
function parseRow(json: string): Encoded | WordedRow[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (Array.isArray(parsed)) return parsed.every(Array.isArray) ? (parsed as WordedRow[]) : null;
  const encoded = parsed as Partial<Encoded> | null;
  return encoded && Array.isArray(encoded.w) && encoded.w.every(Array.isArray)
    ? (encoded as Encoded)
    : null;
}

/**
 * Reads what encodeWindows wrote, and the worded rows of earlier versions. A damaged row (a
 * hand-edited file, a disk error) reads as no windows: one person shows none until their next
 * relearn rewrites it, instead of a planner that cannot open.
 */
export function decodeWindows(channel: Channel, json: string): WeeklyWindow[] {
  const parsed = parseRow(json);
  const out: WeeklyWindow[] = [];
  if (parsed === null) return out;
  const ranks = new Map<number, number>();
  const push = (
    weekday: number,
    startMin: number,
    endMin: number,
    stars: number,
    why: WeeklyWindow['why'],
  ): void => {
    const rank = (ranks.get(weekday) ?? 0) + 1;
    ranks.set(weekday, rank);
    out.push({ channel, weekday, rank, startMin, endMin, stars, why });
  };
  if (Array.isArray(parsed)) {
    for (const [weekday, startMin, endMin, stars, reason] of parsed)
      if (weekday >= 1 && weekday <= 7) push(weekday, startMin, endMin, stars, String(reason));
    return out;
  }
  const context: ReasonContext = {
    ownSignals: typeof parsed.n === 'number' ? parsed.n : 0,
    sparse: parsed.s === true,
    theirZone: typeof parsed.z === 'string' ? parsed.z : null,
    borrowedFrom: typeof parsed.b === 'string' ? parsed.b : null,
  };
  // Rows of earlier versions have no "d" (and may have a "u", the hour most calls went
  // unanswered, no longer cited): their borrowed windows are worded without it.
  if (typeof parsed.d === 'number') context.ownWeekdays = parsed.d;
  for (const row of parsed.w) {
    const [weekday, startMin, endMin, stars] = row as (number | null)[];
    // A window on no weekday (a number JSON could not spell) cannot be placed on any day.
    if (typeof weekday !== 'number' || weekday < 1 || weekday > 7) continue;
    push(weekday, startMin ?? 0, endMin ?? 0, stars ?? 0, { context, row });
  }
  return out;
}

/**
 * One person's stored windows of one channel, by ISO weekday, decoded from the row's JSON when a
 * weekday is first asked for. A Team page reads the 1.4 million windows of 12 reps' people and
 * plans one day: decoding every weekday up front kept six in seven of them alive for nothing, and
 * collecting them was most of a cold day's garbage collection.
 */
export class StoredWeek {
  private readonly days: (readonly WeeklyWindow[] | undefined)[] = [];
  private whole = false;

  constructor(
    private readonly channel: Channel,
    private readonly json: string,
  ) {}

  /** The windows of ISO weekday `weekday` (1-7), best first. */
  on(weekday: number): readonly WeeklyWindow[] {
    const known = this.days[weekday];
    if (known || this.whole) return known ?? [];
    // A second weekday asked for (the next days' offer looks through a week): decode the rest at
    // once rather than parsing the row again for each. Days handed out already stay the same lists.
    const keepAll = this.days.length > 0;
    const week: WeeklyWindow[][] = [[], [], [], [], [], [], [], []];
    for (const w of decodeWindows(this.channel, this.json)) week[w.weekday]?.push(w);
    if (keepAll) {
      for (let d = 1; d <= 7; d++) this.days[d] ??= week[d];
      this.whole = true;
    } else this.days[weekday] = week[weekday] ?? [];
    return this.days[weekday] ?? [];
  }
}
