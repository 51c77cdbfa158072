import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { PlanTask } from '../../../src/shared/contract';
import { planTaskDueText, tasksFound } from '../../../src/renderer/src/plan/planTaskText';

const BERLIN = 'Europe/Berlin';
const at = (iso: string): number => DateTime.fromISO(iso, { zone: BERLIN }).toMillis();

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

describe('the name search finds the tasks by their person, as it finds rows', () => {
  const tasks = [task('a', 'Lucas Müller', 'Acme'), task('b', 'Zoe Quiet', 'Quiet GmbH')];
  it('by name or company, folded', () => {
    expect(tasksFound(tasks, ' muller ').map((t) => t.id)).toEqual(['a']);
    expect(tasksFound(tasks, 'gmbh').map((t) => t.id)).toEqual(['b']);
    expect(tasksFound(tasks, '')).toBe(tasks);
  });
});
