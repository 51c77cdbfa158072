import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { countUnsent, refusedCallEntries } from '../../src/main/db/repos/outbox';
import { pushOutbox } from '../../src/main/sync/outboxPush';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { startServer, zohoSourceFor } from '../crm-server/syncHarness';
import { databaseBefore } from '../fixtures/databaseBefore';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

// Calls the CRM refused outright get a state of their own (refused, or discarded by the rep): a
// database from before keeps its calls as they were, and a call an older version kept sending
// to a refusal is refused once more at its next attempt, then waits for the rep.

let dir: TempDir;
let server: CrmTestServer;
beforeEach(async () => {
  dir = makeTempDir();
  server = await startServer(buildOrganisation(3));
});
afterEach(async () => {
  await server.stop();
  dir.remove();
});

describe('the outbox refused migration', () => {
  it('keeps every call as it was, and refuses the one an older version kept sending at its next attempt', async () => {
    const contact = [...server.data.table('Contacts').values()][0]?.id ?? '';
    const file = dir.file('outbox.db');
    const { raw, done } = await databaseBefore(file, 'outbox_refused');
    const add = raw.prepare(
      `insert into outbox (idempotency_key, kind, payload, created_at, attempts, last_error, pushed_at)
       values (?, 'call', ?, ?, ?, ?, ?)`,
    );
    const payload = JSON.stringify({
      personId: contact,
      personModule: 'contact',
      ownerId: null,
      subject: 'Call',
      startedAt: server.data.clock - 600_000,
      durationS: 60,
      direction: 'out',
    });
    const refusal = 'Zoho did not accept the call "Call": required field not found (Region)';
    add.run('stuck', payload, server.data.clock - 500_000, 480, refusal, null);
    add.run('pushed', payload, server.data.clock - 900_000, 1, null, server.data.clock - 800_000);
    await done();

    const db = await openDatabase(file);
    expect(
      rawHandle(db)
        .prepare('select idempotency_key, refused_at, discarded_at from outbox order by id')
        .all(),
    ).toEqual([
      { idempotency_key: 'stuck', refused_at: null, discarded_at: null },
      { idempotency_key: 'pushed', refused_at: null, discarded_at: null },
    ]);
    expect(countUnsent(db, 'call')).toBe(1);

    server.data.requireField('Calls', 'Region');
    const creates = (): number =>
      server.requests.filter((r) => r.method === 'POST' && r.path === '/crm/v8/Calls').length;
    for (let i = 0; i < 3; i++)
      await pushOutbox(db, zohoSourceFor(server), () => server.data.clock);
    expect(creates()).toBe(1);
    expect(refusedCallEntries(db)).toEqual([
      expect.objectContaining({ last_error: expect.stringMatching(/field Region/) }),
    ]);
    await db.close();
  });
});
