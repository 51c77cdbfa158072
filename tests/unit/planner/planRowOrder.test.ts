import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlannerRow } from '../../../src/shared/contract';
import { plannerRow as row } from '../../fixtures/plannerRow';
import {
  comparePlanRows,
  rowState,
  sortPlanRows,
  sortWorkedDown,
  STRIKE_AFTER_MS,
} from '../../../src/shared/slotStates';

const MIN = 60_000;
const DAY = Date.UTC(2026, 10, 23, 0, 0);

function plannerRow(
  name: string,
  channel: PlannerRow['channel'],
  window: { start: number; end: number; stars: number } | null,
  action: PlannerRow['action'] = null,
): PlannerRow {
  return row({ personId: `id-${name}`, name, channel, action, ...window });
}

/** What the core sends at `now`: rows built in tie order, their states at `now`, PL-1 order. */
function corePlan(rows: readonly PlannerRow[], now: number): PlannerRow[] {
  const inTieOrder = [...rows]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((r) => ({ ...r, state: rowState(r, now) }));
  return sortPlanRows(inTieOrder, true);
}

const rowsArb = fc
  .uniqueArray(
    fc.record({
      name: fc.string({ minLength: 1, maxLength: 4 }),
      // Few distinct starts, lengths and stars, so that ties are common.
      window: fc.option(
        fc.record({
          start: fc.integer({ min: 0, max: 12 }).map((h) => DAY + h * 60 * MIN),
          length: fc.constantFrom(30 * MIN, 60 * MIN, 120 * MIN),
          stars: fc.integer({ min: 1, max: 5 }),
        }),
      ),
      action: fc.constantFrom(null, null, null, 'done', 'skipped', 'snoozed'),
    }),
    { selector: (r) => r.name, maxLength: 30 },
  )
  .map((specs) =>
    specs.map((s) =>
      plannerRow(
        s.name,
        'call',
        s.window
          ? { start: s.window.start, end: s.window.start + s.window.length, stars: s.window.stars }
          : null,
        s.action as PlannerRow['action'],
      ),
    ),
  );
const instantArb = fc.integer({ min: -60, max: 16 * 60 }).map((m) => DAY + m * MIN);

