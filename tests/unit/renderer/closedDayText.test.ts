import { describe, expect, it } from 'vitest';
import { closedDayText } from '../../../src/renderer/src/team/closedDayText';

const holiday = (name: string, shift: string | null = null) => ({ dayOff: { name, shift } });
const weekend = { dayOff: null };

describe('the Team page on a day nobody on the team works (TM-1)', () => {
  it('names the holiday every rep has, not "no working hours"', () => {
    expect(
      closedDayText([holiday('Christmas Day'), holiday('Christmas Day', 'New York office')]),
    ).toBe('Christmas Day, a holiday for every rep.');
    expect(closedDayText([holiday('Christmas Day'), holiday('Natal', 'São Paulo office')])).toBe(
      'a holiday for every rep (Christmas Day, Natal).',
    );
  });

  it('keeps the weekend wording, and says both when some reps are on a holiday', () => {
    expect(closedDayText([weekend, weekend])).toBe('no rep has working hours that day.');
    expect(closedDayText([holiday('Boxing Day'), weekend, weekend])).toBe(
      'Boxing Day, a holiday for 1 rep; the other 2 have no working hours that day.',
    );
  });
});
