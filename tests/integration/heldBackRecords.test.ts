import { describe, expect, it } from 'vitest';
import type { TempDir } from '../fixtures/tempDb';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import {
  eachTestSyncEnv,
  localSnapshot,
  serverSnapshot,
  zohoSourceFor,
} from '../crm-server/syncHarness';
import { runSync, type SyncOptions } from '../../src/main/sync/syncEngine';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { listQuarantine } from '../../src/main/sync/quarantineRetry';
import { listHeldBack, NOT_HELD_BACK, retryHeldBack } from '../../src/main/core/heldBackRecords';

// Settings › CRM account lists the records a sync held back (the quarantine), each with its
// module, name, id, why and since when, and Retry reads one again from the copy kept of it.

let server: CrmTestServer;
let db: Db;
// eslint-disable-next-line @typescript-eslint/no-unused-vars
let dir: TempDir;

eachTestSyncEnv(
  'cw-held-back-',
  () => buildOrganisation(72, { leads: 6, contacts: 6, callsPerPerson: 1, visits: 2 }),
  (env) => {
    ({ server, db, dir } = env);
  },
);

const sync = (options: SyncOptions = {}) =>
  runSync(db, zohoSourceFor(server), { now: () => server.data.clock, ...options });

describe('records held back, as Settings lists them', () => {
  it('names each by module, name, id and why, since the sync that held it back, and Retry leaves one Zoho still sends malformed', async () => {
    const lead = server.data.insert('Leads', {
      First_Name: 'Nora',
      Email: 'nameless@x.test',
      Owner: { id: server.data.users[1]?.id },
    });
    const call = server.data.insert('Calls', {
      Subject: 'Odd call',
      Call_Type: 'Sideways',
      Call_Start_Time: '2026-01-01T10:00:00+00:00',
      Who_Id: null,
    });
    await sync();
    const held = listHeldBack(db, 50);
    expect(held).toHaveLength(2);
    expect(held).toEqual(
      expect.arrayContaining([
        {
          module: 'Leads',
          recordId: lead.id,
          name: 'Nora',
          reason: 'Last_Name: is required (got nothing)',
          since: server.data.clock,
          waiting: false,
        },
        {
          module: 'Calls',
          recordId: call.id,
          name: 'Odd call',
          reason: expect.stringContaining('Call_Type: unknown value "Sideways"'),
          since: server.data.clock,
          waiting: false,
        },
      ]),
    );
    // Read again, it is what Zoho sent: still held back, saying why, nothing else changed.
    const before = localSnapshot(db);
    expect(retryHeldBack(db, 'Leads', lead.id, server.data.clock)).toBe(false);
    expect(listHeldBack(db, 50).find((h) => h.recordId === lead.id)?.reason).toBe(
      'Last_Name: is required (got nothing)',
    );
    expect(localSnapshot(db)).toEqual(before);
    // One not held back (any more) is said so in words.
    expect(() => retryHeldBack(db, 'Leads', 'no-such-record', server.data.clock)).toThrow(
      NOT_HELD_BACK,
    );
    // At most as many as asked for, the newest first.
    expect(listHeldBack(db, 1)).toHaveLength(1);
  });

  it('a waiting record whose rows were damaged on this computer is stored on Retry, from Zoho’s copy kept with it', async () => {
    // Calls synced before their people wait for them; one's rows are then damaged here.
    await sync({ modules: ['Calls'] });
    const waiting = listQuarantine(db).sort((a, b) => a.modifiedAt - b.modifiedAt);
    const damaged = waiting[0]?.recordId;
    if (!damaged) throw new Error('no call waited for its person');
    expect(listHeldBack(db, 50).find((h) => h.recordId === damaged)?.waiting).toBe(true);
    rawHandle(db)
      .prepare(`update quarantine set writes = '[{"table":"activities"}]' where record_id = ?`)
      .run(damaged);
    // Its person is here now, but a sync cannot read the rows kept: held back, not retried again.
    await sync();
    expect(listHeldBack(db, 50)).toEqual([
      expect.objectContaining({ module: 'Calls', recordId: damaged, waiting: false }),
    ]);
    expect(localSnapshot(db)).not.toEqual(serverSnapshot(server.data));
    await sync();
    expect(listHeldBack(db, 50)).toHaveLength(1);

    expect(retryHeldBack(db, 'Calls', damaged, server.data.clock)).toBe(true);
    expect(listHeldBack(db, 50)).toEqual([]);
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
  });
});
