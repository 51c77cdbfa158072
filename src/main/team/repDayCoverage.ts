import type { Planner } from '../../shared/contract';
import type { TeamCoverage } from '../../shared/teamContract';
import type { Db } from '../db/openDatabase';
import { rowActions } from '../planner/planActions';
import {
  channelsInUse,
  coverageOf,
  loadLoggedWork,
  scheduledCallsOf,
  shownStarts,
  WINDOW_OVERHANG_MS,
} from './teamCoverage';
import { zoneDay } from './teamSchedule';

/**
 * One rep's day counted as the Team page counts their lane (TM-2, `TeamViews.schedule`): the same
 * rows, marks, calls and emails, and channels in use, read for this rep alone. The planner's
 * header of a past day says this, so it cannot contradict the Team page's "16 of 62 due worked".
 */
export function repDayCoverage(
  db: Db,
  rep: { id: string; time_zone: string },
  plan: Pick<Planner, 'date' | 'rows'>,
  now: number,
): TeamCoverage {
  const day = zoneDay(rep.time_zone, now, plan.date);
  // A window that opens late in the day may close after it: its calls count too.
  const work = loadLoggedWork(db, [rep.id], day.from, day.to + WINDOW_OVERHANG_MS);
  return coverageOf(
    shownStarts(plan.rows),
    rowActions(db, rep.id, plan.date),
    work,
    now,
    day,
    channelsInUse(db, rep.id, Math.min(day.to, now + 1)),
    scheduledCallsOf(db, rep.id, day.from, day.to),
  ).coverage;
}
