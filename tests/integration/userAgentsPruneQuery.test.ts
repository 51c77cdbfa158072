import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { unusedUserAgentsQuery } from '../../src/main/db/repos/userAgents';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// The daily prune looked for each user agent in every visit: 0.1-0.3 s of the event loop on
// 200,000 visits. Each user agent is now one probe of an index (migration 013).

let dir: TempDir;
let db: Db;
beforeEach(async () => {
  dir = makeTempDir();
  db = await openDatabase(dir.file('agents.db'));
});
afterEach(async () => {
  await db.close();
  dir.remove();
});

describe('the unused user agents query', () => {
  it('looks each user agent up in the visits index, without reading the visits', () => {
    const { sql, parameters } = unusedUserAgentsQuery(db, 0, 500);
    const plan = (
      rawHandle(db)
        .prepare(`explain query plan ${sql}`)
        .all(...parameters) as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan.some((d) => /^SEARCH user_agents USING INTEGER PRIMARY KEY/.test(d))).toBe(true);
    expect(plan.some((d) => /^SEARCH visits USING COVERING INDEX visits_user_agent/.test(d))).toBe(
      true,
    );
    expect(plan.filter((d) => /^SCAN/.test(d))).toEqual([]);
  });
});
