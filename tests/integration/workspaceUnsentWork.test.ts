import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CrmAccount,
  MethodOutputs,
  PersonDetail,
  Planner,
  Session,
} from '../../src/shared/contract';
import { unsentWorkWords } from '../../src/shared/unsentWork';
import { zohoTime } from '../crm-server/crmDataSet';
import { connectedWorkspace, type ConnectedWorkspace } from '../fixtures/connectedWorkspace';

// What the rep is told about work that never reached Zoho: a booking Zoho refused is not shown as
// booked (planner row, timeline), and a sign-out counts every kind it would lose in its own
// words: bookings apart from logged calls, plan marks the CRM does not keep, leads kept here.

const CLIENT = { clientId: '1000.UNSENTWORK', clientSecret: 'unsent-work-secret' };

let cw: ConnectedWorkspace;
let offset = 0;
const clock = (): number => Date.now() + offset;
const call = <T>(method: string, input: unknown = {}): Promise<T> => cw.call<T>(method, input);
const account = (): Promise<CrmAccount> => call<CrmAccount>('getCrmAccount');

let me: Session['currentUser'] = null;
let contact: { id: string; name: string; window: { start: number } } | null = null;

beforeAll(async () => {
  cw = await connectedWorkspace(CLIENT, clock);
  me = (await call<Session>('getSession')).currentUser;
  if (!me) throw new Error('no one signed in');
  const { rows } = await call<{ rows: { id: string; module: string; name: string }[] }>(
    'listPeople',
    { ownerId: me.id },
  );
  for (const p of rows.filter((r) => r.module === 'contact')) {
    const { windows } = await call<MethodOutputs['getBookingWindows']>('getBookingWindows', {
      personId: p.id,
    });
    // Not one under way: a booking at its start would be refused as passed, by the hour of the run.
    const window = windows.find((w) => w.start > Date.now() + 15 * 60_000);
    if (window) {
      contact = { id: p.id, name: p.name, window };
      break;
    }
  }
}, 60_000);
afterAll(() => cw.close());

/** The contact's call row on the planner of the booked day. */
async function bookedRow() {
  if (!contact || !me) throw new Error('no contact with a window');
  const date = DateTime.fromMillis(contact.window.start, { zone: me.timeZone }).toISODate();
  const plan = await call<Planner>('getPlanner', { date });
  return plan.rows.find((r) => r.personId === contact?.id && r.channel === 'call');
}

describe('a booking Zoho refused', () => {
  it('is said refused on the planner row and the timeline, counted as a booking at sign-out, and booked again once retried', async () => {
    if (!contact) throw new Error('no contact with a window');
    cw.server.data.requireField('Calls', 'Region');
    const booked = await call<MethodOutputs['bookCall']>('bookCall', {
      personId: contact.id,
      at: contact.window.start,
      subject: 'Booking Zoho refuses',
    });
    expect((await bookedRow())?.next).toMatchObject({ kind: 'call', startAt: booked.startAt });
    expect((await bookedRow())?.next?.refused).toBeUndefined();
    await cw.syncNow();

    expect((await bookedRow())?.next).toMatchObject({ startAt: booked.startAt, refused: true });
    const person = await call<PersonDetail>('getPerson', { id: contact.id });
    expect(person.timeline.find((t) => t.id === booked.activityId)).toMatchObject({
      refused: true,
    });
    const refused = await account();
    expect(refused.unsentWork).toMatchObject({ calls: 0, bookings: 1 });
    await expect(call('disconnectCrm', { discardUnsent: false })).rejects.toThrow(
      '1 call booked here has not reached the CRM: Zoho refused it (the list above says why). Send it again with Retry in the list above once that is mended in Zoho, or discard it there; or choose to sign out and lose it.',
    );

    // Mended and retried: in Zoho, booked again here.
    cw.server.data.mandatoryFields.delete('Calls');
    await call<CrmAccount>('retryRefusedCall', { id: booked.outboxId });
    await cw.syncNow();
    const again = await bookedRow();
    expect(again?.next).toMatchObject({ kind: 'call', startAt: booked.startAt });
    expect(again?.next?.refused).toBeUndefined();
    expect((await account()).unsentWork).toMatchObject({ calls: 0, bookings: 0 });
  });

  it('whose time passed before it was sent offers Discard only, and sign-out says so without Retry', async () => {
    if (!contact) throw new Error('no contact with a window');
    const booked = await call<MethodOutputs['bookCall']>('bookCall', {
      personId: contact.id,
      at: contact.window.start,
      subject: 'Booking too late',
    });
    offset = contact.window.start - Date.now() + 5 * 60_000;
    try {
      await cw.syncNow();
      const message = await call('disconnectCrm', { discardUnsent: false }).then(
        () => '',
        (error: Error) => error.message,
      );
      expect(message).toContain('1 call booked here has not reached the CRM: Zoho refused it');
      expect(message).toContain(
        'Discard it in the list above (its time passed: it cannot be sent)',
      );
      expect(message).not.toContain('Retry');
      expect(message).not.toContain('logged call');
      await call<CrmAccount>('discardRefusedCall', { id: booked.outboxId });
    } finally {
      offset = 0;
    }
  });
});

