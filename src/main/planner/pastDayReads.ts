import type { PlannerRow } from '../../shared/contract';
import type { Db } from '../db/openDatabase';
import { lastTouchOf } from '../db/repos/people';

/**
 * A day over on the rep's clock (`dayEnd` <= `now`) reads as it stood that day: each row's last
 * touch is the last one up to the day's end, not a call made the day after ("called 21 Nov" on
 * Friday's plan read on Monday). (Its reasons are worded so by the plan: `PlanContext.dayOver`.)
 * The plan's inputs are today's (the cached people, last touches as of now): only the rows that
 * differ are copied, so today's cached rows are never changed.
 */
export function asOfThatDay(
  db: Db,
  rows: readonly PlannerRow[],
  dayEnd: number,
  now: number,
): PlannerRow[] {
  if (now < dayEnd) return [...rows];
  // Last touches by the day's end: one read, as the plan's inputs read them as of now.
  const touches = new Map<string, { at: number | null; kind: string | null }>();
  // By the rows' people, not the rep's: one reassigned since that day keeps that day's touch.
  const later = [
    ...new Set(
      rows.filter((r) => r.lastTouchAt !== null && r.lastTouchAt >= dayEnd).map((r) => r.personId),
    ),
  ];
  if (later.length > 0)
    for (const p of lastTouchOf(db, later, dayEnd, true))
      touches.set(p.id, { at: p.last_touch, kind: p.last_touch_kind });
  return rows.map((row) => {
    const later = row.lastTouchAt !== null && row.lastTouchAt >= dayEnd;
    const touch = later ? (touches.get(row.personId) ?? { at: null, kind: null }) : null;
    return touch ? { ...row, lastTouchAt: touch.at, lastTouch: touch.kind } : row;
  });
}
