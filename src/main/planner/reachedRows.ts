import { DateTime } from 'luxon';
import type { PlannerRow } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import type { Db } from '../db/openDatabase';
import { loggedWorkOf } from '../db/repos/activities';

/**
 * The plan's rows, each with a contact with its person on its channel that day up to `now`
 * (`PlannerRow.reached`): what the rep logged in the app, and what reached the CRM another way (a
 * call from the phone system, an email sent from the CRM), counted as the Team page counts them
 * (`loggedWorkOf`: the rep's completed calls but missed inbound ones, their sent emails). The
 * contact in the row's window if there is one (the window was worked), else the day's first (the
 * person was reached before or after it). Rows no contact reached are the same objects.
 */
export function withReached(
  db: Db,
  repId: string,
  repTz: string,
  date: string,
  rows: readonly PlannerRow[],
  now: number,
): PlannerRow[] {
  const day = DateTime.fromISO(date, { zone: repTz });
  const from = day.toMillis();
  const to = Math.min(day.plus({ days: 1 }).toMillis(), now + 1);
  if (!day.isValid || from >= to) return [...rows];
  const times: Record<Channel, Map<string, number[]>> = { call: new Map(), email: new Map() };
  for (const a of loggedWorkOf(db, [repId], from, to)) {
    const byPerson = a.kind === 'email' ? times.email : times.call;
    const list = byPerson.get(a.person_id);
    if (list) list.push(a.started_at);
    else byPerson.set(a.person_id, [a.started_at]);
  }
  if (times.call.size === 0 && times.email.size === 0) return [...rows];
  return rows.map((row) => {
    const list = times[row.channel].get(row.personId);
    if (!list) return row;
    // A contact in the row's window works it; else the person was reached that day already.
    const inside =
      row.start !== null && row.end !== null
        ? list.find((t) => t >= (row.start ?? 0) && t < (row.end ?? 0))
        : undefined;
    return {
      ...row,
      reached: { at: inside ?? (list[0] as number), inWindow: inside !== undefined },
    };
  });
}
