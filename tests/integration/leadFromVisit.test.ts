import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { zohoTime } from '../crm-server/crmDataSet';
import { eachTestSyncEnv, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { createLeadFromVisit } from '../../src/main/people/leadFromVisit';
import { logCall } from '../../src/main/planner/planActions';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import {
  countUnsent,
  discardRefusedCall,
  refusedCallEntries,
  refusedLeadEntries,
  retryRefusedCall,
} from '../../src/main/db/repos/outbox';
import { notInCrmYet } from '../../src/shared/localLead';

let server: CrmTestServer;
let db: Db;
let visitId = '';

/** Seed 004: Suzuki read the pricing page and chatted, and Zoho knows no one by his e-mail. */
eachTestSyncEnv(
  'cw-lead-from-visit-',
  () => {
    const data = buildOrganisation(7);
    visitId = data.insert('Visits', {
      Name: 'Visit of Suzuki',
      Visitor_Name: 'Suzuki',
      Email: 'suzuki@example.jp',
      IP_Address: '10.0.9.9',
      Visited_Time: zohoTime(data.clock - 3_600_000),
      Time_Spent: 7,
      Referrer: 'https://www.google.com/',
      Visited_Pages: `${zohoTime(data.clock - 3_600_000)} https://example.test/pricing`,
      Number_Of_Chats: 1,
    }).id;
    return data;
  },
  (env) => ({ server, db } = env),
);

const now = (): number => server.data.clock;
const sync = () => runSync(db, zohoSourceFor(server), { now });
const owner = (): string =>
  (rawHandle(db).prepare('select id from users order by id limit 1').get() as { id: string }).id;

const zohoLeadsWith = (email: string): Record<string, unknown>[] =>
  [...server.data.table('Leads').values()].filter(
    (l) => String(l['Email'] ?? '').toLowerCase() === email,
  );
const localPeopleWith = (email: string): { id: string; module: string; last_name: string }[] =>
  rawHandle(db)
    .prepare('select id, module, last_name from people where lower(email) = ?')
    .all(email) as { id: string; module: string; last_name: string }[];
const visitPerson = (): string | null =>
  (
    rawHandle(db).prepare('select person_id from visits where id = ?').get(visitId) as {
      person_id: string | null;
    }
  ).person_id;

function createSuzuki(): string {
  return createLeadFromVisit(
    db,
    owner(),
    {
      visitId,
      firstName: 'Ichiro',
      lastName: 'Suzuki',
      email: 'suzuki@example.jp',
      company: 'Suzuki Trading',
    },
    now(),
  ).personId;
}

describe('a lead created from an unknown visitor', () => {
  it('is here at once, reaches Zoho with its fields on the next sync, and takes Zoho’s id without a duplicate', async () => {
    await sync();
    expect(visitPerson()).toBeNull();
    const localId = createSuzuki();
    expect(notInCrmYet(localId)).toBe(true);
    expect(visitPerson()).toBe(localId);

    await sync();
    const [made, ...others] = zohoLeadsWith('suzuki@example.jp');
    expect(others).toHaveLength(0);
    expect(made).toMatchObject({
      Last_Name: 'Suzuki',
      First_Name: 'Ichiro',
      Email: 'suzuki@example.jp',
      Company: 'Suzuki Trading',
      Owner: { id: owner() },
    });
    const crmId = String(made?.id);
    expect(localPeopleWith('suzuki@example.jp')).toEqual([
      { id: crmId, module: 'lead', last_name: 'Suzuki' },
    ]);
    expect(visitPerson()).toBe(crmId);

    // The next sync lists the lead Zoho now holds: still one Suzuki, the visit still his.
    server.data.modify('Leads', crmId, { Lead_Status: 'Contacted' });
    await sync();
    expect(localPeopleWith('suzuki@example.jp')).toEqual([
      { id: crmId, module: 'lead', last_name: 'Suzuki' },
    ]);
    expect(zohoLeadsWith('suzuki@example.jp')).toHaveLength(1);
    expect(visitPerson()).toBe(crmId);
  });

  it('is created once when the answer to its creation was lost', async () => {
    server.data.uniqueFields.set('Leads', new Set(['Email']));
    await sync();
    createSuzuki();
    server.inject('cut', { path: /^\/crm\/v8\/Leads$/ });
    await sync();
    expect(zohoLeadsWith('suzuki@example.jp')).toHaveLength(1);
    await sync();
    const made = zohoLeadsWith('suzuki@example.jp');
    expect(made).toHaveLength(1);
    expect(localPeopleWith('suzuki@example.jp').map((p) => p.id)).toEqual([String(made[0]?.id)]);
  });

  it('sends a call logged with the lead before it reached Zoho under Zoho’s id', async () => {
    await sync();
    const localId = createSuzuki();
    logCall(
      db,
      owner(),
      { personId: localId, outcome: 'answered', durationMin: 3, note: '', date: '2026-01-05' },
      now() - 60_000,
    );
    await sync();
    const crmId = String(zohoLeadsWith('suzuki@example.jp')[0]?.id);
    const calls = [...server.data.table('Calls').values()].filter(
      (c) => (c['What_Id'] as { id?: string } | null)?.id === crmId,
    );
    expect(calls).toHaveLength(1);
  });
});

describe('a lead Zoho refuses', () => {
  it('is kept with the reason, not sent again by itself, and goes on Retry once mended', async () => {
    server.data.uniqueFields.set('Leads', new Set(['Email']));
    await sync();
    const localId = createSuzuki();
    // Meanwhile a colleague registered Suzuki in Zoho, with the same address.
    server.data.insert('Leads', { Last_Name: 'SUZUKI', Email: 'Suzuki@Example.jp' });
    const summary = await sync();
    const refused = refusedLeadEntries(db);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.last_error).toMatch(
      /Zoho did not create the lead Ichiro Suzuki: it already holds a lead with the e-mail suzuki@example\.jp/,
    );
    expect(summary.appNotes.join('\n')).toMatch(/Retry.*Discard/);
    // The person stays here, not in Zoho, with the visit.
    expect(visitPerson()).toBe(localId);
    expect(zohoLeadsWith('suzuki@example.jp')).toHaveLength(1);

    await sync();
    expect(zohoLeadsWith('suzuki@example.jp')).toHaveLength(1);
    expect(refusedLeadEntries(db)).toHaveLength(1);

    // Zoho's lead gets another address: Retry sends it, and it takes its id.
    const other = zohoLeadsWith('suzuki@example.jp')[0];
    server.data.modify('Leads', String(other?.id), { Email: 'suzuki@other.jp' });
    expect(retryRefusedCall(db, refused[0]?.id ?? 0)).toBe(true);
    await sync();
    expect(refusedLeadEntries(db)).toHaveLength(0);
    const made = zohoLeadsWith('suzuki@example.jp');
    expect(made).toHaveLength(1);
    expect(visitPerson()).toBe(String(made[0]?.id));
  });

  it('stays here only when discarded', async () => {
    server.data.requireField('Leads', 'Lead_Source');
    await sync();
    const localId = createSuzuki();
    await sync();
    const [refused] = refusedLeadEntries(db);
    expect(refused?.last_error).toMatch(/requires a value in the field Lead_Source/);
    expect(discardRefusedCall(db, refused?.id ?? 0, now())).toBe(true);
    await sync();
    expect(refusedLeadEntries(db)).toHaveLength(0);
    expect(zohoLeadsWith('suzuki@example.jp')).toHaveLength(0);
    expect(visitPerson()).toBe(localId);
  });

  it('sets the calls logged with it aside as refused, listed with Retry and Discard, and sends them once the lead is', async () => {
    server.data.requireField('Leads', 'Lead_Source');
    await sync();
    const localId = createSuzuki();
    logCall(
      db,
      owner(),
      { personId: localId, outcome: 'answered', durationMin: 3, note: '', date: '2026-01-05' },
      now() - 60_000,
    );
    await sync();
    expect(refusedLeadEntries(db)).toHaveLength(1);
    // Not waiting for ever on a lead no sync sends: refused, with a plain reason.
    const [held, ...more] = refusedCallEntries(db);
    expect(more).toHaveLength(0);
    expect(held).toMatchObject({ last_name: 'Suzuki' });
    expect(held?.last_error).toMatch(/was not sent: its lead was not created in Zoho/);
    expect(countUnsent(db, 'call')).toBe(1);

    // The lead mended and sent again, then the call: it goes under Zoho's id.
    server.data.mandatoryFields.delete('Leads');
    expect(retryRefusedCall(db, refusedLeadEntries(db)[0]?.id ?? 0)).toBe(true);
    await sync();
    const crmId = String(zohoLeadsWith('suzuki@example.jp')[0]?.id);
    expect(retryRefusedCall(db, held?.id ?? 0)).toBe(true);
    await sync();
    expect(refusedCallEntries(db)).toHaveLength(0);
    expect(countUnsent(db, 'call')).toBe(0);
    const calls = [...server.data.table('Calls').values()].filter(
      (c) => (c['What_Id'] as { id?: string } | null)?.id === crmId,
    );
    expect(calls).toHaveLength(1);
  });

  it('discarded, sets aside a call logged with it since, with the same reason', async () => {
    server.data.requireField('Leads', 'Lead_Source');
    await sync();
    const localId = createSuzuki();
    await sync();
    const [lead] = refusedLeadEntries(db);
    expect(discardRefusedCall(db, lead?.id ?? 0, now())).toBe(true);
    logCall(
      db,
      owner(),
      { personId: localId, outcome: 'no_answer', durationMin: 0, note: '', date: '2026-01-05' },
      now() - 60_000,
    );
    await sync();
    expect(refusedCallEntries(db).map((c) => c.last_error)).toEqual([
      expect.stringMatching(/its lead was not created in Zoho/),
    ]);
  });
});

