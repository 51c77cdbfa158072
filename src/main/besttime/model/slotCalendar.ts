import { isOpenRange, type BusinessHours } from './businessHours';
import { clockFor, type LocalClock } from './localClock';
import type { BesttimeOptions, WorkingHours } from './types';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MINUTES_PER_WEEK = 10_080;
/** 1970-01-01 was a Thursday: index 3 counting from Monday. */
const EPOCH_WEEKDAY_INDEX = 3;

/** Local wall-clock milliseconds (as if the zone were UTC) of an instant. */
function wall(clock: LocalClock, instant: number): number {
  return instant + clock.offsetAt(instant) * MINUTE_MS;
}

/**
 * The instant showing wall time `local` in the clock's zone, or null when that wall time is
 * skipped by a spring-forward change. A wall time repeated by a fall-back change resolves to
 * its first occurrence, as Luxon and calendars do. Offsets come from Luxon through the clock.
 */
function instantOf(clock: LocalClock, local: number): number | null {
  // Offsets half a day either side cover both sides of any one change near this wall time.
  const before = local - clock.offsetAt(local - DAY_MS / 2) * MINUTE_MS;
  const after = local - clock.offsetAt(local + DAY_MS / 2) * MINUTE_MS;
  const fits = [before, after].filter((t) => wall(clock, t) === local);
  return fits.length ? Math.min(...fits) : null;
}

function slotIsOpen(
  person: LocalClock,
  org: LocalClock,
  hours: BusinessHours,
  asOf: number,
  weekdayIndex: number,
  startMin: number,
  slotMinutes: number,
): boolean {
  const today = Math.floor(wall(person, asOf) / DAY_MS);
  const todayIndex = (((today + EPOCH_WEEKDAY_INDEX) % 7) + 7) % 7;
  let day = today + ((weekdayIndex - todayIndex + 7) % 7);
  for (let tries = 0; tries < 3; tries++, day += 7) {
    const start = instantOf(person, day * DAY_MS + startMin * MINUTE_MS);
    if (start === null || start <= asOf) continue;
    const endWall = day * DAY_MS + (startMin + slotMinutes) * MINUTE_MS;
    // A slot ending inside a skipped hour ends when the clock jumps: the same elapsed instant.
    const end = instantOf(person, endWall) ?? endWall - person.offsetAt(start) * MINUTE_MS;
    if (end - MINUTE_MS < start) return false;
    if (end - start !== slotMinutes * MINUTE_MS) {
      // A change inside the slot (a repeated or skipped hour): check every real minute of it.
      for (let t = start; t < end; t += MINUTE_MS) {
        if (!isOpenRange(hours, org.minuteOfWeek(t), 1)) return false;
      }
      return true;
    }
    const orgStart = org.minuteOfWeek(start);
    const orgLast = org.minuteOfWeek(end - MINUTE_MS);
    // The org-local span can differ from the slot length when either zone changes offset inside it.
    const span = ((orgLast - orgStart + MINUTES_PER_WEEK) % MINUTES_PER_WEEK) + 1;
    return isOpenRange(hours, orgStart, span);
  }
  return false;
}

const calendars = new Map<string, Uint8Array>();
const MAX_CALENDARS = 2000;

/**
 * Which (weekday, slot) cells of a contact's local week may be suggested: 1 when the whole
 * slot falls in the organisation's business hours, or in `shift`'s when their rep works one. Because the gap between the two zones moves
 * with daylight saving, each cell is judged on one concrete date, its next occurrence after
 * asOf: the suggestion is about the coming week, so that is the date a rep would act on. When
 * the slot's start is skipped on that date by a spring-forward change, the week after is used.
 * Cell index = (weekday - 1) * slotsPerDay + slot.
 */
export function openSlots(
  zone: string,
  opts: BesttimeOptions,
  shift?: WorkingHours | undefined,
): Uint8Array {
  const slotsPerDay = 1440 / opts.slotMinutes;
  const hours = shift ? shift.hours : opts.businessHours;
  if (!hours) return new Uint8Array(7 * slotsPerDay).fill(1);
  const hoursTz = shift ? shift.zone : opts.orgTz;
  const key = `${zone}|${hoursTz}|${opts.asOf}|${opts.slotMinutes}|${JSON.stringify(hours.days)}`;
  const cached = calendars.get(key);
  if (cached) return cached;
  const open = new Uint8Array(7 * slotsPerDay);
  const person = clockFor(zone);
  const org = clockFor(hoursTz);
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let slot = 0; slot < slotsPerDay; slot++) {
      const startMin = slot * opts.slotMinutes;
      const ok = slotIsOpen(person, org, hours, opts.asOf, weekday - 1, startMin, opts.slotMinutes);
      open[(weekday - 1) * slotsPerDay + slot] = ok ? 1 : 0;
    }
  }
  if (calendars.size >= MAX_CALENDARS) calendars.clear();
  calendars.set(key, open);
  return open;
}
