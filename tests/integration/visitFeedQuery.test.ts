import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { visitFeedQuery } from '../../src/main/db/repos/alertVisits';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// The Visits page reads visits newest first, 200 at a time, from a cursor. Once the cursor named
// a visit (every page after the first), "mine" read each of the rep's people's visits first:
// over a minute a page on 100,000 visits of 20,000 people.

let dir: TempDir;
let db: Db;
beforeEach(async () => {
  dir = makeTempDir();
  db = await openDatabase(dir.file('feed.db'));
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

const planOf = (query: ReturnType<typeof visitFeedQuery>): string[] =>
  (
    rawHandle(db)
      .prepare(`explain query plan ${query.sql}`)
      .all(...query.parameters) as { detail: string }[]
  ).map((r) => r.detail);

describe('the Visits page feed query', () => {
  it.each([
    ['everyone', null, null],
    ['everyone, from a visit', null, 'v9'],
    ['mine', ['rep'], null],
    ['mine, from a visit', ['rep'], 'v9'],
    ['a team', ['rep', 'rep2', 'boss'], null],
    ['a team, from a visit', ['rep', 'rep2', 'boss'], 'v9'],
  ])('walks the time index from the cursor, then each visit’s person (%s)', (_, owner, id) => {
    const plan = planOf(visitFeedQuery(db, { at: 1_000, id }, 200, owner));
    expect(plan[0]).toMatch(/^SEARCH v USING INDEX visits_time \(started_at<=?\?\)/);
    expect(plan[1]).toMatch(/^SEARCH p USING INDEX sqlite_autoindex_people_1 \(id=\?\)/);
    // A team's owners are one parameter, read once as a list (json_each): no table is scanned.
    expect(plan.filter((d) => /^SCAN/.test(d) && !/^SCAN json_each/.test(d))).toEqual([]);
  });
});
