import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmAccount, MethodOutputs, PersonDetail, Session } from '../../src/shared/contract';
import { connectedWorkspace, type ConnectedWorkspace } from '../fixtures/connectedWorkspace';

// "Book" on a planner row: a call booked in the contact's window is stored here at once and
// reaches the test CRM server (Zoho's contract) on the next sync as a scheduled outbound call,
// on the contact (Who_Id) or the lead (What_Id, $se_module Leads); one Zoho refuses waits in
// Settings › CRM account with Retry and Discard, like a refused logged call.

const CLIENT = { clientId: '1000.BOOKED', clientSecret: 'booked-secret' };

let cw: ConnectedWorkspace;
// The app's clock (its syncs' too), moved on past a booked time by a test.
let offset = 0;
const clock = (): number => Date.now() + offset;
const call = <T>(method: string, input: unknown = {}): Promise<T> => cw.call<T>(method, input);

type Windows = MethodOutputs['getBookingWindows'];
interface Bookable {
  id: string;
  module: 'lead' | 'contact';
  name: string;
  windows: Windows['windows'];
}

/** The signed-in rep's people with a call window in the coming week, contacts and leads. */
async function bookable(): Promise<Bookable[]> {
  const me = (await call<Session>('getSession')).currentUser;
  if (!me) throw new Error('no one signed in');
  const { rows } = await call<{ rows: { id: string; module: 'lead' | 'contact'; name: string }[] }>(
    'listPeople',
    { ownerId: me.id },
  );
  const out: Bookable[] = [];
  for (const p of rows) {
    const { windows } = await call<Windows>('getBookingWindows', { personId: p.id });
    if (windows.length > 0) out.push({ ...p, windows });
  }
  return out;
}

/**
 * A window that starts a while from now: the first one offered may be under way (bookable from
 * now to its end), and a booking at its start would be refused as passed, whatever the hour the
 * tests run at.
 */
const toCome = (w: { start: number }): boolean => w.start > Date.now() + 15 * 60_000;

/** The Calls record the server holds with this subject. */
const callRecord = (subject: string): Record<string, unknown> | undefined =>
  [...cw.server.data.table('Calls').values()].find((r) => r['Subject'] === subject);

/** The booked time as Zoho writes it (to the second, with an offset). */
const zohoTime = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');

let people: Bookable[] = [];

beforeAll(async () => {
  cw = await connectedWorkspace(CLIENT, clock);
  people = await bookable();
}, 60_000);
afterAll(() => cw.close());

