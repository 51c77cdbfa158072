import type { Db } from '../db/openDatabase';
import { userByIdOrEmail } from '../db/repos/users';
import type { UserRow } from '../db/schema';
import { requireKnownZone, UnknownUserZoneError } from '../planner/userZone';
import { datePickProblem } from './cliArgs';
import type { Io } from './cliIo';
import { usageMistake } from './commandUsage';

/**
 * The user a day's command (`plan`, `team`) is about, the day asked for checked in their zone;
 * else the exit code, why said on stderr: 1 for no such user or a zone that is not one, 2 for a
 * day the app would not show them.
 */
export function userOfDay(
  db: Db,
  io: Io,
  command: 'plan' | 'team',
  asked: { idOrEmail: string; dbPath: string; date: string | undefined; now: number },
): UserRow | 1 | 2 {
  const user = userByIdOrEmail(db, asked.idOrEmail);
  if (!user) {
    io.stderr(`${command}: no user with id or email "${asked.idOrEmail}" in ${asked.dbPath}\n`);
    return 1;
  }
  try {
    requireKnownZone(user);
  } catch (error) {
    if (!(error instanceof UnknownUserZoneError)) throw error;
    io.stderr(`${command}: ${error.message}\n`);
    return 1;
  }
  const outside =
    asked.date === undefined ? null : datePickProblem(asked.date, asked.now, user.time_zone);
  return outside ? usageMistake(io, command, outside) : user;
}
