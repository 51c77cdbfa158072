import ical, { ICalEventTransparency } from 'ical-generator';
import type { RepDay } from './teamSchedule';

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
function windowPlace(row: {
  start: number;
  end: number;
  alternatives: readonly { start: number; end: number }[];
}): number {
  let nth = 1;
  for (const w of row.alternatives)
    if (w.start < row.start || (w.start === row.start && w.end < row.end)) nth++;
  return nth;
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

export function teamCalendar(
  reps: readonly RepDay[],
  options: { name: string; now: number },
): string {
  const calendar = ical({
    name: calendarText(options.name),
    prodId: { company: 'Contact Window', product: 'Team schedules', language: 'EN' },
  });
  const many = reps.length > 1;
  for (const { rep, plan, rows } of reps) {
    for (const row of rows) {
      if (row.start === null || row.end === null) continue;
      const nth = windowPlace({ start: row.start, end: row.end, alternatives: row.alternatives });
      const what = `${row.channel === 'call' ? 'Call' : 'Email'} ${row.name}${row.company ? ` (${row.company})` : ''}`;
      calendar.createEvent({
        id: eventUid(rep.id, plan.date, row.personId, row.channel, nth),
        start: new Date(row.start),
        end: new Date(row.end),
        stamp: new Date(options.now),
        sequence: sequenceAt(options.now),
        summary: many ? `${rep.name}: ${what}` : what,
        description: [
          `${row.stars ?? 0} of 5 stars`,
          row.reason,
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
  }
  return calendar.toString();
}
