import { parseArgs } from 'node:util';
import { backtestStored } from '../besttime/evaluation/backtest';
import { openDatabase } from '../db/openDatabase';
import { readOrgHours } from '../besttime/store/recomputeWindows';
import { writeAtomically } from '../files/atomicWrite';
import { outputProblem } from '../files/outputFile';
import { intOption, isoInstantWithDate, requireExistingDb, UsageError } from './cliArgs';
import type { Io } from './cliIo';

/**
 * `backtest --db FILE --as-of ISO [--days 28] --out FILE.json` (BT-13, a fixed interface): the
 * model learns from the database's signals before --as-of and is scored on the acts of the
 * following days against the simple rules, per channel and per star level.
 */
export async function runBacktestCli(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
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
    io.stderr(`backtest: ${refused}\n`);
    return 2;
  }
  const db = await openDatabase(path);
  try {
    // An as-of without an offset is read in the organisation's zone, as `besttime` reads it.
    const asOf = isoInstantWithDate(asOfText, readOrgHours(db).orgTz);
    if (asOf === null)
      throw new UsageError(`bad --as-of "${asOfText}" (ISO 8601, e.g. 2026-10-26T00:00:00Z)`);
    const report = backtestStored(db, asOf, days);
    await writeAtomically(out, `${JSON.stringify(report, null, 2)}\n`);
    const acts = report.channels.call.acts + report.channels.email.acts;
    io.stdout(
      `backtest: ${acts} ${acts === 1 ? 'act' : 'acts'} in the ${days} days from ${report.as_of} scored, written to ${out}\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}
