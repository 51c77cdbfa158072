import ical, { ICalEventTransparency } from 'ical-generator';
import type { PlannerRow } from '../../shared/contract';
import type { UserRow } from '../db/schema';
import type { RepDay } from './teamSchedule';

/** A window of a rep's day as a calendar event. */
export interface CalendarWindow {
  rep: UserRow;
  /** The rep's day the window is of. */
  date: string;
  /** A row of the person's channel: their name, company, zone, phone and email. */
  row: PlannerRow;
  start: number;
  end: number;
  stars: number;
  /** Why the window (the row's own reason; null for a window no row shows). */
  reason: string | null;
}

/**
 * The iCalendar UID of a planned window: the same rep, day, person, channel and place among the
 * day's windows of that channel always give the same one, so a calendar that imported or
 * subscribed to an earlier export updates the event when the window moves instead of adding a
 * second one. The first window keeps the plain UID, a later one adds its place (`.2`).
 */
export function eventUid(
  repId: string,
  date: string,
  personId: string,
  channel: string,
  nth = 1,
): string {
  return `${date}.${channel}.${personId}${nth > 1 ? `.${nth}` : ''}.${repId}@contact-window`;
}

/**
 * A row's window's place among all the day's windows of its person's channel (the row's and its
 * alternatives), in time order. Not its place among the rows shown: the plan drops an ended
 * window's row once a later one ends, and the later one would take the earlier one's UID.
 */
function windowPlace(w: CalendarWindow): number {
  const { row } = w;
  let nth = 1;
  const before = (o: { start: number; end: number }): boolean =>
    o.start < w.start || (o.start === w.start && o.end < w.end);
  for (const o of row.alternatives) if (before(o)) nth++;
  // A window no row shows is among the row's alternatives; the row's own window is not.
  if (row.start !== null && row.end !== null && before({ start: row.start, end: row.end })) nth++;
  return nth;
}

/** The `team` command's events (a fixed interface): one per row with a window, of every rep. */
export function* planCalendarWindows(reps: readonly RepDay[]): Generator<CalendarWindow> {
  for (const { rep, plan, rows } of reps)
    for (const row of rows)
      if (row.start !== null && row.end !== null)
        yield {
          rep,
          date: plan.date,
          row,
          start: row.start,
          end: row.end,
          stars: row.stars ?? 0,
          reason: row.reason,
        };
}

/**
 * An event's revision: the export's minute. An event keeps its UID while its window moves or its
 * stars change, and a calendar keeps the copy with the higher SEQUENCE; every later export is the
 * newer plan. Minutes, not milliseconds: SEQUENCE is a 32-bit integer.
 */
function sequenceAt(now: number): number {
  return Math.floor(now / 60_000);
}

/**
 * RFC 5545 TEXT escaping, for the calendar's name: ical-generator escapes an event's summary and
 * description but writes the name as given, and a rep called "Brandt, Helena" (or a name with a
 * line break) made a file calendars misread.
 */
function calendarText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Windows as an iCalendar (TM-2), one event each, in UTC, with a UID a re-export keeps. `many`:
 * the events of several reps, each summary naming its rep.
 */
export function teamCalendar(
  windows: Iterable<CalendarWindow>,
  options: { name: string; now: number; many: boolean },
): string {
  const calendar = ical({
    name: calendarText(options.name),
    prodId: { company: 'Contact Window', product: 'Team schedules', language: 'EN' },
  });
  for (const w of windows) {
    const { rep, row } = w;
    const what = `${row.channel === 'call' ? 'Call' : 'Email'} ${row.name}${row.company ? ` (${row.company})` : ''}`;
    calendar.createEvent({
      id: eventUid(rep.id, w.date, row.personId, row.channel, windowPlace(w)),
      start: new Date(w.start),
      end: new Date(w.end),
      stamp: new Date(options.now),
      sequence: sequenceAt(options.now),
      summary: options.many ? `${rep.name}: ${what}` : what,
      description: [
        `${w.stars} of 5 stars`,
        w.reason,
        `Contact's time zone: ${row.contactTz}`,
        row.phone ? `Phone: ${row.phone}` : null,
        row.email ? `Email: ${row.email}` : null,
        `Planned by ${rep.name} (${rep.email})`,
      ]
        .filter(Boolean)
        .join('\n'),
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString();
}
