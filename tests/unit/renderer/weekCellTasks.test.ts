import { describe, expect, it } from 'vitest';
import { emptyWeekCell } from '../../../src/shared/teamContract';
import { weekCellLines } from '../../../src/renderer/src/team/weekCellText';

const cell = (tasks: number, tasksDone: number) => ({
  ...emptyWeekCell('2026-11-25', true, null),
  tasks,
  tasksDone,
});

// A task counts on its due date, completed or not (stored with its Due_Date since migration 031):
// the line says how many of the day's tasks are done, and on a past day how many are overdue.
describe('the Team week’s task line', () => {
  it('reads a past day as done of due, the open ones overdue', () => {
    expect(weekCellLines(cell(1, 1), 'past', 'all')).toEqual(['Tasks: 1 of 1 done']);
    expect(weekCellLines(cell(3, 1), 'past', 'all')).toEqual(['Tasks: 1 of 3 done · 2 overdue']);
    expect(weekCellLines(cell(2, 0), 'past', 'call')).toEqual(['Tasks: 0 of 2 done · 2 overdue']);
  });

  it('reads today as done of due, none overdue yet', () => {
    expect(weekCellLines(cell(3, 1), 'today', 'call')).toEqual(['Tasks: 1 of 3 done']);
    expect(weekCellLines(cell(2, 0), 'today', 'all')).toEqual(['Tasks: 2 due']);
  });

  it('reads a day to come as the tasks due then', () => {
    expect(weekCellLines(cell(2, 0), 'future', 'all')).toEqual(['Tasks: 2 due']);
    expect(weekCellLines(cell(2, 1), 'future', 'all')).toEqual(['Tasks: 1 of 2 done']);
  });
});
