import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { pushOutbox } from '../../src/main/sync/outboxPush';
import { logCall } from '../../src/main/planner/planActions';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';

let server: CrmTestServer;
let db: Db;

eachTestSyncEnv(
  'cw-call-push-',
  () => buildOrganisation(7),
  (env) => ({ server, db } = env),
);

/** After a first sync, the rep logs an answered call with the first contact they own. */
async function loggedCall(): Promise<{ personId: string; activityId: string }> {
  await runSync(db, zohoSourceFor(server));
  const contact = [...server.data.table('Contacts').values()][0];
  const personId = contact?.id ?? '';
  const ownerId = (contact?.['Owner'] as { id: string } | undefined)?.id ?? '';
  const { activityId } = logCall(
    db,
    ownerId,
    { personId, outcome: 'answered', durationMin: 4, note: 'Asked for a quote', date: '2026-01-05' },
    server.data.clock - 60_000,
  );
  return { personId, activityId };
}

const callsWith = (personId: string): Record<string, unknown>[] =>
  [...server.data.table('Calls').values()].filter(
    (c) => (c['Who_Id'] as { id?: string } | null)?.id === personId,
  );

const outbox = (): { attempts: number; pushed_at: number | null; last_error: string | null } =>
  rawHandle(db).prepare('select attempts, pushed_at, last_error from outbox').get() as {
    attempts: number;
    pushed_at: number | null;
    last_error: string | null;
  };

describe('a logged call on its way to Zoho', () => {
  it('is created once when the answer to its creation was lost, and the next sync finds it', async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    // Zoho stores the call, then the connection drops before its answer arrives.
    server.inject('cut', { path: /^\/crm\/v8\/Calls$/ });
    const first = await pushOutbox(db, zohoSourceFor(server), () => server.data.clock);
    expect(first).toEqual({ pushed: 0, failed: 1 });
    expect(outbox().last_error).toMatch(/whether Zoho stored it is not known/);
    expect(callsWith(personId)).toHaveLength(before + 1);

    const second = await pushOutbox(db, zohoSourceFor(server), () => server.data.clock);
    expect(second).toEqual({ pushed: 1, failed: 0 });
    expect(callsWith(personId)).toHaveLength(before + 1);
    expect(outbox()).toMatchObject({ attempts: 2, last_error: null });
  });

  it('is sent once per attempt: a 5xx is not repeated at once, and the next attempt creates it', async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    const creates = (): number =>
      server.requests.filter((r) => r.method === 'POST' && r.path === '/crm/v8/Calls').length;
    server.inject('server-error', { path: /^\/crm\/v8\/Calls$/, times: 5 });
    const first = await pushOutbox(db, zohoSourceFor(server), () => server.data.clock);
    expect(first).toEqual({ pushed: 0, failed: 1 });
    expect(creates()).toBe(1);
    expect(outbox().last_error).toMatch(/500.*whether Zoho stored it is not known/);
    server.clearFaults();
    const second = await pushOutbox(db, zohoSourceFor(server), () => server.data.clock);
    expect(second).toEqual({ pushed: 1, failed: 0 });
    expect(callsWith(personId)).toHaveLength(before + 1);
  });

  it('is created when a sign-in without the search scope cannot look for it, without failing the sync', async () => {
    const { personId } = await loggedCall();
    server.inject('cut', { path: /^\/crm\/v8\/Calls$/ });
    await pushOutbox(db, zohoSourceFor(server), () => server.data.clock);
    server.data.searchScope = false;
    const second = await pushOutbox(db, zohoSourceFor(server), () => server.data.clock);
    // Two calls: the one whose answer was lost, and the one a blind retry made (said in the README).
    expect(second).toEqual({ pushed: 1, failed: 0 });
    expect(callsWith(personId).filter((c) => c['Subject'] === 'Call: answered')).toHaveLength(2);
  });

  it('keeps waiting when Zoho refuses the search for another reason, rather than log it twice', async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    server.inject('cut', { path: /^\/crm\/v8\/Calls$/ });
    await pushOutbox(db, zohoSourceFor(server), () => server.data.clock);
    server.inject('no-permission', { path: /^\/crm\/v8\/Calls\/search$/ });
    const second = await pushOutbox(db, zohoSourceFor(server), () => server.data.clock);
    expect(second).toEqual({ pushed: 0, failed: 1 });
    expect(outbox().last_error).toMatch(/NO_PERMISSION/);
    expect(callsWith(personId)).toHaveLength(before + 1);
    const third = await pushOutbox(db, zohoSourceFor(server), () => server.data.clock);
    expect(third).toEqual({ pushed: 1, failed: 0 });
    expect(callsWith(personId)).toHaveLength(before + 1);
  });

  it('reaches an organisation without the CW_Idempotency_Key field', async () => {
    server.data.removeField('Calls', 'CW_Idempotency_Key');
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    const summary = await runSync(db, zohoSourceFor(server));
    expect(summary.outbox).toEqual({ pushed: 1, failed: 0 });
    const created = callsWith(personId).at(-1);
    expect(callsWith(personId)).toHaveLength(before + 1);
    expect(created).toMatchObject({ Subject: 'Call: answered', Description: 'Asked for a quote' });
    expect(created?.['CW_Idempotency_Key']).toBeUndefined();
  });

  it('carries its key where the organisation has the field', async () => {
    const { personId, activityId } = await loggedCall();
    const summary = await runSync(db, zohoSourceFor(server));
    expect(summary.outbox).toEqual({ pushed: 1, failed: 0 });
    expect(callsWith(personId).at(-1)?.['CW_Idempotency_Key']).toBe(activityId);
  });
});
