import type { Session, UserInfo } from '../../shared/contract';
import type { Db } from '../db/openDatabase';
import type { UserRow } from '../db/schema';
import { readSetting, writeSetting } from '../settings/settingsStore';

function toUserInfo(u: UserRow): UserInfo {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    team: u.team,
    managerId: u.manager_id,
    timeZone: u.time_zone,
  };
}

export interface OrgInfo {
  name: string;
  timeZone: string;
  source: string;
}

export async function readOrg(db: Db): Promise<OrgInfo> {
  const org = await db.kysely.selectFrom('organisation').selectAll().executeTakeFirst();
  return org
    ? { name: org.name, timeZone: org.time_zone, source: org.source }
    : { name: 'No organisation yet', timeZone: 'UTC', source: 'none' };
}

/** The signed-in user: the one chosen in the app, else the first rep. */
export async function currentUser(db: Db): Promise<UserRow | null> {
  const chosen = await readSetting<string>(db, 'current_user_id');
  if (chosen) {
    const user = await db.kysely
      .selectFrom('users')
      .selectAll()
      .where('id', '=', chosen)
      .executeTakeFirst();
    if (user) return user;
  }
  return (
    (await db.kysely
      .selectFrom('users')
      .selectAll()
      .orderBy('role', 'desc')
      .orderBy('id')
      .executeTakeFirst()) ?? null
  );
}

export async function readSession(db: Db, now: number): Promise<Session> {
  const [org, user, users, sync] = await Promise.all([
    readOrg(db),
    currentUser(db),
    db.kysely
      .selectFrom('users')
      .selectAll()
      .where('active', '=', 1)
      .orderBy('team')
      .orderBy('name')
      .execute(),
    db.kysely
      .selectFrom('sync_state')
      .select((eb) => eb.fn.max('last_success_at').as('last'))
      .executeTakeFirst(),
  ]);
  return {
    org: { ...org, isDemo: org.source === 'demo' },
    currentUser: user ? toUserInfo(user) : null,
    users: users.map(toUserInfo),
    lastSyncedAt: sync?.last ?? null,
    dataAsOf: sync?.last ?? (await readSetting<number>(db, 'demo_generated_at')),
    now,
  };
}

export async function chooseUser(db: Db, userId: string): Promise<void> {
  const user = await db.kysely
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw new Error(`No user with id ${userId} in this organisation.`);
  await writeSetting(db, 'current_user_id', userId);
}

/** The rep whose plan a user may see: themselves, a rep reporting to them, anyone for an admin. */
export async function planOwner(
  db: Db,
  user: UserRow,
  repId: string | undefined,
): Promise<UserRow> {
  if (!repId || repId === user.id) return user;
  const rep = await db.kysely
    .selectFrom('users')
    .selectAll()
    .where('id', '=', repId)
    .executeTakeFirst();
  if (!rep) throw new Error(`No user with id ${repId} in this organisation.`);
  if (user.role !== 'admin' && rep.manager_id !== user.id) {
    throw new Error(`${user.name} cannot see ${rep.name}'s plan: only their manager can.`);
  }
  return rep;
}
