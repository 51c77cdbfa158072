import { parseArgs } from 'node:util';
import type { Io } from './cliIo';
import { openDatabase } from '../db/openDatabase';
import { readSettings } from '../settings/settingsStore';
import { readOrg } from '../core/session';
import { ownersWithPeople } from '../db/repos/people';
import { planKeptDay } from '../planner/dayPlanSnapshots';
import { loadRepPlanInputs } from '../planner/repPlanInputs';
import { planRowsJson } from './planRowsJson';
import { instantWithOffset, isCalendarDate, unreadableDb } from './cliArgs';
import { usageMistake } from './commandUsage';
import { userOfDay } from './dayUser';

/**
 * `plan --db FILE --rep USER_ID_OR_EMAIL --now ISO [--date YYYY-MM-DD]`: the rep's day as JSON,
 * in display order. A fixed interface: checks outside the project drive it.
 */
export async function runPlanCli(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      rep: { type: 'string' },
      now: { type: 'string' },
      date: { type: 'string' },
    },
  });
  const missing = (['db', 'rep', 'now'] as const).filter((k) => !values[k]);
  if (missing.length) {
    return usageMistake(io, 'plan', `missing ${missing.map((m) => `--${m}`).join(', ')}`);
  }
  const instant = instantWithOffset(values.now ?? '');
  if ('problem' in instant) {
    return usageMistake(io, 'plan', instant.problem);
  }
  const now = instant.at;
  if (values.date !== undefined && !isCalendarDate(values.date)) {
    return usageMistake(io, 'plan', `--date "${values.date}" is not a date (YYYY-MM-DD)`);
  }
  const unreadable = unreadableDb(values.db ?? '');
  if (unreadable) {
    return usageMistake(io, 'plan', unreadable);
  }
  const db = await openDatabase(values.db ?? '');
  try {
    const rep = userOfDay(db, io, 'plan', {
      idOrEmail: values.rep ?? '',
      dbPath: values.db ?? '',
      date: values.date,
      now: now.toMillis(),
    });
    if (typeof rep === 'number') return rep;
    const org = readOrg(db);
    // A past day the app kept is printed as it was planned, as the app shows it.
    const plan = planKeptDay(
      db,
      rep,
      org.timeZone,
      now.toMillis(),
      readSettings(db),
      values.date,
      loadRepPlanInputs(db, rep.id, org.timeZone, now.toMillis()),
    );
    const rows = planRowsJson(plan.rows, rep.time_zone);
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    // An empty plan for someone who owns no one reads like a fault: say why (stdout stays `[]`).
    if (rows.length === 0 && !ownersWithPeople(db).includes(rep.id))
      io.stderr(
        `plan: ${rep.name} owns no leads or contacts, so their plan is empty${rep.role === 'rep' ? '' : `; their team's day: team --manager ${rep.id}`}\n`,
      );
    return 0;
  } finally {
    await db.close();
  }
}