describe('a lead created here that Zoho does not hold yet, on the daily visibility check', () => {
  const DAY = 25 * 3_600_000;
  const stays = (id: string): boolean =>
    rawHandle(db).prepare('select 1 from people where id = ?').get(id) !== undefined;

  it('is not let go of while unsent, and reaches Zoho with its visit', async () => {
    await sync();
    const localId = createSuzuki();
    // Offline for more than a day: the first sync back is due the check of Leads.
    server.data.clock += DAY;
    const summary = await sync();
    expect(summary.visibility?.removed ?? 0).toBe(0);
    expect(summary.visibility?.notes.join('\n') ?? '').not.toMatch(/no longer shows you/);
    const made = zohoLeadsWith('suzuki@example.jp');
    expect(made).toHaveLength(1);
    expect(visitPerson()).toBe(String(made[0]?.id));
    expect(stays(localId)).toBe(false);
    expect(stays(String(made[0]?.id))).toBe(true);
  });

  it('is kept, with its visit, while Zoho refuses it', async () => {
    server.data.requireField('Leads', 'Lead_Source');
    await sync();
    const localId = createSuzuki();
    await sync();
    expect(refusedLeadEntries(db)).toHaveLength(1);
    server.data.clock += DAY;
    const summary = await sync();
    expect(summary.visibility?.notes.join('\n') ?? '').not.toMatch(/could not be checked/);
    expect(stays(localId)).toBe(true);
    expect(visitPerson()).toBe(localId);
    expect(refusedLeadEntries(db)).toHaveLength(1);
  });
});
