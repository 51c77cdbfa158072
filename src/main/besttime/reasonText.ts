import type { Channel, SignalType } from '../../shared/signals';
import { describeSignals, signalWeight } from './signalWeights';

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

export function agoText(asOf: number, at: number): string {
  const days = Math.floor((asOf - at) / DAY_MS);
  if (days <= 0) return 'last today';
  return days === 1 ? 'last 1 day ago' : `last ${days} days ago`;
}

export interface ReasonInput {
  channel: Channel;
  weekday: number;
  startMin: number;
  endMin: number;
  /** Own signals inside the window on that weekday, by type (types with none left out). */
  typeCounts: [SignalType, number][];
  lastAt: number | null;
  asOf: number;
  /** Own signals strong enough for the channel, anywhere in the week. */
  ownSignals: number;
  sparse: boolean;
  /** Zone named when the contact's zone differs from the organisation's. */
  theirZone: string | null;
  /** Where borrowed strength comes from: a zone, or null for the whole organisation. */
  borrowedFrom: string | null;
}

function strongerFirst(channel: Channel, a: [SignalType, number], b: [SignalType, number]): number {
  return (
    b[1] * signalWeight(b[0], channel) - a[1] * signalWeight(a[0], channel) ||
    (a[0] < b[0] ? -1 : 1)
  );
}

/**
 * "answered 4 calls and opened 1 email", strongest evidence for the channel first. Plain loops:
 * a full recompute explains over a million windows.
 */
function evidenceList(channel: Channel, typeCounts: [SignalType, number][]): string {
  const ranked = typeCounts.slice();
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
  const second = ranked[1];
  if (!first) return '';
  let text = describeSignals(first[0], first[1]);
  let others = 0;
  for (let i = 2; i < ranked.length; i++) others += ranked[i]?.[1] ?? 0;
  if (second) text += `${others > 0 ? ', ' : ' and '}${describeSignals(second[0], second[1])}`;
  if (others > 0) text += ` and ${others === 1 ? '1 other signal' : `${others} other signals`}`;
  return text;
}

/** The BT-10 explanation of one window. */
export function explainWindow(r: ReasonInput): string {
  const when = `${WEEKDAYS[r.weekday - 1]} ${clockText(r.startMin)}-${clockText(r.endMin)}${r.theirZone ? ' their time' : ''}`;
  const borrowed = r.borrowedFrom
    ? `pattern of contacts in ${r.borrowedFrom}`
    : 'pattern of the whole organisation';
  const own =
    r.typeCounts.length > 0 && r.lastAt !== null
      ? `${evidenceList(r.channel, r.typeCounts)} on ${when}; ${agoText(r.asOf, r.lastAt)}`
      : null;
  if (r.sparse) {
    return own
      ? `few signals of their own (${r.ownSignals}): ${own}; ${borrowed}`
      : `few signals of their own (${r.ownSignals}); ${borrowed} on ${when}`;
  }
  return (
    own ??
    `no signals on ${when} yet; their hours on other days (${r.ownSignals} signals) and ${borrowed}`
  );
}
