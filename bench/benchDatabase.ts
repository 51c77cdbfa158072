import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { createCore } from '../src/main/core/createCore';
import { generateDemo } from '../src/main/demo/generateDemo';
import { openDatabase } from '../src/main/db/openDatabase';
import { migrations } from '../src/main/db/migrations/index';
import { rawHandle } from '../src/main/db/bulkHandle';
import { refreshEveryonesLastTouch } from '../src/main/db/repos/lastTouch';
import { DEMO_ORG, DEMO_USERS } from '../src/main/demo/demoOrganisation';
import { prng, writeBenchVisits } from './benchVisits';

/**
 * A benchmark-size demo organisation with learned windows, written once a day and reused by the
 * benchmarks that only read it (writing it takes most of a minute).
 */
export async function benchDatabase(people: number): Promise<string> {
  const day = DateTime.now().toISODate();
  // A file written before the demo's organisation (hours, users) or the layout changed is not
  // reused: the layout by its steps' names, as two branches' step 38 may differ.
  const org = createHash('sha256')
    .update(JSON.stringify([DEMO_ORG, DEMO_USERS, migrations.map((m) => m.name)]))
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

/** The website visits of benchDatabaseWithVisits, over its last 90 days. */
const SITE_VISITS = 100_000;

/**
 * benchDatabase with the website visits of an organisation's site besides the demo's own (the
 * demo writes about 1.5 a person, all but five linked to a person or unknown): 100,000 more over
 * the last 90 days, 60 % linked to a person, 10 % unlinked with the e-mail a person typed (a form,
 * the visits People's last activity finds by e-mail), the rest unknown visitors. Kept for the day.
 */
export async function benchDatabaseWithVisits(people: number): Promise<string> {
  const base = await benchDatabase(people);
  const path = base.replace(/\.db$/, `-visits${SITE_VISITS}.db`);
  if (existsSync(path)) return path;
  const building = `${path}.building`;
  copyFileSync(base, building);
  const db = await openDatabase(building);
  const raw = rawHandle(db);
  const now = Date.now();
  raw.transaction(() => {
    writeBenchVisits(raw, {
      count: SITE_VISITS,
      start: now - 90 * 86_400_000,
      days: 90,
      people: raw.prepare('select id, email from people').all() as {
        id: string;
        email: string | null;
      }[],
      linked: 0.6,
      byEmail: 0.25,
      idPrefix: 'bench-site-',
      random: prng(51),
    });
    // As the sync store does after writing visits: People's order reads it.
    refreshEveryonesLastTouch(db);
  })();
  raw.pragma('wal_checkpoint(TRUNCATE)');
  await db.close();
  renameSync(building, path);
  return path;
}
