import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { buildOrganisation, Seeded } from '../crm-server/crmFactories';
import {
  localSnapshot,
  serverSnapshot,
  startServer,
  syncDb,
  zohoSourceFor,
} from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { rawHandle } from '../../src/main/db/bulkHandle';

let dir: TempDir;
beforeAll(() => {
  dir = makeTempDir('cw-resume-');
});
afterAll(() => dir.remove());

class Killed extends Error {}
let interrupted = 0;

const SEEDS = Array.from({ length: 24 }, (_, i) => i + 1);

describe('a sync killed at random points', () => {
  it.each(SEEDS)('always ends with exactly the server data (seed %i)', async (seed) => {
    const r = new Seeded(seed * 7919);
    const server = await startServer(
      buildOrganisation(seed, { leads: 420, contacts: 230, callsPerPerson: 1, visits: 250 }),
    );
    const db = await syncDb(dir.file(`resume-${seed}.db`));
    try {
      // A first sync, killed and resumed until it completes, then changes and a second one.
      for (let round = 0; round < 2; round++) {
        if (round === 1) {
          for (let i = 0; i < 40; i++) {
            const m = r.pick(['Leads', 'Contacts', 'Calls', 'Visits']);
            const id = r.pick([...server.data.table(m).keys()]);
            if (r.next() < 0.25) server.data.remove(m, id);
            else
              server.data.modify(
                m,
                id,
                m === 'Calls' ? { Subject: `s${i}` } : { Name: `n${i}`, Last_Name: `L${i}` },
              );
          }
          server.data.convertLead(r.pick([...server.data.table('Leads').keys()]));
        }
        let finished = false;
        for (let attempt = 0; attempt < 40 && !finished; attempt++) {
          const killAt = r.int(1, 60); // a full run reports about 40 events: some attempts finish
          const how = r.next();
          let pages = 0;
          if (how < 0.35) server.inject('cut', { skip: r.int(0, 12), times: 8 }); // outlasts the retries
          server.beforeApiRequest = (_p, n) => {
            if (r.next() < 0.05) {
              const id = r.pick([...server.data.table('Calls').keys()]);
              server.data.modify('Calls', id, { Subject: `during ${n}` });
            }
          };
          try {
            await runSync(db, zohoSourceFor(server), {
              // A few people's emails a run: each reports progress, and a run must be able to
              // finish before its random kill point for the test to move on.
              emails: { peoplePerRun: 4 },
              onProgress: () => {
                if (how >= 0.35 && ++pages === killAt) throw new Killed();
              },
            });
            finished = true;
          } catch (error) {
            if (!(error instanceof Killed) && !/Giving up/.test((error as Error).message))
              throw error;
            interrupted++;
          } finally {
            (server as unknown as { faults: unknown[] }).faults.length = 0;
            server.beforeApiRequest = null;
          }
        }
        expect(finished).toBe(true);
      }
      // Changes made during the last run are caught by one more, uninterrupted, sync.
      await runSync(db, zohoSourceFor(server));
      expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
      const pages = (
        rawHandle(db).prepare('select count(*) as n from visit_pages').get() as { n: number }
      ).n;
      expect(pages).toBe(server.data.table('Visits').size * 2);
      expect(
        (rawHandle(db).prepare('select count(*) as n from quarantine').get() as { n: number }).n,
      ).toBe(0);
    } finally {
      await db.close();
      await server.stop();
    }
  });

  it('was really interrupted along the way (kills and cut connections)', () => {
    expect(interrupted).toBeGreaterThan(SEEDS.length);
  });
});
