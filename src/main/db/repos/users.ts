import type { Db } from '../openDatabase';
import type { UserRow } from '../schema';
import { all, first } from '../sqlRun';

/** The `users` table: the CRM's users (reps, managers, admins). */

export function userById(db: Db, id: string): UserRow | undefined {
  return first(db, db.kysely.selectFrom('users').selectAll().where('id', '=', id));
}

/** The user the app opens on when none was chosen: the first rep, by id. */
export function firstRep(db: Db): UserRow | undefined {
  return first(
    db,
    db.kysely.selectFrom('users').selectAll().orderBy('role', 'desc').orderBy('id').limit(1),
  );
}

export function activeUsers(db: Db): UserRow[] {
  return all(
    db,
    db.kysely
      .selectFrom('users')
      .selectAll()
      .where('active', '=', 1)
      .orderBy('team')
      .orderBy('name'),
  );
}

export function activeUserCount(db: Db): number {
  return Number(
    first(
      db,
      db.kysely
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('active', '=', 1),
    )?.n ?? 0,
  );
}

/** A user by id, or by email in any case (the command line takes either). */
export function userByIdOrEmail(db: Db, idOrEmail: string): UserRow | undefined {
  return first(
    db,
    db.kysely
      .selectFrom('users')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('id', '=', idOrEmail),
          eb(eb.fn('lower', ['email']), '=', eb.fn('lower', [eb.val(idOrEmail)])),
        ]),
      ),
  );
}

/** Every user, active or not (a reporting line may pass through someone deactivated). */
export function allUsers(db: Db): UserRow[] {
  return all(db, db.kysely.selectFrom('users').selectAll().orderBy('team').orderBy('name'));
}