describe('a call booked in a contact’s window, sent to Zoho', () => {
  it('is stored at once as booked, and reaches Zoho as a scheduled outbound call with the person', async () => {
    const person = people.find((p) => p.module === 'contact');
    if (!person) throw new Error('the rep has no contact with a call window');
    const window = person.windows.at(-1);
    if (!window) throw new Error('no window');
    const booked = await call<MethodOutputs['bookCall']>('bookCall', {
      personId: person.id,
      at: window.start,
      subject: `Call ${person.name} about the renewal`,
    });
    expect(booked).toMatchObject({
      startAt: window.start,
      subject: `Call ${person.name} about the renewal`,
    });
    // Here at once: the person's timeline has the call, to come.
    const before = await call<PersonDetail>('getPerson', { id: person.id });
    expect(before.timeline.find((t) => t.id === booked.activityId)).toMatchObject({
      kind: 'call',
      status: 'scheduled',
      startAt: window.start,
    });
    expect(callRecord(booked.subject)).toBeUndefined();

    const account = await cw.syncNow();
    expect(account).toMatchObject({ unsentCalls: 0, refusedCalls: [] });
    const record = callRecord(booked.subject);
    expect(record).toMatchObject({
      Call_Type: 'Outbound',
      Call_Start_Time: zohoTime(window.start),
      Who_Id: { id: person.id },
      // What Zoho makes of an outbound call whose start is to come.
      Outgoing_Call_Status: 'Scheduled',
    });
    expect(record?.['Call_Duration']).toBeUndefined();
    expect(record?.['Call_Result']).toBeUndefined();
    expect(record?.['What_Id']).toBeUndefined();
    // The booking took Zoho's id: the pull brings back the same call, not a second one.
    const after = await call<PersonDetail>('getPerson', { id: person.id });
    const booking = after.timeline.filter((t) => t.startAt === window.start && t.kind === 'call');
    expect(booking).toEqual([expect.objectContaining({ id: record?.['id'], status: 'scheduled' })]);
  });

  it('goes on a lead as Zoho’s contract has it: What_Id with $se_module Leads', async () => {
    const lead = people.find((p) => p.module === 'lead');
    if (!lead) throw new Error('the rep has no lead with a call window');
    const window = lead.windows.at(-1);
    if (!window) throw new Error('no window');
    const booked = await call<MethodOutputs['bookCall']>('bookCall', {
      personId: lead.id,
      at: window.start,
    });
    expect(booked.subject).toBe(`Call ${lead.name}`);
    await cw.syncNow();
    const record = callRecord(booked.subject);
    expect(record).toMatchObject({
      Call_Type: 'Outbound',
      What_Id: { id: lead.id },
      $se_module: 'Leads',
      Outgoing_Call_Status: 'Scheduled',
    });
    expect(record?.['Who_Id']).toBeUndefined();
  });

  it('refuses a time outside the person’s windows, storing nothing', async () => {
    const person = people[0];
    const last = person?.windows.at(-1);
    if (!person || !last) throw new Error('no one bookable');
    const outbox = (await call<unknown[]>('getOutbox')).length;
    // Past the week of windows the dialog offers: in none of them.
    await expect(
      call('bookCall', { personId: person.id, at: last.end + 3 * 86_400_000 }),
    ).rejects.toThrow(/is outside .*'s call windows: choose a time inside one/);
    expect(await call<unknown[]>('getOutbox')).toHaveLength(outbox);
  });

  it('kept when Zoho refuses it, listed with Retry and Discard; discarded, it is booked no more', async () => {
    const person = people.find((p) => p.module === 'contact');
    const window = person?.windows.find(toCome);
    if (!person || !window) throw new Error('no contact with a window');
    cw.server.data.requireField('Calls', 'Region');
    const booked = await call<MethodOutputs['bookCall']>('bookCall', {
      personId: person.id,
      at: window.start,
      subject: 'Refused booking',
    });
    const refused = await cw.syncNow();
    expect(refused.refusedCalls).toEqual([
      {
        id: booked.outboxId,
        personName: person.name,
        startedAt: window.start,
        booked: true,
        refusedAt: expect.any(Number),
        reason: expect.stringMatching(
          /^Zoho did not accept the call "Refused booking": it requires a value in the field Region, .*\[Zoho: MANDATORY_NOT_FOUND on Region\]$/,
        ),
      },
    ]);
    expect(callRecord('Refused booking')).toBeUndefined();
    // Still booked here, as the rep left it, while it waits.
    const waiting = await call<PersonDetail>('getPerson', { id: person.id });
    expect(waiting.timeline.find((t) => t.id === booked.activityId)?.status).toBe('scheduled');

    // Retried once mended: created, scheduled.
    cw.server.data.mandatoryFields.delete('Calls');
    await call<CrmAccount>('retryRefusedCall', { id: booked.outboxId });
    expect(await cw.syncNow()).toMatchObject({ unsentCalls: 0, refusedCalls: [] });
    expect(callRecord('Refused booking')).toMatchObject({ Outgoing_Call_Status: 'Scheduled' });

    // Another refused and discarded: the booking is let go of, and no longer to come.
    cw.server.data.requireField('Calls', 'Region');
    const second = await call<MethodOutputs['bookCall']>('bookCall', {
      personId: person.id,
      at: window.start,
      subject: 'Discarded booking',
    });
    await cw.syncNow();
    const account = await call<CrmAccount>('discardRefusedCall', { id: second.outboxId });
    expect(account).toMatchObject({ refusedCalls: [] });
    const gone = await call<PersonDetail>('getPerson', { id: person.id });
    expect(gone.timeline.find((t) => t.id === second.activityId)?.status).toBe('cancelled');
    cw.server.data.mandatoryFields.delete('Calls');
    await cw.syncNow();
    expect(callRecord('Discarded booking')).toBeUndefined();
  });

  it('sent once with its answer lost, is confirmed by the next sync after its time, not refused as passed', async () => {
    const person = people.find((p) => p.module === 'contact');
    const window = person?.windows.find(toCome);
    if (!person || !window) throw new Error('no contact with a window');
    const booked = await call<MethodOutputs['bookCall']>('bookCall', {
      personId: person.id,
      at: window.start,
      subject: 'Booking whose answer was lost',
    });
    // Zoho stores the call, then the connection drops before its answer arrives.
    cw.server.inject('cut', { path: /^\/crm\/v8\/Calls$/, method: 'POST' });
    await cw.syncNow();
    expect(cw.server.pendingFaults()).toBe(0);
    const calls = (): Record<string, unknown>[] =>
      [...cw.server.data.table('Calls').values()].filter(
        (r) => r['Subject'] === 'Booking whose answer was lost',
      );
    expect(calls()).toHaveLength(1);

    // The next sync comes after the booked time (the laptop slept over it).
    offset = window.start - Date.now() + 5 * 60_000;
    try {
      const account = await cw.syncNow();
      expect(account).toMatchObject({ unsentCalls: 0, refusedCalls: [] });
    } finally {
      offset = 0;
    }
    expect(calls()).toHaveLength(1);
    // Booked here still, under Zoho's id.
    const after = await call<PersonDetail>('getPerson', { id: person.id });
    expect(after.timeline.find((t) => t.id === calls()[0]?.['id'])?.status).toBe('scheduled');
    expect(after.timeline.find((t) => t.id === booked.activityId)).toBeUndefined();
  });

  it('never sent before its time passed, is refused as passed, said so to Settings (no Retry)', async () => {
    const person = people.find((p) => p.module === 'contact');
    const window = person?.windows.find(toCome);
    if (!person || !window) throw new Error('no contact with a window');
    const booked = await call<MethodOutputs['bookCall']>('bookCall', {
      personId: person.id,
      at: window.start,
      subject: 'Booking that came too late',
    });
    offset = window.start - Date.now() + 5 * 60_000;
    try {
      const account = await cw.syncNow();
      expect(account.refusedCalls).toEqual([
        expect.objectContaining({
          id: booked.outboxId,
          booked: true,
          passed: true,
          reason: expect.stringMatching(/was booked for a time that passed before it reached/),
        }),
      ]);
      await call<CrmAccount>('discardRefusedCall', { id: booked.outboxId });
    } finally {
      offset = 0;
    }
    expect(callRecord('Booking that came too late')).toBeUndefined();
  });
});
