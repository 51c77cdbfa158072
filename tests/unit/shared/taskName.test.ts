import { describe, expect, it } from 'vitest';
import { taskName, taskTitle } from '../../../src/shared/taskName';

// Zoho's task subject is optional: a task without one is named in every message all the same.
describe('taskName and taskTitle', () => {
  it('quote the subject, and call a task without one (or a blank one) untitled', () => {
    expect(`The ${taskName('Send the offer')} cannot be moved`).toBe(
      'The task “Send the offer” cannot be moved',
    );
    expect(`The ${taskName(null)} cannot be moved`).toBe('The untitled task cannot be moved');
    expect(taskName('   ')).toBe('untitled task');
    expect(taskTitle(' Send the offer ')).toBe('“Send the offer”');
    expect(taskTitle(undefined)).toBe('Untitled task');
  });
});
