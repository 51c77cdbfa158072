import { DateTime } from 'luxon';
import { type SkippedTime, wallClockAt } from '@shared/wallClock';

/**
 * When a logged call ended, as the Log call dialog offers it: a few steps back from now (a rep
 * logs a call after writing the note, or after the next call), or a time of day typed (a batch
 * logged after lunch). The value of a step is its minutes.
 */
export const ENDED_CHOICES = [
  { value: '0', label: 'Just now' },
  { value: '5', label: '5 minutes ago' },
  { value: '10', label: '10 minutes ago' },
  { value: '15', label: '15 minutes ago' },
  { value: '30', label: '30 minutes ago' },
  { value: '60', label: '1 hour ago' },
  { value: '120', label: '2 hours ago' },
  { value: 'at', label: 'At a time…' },
] as const;

export type EndedChoice = (typeof ENDED_CHOICES)[number]['value'];

/**
 * The instant the call ended, by the core's `now`: undefined for "just now" (the core takes its
 * own now as it stores the call), null for a typed time that is not one ("14:30" on today, in the
 * rep's zone). Whether it is too early or late for today's plan is the core's to say.
 */
export function endedAtOf(
  choice: EndedChoice,
  typed: string,
  now: number,
  zone: string,
): number | undefined | null {
  if (choice === '0') return undefined;
  if (choice !== 'at') return now - Number(choice) * 60_000;
  const read = typedToday(typed, now, zone);
  return read && 'at' in read ? read.at : null;
}

/** The typed time that today's clocks skip (02:30 the night summer time starts), or null. */
export function endedSkipped(
  choice: EndedChoice,
  typed: string,
  now: number,
  zone: string,
): SkippedTime | null {
  if (choice !== 'at') return null;
  const read = typedToday(typed, now, zone);
  return read && 'skipped' in read ? read.skipped : null;
}

/**
 * A typed time that has not come yet today ("23:30" at 10:06), with the latest one that has
 * ("10:06", this minute): said beside the field as it is typed, and Save held, rather than left to
 * the core's refusal on save. Null for any other choice or time (one not read is not "later").
 */
export function endedLater(
  choice: EndedChoice,
  typed: string,
  now: number,
  zone: string,
): { typed: string; latest: string } | null {
  if (choice !== 'at') return null;
  const read = typedToday(typed, now, zone);
  if (!read || !('at' in read) || read.at <= now) return null;
  return {
    typed: DateTime.fromMillis(read.at, { zone }).toFormat('HH:mm'),
    latest: clockNow(now, zone),
  };
}

/** What the dialog says beside a typed time still to come. */
export function endedLaterMessage(later: { typed: string; latest: string }): string {
  return `${later.typed} today has not come yet: it is ${later.latest} now. Type ${later.latest} or earlier (a call that ended before midnight is not on today’s plan).`;
}

function typedToday(
  typed: string,
  now: number,
  zone: string,
): { at: number } | { skipped: SkippedTime } | null {
  const time = /^(\d{1,2}):(\d{2})$/.exec(typed.trim());
  const hour = Number(time?.[1]);
  const minute = Number(time?.[2]);
  if (!time || hour > 23 || minute > 59) return null;
  const today = DateTime.fromMillis(now, { zone });
  const read = wallClockAt(
    { year: today.year, month: today.month, day: today.day },
    hour,
    minute,
    zone,
  );
  if (!read || !('at' in read) || read.at <= now) return read;
  // The night the clocks go back, 02:00-03:00 comes twice and Luxon reads the second: at 02:20 on
  // the first pass, a call that ended at 02:10 ended ten minutes ago, not fifty minutes from now.
  const wentBack = offsetAt(read.at - 3 * 3_600_000, zone) - offsetAt(read.at, zone);
  const first = read.at - wentBack * 60_000;
  const again = DateTime.fromMillis(first, { zone });
  return first < read.at && first <= now && again.hour === hour && again.minute === minute
    ? { at: first }
    : read;
}

function offsetAt(at: number, zone: string): number {
  return DateTime.fromMillis(at, { zone }).offset;
}

/** Now as the dialog's time field shows it ("14:05"), in the rep's zone. */
export function clockNow(now: number, zone: string): string {
  return DateTime.fromMillis(now, { zone }).toFormat('HH:mm');
}
