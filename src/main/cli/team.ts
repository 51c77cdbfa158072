import { DateTime } from 'luxon';
import { parseArgs } from 'node:util';
import type { Io } from './cliIo';
import { openDatabase } from '../db/openDatabase';
import { readSettings } from '../settings/settingsStore';
import { readOrg } from '../core/session';
import { loadRepPlanInputs } from '../planner/repPlanInputs';
import { NoTeamError } from '../team/teamMembers';
import { planCsvLines, teamCsv } from '../team/teamCsv';
import type { TeamSchedule } from '../team/teamSchedule';
import { clashEntries } from '../team/clashEntries';
import { calendarName, TeamViews } from '../team/teamViews';
import { planRowsJson } from './planRowsJson';
import { writeAtomically } from '../files/atomicWrite';
import { instantWithOffset, isCalendarDate, unreadableDb } from './cliArgs';
import { usageMistake } from './commandUsage';
import { outputProblem } from '../files/outputFile';
import { UnknownUserZoneError } from '../planner/userZone';
import { userOfDay } from './dayUser';

const FORMATS = ['json', 'csv', 'ics'] as const;

/**
 * `team --db FILE --manager USER_ID_OR_EMAIL --now ISO [--date YYYY-MM-DD] [--format json|csv|ics]
 * --out FILE`: a manager's team's day (TM-1 to TM-3) into a file. A fixed interface: checks outside
 * the project drive it. Nothing is written unless the whole answer is.
 */
export async function runTeamCli(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      manager: { type: 'string' },
      now: { type: 'string' },
      date: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const missing = (['db', 'manager', 'now', 'out'] as const).filter((k) => !values[k]);
  if (missing.length) {
    return usageMistake(io, 'team', `missing ${missing.map((m) => `--${m}`).join(', ')}`);
  }
  const instant = instantWithOffset(values.now ?? '');
  if ('problem' in instant) {
    return usageMistake(io, 'team', instant.problem);
  }
  const now = instant.at;
  if (values.date !== undefined && !isCalendarDate(values.date)) {
    return usageMistake(io, 'team', `--date "${values.date}" is not a date (YYYY-MM-DD)`);
  }
  const format = values.format ?? 'json';
  if (!(FORMATS as readonly string[]).includes(format)) {
    return usageMistake(io, 'team', `--format "${format}" is not one of json, csv, ics`);
  }
  const out = values.out ?? '';
  const refused = outputProblem(out, { db: values.db });
  if (refused) {
    return usageMistake(io, 'team', refused);
  }
  const unreadable = unreadableDb(values.db ?? '');
  if (unreadable) {
    return usageMistake(io, 'team', unreadable);
  }
  const db = await openDatabase(values.db ?? '');
  try {
    const manager = userOfDay(db, io, 'team', {
      idOrEmail: values.manager ?? '',
      dbPath: values.db ?? '',
      date: values.date,
      now: now.toMillis(),
    });
    if (typeof manager === 'number') return manager;
    const org = readOrg(db);
    const context = {
      now: now.toMillis(),
      orgTz: org.timeZone,
      settings: readSettings(db),
    };
    const inputs = new Map<string, ReturnType<typeof loadRepPlanInputs>>();
    const views = new TeamViews(db, (repId, orgTz, at) => {
      let people = inputs.get(repId);
      if (!people) inputs.set(repId, (people = loadRepPlanInputs(db, repId, orgTz, at)));
      return people;
    });
    let schedule: TeamSchedule;
    try {
      // The fixed `unplanned_hot` of before calls were booked: a scheduled call does not plan.
      schedule = views.schedule(manager, context, { date: values.date, callsPlanHot: false });
    } catch (error) {
      // A rep of the team whose zone is not one: named, and nothing written.
      if (error instanceof UnknownUserZoneError) {
        io.stderr(`team: ${error.message}; nothing written.\n`);
        return 1;
      }
      if (!(error instanceof NoTeamError)) throw error;
      io.stderr(`team: ${error.message} Nothing written.\n`);
      return 1;
    }
    const content =
      format === 'csv'
        ? teamCsv(planCsvLines(schedule.reps))
        : format === 'ics'
          ? await planCalendar(schedule, context.now)
          : `${JSON.stringify(teamJson(schedule), null, 2)}\n`;
    await writeAtomically(out, content);
    // The default stays JSON (a fixed interface), but a file named for another format is said.
    const named = /\.(json|csv|ics)$/i.exec(out)?.[1]?.toLowerCase();
    if (named && named !== format)
      io.stderr(`team: --out ends in .${named} but --format is ${format}; add --format ${named}\n`);
    const rows = schedule.reps.reduce((n, r) => n + r.plan.rows.length, 0);
    io.stdout(
      `team: ${manager.name}'s team on ${schedule.date}: ${schedule.reps.length} reps, ${rows} rows, written to ${out} (${format})\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

/** The `team` command's calendar: one event per row with a window, of every rep. */
async function planCalendar(schedule: TeamSchedule, now: number): Promise<string> {
  const { planCalendarWindows, teamCalendar } = await import('../team/teamCalendar');
  return teamCalendar(planCalendarWindows(schedule.reps), {
    name: calendarName(schedule, null),
    now,
    many: schedule.reps.length > 1,
  });
}

/** The `team` command's JSON: the shape issue #14 fixes, rows exactly as `plan` prints them. */
function teamJson(schedule: TeamSchedule) {
  const zone = schedule.manager.time_zone;
  const iso = (ms: number): string =>
    DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? '';
  // A clash of two people at one account names each of them; the same person, once.
  const clashes = clashEntries(schedule.clashes).map((c) => ({
    person_id: c.personId,
    rep_ids: c.repIds,
    start: iso(c.start),
    end: iso(c.end),
  }));
  return {
    date: schedule.date,
    manager: { id: schedule.manager.id, name: schedule.manager.name, tz: zone },
    reps: schedule.reps.map((r) => ({
      rep_id: r.rep.id,
      name: r.rep.name,
      email: r.rep.email,
      tz: r.rep.time_zone,
      rows: planRowsJson(r.plan.rows, r.rep.time_zone),
      coverage: {
        windows: r.coverage.windows,
        good_windows: r.coverage.goodWindows,
        worked: r.coverage.worked,
        missed: r.coverage.missed,
        share_worked: r.coverage.shareWorked,
      },
    })),
    clashes,
    unplanned_hot: schedule.unplannedHot.map((h) => ({
      person_id: h.personId,
      name: h.name,
      owner_id: h.ownerId,
      why: h.why,
    })),
    coverage_by_hour: schedule.byHour.map((h) => ({
      hour: h.hour,
      windows_open: h.windowsOpen,
      reps_working: h.repsWorking,
    })),
  };
}
