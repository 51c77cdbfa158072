import { fileURLToPath } from 'node:url';
import { damagedDatabaseMessage, isDamagedDatabaseError } from '../db/databaseErrors';
import { UsageError } from './cliArgs';
import type { Io } from './cliIo';
import { hasOwnUsage, usageMistake } from './commandUsage';

export type { Io } from './cliIo';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  demo --db FILE [--people N] [--seed S] [--force]
                                           write the demo organisation (sample data) into a new FILE
                                           (--force replaces an existing one)
  stats --db FILE                          print row counts per entity as JSON
  serve [--db FILE] [--port N] [--now ISO] serve the app on 127.0.0.1 (the demo organisation if FILE is empty;
                                           a CRM connected in Settings syncs into FILE's sibling *.crm.db);
                                           --now starts the app's clock at that instant (it runs on from
                                           there): a demo or screenshot of a chosen day and hour
  plan --db FILE --rep USER_ID_OR_EMAIL --now ISO [--date YYYY-MM-DD]   the rep's day plan as JSON
  team --db FILE --manager USER_ID_OR_EMAIL --now ISO [--date YYYY-MM-DD] [--format json|csv|ics] --out FILE
                                           a manager's team's day: every rep's plan, coverage, clashes,
                                           unplanned hot contacts and coverage by hour (JSON), or the
                                           schedule as CSV or iCalendar
  sync --db FILE --api-domain URL --accounts-url URL --client-id ID --client-secret S --refresh-token T [--modules Leads,...]
       [--requests-in-flight N]
                                           one sync from Zoho CRM to completion (progress on stderr, JSON summary on stdout)
                                           (the id also from CW_ZOHO_CLIENT_ID; secrets also from --client-secret-file F,
                                           --refresh-token-file F, or CW_ZOHO_CLIENT_SECRET and CW_ZOHO_REFRESH_TOKEN:
                                           a flag shows in the process list)
  besttime --events FILE.csv --as-of ISO [--org-tz ZONE] [--business-hours SPEC] [--slot 30|60|120] [--top 1-24]
           --out FILE.json                 best times to contact from an event file
  alerts --db FILE --rep USER_ID_OR_EMAIL (--page-views FILE.csv | --access-log FILE | --from ISO --to ISO)
         [--rules FILE.json] --out FILE.json
                                           replay visits through the rep's alert rules as if they arrived live
  backtest --db FILE --as-of ISO [--days 28] --out FILE.json
                                           how the windows learned before --as-of did over the next days
                                           (those already over), per channel against simple rules, and
                                           per star level (JSON)
`;

type Command = (args: string[], io: Io) => Promise<number>;

/** The `--db` a command was given (`--db F` or `--db=F`), to name it in an error. */
function dbArgument(args: string[]): string | undefined {
  const at = args.indexOf('--db');
  if (at >= 0) return args[at + 1];
  return args.find((a) => a.startsWith('--db='))?.slice('--db='.length);
}

/** Each command is its own module, loaded only when asked for: `plan` need not load the web host. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  demo: async () => (await import('./demo')).runDemoCli,
  stats: async () => (await import('./stats')).runStatsCli,
  serve: async () => (await import('./serve')).runServeCli,
  plan: async () => (await import('./plan')).runPlanCli,
  sync: async () => (await import('./sync')).runSyncCli,
  besttime: async () => (await import('./besttime')).runBesttimeCli,
  alerts: async () => (await import('./alerts')).runAlertsCli,
  backtest: async () => (await import('./backtest')).runBacktestCli,
  team: async () => (await import('./team')).runTeamCli,
};

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    }
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) throw new UsageError(`Unknown command "${command}"`);
    // `plan --help` is a question, not a mistake: the usage, and nothing run.
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(USAGE);
      return 0;
    }
    return await (
      await load()
    )(rest, io);
  } catch (error) {
    // A damaged page found by a query after the file opened: the file's path and what to do,
    // not SQLite's bare "database disk image is malformed".
    if (isDamagedDatabaseError(error)) {
      io.stderr(`${damagedDatabaseMessage(dbArgument(rest) ?? 'the --db path', error)}\n`);
      return 1;
    }
    const usage =
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    // A mistake in one command's line: that command's usage, not every command's.
    if (usage && command !== undefined && hasOwnUsage(command))
      return usageMistake(io, command, (error as Error).message);
    io.stderr(`${(error as Error).message}\n${usage ? `\n${USAGE}` : ''}`);
    return usage ? 2 : 1;
  }
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
