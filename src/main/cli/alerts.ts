import { parseArgs } from 'node:util';
import { parseAccessLog } from '../alerts/accessLog';
import { readRepAlertConfig } from '../alerts/alertSettings';
import { AlertInputError, parsePageViewsCsv } from '../alerts/pageViewsCsv';
import { parseInstant } from '../csv/csvInput';
import {
  pageViewsFromCsv,
  pageViewsFromLog,
  replayForRep,
  replayReport,
} from '../alerts/replayReport';
import { parseRulesFile, type RulesFile } from '../alerts/rulesFile';
import { storedPageViews } from '../alerts/storedPageViews';
import { openDatabase } from '../db/openDatabase';
import { userByIdOrEmail } from '../db/repos/users';
import { inMemory, type PageViewSource } from '../alerts/alertEngine';
import { requireExistingDb, UsageError } from './cliArgs';
import type { Io } from './cliIo';
import { usageMistake } from './commandUsage';
import { writeAtomically } from '../files/atomicWrite';
import { readInputText } from '../files/inputFile';
import { outputProblem } from '../files/outputFile';
import { damagedDatabaseMessage, isDamagedDatabaseError } from '../db/databaseErrors';
import { whyRuleNeverHolds } from '../../shared/alertsContract';

const readText = (path: string, flag: string): string =>
  readInputText(path, `--${flag} ${path}`, (m) => new AlertInputError(m));

function instant(flag: string, text: string): number {
  const at = parseInstant(text);
  if (at === null)
    throw new UsageError(
      `--${flag} "${text}" is not an ISO instant with an offset (e.g. 2026-11-16T00:00:00Z)`,
    );
  return at;
}

type Source =
  | { kind: 'page-views'; path: string }
  | { kind: 'access-log'; path: string }
  | { kind: 'stored'; from: number; to: number };

function sourceOf(values: Record<string, string | undefined>): Source {
  const given = [
    values['page-views'] !== undefined,
    values['access-log'] !== undefined,
    values.from !== undefined || values.to !== undefined,
  ].filter(Boolean).length;
  if (given !== 1)
    throw new UsageError(
      'give one source: --page-views FILE, --access-log FILE or --from and --to',
    );
  if (values['page-views'] !== undefined) return { kind: 'page-views', path: values['page-views'] };
  if (values['access-log'] !== undefined) return { kind: 'access-log', path: values['access-log'] };
  if (values.from === undefined || values.to === undefined)
    throw new UsageError('--from and --to go together');
  const from = instant('from', values.from);
  const to = instant('to', values.to);
  if (to <= from) throw new UsageError('--to must be after --from');
  return { kind: 'stored', from, to };
}

/**
 * `alerts`: replays visits through a rep's alert rules as if they arrived live and writes what
 * would have been raised, held and suppressed. A fixed interface: checks outside the project
 * drive it. Any bad input stops it before anything is written.
 */
export async function runAlertsCli(argv: string[], io: Io): Promise<number> {
  let dbArgument: string | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        db: { type: 'string' },
        rep: { type: 'string' },
        'page-views': { type: 'string' },
        'access-log': { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        rules: { type: 'string' },
        out: { type: 'string' },
      },
    });
    dbArgument = values.db;
    const missing = (['db', 'rep', 'out'] as const).filter((k) => !values[k]);
    if (missing.length) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(', ')}`);
    const source = sourceOf(values);
    const dbPath = requireExistingDb(values.db);
    const outPath = values.out ?? '';
    const refused = outputProblem(outPath, {
      db: dbPath,
      files: {
        '--page-views': values['page-views'],
        '--access-log': values['access-log'],
        '--rules': values.rules,
      },
    });
    if (refused) {
      return usageMistake(io, 'alerts', refused);
    }

    // Every file is read and checked before the database is opened or anything is written.
    let rulesFile: RulesFile | null = null;
    if (values.rules !== undefined) {
      rulesFile = parseRulesFile(values.rules, readText(values.rules, 'rules'));
      // Said, not refused: a file the command's interface accepts runs as it always has.
      for (const rule of rulesFile.rules) {
        const why = whyRuleNeverHolds(rule);
        if (why) io.stderr(`alerts: ${values.rules}: rule "${rule.name}" raises nothing: ${why}\n`);
      }
    }
    const csv =
      source.kind === 'page-views'
        ? parsePageViewsCsv(source.path, readText(source.path, 'page-views'))
        : null;
    const log =
      source.kind === 'access-log'
        ? parseAccessLog(source.path, readText(source.path, 'access-log'))
        : null;

    const db = await openDatabase(dbPath);
    try {
      const rep = userByIdOrEmail(db, values.rep ?? '');
      if (!rep) throw new AlertInputError(`no user with id or email "${values.rep}" in ${dbPath}`);
      const stored = readRepAlertConfig(db, rep.id);
      // Said, not fatal: a rule a newer version stored runs in that version; here it raises nothing.
      if (!rulesFile)
        for (const r of stored.unreadable)
          io.stderr(
            `alerts: ${rep.email}'s rule "${r.name}" cannot be read by this version (${r.problem}): replayed without it\n`,
          );
      let views: PageViewSource;
      if (csv) views = inMemory(pageViewsFromCsv(db, csv, rep.id));
      else if (log) views = inMemory(pageViewsFromLog(log));
      else if (source.kind === 'stored')
        views = storedPageViews(db, source.from, source.to, rep.id);
      else views = inMemory([]);
      const { replay, people } = replayForRep(db, rep, views, {
        rules: rulesFile?.rules ?? stored.rules,
        cooldownMinutes: rulesFile?.cooldownMinutes ?? stored.cooldownMinutes,
        workingHours: rulesFile?.workingHours ?? stored.workingHours,
      });
      const report = replayReport(db, rep, replay, people);
      await writeAtomically(outPath, `${JSON.stringify(report, null, 2)}\n`);
      const s = report.summary;
      io.stdout(
        `alerts: ${s.page_views} page views in ${s.sessions} sessions (${s.bot_sessions} of bots)` +
          `${log ? `, ${log.skipped} of ${log.lines} log lines not page views` : ''}; ` +
          `${s.alerts_now} ${s.alerts_now === 1 ? 'alert' : 'alerts'} now, ${s.alerts_held} held; written to ${outPath}\n`,
      );
      return 0;
    } finally {
      await db.close();
    }
  } catch (error) {
    // A damaged page met by a query: the file's path and what to do, as the other commands say.
    if (isDamagedDatabaseError(error)) {
      io.stderr(`alerts: ${damagedDatabaseMessage(dbArgument ?? 'the --db path', error)}\n`);
      return 1;
    }
    const code = (error as { code?: string }).code;
    if (error instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS'))
      return usageMistake(io, 'alerts', (error as Error).message);
    io.stderr(`alerts: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