describe('plan row state and order (PL-1), one rule for the core and the renderer', () => {
  it('gives a row without a window today the state none, else its window’s state', () => {
    const at = DAY + 9 * 60 * MIN;
    expect(rowState(null, at)).toBe('none');
    expect(rowState({ start: null, end: null }, at)).toBe('none');
    expect(rowState({ start: at, end: at + 60 * MIN }, at)).toBe('now');
    expect(rowState({ start: at - 90 * MIN, end: at - 60 * MIN }, at)).toBe('struck');
  });

  it('puts done and skipped rows below struck ones, in PL-1 order among themselves', () => {
    const at = DAY + 12 * 60 * MIN;
    const open = { start: at - 30 * MIN, end: at + 30 * MIN, stars: 5 };
    const old = { start: at - 240 * MIN, end: at - 180 * MIN, stars: 1 };
    const rows = corePlan(
      [
        plannerRow('a-done-open', 'call', open, 'done'),
        plannerRow('b-struck', 'call', old),
        plannerRow('c-skipped-none', 'call', null, 'skipped'),
        plannerRow('d-snoozed-open', 'call', open, 'snoozed'),
        plannerRow('e-none', 'call', null),
      ],
      at,
    );
    expect(rows.map((r) => r.name)).toEqual([
      'd-snoozed-open',
      'e-none',
      'b-struck',
      'a-done-open',
      'c-skipped-none',
    ]);
  });

  it('sorts the same whether ties come in order or are broken by name', () => {
    fc.assert(
      fc.property(rowsArb, instantArb, (rows, now) => {
        const withStates = rows.map((r) => ({ ...r, state: rowState(r, now) }));
        const expected = [...withStates].sort(comparePlanRows).map((r) => r.name);
        expect(corePlan(rows, now).map((r) => r.name)).toEqual(expected);
        expect(sortPlanRows([...withStates].reverse(), false).map((r) => r.name)).toEqual(expected);
      }),
    );
  });

  it('re-orders the rows the core sent as the core would plan at the later time', () => {
    fc.assert(
      fc.property(rowsArb, instantArb, fc.integer({ min: 0, max: 600 }), (rows, sent, later) => {
        const now = sent + later * MIN;
        // What the renderer's clock does (plan/planRowOrder.ts): new states, the same sort.
        const live = sortPlanRows(
          corePlan(rows, sent).map((r) => ({ ...r, state: rowState(r, now) })),
          false,
        );
        const planned = corePlan(rows, now);
        expect(live.map((r) => [r.name, r.state])).toEqual(planned.map((r) => [r.name, r.state]));
      }),
    );
  });

  it('strikes a passed row through 30 minutes after its window ends, and re-orders it', () => {
    const end = DAY + 10 * 60 * MIN;
    const rows = corePlan(
      [
        plannerRow('a-passed', 'call', { start: end - 60 * MIN, end, stars: 5 }),
        plannerRow('b-struck-later', 'call', {
          start: end - 60 * MIN,
          end: end + 5 * MIN,
          stars: 1,
        }),
      ],
      end + 32 * MIN,
    );
    expect(rows.map((r) => [r.name, r.state])).toEqual([
      ['b-struck-later', 'passed'],
      ['a-passed', 'struck'],
    ]);
    const at = end + 5 * MIN + STRIKE_AFTER_MS;
    const later = sortPlanRows(
      rows.map((r) => ({ ...r, state: rowState(r, at) })),
      false,
    );
    // Both struck now: the 1★ window is low confidence, gathered after the 5★ one.
    expect(later.map((r) => [r.name, r.state])).toEqual([
      ['a-passed', 'struck'],
      ['b-struck-later', 'struck'],
    ]);
  });

  it('keeps a row the rep just finished with in place while the renderer holds it', () => {
    const at = DAY + 12 * 60 * MIN;
    const open = (stars: number) => ({ start: at - 30 * MIN, end: at + 30 * MIN, stars });
    const rows = corePlan(
      [
        plannerRow('a', 'call', open(5)),
        plannerRow('b-done', 'call', open(4), 'done'),
        plannerRow('c', 'call', open(3)),
      ],
      at,
    );
    expect(rows.map((r) => r.name)).toEqual(['a', 'c', 'b-done']);
    const held = sortPlanRows(rows, false, (r) => r.name === 'b-done');
    expect(held.map((r) => r.name)).toEqual(['a', 'b-done', 'c']);
  });

  it('counts a snoozed row with no window left that day as finished with, like done', () => {
    const at = DAY + 12 * 60 * MIN;
    const rows = corePlan(
      [
        plannerRow('a-snoozed-to-tomorrow', 'call', null, 'snoozed'),
        plannerRow('b-none', 'call', null),
      ],
      at,
    );
    expect(rows.map((r) => r.name)).toEqual(['b-none', 'a-snoozed-to-tomorrow']);
  });

  it('moves the rows a contact worked in their window below every row still to do, the rest in place, as a whole sort orders them', () => {
    const contactArb = fc.array(fc.constantFrom('none', 'in window', 'outside'), {
      minLength: 30,
      maxLength: 30,
    });
    fc.assert(
      fc.property(rowsArb, instantArb, contactArb, (rows, now, contacts) => {
        // The core plans first, then reads the day's contacts onto its rows (withReached).
        const reached = corePlan(rows, now).map((r, i) =>
          contacts[i] === 'none'
            ? r
            : { ...r, reached: { at: now, inWindow: contacts[i] === 'in window' } },
        );
        const expected = [...reached].sort(comparePlanRows);
        expect(sortWorkedDown(reached)).toEqual(expected);
        expect(sortWorkedDown(reached)).toEqual(sortPlanRows(reached, false));
      }),
    );
    // A row worked at 10:10 in its 10:00 window goes below the 11:00 one still to come.
    const at = DAY + 10 * 60 * MIN + 15 * MIN;
    const plan = corePlan(
      [
        plannerRow('a-called', 'call', {
          start: DAY + 10 * 60 * MIN,
          end: DAY + 11 * 60 * MIN,
          stars: 5,
        }),
        plannerRow('b-next', 'call', {
          start: DAY + 11 * 60 * MIN,
          end: DAY + 12 * 60 * MIN,
          stars: 4,
        }),
        plannerRow('c-done', 'call', null, 'done'),
      ],
      at,
    );
    expect(plan.map((r) => r.name)).toEqual(['a-called', 'b-next', 'c-done']);
    const worked = plan.map((r) =>
      r.name === 'a-called' ? { ...r, reached: { at: at - 5 * MIN, inWindow: true } } : r,
    );
    expect(sortWorkedDown(worked).map((r) => r.name)).toEqual(['b-next', 'a-called', 'c-done']);
    // None worked: the very rows, not a copy.
    expect(sortWorkedDown(plan)).toBe(plan);
  });
});
