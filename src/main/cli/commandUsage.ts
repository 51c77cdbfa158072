import type { Io } from './cliIo';

/**
 * Each command's own usage line, printed after a mistake in its command line: the mistake and
 * how that command is called, not the whole tool's usage.
 */
export const COMMAND_USAGE = {
  demo: 'Usage: demo --db FILE [--people N] [--seed S] [--force]',
  stats: 'Usage: stats --db FILE',
  serve: 'Usage: serve [--db FILE] [--port N] [--now ISO]',
  plan: 'Usage: plan --db FILE --rep USER_ID_OR_EMAIL --now ISO [--date YYYY-MM-DD]',
  team: 'Usage: team --db FILE --manager USER_ID_OR_EMAIL --now ISO [--date YYYY-MM-DD] [--format json|csv|ics] --out FILE',
  backtest: 'Usage: backtest --db FILE --as-of ISO [--days 28] --out FILE.json',
  besttime:
    'usage: besttime --events FILE.csv --as-of ISO [--org-tz ZONE] [--business-hours SPEC] [--slot 30|60|120] [--top N] --out FILE.json',
  alerts:
    'usage: alerts --db FILE --rep USER_ID_OR_EMAIL (--page-views FILE.csv | --access-log FILE | --from ISO --to ISO) [--rules FILE.json] --out FILE.json',
} as const;

type CommandWithUsage = keyof typeof COMMAND_USAGE;

/** Whether `command` has a usage line of its own (`sync` prints the whole tool's). */
export function hasOwnUsage(command: string): command is CommandWithUsage {
  return Object.hasOwn(COMMAND_USAGE, command);
}

/**
 * A mistake in `command`'s line, or an input it refuses (exit 2): the mistake on the first line,
 * as it always read, then how the command is called. The one place this is printed: a command
 * returns it, and a UsageError thrown from one (a helper's, in cliArgs.ts) is caught and passed
 * here (cli.ts, and the commands that catch their own).
 */
export function usageMistake(io: Io, command: CommandWithUsage, message: string): 2 {
  io.stderr(`${command}: ${message}\n${COMMAND_USAGE[command]}\n`);
  return 2;
}
