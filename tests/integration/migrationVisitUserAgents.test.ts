import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storedPageViews } from '../../src/main/alerts/storedPageViews';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { databaseBefore } from '../fixtures/databaseBefore';

// The alert replay reads a visit's user agent through its number in `user_agents`: the number
// must follow the text whoever writes it, or a bot would alert (or a browser be taken for one).

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => dir.remove());

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36';
const BOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

/** A database written just before the migration, then opened, with visits sharing, lacking and emptying a user agent. */
async function atPreviousVersion() {
  const { raw, done } = await databaseBefore(dir.file('visits.db'), 'visit_user_agents', {
    foreignKeys: true,
  });
  const visit = raw.prepare(
    'insert into visits (id, ip, user_agent, started_at) values (?, ?, ?, ?)',
  );
  visit.run('v1', '203.0.113.1', CHROME, 1000);
  visit.run('v2', '203.0.113.2', BOT, 2000);
  visit.run('v3', '203.0.113.3', CHROME, 3000);
  visit.run('v4', '203.0.113.4', null, 4000);
  visit.run('v5', '203.0.113.5', '', 5000);
  await done();
  // Opened as the app opens it: the migration runs there.
  const opened = await openDatabase(dir.file('visits.db'));
  return { raw: rawHandle(opened), db: opened, close: () => opened.close() };
}

/** Each visit's user agent as the replay reads it (one page view per visit without pages). */
function replayedAgents(db: Db) {
  return Object.fromEntries(
    [...storedPageViews(db, 0, 10_000, 'rep').views].map((v) => [
      v.visitor.visitId,
      v.visitor.userAgent,
    ]),
  );
}

describe('the visit user agents migration', () => {
  it('numbers the user agents already stored, each distinct one once', async () => {
    const old = await atPreviousVersion();
    expect(old.raw.prepare('select count(*) from user_agents').pluck().get()).toBe(3);
    expect(replayedAgents(old.db)).toEqual({ v1: CHROME, v2: BOT, v3: CHROME, v4: null, v5: '' });
    await old.close();
  });

  it('keeps the numbers right through inserts, upserts and updates after it', async () => {
    const old = await atPreviousVersion();
    const { raw } = old;
    raw
      .prepare('insert into visits (id, ip, user_agent, started_at) values (?, ?, ?, ?)')
      .run('v6', '203.0.113.6', 'curl/8.0', 6000);
    // The sync's two ways of writing a visit it already holds.
    raw
      .prepare(
        `insert into visits (id, ip, user_agent, started_at) values ('v1', '203.0.113.1', ?, 1000)
         on conflict(id) do update set user_agent = excluded.user_agent`,
      )
      .run(BOT);
    raw.prepare("update visits set user_agent = ? where id = 'v2'").run(CHROME);
    raw.prepare("update visits set user_agent = null where id = 'v3'").run();
    raw.prepare("update visits set user_agent = 'Firefox/121.0' where id = 'v4'").run();
    raw.prepare("update visits set ip = '198.51.100.5' where id = 'v5'").run();
    expect(replayedAgents(old.db)).toEqual({
      v1: BOT,
      v2: CHROME,
      v3: null,
      v4: 'Firefox/121.0',
      v5: '',
      v6: 'curl/8.0',
    });
    expect(
      raw
        .prepare(
          `select count(*) from visits v left join user_agents u on u.id = v.user_agent_id
           where u.user_agent is not v.user_agent`,
        )
        .pluck()
        .get(),
    ).toBe(0);
    await old.close();
  });
});