describe('a plan mark the organisation keeps (CW Plan Marks)', () => {
  it('is told to Settings as sent by the next sync, in the words of the sign-out warning', async () => {
    if (!me) throw new Error('no one signed in');
    // The admin adds the module; the next sync reads that the organisation keeps plan marks.
    cw.server.data.table('CW_Plan_Marks');
    await cw.syncNow();
    const today = DateTime.fromMillis(clock(), { zone: me.timeZone }).toISODate() ?? '';
    const plan = await call<Planner>('getPlanner', { date: today });
    // The last row: the next test marks the first two.
    const row = plan.rows[plan.rows.length - 1];
    if (!row || plan.rows.length < 3) throw new Error('a plan of three rows or more is needed');
    await call('markPlanRow', {
      personId: row.personId,
      channel: row.channel,
      date: today,
      action: 'done',
    });

    const work = (await account()).unsentWork;
    expect(work).toMatchObject({ marks: 1, marksSent: true });
    // Settings' "Sign out and lose …" button and Discard box say these words.
    expect(unsentWorkWords(work)).toBe('1 plan mark made here');
    await expect(call('disconnectCrm', { discardUnsent: false })).rejects.toThrow(
      '1 plan mark made here has not reached the CRM yet: sync while online first, or choose to sign out and lose it.',
    );

    // The sync sends it: nothing is left to lose.
    await cw.syncNow();
    expect((await account()).unsentWork).toMatchObject({ marks: 0, marksSent: true });
  });
});

describe('signing out with plan marks and a lead kept only here', () => {
  it('counts both in the warning, in their own words, and loses nothing unasked', async () => {
    if (!contact || !me) throw new Error('no contact with a window');
    // The organisation keeps no plan marks: marks made here stay on this computer.
    cw.server.data.removeModule('CW_Plan_Marks');
    const today = DateTime.fromMillis(clock(), { zone: me.timeZone }).toISODate() ?? '';
    const plan = await call<Planner>('getPlanner', { date: today });
    const [a, b] = plan.rows;
    if (!a || !b) throw new Error('a plan of two rows or more is needed');
    await call('markPlanRow', {
      personId: a.personId,
      channel: a.channel,
      date: today,
      action: 'done',
    });
    await call('markPlanRow', {
      personId: b.personId,
      channel: b.channel,
      date: today,
      action: 'skipped',
    });
    // A lead created here, refused by Zoho, then discarded: kept on this computer only.
    const seen = cw.server.data.clock - 3_600_000;
    const visit = cw.server.data.insert('Visits', {
      Name: 'Visit of Orphan',
      Visitor_Name: 'Olga Orphan',
      Email: 'olga@orphan.example',
      IP_Address: '10.0.9.8',
      Visited_Time: zohoTime(seen),
      Time_Spent: 7,
      Visited_Pages: `${zohoTime(seen)} https://example.test/pricing`,
    });
    await cw.syncNow();
    cw.server.data.requireField('Leads', 'Lead_Source');
    await call('createLead', {
      visitId: visit.id,
      lastName: 'Orphan',
      email: 'olga@orphan.example',
    });
    const refused = await cw.syncNow();
    const lead = refused.refusedLeads[0];
    if (!lead) throw new Error('Zoho did not refuse the lead');
    await call('discardRefusedCall', { id: lead.id });

    const work = (await account()).unsentWork;
    expect(work).toMatchObject({ leads: 0, keptLeads: 1, marks: 2, marksSent: false });
    // Settings' own words agree with the warning: no sync sends these marks.
    expect(unsentWorkWords(work)).toBe(
      '1 lead kept on this computer only and 2 plan marks made only here',
    );
    await expect(call('disconnectCrm', { discardUnsent: false })).rejects.toThrow(
      '1 lead kept on this computer only and 2 plan marks made only here have not reached the CRM, and no sync will send them. The lead kept on this computer only goes with the copy. No sync can send the plan marks made only here: the CRM has no place to share plan marks (an admin adds the CW Plan Marks module once). Stay signed in to keep them, or choose to sign out and lose them.',
    );
    expect((await account()).crm).not.toBeNull();
    const marked = await call<Planner>('getPlanner', { date: today });
    // A person can have a call row and an e-mail row: the mark is on the row's own channel.
    const actionOf = (row: { personId: string; channel: string }) =>
      marked.rows.find((r) => r.personId === row.personId && r.channel === row.channel)?.action;
    expect(actionOf(a)).toBe('done');
    expect(actionOf(b)).toBe('skipped');
    await call('disconnectCrm', { discardUnsent: true });
    expect((await account()).crm).toBeNull();
  });
});
