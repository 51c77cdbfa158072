import type { Habit } from './demoHabits';

/** Settings key of the demo people's habits, person `p{i+1}` at index i (generateDemo writes it). */
export const DEMO_HABITS_SETTING = 'demo_habits';

/**
 * [callWeekday, callHour, emailWeekdays, emailHour, focus in thousandths, eventCount, zone]:
 * ~50 bytes a person. The zone is where the person really lives, kept also for the tenth the CRM
 * copy has no zone for: their calls and e-mails go on happening in their own day.
 */
export type PackedHabit = [number, number, number[], number, number, number, string];

export function packHabit(h: Habit, zone: string): PackedHabit {
  return [
    h.callWeekday,
    h.callHour,
    h.emailWeekdays,
    h.emailHour,
    Math.round(h.focus * 1000),
    h.eventCount,
    zone,
  ];
}

/** The person's own zone, or null in a demo written before it was kept. */
export function packedZone(p: unknown): string | null {
  return Array.isArray(p) && typeof p[6] === 'string' ? p[6] : null;
}

export function unpackHabit(p: unknown): Habit | null {
  if (!Array.isArray(p) || p.length < 6 || !Array.isArray(p[2])) return null;
  const [callWeekday, callHour, emailWeekdays, emailHour, focus, eventCount] = p as PackedHabit;
  return { callWeekday, callHour, emailWeekdays, emailHour, focus: focus / 1000, eventCount };
}
