import { DateTime } from 'luxon';

/** How a day field shows a day, as the planner's day picker does: "Mon 23 Nov 2026". */
export const SHOWN_DAY = 'ccc d LLL yyyy';

/** What a typed day may look like, tried in order (the planner's day picker takes the same). */
const TYPED = [
  SHOWN_DAY,
  'yyyy-MM-dd',
  'd LLL yyyy',
  'd LLLL yyyy',
  'd.M.yyyy',
  'd/M/yyyy',
  'd LLL',
  'd LLLL',
];

/** A typed day as YYYY-MM-DD in `zone`, or null when it is none ("31 Feb 2026"). */
export function parseTypedDay(text: string, zone: string): string | null {
  const clean = text.trim().replace(/\s+/g, ' ');
  // "Mon 23 Nov 2026" edited to "Mon 24 Nov 2026": the weekday no longer fits the date, and the
  // date is what the user changed. A leading weekday is read past.
  const dated = clean.replace(/^[A-Za-z]{3,9}\.?,? (?=\d)/, '');
  for (const candidate of [clean, dated]) {
    for (const format of TYPED) {
      const day = DateTime.fromFormat(candidate, format, { zone });
      if (day.isValid) return day.toISODate();
    }
  }
  return null;
}

/** A YYYY-MM-DD day as a day field shows it. */
export function shownDay(isoDate: string, zone: string): string {
  return DateTime.fromISO(isoDate, { zone }).toFormat(SHOWN_DAY);
}
