import type { TeamWeekCell } from '@shared/teamContract';
import { weekCellEmpty, weekCellLines, type WeekChannel } from './weekCellText';

/**
 * A rep's (or the team's) calls and tasks of the day, in the words of the week cell it was opened
 * from: a manager checking "Calls: 23 made · 6 not done" finds the same line, not only windows.
 */
export function dayWorkLines(c: TeamWeekCell, channel: WeekChannel): string[] {
  const lines = weekCellLines(c, channel);
  return lines.length > 0 ? lines : [weekCellEmpty(c)];
}
