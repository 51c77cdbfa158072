import { describe, expect, it } from 'vitest';
import { emptyWeekCell } from '../../../src/shared/teamContract';
import { weekCellLines } from '../../../src/renderer/src/team/weekCellText';

const cell = (tasks: number, tasksDone: number) => ({
  ...emptyWeekCell('2026-11-25', true, null),
  tasks,
  tasksDone,
});

// A task due Monday and completed on Wednesday is stored with Wednesday's closing time, not its
// due date (review44b #2): Wednesday cannot say "1 of 1 done", as if one task had been due then.
// The line names what it counts: tasks completed that day, and open ones due that day.
describe('the Team week’s task line', () => {
  it('reads a task completed that day as completed, not as done of due', () => {
    expect(weekCellLines(cell(1, 1), 'past', 'all')).toEqual(['Tasks: 1 completed']);
    expect(weekCellLines(cell(1, 1), 'today', 'all')).toEqual(['Tasks: 1 completed']);
  });

  it('reads tasks due that day and still open as open', () => {
    expect(weekCellLines(cell(2, 0), 'past', 'all')).toEqual(['Tasks: 2 open']);
    expect(weekCellLines(cell(3, 1), 'today', 'call')).toEqual(['Tasks: 1 completed · 2 open']);
  });

  it('reads a day to come as the tasks due then', () => {
    expect(weekCellLines(cell(2, 0), 'future', 'all')).toEqual(['Tasks: 2 due']);
  });
});
