import type { Habit } from './demoHabits';

/** Settings key of the demo people's habits, person `p{i+1}` at index i (generateDemo writes it). */
export const DEMO_HABITS_SETTING = 'demo_habits';

/** [callWeekday, callHour, emailWeekdays, emailHour, focus in thousandths, eventCount]: ~30 bytes a person. */
export type PackedHabit = [number, number, number[], number, number, number];

export function packHabit(h: Habit): PackedHabit {
  return [
    h.callWeekday,
    h.callHour,
    h.emailWeekdays,
    h.emailHour,
    Math.round(h.focus * 1000),
    h.eventCount,
  ];
}

export function unpackHabit(p: unknown): Habit | null {
  if (!Array.isArray(p) || p.length !== 6 || !Array.isArray(p[2])) return null;
  const [callWeekday, callHour, emailWeekdays, emailHour, focus, eventCount] = p as PackedHabit;
  return { callWeekday, callHour, emailWeekdays, emailHour, focus: focus / 1000, eventCount };
}
