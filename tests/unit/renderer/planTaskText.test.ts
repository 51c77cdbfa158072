import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { PlanTask } from '../../../src/shared/contract';
import {
  planTaskDueText as dueText,
  tasksFound,
} from '../../../src/renderer/src/plan/planTaskText';

const BERLIN = 'Europe/Berlin';
const at = (iso: string): number => DateTime.fromISO(iso, { zone: BERLIN }).toMillis();
const dayOf = (now: number): string => DateTime.fromMillis(now, { zone: BERLIN }).toISODate() ?? '';
/** On the plan of the day `now` falls on (today's). */
const planTaskDueText = (
  t: Parameters<typeof dueText>[0],
  now: number,
  zone: string,
  planDate = dayOf(now),
): string => dueText(t, now, zone, planDate);

function task(id: string, name: string, company: string | null = null): PlanTask {
  return { id, personId: `p-${id}`, name, company, subject: null, dueDate: null, startAt: 0 };
}

describe('when a task listed apart from the rows is due, on the rep’s clock', () => {
  it('a due date is due all that day, overdue from the rep’s midnight', () => {
    const t = { dueDate: '2026-11-23', startAt: at('2026-11-23T09:00') };
    expect(planTaskDueText(t, at('2026-11-23T23:59'), BERLIN)).toBe('due today');
    expect(planTaskDueText(t, at('2026-11-24T00:00'), BERLIN)).toBe('overdue: due yesterday');
    expect(planTaskDueText({ ...t, dueDate: '2026-11-20' }, at('2026-11-23T10:00'), BERLIN)).toBe(
      'overdue: due Fri 20 Nov',
    );
  });

  it('on Europe’s 25-hour 25 October 2026, a task due that day is due today at 23:30', () => {
    const t = { dueDate: '2026-10-25', startAt: at('2026-10-25T09:00') };
    expect(planTaskDueText(t, at('2026-10-25T23:30'), BERLIN)).toBe('due today');
    expect(planTaskDueText(t, at('2026-10-26T00:30'), BERLIN)).toBe('overdue: due yesterday');
  });

  it('a task with a time only is due all that day, past its time too, and overdue from the rep’s midnight', () => {
    const t = { dueDate: null, startAt: at('2026-11-23T14:00') };
    expect(planTaskDueText(t, at('2026-11-23T13:59'), BERLIN)).toBe('due at 14:00');
    expect(planTaskDueText(t, at('2026-11-23T14:01'), BERLIN)).toBe('due at 14:00');
    expect(planTaskDueText(t, at('2026-11-23T23:59'), BERLIN)).toBe('due at 14:00');
    expect(planTaskDueText(t, at('2026-11-24T00:00'), BERLIN)).toBe('overdue: due at 14:00');
  });
});

describe('on a past day’s plan, its tasks read as of that day', () => {
  it('a task due that day and still open was due that day and is overdue now', () => {
    const t = { dueDate: '2026-12-05', startAt: at('2026-12-05T09:00') };
    expect(planTaskDueText(t, at('2026-12-07T11:00'), BERLIN, '2026-12-05')).toBe(
      'due that day · overdue now',
    );
    // The same task on today's plan is overdue, as before.
    expect(planTaskDueText(t, at('2026-12-07T11:00'), BERLIN)).toBe('overdue: due Sat 5 Dec');
  });

  it('a task with a time only due that day says its time', () => {
    const t = { dueDate: null, startAt: at('2026-12-05T14:00') };
    expect(planTaskDueText(t, at('2026-12-06T00:00'), BERLIN, '2026-12-05')).toBe(
      'due at 14:00 that day · overdue now',
    );
  });

  it('a task due before that day was already overdue on it', () => {
    const t = { dueDate: '2026-12-03', startAt: at('2026-12-03T09:00') };
    expect(planTaskDueText(t, at('2026-12-07T11:00'), BERLIN, '2026-12-05')).toBe(
      'overdue: due Thu 3 Dec',
    );
  });

  it('on Europe’s 25-hour 25 October 2026, its day is past only at the rep’s midnight', () => {
    const t = { dueDate: '2026-10-25', startAt: at('2026-10-25T09:00') };
    // 23:30 is the 25th hour's half: the day is not over, it is today's plan.
    expect(planTaskDueText(t, at('2026-10-25T23:30'), BERLIN, '2026-10-25')).toBe('due today');
    expect(planTaskDueText(t, at('2026-10-26T00:00'), BERLIN, '2026-10-25')).toBe(
      'due that day · overdue now',
    );
  });
});

describe('the name search finds the tasks by their person, as it finds rows', () => {
  const tasks = [task('a', 'Lucas Müller', 'Acme'), task('b', 'Zoe Quiet', 'Quiet GmbH')];
  it('by name or company, folded', () => {
    expect(tasksFound(tasks, ' muller ').map((t) => t.id)).toEqual(['a']);
    expect(tasksFound(tasks, 'gmbh').map((t) => t.id)).toEqual(['b']);
    expect(tasksFound(tasks, '')).toBe(tasks);
  });
});
