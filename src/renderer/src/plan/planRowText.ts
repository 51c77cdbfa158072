import type { PlannerRow } from '@shared/contract';
import { DateTime } from 'luxon';
import { formatAgo, formatClock, formatWeekdayClock, zoneLabel, zoneOffset } from '../format/time';
import { touchWords } from '@shared/touchWords';

/**
 * A plan of thousands of rows has only a few hundred distinct (zone, instant) pairs: windows start
 * and end on slot boundaries. Each is formatted once, so a row rendered while scrolling costs map
 * look-ups, not Luxon and Intl work.
 */
const MAX_KEPT = 20_000;
const clocks = new Map<string, Map<number, string>>();
const zoneOffsets = new Map<string, Map<number, string>>();
const zoneLabels = new Map<string, Map<number, string>>();
const dayClocks = new Map<string, Map<number, string>>();
let kept = 0;

function memo(
  table: Map<string, Map<number, string>>,
  zone: string,
  at: number,
  format: (at: number, zone: string) => string,
): string {
  let byInstant = table.get(zone);
  if (!byInstant) {
    byInstant = new Map();
    table.set(zone, byInstant);
  }
  let text = byInstant.get(at);
  if (text === undefined) {
    // An app left open for weeks meets new instants every day: start over rather than grow.
    if (++kept > MAX_KEPT) {
      clocks.clear();
      zoneOffsets.clear();
      zoneLabels.clear();
      dayClocks.clear();
      kept = 1;
      byInstant = new Map();
      table.set(zone, byInstant);
    }
    text = format(at, zone);
    byInstant.set(at, text);
  }
  return text;
}

/** "HH:mm" in a zone, as `formatClock`. */
export function clockAt(at: number, zone: string): string {
  return memo(clocks, zone, at, formatClock);
}

export interface RowTimes {
  /** The window in the rep's time, "09:00–10:00". */
  rep: string;
  /** The window in the contact's time with their zone's offset (zoneOffset), "17:00–18:00 UTC+9". */
  contact: string;
}

const times = new WeakMap<PlannerRow, { repTz: string; text: RowTimes | null }>();

/**
 * A row's window in both clocks (PL-2), worked out once per row and rep zone. A row snoozed to
 * another day has no window that day: it shows where it went ("→ Tue 16:00"), not a blank.
 */
export function rowTimes(row: PlannerRow, repTz: string): RowTimes | null {
  const known = times.get(row);
  if (known?.repTz === repTz) return known.text;
  const later = row.action === 'snoozed' && row.start === null ? row.nextWindow : null;
  const text =
    row.start !== null && row.end !== null
      ? {
          rep: `${clockAt(row.start, repTz)}–${clockAt(row.end, repTz)}`,
          contact: `${clockAt(row.start, row.contactTz)}–${clockAt(row.end, row.contactTz)} ${offsetAt(row.start, row.contactTz)}`,
        }
      : later
        ? {
            rep: `→ ${dayClockAt(later.start, repTz)}`,
            contact: `${dayClockAt(later.start, row.contactTz)} ${offsetAt(later.start, row.contactTz)}`,
          }
        : null;
  times.set(row, { repTz, text });
  return text;
}

function offsetAt(at: number, zone: string): string {
  return memo(zoneOffsets, zone, at, (t, z) => zoneOffset(z, t) ?? z);
}

/** The zone's whole name at an instant, as `zoneLabel`: a row's title. */
export function zoneLabelAt(at: number, zone: string): string {
  return memo(zoneLabels, zone, at, (t, z) => zoneLabel(z, t));
}

/** "Tue 09:00" in a zone: a window on another day than the plan's. */
export function dayClockAt(at: number, zone: string): string {
  return memo(dayClocks, zone, at, formatWeekdayClock);
}

/**
 * A row's last touch for its side line: "called 9 min ago" on today's plan; on a past day, by
 * its date and time ("called 7 Dec 17:31"): counted from the real now, "9 min ago" beside the
 * day's "Called 09:41" reads as if it were minutes after that call. A row is of a past day when
 * its windows (its own, else the day's others) start before today's midnight in the rep's zone.
 */
export function lastTouchText(row: PlannerRow, now: number, repTz: string): string {
  if (row.lastTouchAt === null) return 'never touched';
  const label = touchWords(row.lastTouch) ?? 'last touch';
  const dayAt = row.start ?? row.alternatives[0]?.start ?? null;
  const past =
    dayAt !== null && dayAt < DateTime.fromMillis(now, { zone: repTz }).startOf('day').toMillis();
  return past
    ? `${label} ${DateTime.fromMillis(row.lastTouchAt, { zone: repTz }).toFormat('d LLL HH:mm')}`
    : `${label} ${formatAgo(row.lastTouchAt, now)}`;
}
