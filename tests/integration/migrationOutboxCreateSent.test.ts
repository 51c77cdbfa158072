import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { pushOutbox } from '../../src/main/sync/outboxPush';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { startServer, zohoSourceFor } from '../crm-server/syncHarness';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { databaseBefore } from '../fixtures/databaseBefore';

// A call an older version tried to push, whose answer was lost, may be in Zoho already: after the
// update its next attempt must still look for it first, though no create time was recorded.

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

/** A call to the first contact, as the outbox stores one the CRM's way. */
function payload(personId: string, startedAt: number): string {
  return JSON.stringify({
    personId,
    personModule: 'contact',
    ownerId: null,
    subject: 'Call',
    startedAt,
    durationS: 60,
    direction: 'out',
  });
}

/** A database from before the migration holding one tried, one untried and one pushed call. */
async function atPreviousVersion(personId: string, createdAt: number) {
  const file = dir.file('outbox.db');
  const { raw, done } = await databaseBefore(file, 'outbox_create_sent');
  const add = raw.prepare(
    `insert into outbox (idempotency_key, kind, payload, created_at, attempts, pushed_at)
     values (?, 'call', ?, ?, ?, ?)`,
  );
  add.run('tried', payload(personId, createdAt - 600_000), createdAt, 1, null);
  add.run('untried', payload(personId, createdAt - 300_000), createdAt + 1000, 0, null);
  add.run('pushed', payload(personId, createdAt - 900_000), createdAt - 5000, 1, createdAt);
  await done();
  return openDatabase(file);
}

describe('the outbox create-sent migration', () => {
  it('lets an entry an older version tried find the call its lost answer created, and creates the untried one', async () => {
    const contact = [...server.data.table('Contacts').values()][0]?.id ?? '';
    const createdAt = server.data.clock;
    const db = await atPreviousVersion(contact, createdAt);
    const sent = rawHandle(db)
      .prepare('select idempotency_key, create_sent_at from outbox order by id')
      .all();
    expect(sent).toEqual([
      { idempotency_key: 'tried', create_sent_at: createdAt },
      { idempotency_key: 'untried', create_sent_at: null },
      { idempotency_key: 'pushed', create_sent_at: null },
    ]);
    // What the older version's lost attempt made in Zoho, not in its search index yet.
    server.data.searchLagMs = 3_600_000;
    server.data.insert('Calls', {
      Subject: 'Call',
      Call_Type: 'Outbound',
      Call_Start_Time: new Date(createdAt - 600_000).toISOString().replace('.000Z', '+00:00'),
      Call_Duration: '1:00',
      Who_Id: { id: contact },
    });
    const calls = (): number =>
      [...server.data.table('Calls').values()].filter(
        (c) => (c['Who_Id'] as { id?: string } | null)?.id === contact,
      ).length;
    const before = calls();

    const result = await pushOutbox(db, zohoSourceFor(server), () => server.data.clock);
    expect(result).toEqual({ pushed: 2, failed: 0 });
    expect(calls()).toBe(before + 1);
    await db.close();
  });
});
