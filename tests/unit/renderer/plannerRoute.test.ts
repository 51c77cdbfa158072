import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from '../../../src/renderer/src/route/routeHash';
import { PLANNER_VIEW_DEFAULT } from '../../../src/renderer/src/route/plannerView';
import {
  plannerReturnFrom,
  plannerReturnState,
} from '../../../src/renderer/src/route/plannerReturn';
import { NO_FILTERS } from '../../../src/renderer/src/plan/planFilters';

describe("the Planner's address", () => {
  it('holds the day, whose plan and every filter, and reads them back', () => {
    const route = parseHash(
      '#/planner?day=2026-12-07&rep=u-r2&q=m%C3%BCller&channel=call&stage=Negotiation&category=on_site&stars=3',
    );
    expect(route).toEqual({
      page: 'planner',
      planner: {
        date: '2026-12-07',
        repId: 'u-r2',
        filters: {
          query: 'müller',
          channel: 'call',
          stage: 'Negotiation',
          category: 'on_site',
          minStars: 3,
        },
      },
    });
    expect(parseHash(hrefFor(route))).toEqual(route);
  });

  it('opens a linked day: #/planner?day=2026-12-07', () => {
    expect(parseHash('#/planner?day=2026-12-07').planner).toEqual({
      date: '2026-12-07',
      filters: NO_FILTERS,
    });
  });

  it('writes nothing after #/planner for today’s plan, unfiltered', () => {
    expect(hrefFor({ page: 'planner', planner: PLANNER_VIEW_DEFAULT })).toBe('#/planner');
    expect(hrefFor({ page: 'planner' })).toBe('#/planner');
    expect(
      hrefFor({ page: 'planner', planner: { filters: { ...NO_FILTERS, channel: 'email' } } }),
    ).toBe('#/planner?channel=email');
  });

  it('falls back to today and no filter for values edited by hand into nonsense', () => {
    for (const day of ['2026-13-45', '2026-02-30', 'tomorrow', '7.12.2026', '2026-12-7'])
      expect(parseHash(`#/planner?day=${day}`).planner?.date).toBeUndefined();
    expect(parseHash('#/planner?channel=fax&stars=7&category=__proto__&stage=&q=').planner).toEqual(
      PLANNER_VIEW_DEFAULT,
    );
    expect(parseHash(`#/planner?rep=${'9'.repeat(201)}`).planner?.repId).toBeUndefined();
    expect(parseHash(`#/planner?q=${'a'.repeat(250)}`).planner?.filters.query).toHaveLength(200);
  });
});

describe('where the Planner’s list was left, in its history entry', () => {
  it('reads back what was kept', () => {
    const left = { top: 880, row: { personId: 'p7', channel: 'call' as const, start: 5 } };
    expect(plannerReturnFrom(plannerReturnState(left))).toEqual(left);
    const none = { top: 0, row: { personId: 'p7', channel: 'email' as const, start: null } };
    expect(plannerReturnFrom(plannerReturnState(none))).toEqual(none);
  });
  it('is nowhere for no state, another state, or a damaged one', () => {
    for (const state of [
      null,
      'x',
      { peopleReturn: { top: 1, opened: 'p7' } },
      { plannerReturn: { top: -5, row: { personId: 'p7', channel: 'call', start: 1 } } },
      { plannerReturn: { top: 5, row: { personId: '', channel: 'call', start: 1 } } },
      { plannerReturn: { top: 5, row: { personId: 'p7', channel: 'fax', start: 1 } } },
      { plannerReturn: { top: 5, row: { personId: 'p7', channel: 'call', start: '1' } } },
      { plannerReturn: { top: 5, row: null } },
    ])
      expect(plannerReturnFrom(state)).toBeNull();
  });
});
