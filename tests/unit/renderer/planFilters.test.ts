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

const japanese = [
  plannerRow({ personId: 'yamada', name: '山田 太郎', company: '山田商事' }),
  plannerRow({ personId: 'suzuki', name: 'スズキ イチロウ' }),
  plannerRow({ personId: 'jiro', name: 'ｽｽﾞｷ ｼﾞﾛｳ' }),
  plannerRow({ personId: 'sasaki', name: 'ササキ ススム' }),
  plannerRow({ personId: 'anna', name: 'Anna Schmidt', company: 'Nordwind GmbH' }),
  plannerRow({ personId: 'lucas', name: 'Lucas Müller' }),
];

const foundIn = (query: string): string[] =>
  filterRows(japanese, { ...NO_FILTERS, query }).map((r) => r.personId);

describe("the planner's filter: names as a rep types them", () => {
  it('finds a Japanese name typed family name first or given name first, with or without the space', () => {
    expect(foundIn('山田 太郎')).toEqual(['yamada']);
    expect(foundIn('山田太郎')).toEqual(['yamada']);
    expect(foundIn('太郎 山田')).toEqual(['yamada']);
    expect(foundIn('太郎山田')).toEqual(['yamada']);
    // The space a Japanese keyboard types (U+3000) is a space.
    expect(foundIn('山田\u3000太郎')).toEqual(['yamada']);
    expect(foundIn('山田商事')).toEqual(['yamada']);
  });

  it('finds katakana typed in hiragana and half-width katakana typed in full width', () => {
    expect(foundIn('すずき')).toEqual(['suzuki', 'jiro']);
    expect(foundIn('スズキジロウ')).toEqual(['jiro']);
    expect(foundIn('じろう すずき')).toEqual(['jiro']);
  });

  it('does not find スズキ for スス: the voicing mark is part of its kana', () => {
    expect(foundIn('スス')).toEqual(['sasaki']);
    expect(foundIn('すす')).toEqual(['sasaki']);
  });

  it('finds Western names exactly as before: as written, accents optional, not turned round', () => {
    expect(foundIn('anna sch')).toEqual(['anna']);
    expect(foundIn('muller')).toEqual(['lucas']);
    expect(foundIn('nordwind')).toEqual(['anna']);
    expect(foundIn('schmidt anna')).toEqual([]);
    expect(foundIn('annaschmidt')).toEqual([]);
    expect(foundIn('schmidt nord')).toEqual([]);
  });
});
