import { describe, expect, it } from 'vitest';
import { emptyWeekCell } from '../../../src/shared/teamContract';
import { weekCellLines, weekTotalLines } from '../../../src/renderer/src/team/weekCellText';

const cell = (tasks: number, tasksDone: number, tasksUndated = 0) => ({
  ...emptyWeekCell('2026-11-25', true, null),
  tasks,
  tasksDone,
  tasksUndated,
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

  it('never calls an open task with no due date overdue, on a past day or any other', () => {
    expect(weekCellLines(cell(0, 0, 12), 'past', 'all')).toEqual(['Tasks: 12 open, no due date']);
    expect(weekCellLines(cell(2, 1, 1), 'past', 'all')).toEqual([
      'Tasks: 1 of 2 done · 1 overdue · 1 open, no due date',
    ]);
    expect(weekCellLines(cell(1, 0, 2), 'today', 'call')).toEqual([
      'Tasks: 1 due · 2 open, no due date',
    ]);
  });
});

// Review45b 5: a week with days still to come still shows its past days' open tasks as overdue.
describe('the Team week’s totals', () => {
  it('count the open tasks of past days as overdue while days are still to come', () => {
    const week = [
      { cell: cell(3, 1), when: 'past' as const },
      { cell: cell(2, 0, 4), when: 'past' as const },
      { cell: cell(4, 1), when: 'today' as const },
      { cell: cell(1, 0), when: 'future' as const },
    ];
    expect(weekTotalLines(week, 'all')).toEqual([
      'Tasks: 2 of 10 done · 4 overdue · 4 open, no due date',
    ]);
    // Nothing past open: nothing overdue, and a week of days to come reads due.
    expect(weekTotalLines([{ cell: cell(2, 0), when: 'future' }], 'all')).toEqual(['Tasks: 2 due']);
    expect(
      weekTotalLines(
        [
          { cell: cell(2, 2), when: 'past' },
          { cell: cell(1, 0), when: 'today' },
        ],
        'all',
      ),
    ).toEqual(['Tasks: 2 of 3 done']);
  });

  it('read a week all past as done against planned', () => {
    expect(
      weekTotalLines(
        [
          { cell: cell(3, 1), when: 'past' },
          { cell: cell(1, 1), when: 'past' },
        ],
        'call',
      ),
    ).toEqual(['Tasks: 2 of 4 done · 2 overdue']);
  });
});
