import { describe, expect, it } from 'vitest';
import type { PlannerRow } from '../../../src/shared/contract';
import { FIRST_ROW, selectedIndex, selectRow } from '../../../src/renderer/src/plan/planSelection';

const HOUR = 3_600_000;
const NINE = Date.UTC(2026, 10, 23, 8, 0);

function row(person: string, channel: PlannerRow['channel'], start: number | null): PlannerRow {
  return {
    personId: person,
    name: person,
    company: null,
    email: null,
    phone: null,
    contactTz: 'UTC',
    dealStage: null,
    channel,
    state: 'now',
    start,
    end: start === null ? null : start + HOUR,
    stars: 3,
    reason: null,
    alternatives: [],
    lastTouchAt: null,
    lastTouch: null,
    category: 'lead_contact',
    onSiteNow: false,
    action: null,
    next: null,
    nextWindow: null,
    movedFrom: null,
  };
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
});
