import type { TeamWeekCell } from '@shared/teamContract';
import { weekCellEmpty, weekCellLines, type WeekChannel } from './weekCellText';

/**
 * A rep's (or the team's) calls and tasks of the day, in the words of the week cell it was opened
 * from: a manager checking "Calls: 23 logged in Zoho · 6 not done" finds the same line, not only windows.
 * Today's also name the earlier tasks still open (`carried`), as the rep's planner lists them.
 */
export function dayWorkLines(c: TeamWeekCell, channel: WeekChannel, carried = 0): string[] {
  const lines = weekCellLines(c, channel, carried);
  return lines.length > 0 ? lines : [weekCellEmpty(c)];
}
