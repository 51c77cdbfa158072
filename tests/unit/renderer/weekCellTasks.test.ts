import { describe, expect, it } from 'vitest';
import { emptyWeekCell, sumWeekCells } from '../../../src/shared/teamContract';
import { weekCellLines, weekLineTitle } from '../../../src/renderer/src/team/weekCellText';

// `overdue`: the core's count of the open tasks whose date is over on the rep's own clock.
const cell = (tasks: number, tasksDone: number, overdue = 0) => ({
  ...emptyWeekCell('2026-11-25', true, null),
  tasks,
  tasksDone,
  tasksOverdue: overdue,
});

// A task counts on its due date, completed or not (stored with its Due_Date since migration 031):
// the line says how many of the day's tasks are done, and on a past day how many are overdue.
describe('the Team week’s task line', () => {
  it('reads a past day as done of due, the open ones overdue', () => {
    expect(weekCellLines(cell(1, 1), 'all')).toEqual(['Tasks: 1 of 1 done']);
    expect(weekCellLines(cell(3, 1, 2), 'all')).toEqual(['Tasks: 1 of 3 done · 2 overdue']);
    expect(weekCellLines(cell(2, 0, 2), 'call')).toEqual(['Tasks: 0 of 2 done · 2 overdue']);
  });

  it('reads today as done of due, none overdue yet', () => {
    expect(weekCellLines(cell(3, 1), 'call')).toEqual(['Tasks: 1 of 3 done']);
    expect(weekCellLines(cell(2, 0), 'all')).toEqual(['Tasks: 2 due']);
  });

  it('reads a day to come as the tasks due then', () => {
    expect(weekCellLines(cell(2, 0), 'all')).toEqual(['Tasks: 2 due']);
    expect(weekCellLines(cell(2, 1), 'all')).toEqual(['Tasks: 1 of 2 done']);
  });
});

describe('the Team week’s call line', () => {
  const calls = (made: number, scheduled: number, overdue: number, booked = 0) => ({
    ...emptyWeekCell('2026-11-23', true, null),
    callsMade: made,
    callsScheduled: scheduled,
    callsOverdue: overdue,
    booked,
  });
  it('reads calls whose time passed as not done, the others as scheduled', () => {
    expect(weekCellLines(calls(23, 6, 6), 'call')).toEqual([
      'Calls: 23 logged in Zoho · 6 not done',
    ]);
    expect(weekCellLines(calls(16, 10, 4), 'all')).toEqual([
      'Calls: 16 logged in Zoho · 4 not done · 6 scheduled',
    ]);
    expect(weekCellLines(calls(0, 3, 0, 1), 'all')).toEqual(['Calls: 3 scheduled (1 booked here)']);
    expect(weekCellLines(calls(0, 2, 2), 'email')).toEqual([]);
  });

  // Audit50 8: "16 made" beside the planner's "0 done · 3 tried" for the same day read as the
  // two disagreeing; they count different things, and the words and tooltip say which.
  it('names the calls it counts as those logged in Zoho, and its tooltip says the planner counts its own rows', () => {
    const [line] = weekCellLines(calls(16, 0, 0), 'call');
    expect(line).toBe('Calls: 16 logged in Zoho');
    expect(weekLineTitle(line ?? '')).toMatch(
      /^Logged in Zoho: every call .* on their plan or not/,
    );
    expect(weekLineTitle(line ?? '')).toMatch(
      /planner counts only its own rows, marked done or tried/,
    );
    expect(weekLineTitle('Tasks: 2 due')).toBeUndefined();
  });
});

// Review45b 5: a week with days still to come still shows its past days' open tasks as overdue,
// as each cell's overdue count is the core's, on the rep's clock, and a total is their sum.
describe('the Team week’s totals', () => {
  it('count the open tasks of past days as overdue while days are still to come', () => {
    const week = [cell(3, 1, 2), cell(2, 0, 2), cell(4, 1), cell(1, 0)];
    expect(weekCellLines(sumWeekCells(week), 'all')).toEqual(['Tasks: 2 of 10 done · 4 overdue']);
    expect(weekCellLines(sumWeekCells([cell(2, 2), cell(1, 0)]), 'all')).toEqual([
      'Tasks: 2 of 3 done',
    ]);
  });
});

// On the rep's today (its Team day and its week cell), the tasks their planner carries from
// earlier days (`carried`).
describe('the task line of the rep’s today', () => {
  it('names the earlier open tasks apart from the day’s own', () => {
    expect(weekCellLines(cell(3, 0), 'all', 2)).toEqual(['Tasks: 3 due · 2 overdue']);
    expect(weekCellLines(cell(3, 1), 'call', 1)).toEqual(['Tasks: 1 of 3 done · 1 overdue']);
    expect(weekCellLines(cell(0, 0), 'email', 4)).toEqual(['Tasks: 4 overdue']);
    expect(weekCellLines(cell(2, 0), 'all', 0)).toEqual(['Tasks: 2 due']);
  });
});
