import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { eachTestSyncEnv, syncDb, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { logCall } from '../../src/main/planner/planActions';
import type { Db } from '../../src/main/db/openDatabase';
import type { TempDir } from '../fixtures/tempDb';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { CALL_OUTCOMES, type CallOutcome } from '../../src/shared/callOutcome';

let server: CrmTestServer;
let db: Db;
let dir: TempDir;

eachTestSyncEnv(
  'cw-outcome-',
  () => buildOrganisation(5),
  (env) => ({ server, db, dir } = env),
);

interface StoredCall {
  outcome: string | null;
  signal: string | null;
  duration_s: number | null;
  direction: string | null;
}

const callRow = (on: Db, id: string): StoredCall | undefined =>
  rawHandle(on)
    .prepare('select outcome, signal, duration_s, direction from activities where id = ?')
    .get(id) as StoredCall | undefined;

/** Logs one call of each outcome with a contact, as its owner, pushes them, and pulls them back. */
async function roundTrip(
  minutes: Partial<Record<CallOutcome, number>>,
): Promise<Map<CallOutcome, string>> {
  await runSync(db, zohoSourceFor(server));
  const contacts = [...server.data.table('Contacts').values()];
  const logged = new Map<CallOutcome, string>();
  CALL_OUTCOMES.forEach((outcome, i) => {
    const personId = contacts[i]?.id ?? '';
    // Only the rep who owns a contact logs calls from their plan (TM-1).
    const ownerId = (contacts[i]?.['Owner'] as { id: string } | undefined)?.id ?? '';
    // The rep hangs up a little before the CRM's clock: the call is over, not scheduled.
    const { activityId } = logCall(
      db,
      ownerId,
      { personId, outcome, durationMin: minutes[outcome], note: '', date: '2026-01-05' },
      server.data.clock - 60_000,
    );
    logged.set(outcome, activityId);
  });
  const pushed = await runSync(db, zohoSourceFor(server));
  expect(pushed.outbox).toEqual({ pushed: 5, failed: 0 });
  await runSync(db, zohoSourceFor(server));
  const crmIds = new Map<CallOutcome, string>();
  for (const [outcome, key] of logged) {
    const rec = [...server.data.table('Calls').values()].find(
      (c) => c['CW_Idempotency_Key'] === key,
    );
    if (!rec) throw new Error(`the ${outcome} call did not reach the CRM`);
    crmIds.set(outcome, rec.id);
  }
  return crmIds;
}

describe('a logged call keeps its meaning through the CRM (push, then pull)', () => {
  it('pushes each outcome as Zoho words it, a length only for the answered call', async () => {
    const ids = await roundTrip({ answered: 7, voicemail: 3, no_answer: 2 });
    const sent = (o: CallOutcome) => {
      const rec = server.data.table('Calls').get(ids.get(o) ?? '');
      return {
        Subject: rec?.['Subject'],
        Call_Type: rec?.['Call_Type'],
        Call_Result: rec?.['Call_Result'] ?? null,
        Call_Duration: rec?.['Call_Duration'],
      };
    };
    expect(sent('answered')).toEqual({
      Subject: 'Call: answered',
      Call_Type: 'Outbound',
      Call_Result: null,
      Call_Duration: '7:00',
    });
    expect(sent('voicemail')).toEqual({
      Subject: 'Call: left a voicemail',
      Call_Type: 'Outbound',
      Call_Result: 'No response/Busy',
      Call_Duration: '0:00',
    });
    expect(sent('no_answer')).toMatchObject({
      Call_Result: 'No response/Busy',
      Call_Duration: '0:00',
    });
    expect(sent('busy')).toMatchObject({ Call_Result: 'No response/Busy', Call_Duration: '0:00' });
    expect(sent('wrong_number')).toMatchObject({
      Call_Result: 'Invalid number',
      Call_Duration: '0:00',
    });
  });

  it('reads every outcome back as the rep logged it, here and on another computer', async () => {
    const ids = await roundTrip({ answered: 7, voicemail: 5 });
    // Another computer signs in to the same org: all it knows is what the CRM holds.
    const other = await syncDb(dir.file('other.db'));
    try {
      await runSync(other, zohoSourceFor(server));
      for (const on of [db, other])
        for (const outcome of CALL_OUTCOMES) {
          const row = callRow(on, ids.get(outcome) ?? '');
          expect(row, outcome).toMatchObject({ outcome, direction: 'out' });
          // Only the answered call of more than a minute is a BT-1 signal; a voicemail with a
          // five-minute message is an attempt that failed (BT-12), a wrong number nothing.
          expect(row?.signal, outcome).toBe(
            outcome === 'answered'
              ? 'call_answered'
              : outcome === 'wrong_number'
                ? null
                : 'call_no_answer',
          );
          expect(row?.duration_s, outcome).toBe(outcome === 'answered' ? 420 : 0);
        }
    } finally {
      await other.close();
    }
  });

  it('still reaches an org whose Call Result list lacks the default values', async () => {
    server.data.callResults = ['-None-', 'Connected', 'Left voicemail', 'Wrong person'];
    const ids = await roundTrip({ answered: 2 });
    const voicemail = server.data.table('Calls').get(ids.get('voicemail') ?? '');
    expect(voicemail).toMatchObject({ Subject: 'Call: left a voicemail', Call_Duration: '0:00' });
    expect(voicemail?.['Call_Result']).toBeUndefined();
    const other = await syncDb(dir.file('other.db'));
    try {
      await runSync(other, zohoSourceFor(server));
      for (const outcome of CALL_OUTCOMES)
        expect(callRow(other, ids.get(outcome) ?? '')?.outcome, outcome).toBe(outcome);
    } finally {
      await other.close();
    }
  });
});

describe('calls logged in Zoho itself', () => {
  const call = (fields: Record<string, unknown>) => {
    const contact = [...server.data.table('Contacts').values()][0];
    return server.data.insert('Calls', {
      Subject: 'Logged in Zoho',
      Call_Start_Time: '2026-01-02T10:00:00+01:00',
      Owner: { id: 'u2', name: 'Ren Rep' },
      Who_Id: { id: contact?.id, name: contact?.['Last_Name'] },
      ...fields,
    }).id;
  };

  it('reads the default and common custom Call_Result values, then the length', async () => {
    const ids = {
      interested: call({
        Call_Type: 'Outbound',
        Call_Result: 'Not interested',
        Call_Duration: '0:40',
      }),
      busy: call({ Call_Type: 'Outbound', Call_Result: 'No response/Busy', Call_Duration: '3:00' }),
      invalid: call({
        Call_Type: 'Outbound',
        Call_Result: 'Invalid number',
        Call_Duration: '0:05',
      }),
      customVm: call({
        Call_Type: 'Outbound',
        Call_Result: 'Left Voicemail',
        Call_Duration: '1:30',
      }),
      customBusy: call({ Call_Type: 'Outbound', Call_Result: 'Line busy', Call_Duration: '0:00' }),
      long: call({ Call_Type: 'Outbound', Call_Duration: '4:00' }),
      none: call({ Call_Type: 'Outbound', Call_Duration: '0:00' }),
      short: call({ Call_Type: 'Outbound', Call_Result: 'Follow up', Call_Duration: '0:30' }),
    };
    await runSync(db, zohoSourceFor(server));
    const got = (id: string) => callRow(db, id);
    // Answered, but 40 seconds: as a call that did not reach them (BT-12).
    expect(got(ids.interested)).toMatchObject({ outcome: 'answered', signal: 'call_no_answer' });
    // Three minutes of "No response/Busy" is ringing, not a conversation.
    expect(got(ids.busy)).toMatchObject({ outcome: 'no_answer', signal: 'call_no_answer' });
    expect(got(ids.invalid)).toMatchObject({ outcome: 'wrong_number', signal: null });
    expect(got(ids.customVm)).toMatchObject({ outcome: 'voicemail', signal: 'call_no_answer' });
    expect(got(ids.customBusy)).toMatchObject({ outcome: 'busy', signal: 'call_no_answer' });
    expect(got(ids.long)).toMatchObject({ outcome: 'answered', signal: 'call_answered' });
    expect(got(ids.none)).toMatchObject({ outcome: 'no_answer', signal: 'call_no_answer' });
    // A result nobody can read and half a minute: how it went is not known, but a call the rep
    // made that lasted a minute or less did not reach them (BT-12).
    expect(got(ids.short)).toMatchObject({ outcome: null, signal: 'call_no_answer' });
  });

  it('stores a call with no Call_Type with no direction, never as inbound', async () => {
    const long = call({ Call_Duration: '5:00', Call_Duration_in_seconds: 300 });
    const voicemail = call({ Call_Result: 'No response/Busy', Call_Duration: '5:00' });
    const short = call({ Call_Duration: '0:20' });
    await runSync(db, zohoSourceFor(server));
    // Whoever dialled, the contact was on the phone for five minutes at that hour.
    expect(callRow(db, long)).toMatchObject({
      direction: null,
      outcome: 'answered',
      signal: 'call_answered',
    });
    expect(callRow(db, voicemail)).toMatchObject({
      direction: null,
      outcome: 'no_answer',
      signal: null,
    });
    expect(callRow(db, short)).toMatchObject({ direction: null, outcome: null, signal: null });
    expect(
      rawHandle(db)
        .prepare(
          "select count(*) from activities where id in (?, ?, ?) and signal like 'call_inbound%'",
        )
        .pluck()
        .get(long, voicemail, short),
    ).toBe(0);
  });
});
