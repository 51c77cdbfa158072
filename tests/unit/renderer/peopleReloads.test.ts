import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  reloadsPeople,
  reloadsPerson,
  type PeopleShown,
} from '../../../src/renderer/src/pages/peopleReloads';

const HOUR = 3_600_000;
const NOW = DateTime.fromISO('2026-11-23T10:00', { zone: 'Europe/Berlin' }).toMillis();

/** A row of the list: its last activity a call a day ago unless said. */
function row(id: string, kind = 'call_out', at = NOW - 24 * HOUR): PeopleShown['rows'][number] {
  return { id, lastActivityKind: kind, lastActivityAt: at };
}
const byName: PeopleShown = { sort: 'name', rows: [row('p1'), row('p2')] };

describe('the People list read again on a data change', () => {
  it('is read again when people, activities or everything changed', () => {
    for (const entities of [['people'], ['activities', 'windows'], ['all']])
      expect(reloadsPeople({ entities }, byName, NOW)).toBe(true);
  });

  it('is not read again for a change of something it does not show', () => {
    expect(reloadsPeople({ entities: ['deals', 'windows'] }, byName, NOW)).toBe(false);
  });

  it("is not read again for a sync's visits of visitors nobody knows", () => {
    expect(reloadsPeople({ entities: ['visits'], people: [] }, byName, NOW)).toBe(false);
    expect(
      reloadsPeople({ entities: ['visits'], people: [] }, { ...byName, sort: 'lastActivity' }, NOW),
    ).toBe(false);
  });

  it('is read again for a visit of someone listed, and not of someone who is not', () => {
    expect(reloadsPeople({ entities: ['visits'], people: ['p2'] }, byName, NOW)).toBe(true);
    expect(reloadsPeople({ entities: ['visits'], people: ['p9'] }, byName, NOW)).toBe(false);
  });

  it("is read again for anyone's visit when ordered by last activity (they may come first)", () => {
    const byActivity: PeopleShown = { ...byName, sort: 'lastActivity' };
    expect(reloadsPeople({ entities: ['visits'], people: ['p9'] }, byActivity, NOW)).toBe(true);
  });

  it('is read again for visits that do not say whose, as they may be anyone’s', () => {
    expect(reloadsPeople({ entities: ['visits'] }, byName, NOW)).toBe(true);
  });

  it('is read again while a listed visit may still gain a page (on the website now), not after', () => {
    const visiting: PeopleShown = {
      sort: 'name',
      rows: [row('p1'), row('p2', 'visit', NOW - 2 * HOUR)],
    };
    expect(reloadsPeople({ entities: ['visits'], people: [] }, visiting, NOW)).toBe(true);
    const visited: PeopleShown = { sort: 'name', rows: [row('p2', 'visit', NOW - 7 * HOUR)] };
    expect(reloadsPeople({ entities: ['visits'], people: [] }, visited, NOW)).toBe(false);
  });

  it('counts a visit’s six hours in elapsed time across the clocks going back (25 Oct 2026)', () => {
    // 01:30 summer time to 06:45 winter time reads 5 h 15 min on the wall, but 6 h 15 min passed.
    const start = DateTime.fromISO('2026-10-25T01:30', { zone: 'Europe/Berlin' }).toMillis();
    const now = DateTime.fromISO('2026-10-25T06:45', { zone: 'Europe/Berlin' }).toMillis();
    expect(now - start).toBe(6.25 * HOUR);
    const visited: PeopleShown = { sort: 'name', rows: [row('p2', 'visit', start)] };
    expect(reloadsPeople({ entities: ['visits'], people: [] }, visited, now)).toBe(false);
    expect(reloadsPeople({ entities: ['visits'], people: [] }, visited, now - 0.5 * HOUR)).toBe(
      true,
    );
  });
});

describe('a person page read again on a data change', () => {
  it('is read again for a visit of theirs, or of no one said, and for anything but settings and visits', () => {
    expect(reloadsPerson({ entities: ['visits'], people: ['p1', 'p9'] }, 'p1', null, NOW)).toBe(
      true,
    );
    expect(reloadsPerson({ entities: ['visits'] }, 'p1', null, NOW)).toBe(true);
    expect(reloadsPerson({ entities: ['deals', 'windows'] }, 'p1', null, NOW)).toBe(true);
    expect(reloadsPerson({ entities: ['settings'] }, 'p1', null, NOW)).toBe(false);
  });

  it("is not read again for other people's visits, unless a visit of theirs may still gain a page", () => {
    const others = { entities: ['visits'], people: ['p9'] };
    expect(reloadsPerson(others, 'p1', null, NOW)).toBe(false);
    expect(reloadsPerson(others, 'p1', NOW - 24 * HOUR, NOW)).toBe(false);
    // A page a sync adds to their visit names nobody.
    expect(reloadsPerson({ entities: ['visits'], people: [] }, 'p1', NOW - HOUR, NOW)).toBe(true);
  });
});
