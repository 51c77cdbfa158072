import { DateTime } from 'luxon';
import { taskDueInstant } from '../../shared/taskDue';
import type { Random } from './random';

/**
 * Most of a real organisation's open tasks carry a Due_Date; some (made without one, or by an
 * integration) have a time only. The demo keeps both kinds, so the planner shows "task due
 * today", "overdue: task due Fri 20 Nov" and "task due at 14:00" side by side.
 */
const DATED_SHARE = 0.6;

/**
 * Days from the owner's today a dated task is due, by weight: half today, a quarter on earlier
 * days (overdue, carried onto today's plan as Zoho's overdue view keeps them), a quarter later.
 */
const DUE_OFFSETS: readonly (readonly [number, number])[] = [
  [0, 8],
  [-1, 2],
  [-2, 1],
  [-3, 1],
  [-7, 1],
  [1, 2],
  [2, 1],
  [5, 1],
];

/** A Due_Date and where a sync places it: 09:00 in the organisation's zone (taskDueInstant). */
export interface DemoTaskDue {
  dueDate: string;
  startAt: number;
}

function dueOn(dueDate: string, orgZone: string): DemoTaskDue {
  const startAt = taskDueInstant(dueDate, orgZone);
  if (startAt === null) throw new RangeError(`demo task due date ${dueDate} is no date`);
  return { dueDate, startAt };
}

/**
 * The Due_Date of a task the demo plans for an owner, or null to keep its time only. `random`
 * is the task's own generator: the organisation's stream of numbers stays as it was.
 */
export function demoTaskDue(
  random: Random,
  zones: { owner: string; org: string },
  now: number,
): DemoTaskDue | null {
  if (!random.chance(DATED_SHARE)) return null;
  const offset = random.weighted(DUE_OFFSETS);
  const day = DateTime.fromMillis(now, { zone: zones.owner }).plus({ days: offset }).toISODate();
  return day === null ? null : dueOn(day, zones.org);
}

/**
 * The Due_Date of a task the live demo writes on an owner's day (`dayKey`, yyyyLLdd), due that
 * same day, or null to keep its time only; `random` draws after the task's other numbers.
 */
export function demoLiveTaskDue(
  random: Random,
  dayKey: string,
  orgZone: string,
): DemoTaskDue | null {
  if (!random.chance(DATED_SHARE)) return null;
  return dueOn(`${dayKey.slice(0, 4)}-${dayKey.slice(4, 6)}-${dayKey.slice(6, 8)}`, orgZone);
}
