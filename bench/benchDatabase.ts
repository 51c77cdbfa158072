import { createHash } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { createCore } from '../src/main/core/createCore';
import { generateDemo } from '../src/main/demo/generateDemo';
import { openDatabase } from '../src/main/db/openDatabase';
import { migrations } from '../src/main/db/migrations/index';
import { rawHandle } from '../src/main/db/bulkHandle';
import { DEMO_ORG, DEMO_USERS } from '../src/main/demo/demoOrganisation';

/**
 * A benchmark-size demo organisation with learned windows, written once a day and reused by the
 * benchmarks that only read it (writing it takes most of a minute).
 */
export async function benchDatabase(people: number): Promise<string> {
  const day = DateTime.now().toISODate();
  // A file written before the demo's organisation (hours, users) changed is not reused.
  const org = createHash('sha256')
    .update(JSON.stringify([DEMO_ORG, DEMO_USERS]))
    .digest('hex')
    .slice(0, 8);
  const path = join(tmpdir(), `cw-bench-${people}-v${migrations.length}-${org}-${day}.db`);
  if (existsSync(path)) return path;
  const building = `${path}.building`;
  const db = await openDatabase(building);
  const now = Date.now();
  generateDemo(db, { seed: 1, people, now });
  await createCore(db, () => now).recomputeSuggestions();
  rawHandle(db).pragma('wal_checkpoint(TRUNCATE)');
  await db.close();
  renameSync(building, path);
  return path;
}
