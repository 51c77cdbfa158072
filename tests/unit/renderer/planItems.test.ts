import { describe, expect, it } from 'vitest';
import type { PlannerRow } from '../../../src/shared/contract';
import { sortPlanRows } from '../../../src/shared/slotStates';
import { planItems, type GroupId } from '../../../src/renderer/src/plan/planItems';
import { plannerRow } from '../../fixtures/plannerRow';

const HOUR = 3_600_000;
const now = Date.UTC(2026, 10, 23, 9, 5); // 10:05 in Berlin

const row = (name: string, state: PlannerRow['state'], start: number, stars = 5): PlannerRow =>
  plannerRow({ personId: name, name, state, start, end: start + HOUR, stars });

/** The list as the planner shows it: each row's name, group headers as "[id count]". */
function shown(rows: PlannerRow[], open: GroupId[] = []): string[] {
  const ordered = sortPlanRows(rows, false);
  return planItems(ordered, new Set(open), () => false, true).items.map((i) =>
    i.kind === 'row' ? i.row.name : i.kind === 'group' ? `[${i.id} ${i.count}]` : '—',
  );
}

describe('the planner list', () => {
  it('lists a person called in their open window (a call synced from the CRM) under Done today, below the people still to call', () => {
    const open = now - 30 * 60_000;
    const called: PlannerRow = {
      ...row('Hannah', 'now', open),
      reached: { at: now - 12 * 60_000, inWindow: true }, // "called 12 min ago"
    };
    const rows = [
      called,
      row('Jack', 'now', open, 3),
      row('Lena', 'upcoming', now + HOUR),
      { ...row('Done', 'now', open), action: 'done' as const },
    ];
    expect(shown(rows)).toEqual(['Jack', '—', 'Lena', '[done 2]']);
    expect(shown(rows, ['done'])).toEqual(['Jack', '—', 'Lena', '[done 2]', 'Done', 'Hannah']);
    // When the window ends, the row stays there rather than coming back up among passed ones.
    const ended: PlannerRow = { ...called, state: 'passed' };
    expect(shown([ended, row('Lena', 'upcoming', now + HOUR), row('Max', 'passed', open)])).toEqual(
      ['—', 'Lena', 'Max', '[done 1]'],
    );
  });
});
