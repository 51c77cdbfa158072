import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { pushOutbox } from '../../src/main/sync/outboxPush';
import { logCall } from '../../src/main/planner/planActions';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { activityExists } from '../../src/main/db/repos/activities';
import {
  countUnsent,
  discardRefusedCall,
  refusedCallEntries,
  retryRefusedCall,
} from '../../src/main/db/repos/outbox';

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
    {
      personId,
      outcome: 'answered',
      durationMin: 4,
      note: 'Asked for a quote',
      date: '2026-01-05',
    },
    server.data.clock - 60_000,
  );
  return { personId, activityId };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const now = (): number => server.data.clock;

/** A call someone else logged with another contact. */
const otherCall = (personId: string, i: number): Record<string, unknown> => ({
  Subject: `Other call ${i}`,
  Call_Type: 'Outbound',
  Call_Start_Time: '2026-01-05T07:00:00+00:00',
  Call_Duration: '1:00',
  Who_Id: { id: personId },
});

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
    const first = await pushOutbox(db, zohoSourceFor(server), now);
    expect(first).toEqual({ pushed: 0, failed: 1 });
    expect(outbox().last_error).toMatch(/whether Zoho stored it is not known/);
    expect(callsWith(personId)).toHaveLength(before + 1);

    const second = await pushOutbox(db, zohoSourceFor(server), now);
    expect(second).toEqual({ pushed: 1, failed: 0 });
    expect(callsWith(personId)).toHaveLength(before + 1);
    expect(outbox()).toMatchObject({ attempts: 2, last_error: null });
  });

  it('goes out though an older entry before it was damaged in the file, which is named as such', async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    // An older entry whose payload is no longer JSON (a damaged page read back as text).
    rawHandle(db)
      .prepare(
        "insert into outbox (kind, payload, created_at, idempotency_key) values ('call', '{\"personId\": \"c', 1, 'damaged-entry')",
      )
      .run();
    const pushed = await pushOutbox(db, zohoSourceFor(server), now);
    expect(pushed).toEqual({ pushed: 1, failed: 1 });
    expect(callsWith(personId)).toHaveLength(before + 1);
    const damaged = rawHandle(db)
      .prepare("select last_error, pushed_at from outbox where idempotency_key = 'damaged-entry'")
      .get();
    expect(damaged).toEqual({
      last_error: 'This logged call could not be read back from the local file; it cannot be sent',
      pushed_at: null,
    });
  });

  it('is sent once per attempt: a 5xx is not repeated at once, and the next attempt creates it', async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    const creates = (): number =>
      server.requests.filter((r) => r.method === 'POST' && r.path === '/crm/v8/Calls').length;
    server.inject('server-error', { path: /^\/crm\/v8\/Calls$/, times: 5 });
    const first = await pushOutbox(db, zohoSourceFor(server), now);
    expect(first).toEqual({ pushed: 0, failed: 1 });
    expect(creates()).toBe(1);
    expect(outbox().last_error).toMatch(/500.*whether Zoho stored it is not known/);
    server.clearFaults();
    const second = await pushOutbox(db, zohoSourceFor(server), now);
    expect(second).toEqual({ pushed: 1, failed: 0 });
    expect(callsWith(personId)).toHaveLength(before + 1);
  });

  it('is found by listing the newest calls when the sign-in lacks the search scope', async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    server.inject('cut', { path: /^\/crm\/v8\/Calls$/ });
    await pushOutbox(db, zohoSourceFor(server), now);
    server.data.searchScope = false;
    const second = await pushOutbox(db, zohoSourceFor(server), now);
    expect(second).toEqual({ pushed: 1, failed: 0 });
    expect(callsWith(personId)).toHaveLength(before + 1);
  });

  it("is created once when its answer was lost and Zoho's search does not show it yet", async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    server.data.searchLagMs = 5 * MINUTE;
    server.inject('cut', { path: /^\/crm\/v8\/Calls$/ });
    await pushOutbox(db, zohoSourceFor(server), now);
    server.data.clock += 10_000;
    const second = await pushOutbox(db, zohoSourceFor(server), now);
    expect(second).toEqual({ pushed: 1, failed: 0 });
    expect(callsWith(personId)).toHaveLength(before + 1);
    expect(outbox()).toMatchObject({ attempts: 2, last_error: null });
  });

  it('is found among more calls than a page holds, created by others since its answer was lost', async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    server.data.searchLagMs = 5 * MINUTE;
    server.inject('cut', { path: /^\/crm\/v8\/Calls$/ });
    await pushOutbox(db, zohoSourceFor(server), now);
    const other = [...server.data.table('Contacts').values()][1]?.id ?? '';
    for (let i = 0; i < 250; i++) server.data.insert('Calls', otherCall(other, i));
    const second = await pushOutbox(db, zohoSourceFor(server), now);
    expect(second).toEqual({ pushed: 1, failed: 0 });
    expect(callsWith(personId)).toHaveLength(before + 1);
  });

  it('waits for the search when more calls were created since than the listing reads', async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    server.data.searchLagMs = 30 * MINUTE;
    server.inject('cut', { path: /^\/crm\/v8\/Calls$/ });
    await pushOutbox(db, zohoSourceFor(server), now);
    const other = [...server.data.table('Contacts').values()][1]?.id ?? '';
    for (let i = 0; i < 1001; i++) server.data.insert('Calls', otherCall(other, i));
    const second = await pushOutbox(db, zohoSourceFor(server), now);
    expect(second).toEqual({ pushed: 0, failed: 1 });
    expect(outbox().last_error).toMatch(/more than 1000 calls were created/);

    server.data.clock += 20 * MINUTE;
    const third = await pushOutbox(db, zohoSourceFor(server), now);
    expect(third).toEqual({ pushed: 1, failed: 0 });
    expect(callsWith(personId)).toHaveLength(before + 1);
  });

  it('waits, when Zoho refuses to list calls, until its search can show the call, and is created once', async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    server.data.searchLagMs = 5 * MINUTE;
    server.inject('cut', { path: /^\/crm\/v8\/Calls$/, method: 'POST' });
    await pushOutbox(db, zohoSourceFor(server), now);
    server.inject('no-permission', { path: /^\/crm\/v8\/Calls$/, method: 'GET', times: 2 });
    const second = await pushOutbox(db, zohoSourceFor(server), now);
    expect(second).toEqual({ pushed: 0, failed: 1 });
    expect(outbox().last_error).toMatch(
      /^Waiting to learn whether the attempt of .* NO_PERMISSION/,
    );
    expect(callsWith(personId)).toHaveLength(before + 1);

    server.data.clock += 6 * MINUTE;
    const third = await pushOutbox(db, zohoSourceFor(server), now);
    expect(third).toEqual({ pushed: 1, failed: 0 });
    expect(callsWith(personId)).toHaveLength(before + 1);
    expect(server.pendingFaults()).toBe(0);
  });

  it("is created once Zoho's search has caught up and holds no call from the failed attempt", async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    // A 5xx: this time Zoho stored nothing, but the app cannot know that.
    server.inject('server-error', { path: /^\/crm\/v8\/Calls$/, method: 'POST' });
    await pushOutbox(db, zohoSourceFor(server), now);
    server.inject('no-permission', { path: /^\/crm\/v8\/Calls$/, method: 'GET', times: 2 });
    const second = await pushOutbox(db, zohoSourceFor(server), now);
    expect(second).toEqual({ pushed: 0, failed: 1 });
    expect(callsWith(personId)).toHaveLength(before);

    server.data.clock += 31 * MINUTE;
    const third = await pushOutbox(db, zohoSourceFor(server), now);
    expect(third).toEqual({ pushed: 1, failed: 0 });
    expect(callsWith(personId)).toHaveLength(before + 1);
    expect(outbox().last_error).toBeNull();
  });

  it('waits a day when Zoho will neither list nor search its calls, then is created and says it may be there twice', async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    server.inject('cut', { path: /^\/crm\/v8\/Calls$/, method: 'POST' });
    await pushOutbox(db, zohoSourceFor(server), now);
    server.data.searchScope = false;
    server.inject('no-permission', { path: /^\/crm\/v8\/Calls$/, method: 'GET', times: 3 });
    const second = await pushOutbox(db, zohoSourceFor(server), now);
    expect(second).toEqual({ pushed: 0, failed: 1 });
    expect(outbox().last_error).toMatch(/lacks the scope\. It is created at the latest after/);
    server.data.clock += 23 * HOUR;
    expect(await pushOutbox(db, zohoSourceFor(server), now)).toEqual({ pushed: 0, failed: 1 });
    expect(callsWith(personId)).toHaveLength(before + 1);

    server.data.clock += 2 * HOUR;
    const last = await pushOutbox(db, zohoSourceFor(server), now);
    // The rep hears of it: the sync passes the note on with its own.
    expect(last).toEqual({
      pushed: 1,
      failed: 0,
      notes: [expect.stringMatching(/Zoho may hold this call twice/)],
    });
    expect(callsWith(personId)).toHaveLength(before + 2);
    expect(outbox().pushed_at).not.toBeNull();
    expect(outbox().last_error).toMatch(/^Created 25 hours after .* Zoho may hold this call twice/);
  });

  it('keeps waiting when Zoho will neither list nor search its calls, and is found once it will', async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    server.inject('cut', { path: /^\/crm\/v8\/Calls$/, method: 'POST' });
    await pushOutbox(db, zohoSourceFor(server), now);
    server.inject('no-permission', { path: /^\/crm\/v8\/Calls$/, method: 'GET' });
    server.inject('no-permission', { path: /^\/crm\/v8\/Calls\/search$/ });
    const second = await pushOutbox(db, zohoSourceFor(server), now);
    expect(second).toEqual({ pushed: 0, failed: 1 });
    expect(outbox().last_error).toMatch(/^Waiting .*NO_PERMISSION.*NO_PERMISSION/);
    expect(callsWith(personId)).toHaveLength(before + 1);
    const third = await pushOutbox(db, zohoSourceFor(server), now);
    expect(third).toEqual({ pushed: 1, failed: 0 });
    expect(callsWith(personId)).toHaveLength(before + 1);
  });

  it('is found by its key, where the organisation keeps one, though Zoho gives its start back otherwise', async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    // Syncs read the organisation's fields first: they learn that Calls has the key.
    server.inject('cut', { path: /^\/crm\/v8\/Calls$/, method: 'POST' });
    expect((await runSync(db, zohoSourceFor(server))).outbox).toEqual({ pushed: 0, failed: 1 });
    const landed = callsWith(personId).at(-1);
    if (!landed?.['CW_Idempotency_Key'])
      throw new Error('the cut create stored no call with its key');
    // Zoho keeps the start in its own form (here: the minute, in another offset).
    landed['Call_Start_Time'] = '2026-01-05T10:00:00+01:00';
    const second = await runSync(db, zohoSourceFor(server));
    expect(second.outbox).toEqual({ pushed: 1, failed: 0 });
    expect(callsWith(personId)).toHaveLength(before + 1);
  });

  it('stops looking when the sync is stopped, and neither creates nor gives up the call', async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    server.inject('cut', { path: /^\/crm\/v8\/Calls$/, method: 'POST' });
    await pushOutbox(db, zohoSourceFor(server), now);
    const stop = new AbortController();
    stop.abort(new Error('the user stopped the sync'));
    await expect(pushOutbox(db, zohoSourceFor(server), now, stop.signal)).rejects.toThrow(
      'the user stopped the sync',
    );
    expect(callsWith(personId)).toHaveLength(before + 1);
    expect(outbox().pushed_at).toBeNull();
    expect((await pushOutbox(db, zohoSourceFor(server), now)).pushed).toBe(1);
    expect(callsWith(personId)).toHaveLength(before + 1);
  });

  it('takes the call Zoho names as holding its key when a create after a lost answer meets it', async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    // Syncs read the organisation's fields: the create carries the key.
    server.inject('cut', { path: /^\/crm\/v8\/Calls$/, method: 'POST' });
    expect((await runSync(db, zohoSourceFor(server))).outbox).toEqual({ pushed: 0, failed: 1 });
    // Neither lookup can find it: more calls since than the listing reads, a search far behind.
    server.data.searchLagMs = 100 * HOUR;
    const other = [...server.data.table('Contacts').values()][1]?.id ?? '';
    for (let i = 0; i < 1001; i++) server.data.insert('Calls', otherCall(other, i));
    server.data.clock += 40 * MINUTE;
    const summary = await runSync(db, zohoSourceFor(server));
    expect(summary.outbox).toEqual({ pushed: 1, failed: 0 });
    expect(callsWith(personId)).toHaveLength(before + 1);
  });

  it('sends no more creates once the sync is stopped', async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    const stop = new AbortController();
    stop.abort(new Error('the user stopped the sync'));
    await expect(pushOutbox(db, zohoSourceFor(server), now, stop.signal)).rejects.toThrow(
      'the user stopped the sync',
    );
    expect(callsWith(personId)).toHaveLength(before);
  });

  it('looks for nothing after Zoho refused its create outright: nothing was created', async () => {
    server.data.removeField('Calls', 'Description');
    await loggedCall();
    const first = await pushOutbox(db, zohoSourceFor(server), now);
    expect(first).toMatchObject({ pushed: 0, failed: 1 });
    expect(outbox().last_error).toMatch(
      /Zoho did not accept the call .*: it would not take the call's value of the field Description \[Zoho: INVALID_DATA on Description\]/,
    );
    const sent = rawHandle(db).prepare('select create_sent_at from outbox').get() as {
      create_sent_at: number | null;
    };
    expect(sent.create_sent_at).toBeNull();
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

/** The requests that create a call in Zoho. */
const creates = (): number =>
  server.requests.filter((r) => r.method === 'POST' && r.path === '/crm/v8/Calls').length;

/** The minute's runs (visits and the outbox), as the app makes them between records runs. */
async function minuteRuns(n: number): Promise<string[]> {
  const notes: string[] = [];
  for (let i = 0; i < n; i++) {
    server.data.clock += MINUTE;
    notes.push(...(await runSync(db, zohoSourceFor(server), { modules: ['Visits'] })).notes);
  }
  return notes;
}

/**
 * In `runs` minute runs the call was sent once, and refused for `reason`: said once, in the run that
 * met it (the call's Done has nowhere to go in this organisation), and the call waits refused, still
 * unsent (sign-out asks) and still in the app's history.
 */
async function expectRefusedOnce(activityId: string, runs: number, reason: string): Promise<void> {
  const before = creates();
  const notes = await minuteRuns(runs);
  expect(creates()).toBe(before + 1);
  expect(notes.filter((n) => !n.startsWith('Plan marks made here'))).toEqual([
    `${reason}. No sync sends it again by itself: Settings › CRM account sends it once that is mended in Zoho (Retry), or keeps it here unsent (Discard)`,
  ]);
  expect(refusedCallEntries(db)).toEqual([
    expect.objectContaining({ last_error: reason, refused_at: expect.any(Number) }),
  ]);
  expect(countUnsent(db, 'call')).toBe(1);
  expect(activityExists(db, activityId)).toBe(true);
}

/**
 * A failure that passes: the call is not refused but waits unsent with the failure (`error`) as
 * its last error, and the next minute's run creates it, once, beside the person's `before` calls.
 */
async function expectSentNextMinute(
  personId: string,
  before: number,
  error: RegExp,
): Promise<void> {
  expect(refusedCallEntries(db)).toEqual([]);
  expect(outbox()).toMatchObject({ pushed_at: null, last_error: expect.stringMatching(error) });
  await minuteRuns(1);
  expect(outbox().pushed_at).not.toBeNull();
  expect(callsWith(personId)).toHaveLength(before + 1);
}

describe('a logged call Zoho refuses outright', () => {
  it('is not sent again by the syncs after, and says why in words: a field an administrator made mandatory', async () => {
    const { activityId } = await loggedCall();
    server.data.requireField('Calls', 'Region');
    await expectRefusedOnce(
      activityId,
      5,
      'Zoho did not accept the call "Call: answered": it requires a value in the field Region, which the app does not give (an administrator may have made it mandatory on Calls) [Zoho: MANDATORY_NOT_FOUND on Region]',
    );
  });

  it('names a person Zoho no longer holds, and is not sent again', async () => {
    const { personId } = await loggedCall();
    // Deleted in Zoho after the call was logged, before the call was sent.
    server.data.table('Contacts').delete(personId);
    const before = creates();
    await minuteRuns(3);
    expect(creates()).toBe(before + 1);
    expect(refusedCallEntries(db)[0]?.last_error).toMatch(
      /Zoho did not accept the call .*: it no longer holds the contact this call is with \(deleted or merged in Zoho, or no longer shared with you\?\) \[Zoho: INVALID_DATA on Who_Id\]/,
    );
  });

  it('is sent once more when the rep retries it, and created once the field is mended', async () => {
    const { personId } = await loggedCall();
    server.data.requireField('Calls', 'Region');
    await minuteRuns(2);
    const [refused] = refusedCallEntries(db);
    if (!refused) throw new Error('the call was not refused');

    // Retried before anyone mended it: sent once, refused again, and waits again.
    expect(retryRefusedCall(db, refused.id)).toBe(true);
    const before = creates();
    await minuteRuns(3);
    expect(creates()).toBe(before + 1);
    expect(refusedCallEntries(db)).toHaveLength(1);

    // The administrator made the field optional again; the rep retries.
    server.data.mandatoryFields.delete('Calls');
    const calls = callsWith(personId).length;
    expect(retryRefusedCall(db, refused.id)).toBe(true);
    const summary = await runSync(db, zohoSourceFor(server), { modules: ['Visits'] });
    expect(summary.outbox).toEqual({ pushed: 1, failed: 0 });
    expect(callsWith(personId)).toHaveLength(calls + 1);
    expect(refusedCallEntries(db)).toEqual([]);
    expect(countUnsent(db, 'call')).toBe(0);
    // Sent: nothing is left to retry or discard.
    expect(retryRefusedCall(db, refused.id)).toBe(false);
    expect(discardRefusedCall(db, refused.id, now())).toBe(false);
  });

  it('when discarded, is never sent and no longer waits for the CRM, and stays in the history', async () => {
    const { activityId } = await loggedCall();
    server.data.requireField('Calls', 'Region');
    await minuteRuns(1);
    const [refused] = refusedCallEntries(db);
    if (!refused) throw new Error('the call was not refused');
    expect(discardRefusedCall(db, refused.id, now())).toBe(true);
    expect(countUnsent(db, 'call')).toBe(0);
    expect(refusedCallEntries(db)).toEqual([]);
    expect(retryRefusedCall(db, refused.id)).toBe(false);
    server.data.mandatoryFields.delete('Calls');
    const before = creates();
    await minuteRuns(2);
    expect(creates()).toBe(before);
    expect(activityExists(db, activityId)).toBe(true);
  });

  it('is not sent again when Zoho refuses the whole request, and says why in words', async () => {
    const { activityId } = await loggedCall();
    // Zoho's answer for a body it cannot read: the request as a whole, no record's entry.
    server.inject('bad-request', {
      path: /^\/crm\/v8\/Calls$/,
      method: 'POST',
      times: 1_000,
      body: { code: 'INVALID_DATA', details: {}, message: 'body', status: 'error' },
    });
    await expectRefusedOnce(
      activityId,
      4,
      'Zoho did not accept the call "Call: answered": it could not read the request that carried the call ("body"), so this version of the app may not suit the organisation\'s Zoho: an update of the app should mend it [Zoho: INVALID_DATA, for the whole request]',
    );
  });

  it('names a Calls module Zoho will not create calls in, refused as a whole request', async () => {
    await loggedCall();
    server.inject('bad-request', {
      path: /^\/crm\/v8\/Calls$/,
      method: 'POST',
      body: {
        code: 'INVALID_MODULE',
        details: {},
        message: 'the module name given seems to be invalid',
        status: 'error',
      },
    });
    await minuteRuns(2);
    expect(refusedCallEntries(db)[0]?.last_error).toBe(
      'Zoho did not accept the call "Call: answered": the organisation has no Calls module the app may create calls in (renamed, switched off, or hidden from the signed-in user\'s profile?) [Zoho: INVALID_MODULE, for the whole request]',
    );
  });

  it("keeps trying a 400 that is not Zoho's refusal (no code of Zoho's: a proxy on the way), and sends it once that passes", async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    server.inject('bad-request', {
      path: /^\/crm\/v8\/Calls$/,
      method: 'POST',
      body: { error: 'Bad Request' },
    });
    await minuteRuns(1);
    await expectSentNextMinute(personId, before, /400/);
  });

  it('is told from a failure that passes: a rate limit or a 5xx is tried again by the next sync', async () => {
    const { personId } = await loggedCall();
    const before = callsWith(personId).length;
    server.inject('rate-limit', { path: /^\/crm\/v8\/Calls$/, method: 'POST', times: 1_000 });
    await minuteRuns(1);
    server.clearFaults();
    server.inject('server-error', { path: /^\/crm\/v8\/Calls$/, method: 'POST', times: 1 });
    await minuteRuns(1);
    await expectSentNextMinute(personId, before, /500/);
  });
});
