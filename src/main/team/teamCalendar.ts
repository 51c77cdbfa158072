import ical, { ICalEventTransparency } from 'ical-generator';
import type { RepDay } from './teamSchedule';

/**
 * The iCalendar UID of a planned row: the same rep, day, person and channel always give the same
 * one, so a calendar that imported or subscribed to an earlier export updates the event when the
 * window moves instead of adding a second one.
 */
/**
 * The same person's channel can have two rows a day (an ended window keeps its row beside the
 * next one's): the earlier keeps the plain UID, a later one adds its place, so a re-export
 * updates each instead of duplicating or merging them.
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
 * The day's schedule as an iCalendar file (TM-2): one event per row with a window, in UTC (no
 * time-zone definitions to get wrong), shown as free time: a window is a suggestion, not a
 * meeting. Written by ical-generator; rows without a window have no event.
 */
export function teamCalendar(
  reps: readonly RepDay[],
  options: { name: string; now: number },
): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Contact Window', product: 'Team schedules', language: 'EN' },
  });
  const many = reps.length > 1;
  for (const { rep, plan, rows } of reps) {
    // Each row's place among its person's channel's rows, in time order.
    const starts = new Map<string, number[]>();
    for (const row of rows) {
      if (row.start === null) continue;
      const key = `${row.personId}|${row.channel}`;
      starts.set(key, [...(starts.get(key) ?? []), row.start]);
    }
    for (const row of rows) {
      if (row.start === null || row.end === null) continue;
      const key = `${row.personId}|${row.channel}`;
      const start = row.start;
      const nth = (starts.get(key) ?? []).filter((s) => s < start).length + 1;
      const what = `${row.channel === 'call' ? 'Call' : 'Email'} ${row.name}${row.company ? ` (${row.company})` : ''}`;
      calendar.createEvent({
        id: eventUid(rep.id, plan.date, row.personId, row.channel, nth),
        start: new Date(row.start),
        end: new Date(row.end),
        stamp: new Date(options.now),
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
