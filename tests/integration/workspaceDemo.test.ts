import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../src/main/core/workspace';
import { MemorySecretStore } from '../../src/main/secrets/secretStore';
import { demoDb, makeTempDir, TEST_NOW, type TempDir } from '../fixtures/tempDb';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { visitDay } from '../../src/shared/visitDays';

const HOUR = 3_600_000;
let dir: TempDir;
let ws: Workspace | null = null;

beforeAll(async () => {
  dir = makeTempDir();
  // A demo written three hours before the app opens: the live demo fills in those hours.
  const db = await demoDb(dir, { people: 120 }, 'app.db');
  await db.close();
});
afterAll(async () => {
  await ws?.close();
  dir.remove();
});

/**
 * Resolves at the first change the workspace announces after which `arrived()` holds, or at once
 * when `settled()` holds already (the run ended before anyone listened).
 */
function announced(
  workspace: Workspace,
  arrived: () => boolean,
  settled: () => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    if (settled()) return resolve();
    const off = workspace.on('data-changed', () => {
      if (!arrived()) return;
      off();
      resolve();
    });
  });
}

describe('the demo organisation while the app runs', () => {
  it('brings new visits on its own, with no sync asked for', async () => {
    const opened = await openWorkspace({
      demoPath: dir.file('app.db'),
      secrets: new MemorySecretStore(),
      clock: () => TEST_NOW + 3 * HOUR,
    });
    ws = opened;
    const db = opened.active().db;
    const liveVisits = (): number =>
      (
        rawHandle(db)
          .prepare("select count(*) as n from visits where id like 'lv-%' and started_at > ?")
          .get(TEST_NOW) as { n: number }
      ).n;
    // People with a live visit whose summary does not say so yet (the latest visit is the live
    // one; days counted in the organisation's zone).
    const zone = rawHandle(db)
      .prepare('select time_zone from organisation')
      .pluck()
      .get() as string;
    const stale = (): number =>
      (
        rawHandle(db)
          .prepare(
            `select p.days_visited as days, json_group_array(v.started_at) as starts,
               p.last_visit_at is not max(v.started_at) as last_stale
             from people p join visits v on v.person_id = p.id
             where exists (select 1 from visits l
               where l.person_id = p.id and l.id like 'lv-%' and l.started_at > ?)
             group by p.id`,
          )
          .all(TEST_NOW) as { days: number | null; starts: string; last_stale: number }[]
      ).filter(
        (p) =>
          p.last_stale === 1 ||
          p.days !==
            new Set((JSON.parse(p.starts) as number[]).map((at) => visitDay(at, zone))).size,
      ).length;
    // The demo's runner announces a run once it has stored the visits and refreshed the
    // summaries of the people it touched: wait for that, not for the wall clock.
    await announced(
      opened,
      () => liveVisits() > 0,
      () => liveVisits() > 0 && stale() === 0,
    );
    expect(liveVisits()).toBeGreaterThan(0);
    expect(stale()).toBe(0);
    expect(await opened.dispatch('getSession', {})).toMatchObject({
      ok: true,
      value: { org: { isDemo: true } },
    });
  });
});

describe('a workspace still opening', () => {
  it('passes on what the demo announces before it is open (an alert of its first run)', async () => {
    const own = makeTempDir();
    try {
      const db = await demoDb(own, { people: 120 }, 'app.db');
      await db.close();
      const heard: string[] = [];
      let open = false;
      // Reading the stored sign-in is slow (a keychain asking the user): the demo's first run
      // goes on meanwhile. It waits for that run's announcement, or 20 s.
      class SlowKeychain extends MemorySecretStore {
        override async read(): Promise<string | null> {
          for (let i = 0; i < 400 && heard.length === 0; i++)
            await new Promise((ok) => setTimeout(ok, 50));
          return super.read();
        }
      }
      const opened = await openWorkspace({
        demoPath: own.file('app.db'),
        secrets: new SlowKeychain(),
        clock: () => TEST_NOW + 3 * HOUR,
        listen: (name) => {
          if (!open) heard.push(name);
        },
      });
      open = true;
      await opened.close();
      expect(heard).toContain('data-changed');
    } finally {
      own.remove();
    }
  });
});
