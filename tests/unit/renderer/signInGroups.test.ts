import { describe, expect, it } from 'vitest';
import { signInGroups } from '../../../src/renderer/src/format/signInGroups';
import type { UserInfo } from '../../../src/shared/contract';

type Member = Pick<UserInfo, 'id' | 'name' | 'title' | 'team' | 'managerId'>;
const user = (
  id: string,
  name: string,
  title: Member['title'],
  team: string | null,
  managerId: string | null,
): Member => ({ id, name, title, team, managerId });

// The demo's organisation, in the order the session lists it (Americas before EMEA & APAC).
const USERS = [
  user('u-m2', 'Marcus Reed', 'manager', 'Americas', 'u-d1'),
  user('u-r6', 'Diego Alvarez', 'rep', 'Americas', 'u-m2'),
  user('u-r7', 'Priya Shah', 'rep', 'Americas', 'u-m2'),
  user('u-m1', 'Greta Lindqvist', 'manager', 'EMEA & APAC', 'u-d1'),
  user('u-r1', 'Anna Keller', 'rep', 'EMEA & APAC', 'u-m1'),
  user('u-r2', 'Tom Brennan', 'rep', 'EMEA & APAC', 'u-m1'),
  user('u-a1', 'Ingrid Vogel', 'admin', 'Sales operations', null),
  user('u-d1', 'Helena Brandt', 'director', 'Sales leadership', null),
];
const shape = (id: string | null) =>
  signInGroups(USERS, id).map((g) => [g.label, g.users.map((u) => u.id)]);

describe('"Signed in as", in teams', () => {
  it('lists a rep’s own team first, each team under its manager, the director and admin apart', () => {
    expect(shape('u-r1')).toEqual([
      ['Greta Lindqvist’s team (EMEA & APAC)', ['u-m1', 'u-r1', 'u-r2']],
      ['Marcus Reed’s team (Americas)', ['u-m2', 'u-r6', 'u-r7']],
      ['Outside the teams', ['u-a1', 'u-d1']],
    ]);
  });

  it('lists a manager’s own team first', () => {
    expect(shape('u-m2')[0]).toEqual(['Marcus Reed’s team (Americas)', ['u-m2', 'u-r6', 'u-r7']]);
  });

  it('lists the director’s group first when the director is signed in', () => {
    expect(shape('u-d1').map(([label]) => label)).toEqual([
      'Outside the teams',
      'Marcus Reed’s team (Americas)',
      'Greta Lindqvist’s team (EMEA & APAC)',
    ]);
  });

  it('lists everyone once', () => {
    const ids = signInGroups(USERS, null).flatMap((g) => g.users.map((u) => u.id));
    expect([...ids].sort()).toEqual(USERS.map((u) => u.id).sort());
  });
});
