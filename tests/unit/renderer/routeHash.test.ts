import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from '../../../src/renderer/src/route/routeHash';
import { ownerChoice, PEOPLE_VIEW_DEFAULT } from '../../../src/renderer/src/route/peopleView';
import { peopleReturnFrom, peopleReturnState } from '../../../src/renderer/src/route/peopleReturn';

describe('the address of a page', () => {
  it('keeps the deep links it had: pages, a person, a visit pointed out, a settings card', () => {
    expect(parseHash('')).toEqual({ page: 'planner' });
    expect(parseHash('#/people')).toEqual({ page: 'people' });
    expect(parseHash('#/person/p12')).toEqual({ page: 'person', id: 'p12' });
    expect(parseHash('#/visits/everyone/v%2F9')).toEqual({
      page: 'visits',
      id: 'everyone',
      focus: 'v/9',
    });
    expect(parseHash('#/settings/best-time')).toEqual({ page: 'settings', id: 'best-time' });
    expect(parseHash('#/nowhere?q=x')).toEqual({ page: 'planner' });
    expect(hrefFor({ page: 'person', id: 'a b?c' })).toBe('#/person/a%20b%3Fc');
    expect(parseHash(hrefFor({ page: 'person', id: 'a b?c' }))).toEqual({
      page: 'person',
      id: 'a b?c',
    });
  });

  it('takes a manager from a rep’s closed day to that rep’s working hours, the day and rep kept', () => {
    const route = {
      page: 'settings' as const,
      id: 'working-hours',
      focus: '2026-11-26',
      rep: 'u-r6',
    };
    expect(hrefFor(route)).toBe('#/settings/working-hours/2026-11-26?rep=u-r6');
    expect(parseHash(hrefFor(route))).toEqual(route);
    // The user's own: no rep in the address, as before.
    expect(parseHash('#/settings/working-hours/2026-11-26')).toEqual({
      page: 'settings',
      id: 'working-hours',
      focus: '2026-11-26',
    });
    // Only Settings reads it.
    expect(parseHash('#/person/p12?rep=u-r6')).toEqual({ page: 'person', id: 'p12' });
  });

  it('holds the People list’s search, owner and order, and reads them back', () => {
    const route = parseHash('#/people?q=weber&owner=me&sort=lastActivity&dir=desc');
    expect(route).toEqual({
      page: 'people',
      people: { query: 'weber', owner: 'me', sort: 'lastActivity', direction: 'desc' },
    });
    expect(hrefFor(route)).toBe('#/people?q=weber&owner=me&sort=lastActivity&dir=desc');
    const odd = { query: 'Müller & Söhne #2?', owner: 'u-r2', sort: 'company', direction: 'asc' };
    const href = hrefFor({
      page: 'people',
      people: { ...odd, sort: 'company' as const, direction: 'asc' as const },
    });
    expect(parseHash(href).people).toEqual(odd);
  });

  it('writes nothing after #/people for the list as it opens', () => {
    expect(hrefFor({ page: 'people', people: PEOPLE_VIEW_DEFAULT })).toBe('#/people');
    expect(hrefFor({ page: 'people' })).toBe('#/people');
    expect(hrefFor({ page: 'people', people: { ...PEOPLE_VIEW_DEFAULT, direction: 'desc' } })).toBe(
      '#/people?dir=desc',
    );
  });

  it('falls back to the default for a sort, direction or owner edited by hand into nonsense', () => {
    expect(parseHash('#/people?sort=salary&dir=sideways&owner=').people).toEqual(
      PEOPLE_VIEW_DEFAULT,
    );
    expect(parseHash('#/people?sort=__proto__&dir=DESC').people).toEqual(PEOPLE_VIEW_DEFAULT);
    expect(parseHash(`#/people?owner=${'9'.repeat(201)}`).people?.owner).toBe('');
    // A broken escape, as a hand-edited or cut-off address may hold: read, not thrown on.
    expect(parseHash('#/people?q=%E0%A4%A').people?.query).toBe('\uFFFD%A');
    expect(parseHash('#/person/p%E0%A4')).toEqual({ page: 'person', id: 'p%E0%A4' });
  });

  it('cuts a search longer than the search box takes to its length', () => {
    expect(parseHash(`#/people?q=${'a'.repeat(250)}`).people?.query).toHaveLength(200);
  });
});

describe('the Owner list’s choice for an owner in the address', () => {
  const users = ['u-r1', 'u-r2', 'u-d1'];
  const rep = { id: 'u-r1', ownsPeople: true };
  const director = { id: 'u-d1', ownsPeople: false };
  it('is my people for "me", or for my own id', () => {
    expect(ownerChoice('me', rep, users)).toBe('me');
    expect(ownerChoice('u-r1', rep, users)).toBe('me');
  });
  it('is another user’s people for their id', () => {
    expect(ownerChoice('u-r2', rep, users)).toBe('u-r2');
  });
  it('opens a rep’s list on their own people when the address names no owner', () => {
    expect(ownerChoice('', rep, users)).toBe('me');
  });
  it('opens on everyone’s people for someone who owns no one, or nobody signed in', () => {
    expect(ownerChoice('', director, users)).toBe('all');
    expect(ownerChoice('', null, users)).toBe('all');
  });
  it('is everyone’s people when the address asks for it, whoever is signed in', () => {
    expect(ownerChoice('all', rep, users)).toBe('all');
    expect(ownerChoice('all', director, users)).toBe('all');
  });
  it('is the opening choice for an id no user has, or "me" with nobody signed in', () => {
    expect(ownerChoice('u-gone', rep, users)).toBe('me');
    expect(ownerChoice('u-gone', director, users)).toBe('all');
    expect(ownerChoice('me', null, users)).toBe('all');
  });
});

describe('where the People list was left, in its history entry', () => {
  it('reads back what was kept', () => {
    expect(peopleReturnFrom(peopleReturnState({ top: 880, opened: 'p7' }))).toEqual({
      top: 880,
      opened: 'p7',
    });
  });
  it('is nowhere for no state, another state, or a damaged one', () => {
    for (const state of [
      null,
      undefined,
      'x',
      {},
      { other: 1 },
      { peopleReturn: null },
      { peopleReturn: { top: -5, opened: 'p7' } },
      { peopleReturn: { top: Number.NaN, opened: 'p7' } },
      { peopleReturn: { top: 10, opened: '' } },
      { peopleReturn: { top: '10', opened: 'p7' } },
    ])
      expect(peopleReturnFrom(state)).toBeNull();
  });
});
