import { describe, expect, it } from 'vitest';
import type { TeamBlock } from '../../../src/shared/teamContract';
import { teamBlockState } from '../../../src/shared/teamBlockState';
import { isStruck } from '../../../src/shared/slotStates';
import { reportsBelow } from '../../../src/shared/reportingLine';

const HOUR = 3_600_000;
const block = (id: string, startH: number, endH: number, stars: number): TeamBlock => ({
  personId: id,
  name: id,
  company: null,
  channel: 'call',
  start: startH * HOUR,
  end: endH * HOUR,
  stars,
  reason: null,
  contactTz: 'UTC',
  action: null,
  worked: null,
  setAside: false,
  counted: true,
});

describe('a block on the Team page (TM-1)', () => {
  it('colours a block by what became of it, then by its window at the clock', () => {
    const b = block('x', 9, 10, 4);
    expect(teamBlockState(b, 8 * HOUR)).toBe('upcoming');
    expect(teamBlockState(b, 9.5 * HOUR)).toBe('now');
    // Ended unworked: just ended, as the planner says, until struck through 30 minutes later.
    expect(teamBlockState(b, 10 * HOUR)).toBe('just-ended');
    expect(teamBlockState(b, 10.5 * HOUR)).toBe('missed');
    expect(isStruck(b.end, 10.4 * HOUR)).toBe(false);
    expect(isStruck(b.end, 10.5 * HOUR)).toBe(true);
    const inside = { at: 9.2 * HOUR, by: 'logged' as const, inWindow: true };
    expect(teamBlockState({ ...b, worked: inside }, 11 * HOUR)).toBe('worked');
    const marked = { ...inside, by: 'done' as const };
    expect(teamBlockState({ ...b, action: 'done', worked: marked }, 11 * HOUR)).toBe('worked');
    expect(teamBlockState({ ...b, action: 'skipped', setAside: true }, 9.5 * HOUR)).toBe('skipped');
    expect(teamBlockState({ ...b, action: 'snoozed' }, 9.5 * HOUR)).toBe('now');
  });

  it('colours a window as the coverage counts it: set aside by a skip or snooze, or missed', () => {
    const b = block('x', 9, 10, 4);
    // Snoozed on to a later window while this one was open: set aside, not missed, when it ends.
    expect(teamBlockState({ ...b, action: 'snoozed', setAside: true }, 11 * HOUR)).toBe('snoozed');
    // The later window the row was snoozed to is not set aside: it can be missed in its turn.
    expect(teamBlockState({ ...b, action: 'snoozed' }, 11 * HOUR)).toBe('missed');
    // Skipped after the window had passed unworked: it stays missed.
    expect(teamBlockState({ ...b, action: 'skipped' }, 11 * HOUR)).toBe('missed');
    expect(teamBlockState({ ...b, action: 'skipped', setAside: true }, 11 * HOUR)).toBe('skipped');
  });

  it('shows a window whose person was reached before it as already worked, not worked in it', () => {
    const b = { ...block('x', 12, 14, 4), counted: false };
    const before = { at: 9.5 * HOUR, by: 'logged' as const, inWindow: false };
    // Upcoming, open or over: the call at 09:30 did not work this window, nor did it miss it.
    for (const now of [10, 13, 15])
      expect(teamBlockState({ ...b, worked: before }, now * HOUR)).toBe('already');
    // A call after the window ended does not save it, but a window not counted is never missed.
    const after = { at: 14.5 * HOUR, by: 'logged' as const, inWindow: false };
    expect(teamBlockState({ ...b, worked: after }, 15 * HOUR)).toBe('passed');
  });

  it('shows the counted window of a person reached outside it as reached outside, before or after', () => {
    const b = block('x', 12, 14, 4);
    const before = { at: 9.5 * HOUR, by: 'logged' as const, inWindow: false };
    const after = { at: 14.5 * HOUR, by: 'logged' as const, inWindow: false };
    expect(teamBlockState({ ...b, worked: before }, 13 * HOUR)).toBe('outside');
    expect(teamBlockState({ ...b, worked: after }, 15 * HOUR)).toBe('outside');
  });

  it('never shows a window that is not counted as missed: it passed', () => {
    const b = { ...block('x', 9, 10, 0.5), counted: false };
    expect(teamBlockState(b, 9.5 * HOUR)).toBe('now');
    expect(teamBlockState(b, 11 * HOUR)).toBe('passed');
    expect(teamBlockState({ ...b, counted: true }, 11 * HOUR)).toBe('missed');
  });
});

describe('the reporting line', () => {
  const u = (id: string, managerId: string | null) => ({ id, managerId });
  it('reaches every level below, in the order given, and survives a loop in the CRM’s data', () => {
    const users = [
      u('d', null),
      u('m1', 'd'),
      u('r1', 'm1'),
      u('m2', 'd'),
      u('r2', 'm2'),
      u('x', null),
    ];
    expect(reportsBelow(users, 'd').map((x) => x.id)).toEqual(['m1', 'r1', 'm2', 'r2']);
    expect(reportsBelow(users, 'm2').map((x) => x.id)).toEqual(['r2']);
    expect(reportsBelow(users, 'r1')).toEqual([]);
    const loop = [u('a', 'b'), u('b', 'a'), u('c', 'b')];
    expect(reportsBelow(loop, 'a').map((x) => x.id)).toEqual(['b', 'c']);
  });
});
