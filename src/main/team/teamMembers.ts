import { reportsBelow } from '../../shared/reportingLine';
import type { Db } from '../db/openDatabase';
import { allUsers } from '../db/repos/users';
import type { UserRow } from '../db/schema';
import { requireKnownZone } from '../planner/userZone';

/** A user with no one to see on the Team page: a rep (they see their own day in the planner). */
export class NoTeamError extends Error {
  override name = 'NoTeamError';
}

/** Everyone below `viewer` in the reporting line, at every level; everyone else for an admin. */
function usersBelow(db: Db, viewer: UserRow): UserRow[] {
  const users = allUsers(db);
  return viewer.role === 'admin'
    ? users.filter((u) => u.id !== viewer.id)
    : reportsBelow(
        users.map((u) => ({ ...u, managerId: u.manager_id })),
        viewer.id,
      );
}

/**
 * Whose days a user sees side by side (TM-1): an admin everyone, a manager everyone below them in
 * the reporting line, at every level. A lane is a rep, or a manager below who owns people
 * themselves; a manager in between who sells nothing has no day to show.
 */
export function teamOf(db: Db, viewer: UserRow, owners: ReadonlySet<string>): UserRow[] {
  const below = usersBelow(db, viewer);
  const lanes = below.filter((u) => u.active === 1 && (u.role === 'rep' || owners.has(u.id)));
  if (lanes.length === 0)
    throw new NoTeamError(
      `${viewer.name} has no one reporting to them: the Team page shows a manager's reps (a rep sees their own day in the Planner).`,
    );
  for (const lane of lanes) requireKnownZone(lane);
  return lanes;
}

/**
 * The users below `viewer` (anyone, for an admin) who are no longer active, by id, with their
 * names: a rep who left keeps their leads and contacts in the CRM until someone hands them on,
 * and their hot visitors are the manager's to see (TM-2), though they have no lane.
 */
export function departedBelow(db: Db, viewer: UserRow): Map<string, string> {
  const below = usersBelow(db, viewer);
  return new Map(below.filter((u) => u.active !== 1).map((u) => [u.id, u.name]));
}

/** Whether `viewer` may see `userId`'s day: their own, anyone below them, anyone for an admin. */
export function maySee(db: Db, viewer: UserRow, userId: string): boolean {
  if (viewer.id === userId || viewer.role === 'admin') return true;
  return reportsBelow(
    allUsers(db).map((u) => ({ id: u.id, managerId: u.manager_id })),
    viewer.id,
  ).some((u) => u.id === userId);
}
