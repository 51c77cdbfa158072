import { describe, expect, it } from 'vitest';
import type { PlannerRow } from '../../../src/shared/contract';
import { plannerRow } from '../../fixtures/plannerRow';
import { filterRows, NO_FILTERS } from '../../../src/renderer/src/plan/planFilters';

const row = (personId: string, name: string, company: string | null): PlannerRow =>
  plannerRow({ personId, name, company, stars: 3 });

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
