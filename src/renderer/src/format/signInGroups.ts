import type { UserInfo } from '@shared/contract';

type Member = Pick<UserInfo, 'id' | 'name' | 'title' | 'team' | 'managerId'>;

export interface SignInGroup<U extends Member> {
  label: string;
  users: U[];
}

/**
 * "Signed in as" in teams, so someone finds themselves among a handful rather than the whole
 * organisation: each manager heads a group with the reps who report to them; whoever is in no such
 * team (a director, an admin, a rep reporting to nobody) is listed apart, last. The signed-in
 * user's group comes first, the one they most likely switch within.
 */
export function signInGroups<U extends Member>(
  users: readonly U[],
  currentId: string | null,
): SignInGroup<U>[] {
  const teams: SignInGroup<U>[] = [];
  const placed = new Set<string>();
  for (const manager of users) {
    if (manager.title !== 'manager') continue;
    const reps = users.filter((u) => u.managerId === manager.id && u.title === 'rep');
    const label = `${manager.name}’s team${manager.team ? ` (${manager.team})` : ''}`;
    teams.push({ label, users: [manager, ...reps] });
    for (const u of [manager, ...reps]) placed.add(u.id);
  }
  const apart = users.filter((u) => !placed.has(u.id));
  if (apart.length > 0) teams.push({ label: 'Outside the teams', users: apart });
  const mine = teams.findIndex((g) => g.users.some((u) => u.id === currentId));
  return mine <= 0 ? teams : [teams[mine] as SignInGroup<U>, ...teams.filter((_, i) => i !== mine)];
}
