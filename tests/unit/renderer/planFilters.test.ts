import { describe, expect, it } from 'vitest';
import type { PlannerRow } from '../../../src/shared/contract';
import { filterRows, NO_FILTERS } from '../../../src/renderer/src/plan/planFilters';

function row(personId: string, name: string, company: string | null): PlannerRow {
  return {
    personId,
    name,
    company,
    email: null,
    phone: null,
    contactTz: 'UTC',
    dealStage: null,
    channel: 'call',
    state: 'now',
    start: 0,
    end: 3_600_000,
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

describe("the planner's name filter", () => {
  const rows = [
    row('lucas', 'Lucas Müller', 'Maple Travel'),
    row('zoe', 'Zoë Smith', 'Łódź Øresund'),
    row('ram', 'राम Sharma', null),
  ];
  const found = (query: string) =>
    filterRows(rows, { ...NO_FILTERS, query }).map((r) => r.personId);

  it('finds names and companies typed without their accents, or with them, as People does', () => {
    expect(found('muller')).toEqual(['lucas']);
    expect(found('MÜLLER')).toEqual(['lucas']);
    expect(found('zoe')).toEqual(['zoe']);
    expect(found('lodz')).toEqual(['zoe']);
    expect(found('oresund')).toEqual(['zoe']);
    expect(found('maple')).toEqual(['lucas']);
  });

  it('keeps marks that make another name', () => {
    expect(found('रमा')).toEqual([]);
    expect(found('राम')).toEqual(['ram']);
  });
});
