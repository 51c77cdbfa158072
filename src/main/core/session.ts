import type { Session, UserInfo } from '../../shared/contract';
import type { Db } from '../db/openDatabase';
import { organisation } from '../db/repos/organisation';
import { ownsAnyPerson } from '../db/repos/people';
import { lastSyncedAt } from '../db/repos/syncState';
import { activeUsers, firstRep, userById } from '../db/repos/users';
import type { UserRow } from '../db/schema';
import { readSetting, writeSetting } from '../settings/settingsStore';
import { maySee } from '../team/teamMembers';

/**
 * The users who manage managers: someone who reports to them has people reporting to them in
 * turn (Zoho's `Reporting_To`, the demo's director over two team managers).
 */
function directorsAmong(users: readonly UserRow[]): Set<string> {
  const withReports = new Set(
    users.flatMap((u) => (u.manager_id !== null && u.manager_id !== u.id ? [u.manager_id] : [])),
  );
  return new Set(
    users.flatMap((u) =>
      u.manager_id !== null && u.manager_id !== u.id && withReports.has(u.id) ? [u.manager_id] : [],
    ),
  );
}

function toUserInfo(db: Db, u: UserRow, directors: ReadonlySet<string>): UserInfo {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    title: u.role === 'manager' && directors.has(u.id) ? 'director' : u.role,
    team: u.team,
    managerId: u.manager_id,
    timeZone: u.time_zone,
    ownsPeople: ownsAnyPerson(db, u.id),
  };
}

export interface OrgInfo {
  name: string;
  timeZone: string;
  source: string;
}

export function readOrg(db: Db): OrgInfo {
  const org = organisation(db);
  return org
    ? { name: org.name, timeZone: org.time_zone, source: org.source }
    : { name: 'No organisation yet', timeZone: 'UTC', source: 'none' };
}

/** The CRM account this copy was signed in with (its id kept at sign-in and by each sync). */
function signedInCrmUser(db: Db): UserRow | null {
  const id = readSetting<string>(db, 'crm_user_id');
  return (id && userById(db, id)) || null;
}

/**
 * Whether the app may be used as someone else: anyone in the demo (to try each role); with a
 * CRM's data, only an administrator, or a rep could read every team's plans and turn off the
 * organisation's alerts (VT-6: an admin's switch) by picking the admin in the sidebar. A copy
 * whose sync has not named its account yet (kept by an older version) is not held back.
 */
function mayChooseUser(db: Db): boolean {
  if (organisation(db)?.source === 'demo') return true;
  if (readSetting<string>(db, 'crm_user_id') === null) return true;
  // An account the copy does not list yet (its first sync still to come) is held back too.
  return signedInCrmUser(db)?.role === 'admin';
}

/** The signed-in user: the one chosen in the app (where one may be), else the first rep. */
export function currentUser(db: Db): UserRow | null {
  if (!mayChooseUser(db)) return signedInCrmUser(db);
  const chosen = readSetting<string>(db, 'current_user_id');
  const user = chosen ? userById(db, chosen) : undefined;
  return user ?? firstRep(db) ?? null;
}

export function readSession(db: Db, now: number, clockSet = false): Session {
  const org = readOrg(db);
  const user = currentUser(db);
  const synced = lastSyncedAt(db);
  const users = activeUsers(db);
  const directors = directorsAmong(users);
  return {
    org: { ...org, isDemo: org.source === 'demo' },
    currentUser: user ? toUserInfo(db, user, directors) : null,
    users: users.map((u) => toUserInfo(db, u, directors)),
    mayChooseUser: mayChooseUser(db),
    lastSyncedAt: synced,
    dataAsOf: synced ?? readSetting<number>(db, 'demo_generated_at'),
    now,
    clockSet,
  };
}

export function chooseUser(db: Db, userId: string): void {
  if (!userById(db, userId)) throw new Error(`No user with id ${userId} in this organisation.`);
  const me = signedInCrmUser(db);
  if (me?.id !== userId && !mayChooseUser(db))
    throw new Error(
      `Signed in as ${me?.name ?? 'another account'}: only an administrator may use the app as someone else.`,
    );
  writeSetting(db, 'current_user_id', userId);
}

/**
 * The rep whose plan a user may see: themselves, anyone below them in the reporting line (at
 * every level), anyone for an admin.
 */
export function planOwner(db: Db, user: UserRow, repId: string | undefined): UserRow {
  if (!repId || repId === user.id) return user;
  const rep = userById(db, repId);
  if (!rep) throw new Error(`No user with id ${repId} in this organisation.`);
  if (!maySee(db, user, rep.id)) {
    throw new Error(`${user.name} cannot see ${rep.name}'s plan: only their manager can.`);
  }
  return rep;
}
