import { describe, expect, it } from 'vitest';
import { readMoveDay, taskMovePicks } from '../../../src/shared/taskMovePicks';

// Monday 23 November 2026; Friday 27 November, whose next working day is Monday 30.
const MONDAY = { today: '2026-11-23', tomorrow: '2026-11-24', nextWorkingDay: '2026-11-24' };
const FRIDAY = { today: '2026-11-27', tomorrow: '2026-11-28', nextWorkingDay: '2026-11-30' };

const shown = (picks: ReturnType<typeof taskMovePicks>): string[] =>
  picks.map((p) => `${p.name ?? p.label} → ${p.date}`);

describe('the days “Move to…” offers a task', () => {
  it('an overdue task: today and tomorrow, by the day’s name, with no clock time', () => {
    expect(shown(taskMovePicks(MONDAY, '2026-11-20'))).toEqual([
      'Today (Mon 23 Nov) → 2026-11-23',
      'Tomorrow (Tue 24 Nov) → 2026-11-24',
    ]);
  });

  it('a task due today is not “moved” to today: tomorrow is the first day offered', () => {
    expect(shown(taskMovePicks(MONDAY, '2026-11-23'))).toEqual([
      'Tomorrow (Tue 24 Nov) → 2026-11-24',
    ]);
  });

  it('on a Friday, the next working day too: Monday', () => {
    const picks = taskMovePicks(FRIDAY, '2026-11-27');
    expect(shown(picks)).toEqual([
      'Tomorrow (Sat 28 Nov) → 2026-11-28',
      'Next working day: Monday (Mon 30 Nov) → 2026-11-30',
    ]);
    expect(picks[1]?.label).toBe('Monday (Mon 30 Nov)');
  });

  it('names the year of a day in another year', () => {
    const newYearsEve = {
      today: '2026-12-31',
      tomorrow: '2027-01-01',
      nextWorkingDay: '2027-01-04',
    };
    expect(shown(taskMovePicks(newYearsEve, null))).toEqual([
      'Today (Thu 31 Dec) → 2026-12-31',
      'Tomorrow (Fri 1 Jan 2027) → 2027-01-01',
      'Next working day: Monday (Mon 4 Jan 2027) → 2027-01-04',
    ]);
  });
});

describe('a day typed in the Move form', () => {
  it('is the date typed, and what is no day, a day over, or the day it is due already is said', () => {
    expect(readMoveDay('2026-11-30', '2026-11-23', '2026-11-20')).toEqual({ date: '2026-11-30' });
    expect(readMoveDay('', '2026-11-23', null)).toEqual({
      error: 'Choose a day to move the task to.',
    });
    expect(readMoveDay('2026-02-30', '2026-11-23', null)).toEqual({
      error: 'Choose a day to move the task to.',
    });
    expect(readMoveDay('2026-11-22', '2026-11-23', null)).toEqual({
      error: 'Sun 22 Nov has passed. Choose today (Mon 23 Nov) or a later day.',
    });
    expect(readMoveDay('2026-11-25', '2026-11-23', '2026-11-25')).toEqual({
      error: 'The task is due Wed 25 Nov already: choose another day.',
    });
  });
});
