import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { backtestStored, commandReport, daysOver } from '../besttime/evaluation/backtest';
import { currentUser } from '../core/session';
import { callEmailSpan } from '../db/repos/activities';
import { openDatabase, type Db } from '../db/openDatabase';
import { readOrgHours } from '../besttime/store/recomputeWindows';
import { writeAtomically } from '../files/atomicWrite';
import { outputProblem } from '../files/outputFile';
import {
  intOption,
  isoInstantWithDate,
  negativeNumbersJoined,
  requireExistingDb,
  UsageError,
} from './cliArgs';
import { usageMistake } from './commandUsage';
import type { Io } from './cliIo';

/**
 * `backtest --db FILE --as-of ISO [--days 28] --out FILE.json` (BT-13, a fixed interface): the
 * model learns from the database's signals before --as-of and is scored on the acts of the
 * following days against the simple rules, per channel and per star level. Only the days already
 * over by the computer's clock are scored, as in the app: a day still to come has no acts yet.
 * The report's `days` is how many were scored, as the app's is.
 */
export async function runBacktestCli(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: negativeNumbersJoined(argv, ['days']),
    options: {
      db: { type: 'string' },
      'as-of': { type: 'string' },
      days: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const path = requireExistingDb(values.db);
  const asOfText = values['as-of'];
  if (!asOfText) throw new UsageError('--as-of ISO is required');
  const out = values.out;
  if (!out) throw new UsageError('--out FILE.json is required');
  const days = intOption(values.days, 'days', 28);
  if (days < 1 || days > 366) throw new UsageError(`--days must be from 1 to 366, got "${days}"`);
  const refused = outputProblem(out, { db: path });
  if (refused) {
    return usageMistake(io, 'backtest', refused);
  }
  const db = await openDatabase(path);
  try {
    // An as-of without an offset is read in the organisation's zone, as `besttime` reads it.
    const { orgTz } = readOrgHours(db);
    const asOf = isoInstantWithDate(asOfText, orgTz);
    if (asOf === null)
      throw new UsageError(`bad --as-of "${asOfText}" (ISO 8601, e.g. 2026-10-26T00:00:00Z)`);
    const now = DateTime.now().setZone(orgTz);
    const over = daysOver(DateTime.fromMillis(asOf, { zone: orgTz }), days, now);
    if (over < 1)
      throw new UsageError(
        `--as-of "${asOfText}": no day from it is over yet (it is ${now.toFormat('yyyy-MM-dd HH:mm')} in ${orgTz}): give an --as-of at least a day before now`,
      );
    // The copy's signed-in user, as the app's backtest and relearns take them.
    const report = commandReport(
      backtestStored(db, currentUser(db)?.id ?? null, asOf, days, now.toMillis()),
    );
    await writeAtomically(out, `${JSON.stringify(report, null, 2)}\n`);
    const acts = report.channels.call.acts + report.channels.email.acts;
    const scored = over < days ? `the ${over} of ${days} days over` : `the ${days} days`;
    io.stdout(
      `backtest: ${acts} ${acts === 1 ? 'act' : 'acts'} in ${scored} from ${report.as_of} scored, written to ${out}\n`,
    );
    // Rates of 0 over no acts would read as a model that was never right.
    if (acts === 0) io.stderr(`backtest: ${nothingScored(db, orgTz, now.toMillis())}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

/**
 * Why a period scored no act, with the days the database's calls and e-mails do cover: up to the
 * last one made by `now`, as the app's panel says it (a call planned to come is no day to score).
 */
function nothingScored(db: Db, zone: string, now: number): string {
  const span = callEmailSpan(db, now);
  const day = (at: number) => DateTime.fromMillis(at, { zone }).toISODate() ?? '';
  return span
    ? `no call or e-mail happened in those days, so the rates of 0 mean nothing was scored; this database's calls and e-mails run from ${day(span.from)} to ${day(span.to)}: give an --as-of inside them`
    : 'this database holds no call or e-mail to score: sync one first';
}
