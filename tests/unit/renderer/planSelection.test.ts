import { describe, expect, it } from 'vitest';
import type { PlannerRow } from '../../../src/shared/contract';
import { plannerRow } from '../../fixtures/plannerRow';
import {
  FIRST_ROW,
  keptSelection,
  selectedIndex,
  selectRow,
} from '../../../src/renderer/src/plan/planSelection';

const HOUR = 3_600_000;
const NINE = Date.UTC(2026, 10, 23, 8, 0);

function row(person: string, channel: PlannerRow['channel'], start: number | null): PlannerRow {
  return plannerRow({
    personId: person,
    channel,
    state: 'now',
    start,
    end: start === null ? null : start + HOUR,
    stars: 3,
  });
}

describe('the row the keys act on (PL-5)', () => {
  const ana = row('ana', 'call', NINE);
  const ben = row('ben', 'call', NINE + HOUR);
  const cleo = row('cleo', 'email', NINE + 2 * HOUR);

  it('stays on the same person when a window opening moves another row above theirs', () => {
    const selection = selectRow([ana, ben, cleo], 1);
    expect(selectedIndex([cleo, ana, ben], selection)).toBe(2);
  });

  it('stays on the same person when a reload inserts rows before theirs', () => {
    const selection = selectRow([ana, ben, cleo], 2);
    const dan = row('dan', 'call', NINE);
    expect(selectedIndex([dan, ana, ben, cleo], selection)).toBe(3);
  });

  it('follows a snoozed row to its later window, and tells channels apart', () => {
    const selection = selectRow([ana, ben], 1);
    const benEmail = row('ben', 'email', NINE);
    const benLater = { ...ben, start: NINE + 5 * HOUR };
    expect(selectedIndex([benEmail, ana, benLater], selection)).toBe(2);
  });

  it('keeps its place when the row is gone, within the list', () => {
    const selection = selectRow([ana, ben, cleo], 2);
    expect(selectedIndex([ana, ben], selection)).toBe(1);
    expect(selectedIndex([], selection)).toBe(0);
    expect(selectedIndex([ana, ben], FIRST_ROW)).toBe(0);
  });

  it('moves no further than the ends of the list', () => {
    expect(selectRow([ana, ben], 5).row?.personId).toBe('ben');
    expect(selectRow([ana, ben], -1).row?.personId).toBe('ana');
  });

  describe('with Done today open, a row finished with', () => {
    const done = (r: PlannerRow): PlannerRow => ({ ...r, action: 'done' });
    const finished = (r: PlannerRow): boolean => r.action === 'done';

    it('gives the selection to the next row still to do, not to itself under Done today', () => {
      // Ben was selected and marked; his hold over, he is listed last, under Done today.
      const selection = selectRow([ana, ben, cleo], 1, finished);
      const rows = [ana, cleo, done(ben)];
      expect(selectedIndex(rows, selection, finished)).toBe(1);
      const kept = keptSelection(rows, selection, finished);
      expect(kept.row?.personId).toBe('cleo');
      // Followed from then on: a row inserted above does not move it.
      const dan = row('dan', 'call', NINE);
      expect(selectedIndex([dan, ana, cleo, done(ben)], kept, finished)).toBe(2);
    });

    it('gives it to the row before when it was the last one to do', () => {
      const selection = selectRow([ana, ben], 1, finished);
      expect(selectedIndex([ana, done(ben)], selection, finished)).toBe(0);
    });

    it('starts from where the row was last seen, after rows moved while it was held', () => {
      let selection = selectRow([ana, ben, cleo], 1, finished);
      // Two rows join above Ben while his mark holds him in place.
      const dan = row('dan', 'call', NINE);
      const eve = row('eve', 'call', NINE);
      selection = keptSelection([dan, eve, ana, done(ben), cleo], selection, () => false);
      expect(selection.index).toBe(3);
      expect(selectedIndex([dan, eve, ana, cleo, done(ben)], selection, finished)).toBe(3);
    });

    it('stays selected when the rep went to it under Done today, and is left again once undone and finished anew', () => {
      const rows = [ana, cleo, done(ben)];
      let selection = selectRow(rows, 2, finished);
      expect(selectedIndex(rows, selection, finished)).toBe(2);
      // Undo: Ben is to do again, back in his place.
      selection = keptSelection([ana, ben, cleo], selection, finished);
      expect(selection.finished).toBe(false);
      expect(selectedIndex([ana, cleo, done(ben)], selection, finished)).toBe(1);
    });
  });
});
