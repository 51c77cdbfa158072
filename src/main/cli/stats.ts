import { parseArgs } from 'node:util';
import { openDatabase } from '../db/openDatabase';
import { organisationStats } from '../db/organisationStats';
import { requireExistingDb } from './cliArgs';
import type { Io } from './cliIo';

/** `stats --db FILE`: row counts per entity as JSON. */
export async function runStatsCli(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' } } });
  const db = await openDatabase(requireExistingDb(values.db));
  try {
    io.stdout(`${JSON.stringify(organisationStats(db))}\n`);
  } finally {
    await db.close();
  }
  return 0;
}
