import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { buildOrganisation, emailFields } from '../crm-server/crmFactories';
import type { ZRecord, ZUser } from '../crm-server/crmDataSet';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import { startServer, syncDb, zohoSourceFor } from '../crm-server/syncHarness';
import { runSync, type SyncOptions } from '../../src/main/sync/syncEngine';
import { listQuarantine } from '../../src/main/sync/quarantineRetry';
import type { Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';

let dir: TempDir;
let server: CrmTestServer;
let db: Db;
let rep: ZUser;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeEach(async () => {
  dir = makeTempDir('cw-emails-');
  server = await startServer(buildOrganisation(31, { callsPerPerson: 0, visits: 0 }));
  db = await syncDb(dir.file('sync.db'));
  rep = server.data.users[1] as ZUser;
});
afterEach(async () => {
  await db.close();
  await server.stop();
  dir.remove();
});

const people = (module: 'Leads' | 'Contacts'): ZRecord[] => [...server.data.table(module).values()];
// Room for everyone in one run, unless a test is about the bounds.
const sync = (options: SyncOptions = {}) =>
  runSync(db, zohoSourceFor(server), {
    now: () => server.data.clock,
    emails: { peoplePerRun: 100, sweepPerRun: 0 },
    ...options,
  });

interface Row {
  id: string;
  signal: string | null;
  direction: string;
  started_at: number;
  status: string;
}
const emailRows = (personId: string): Row[] =>
  rawHandle(db)
    .prepare(
      `select id, signal, direction, started_at, status from activities
       where person_id = ? and source_module = 'Emails' order by id`,
    )
    .all(personId) as Row[];
const emailRequests = (): string[] =>
  server.requests.map((r) => r.path).filter((p) => /\/Emails(\?|$)/.test(p));

describe('the Emails related list (BT-1 signals 4, 5 and 6)', () => {
  it('turns opens, clicks and replies into signals at the moments they happened', async () => {
    const lead = people('Leads')[0] as ZRecord;
    const now = server.data.clock;
    const sent = now - 3 * DAY;
    const opened = server.data.addEmail(
      lead.id,
      emailFields(lead, rep, sent, { id: 'm-open', opened: [sent + 2 * HOUR, sent + 26 * HOUR] }),
    );
    server.data.addEmail(
      lead.id,
      emailFields(lead, rep, sent + HOUR, { id: 'm-click', clicked: [sent + 5 * HOUR] }),
    );
    server.data.addEmail(
      lead.id,
      emailFields(lead, rep, sent + 30 * HOUR, { id: 'm-reply', received: true }),
    );
    server.data.addEmail(lead.id, emailFields(lead, rep, sent - DAY, { id: 'm-quiet' }));
    const bounced = emailFields(lead, rep, sent - 2 * DAY, { id: 'm-bounced' });
    bounced.status = [{ type: 'bounced', bounced_time: opened.time, bounced_reason: 'gone' }];
    server.data.addEmail(lead.id, bounced);

    const summary = await sync();

    expect(summary.emails).toMatchObject({ upserted: 5, quarantined: 0, unavailable: null });
    const id = (m: string, suffix = ''): string => `email-${lead.id}-${m}${suffix}`;
    expect(emailRows(lead.id)).toEqual(
      [
        {
          id: id('m-bounced'),
          signal: null,
          direction: 'out',
          started_at: sent - 2 * DAY,
          status: 'failed',
        },
        {
          id: id('m-click'),
          signal: null,
          direction: 'out',
          started_at: sent + HOUR,
          status: 'completed',
        },
        {
          id: id('m-click', '-clicked'),
          signal: 'email_link_clicked',
          direction: 'in',
          started_at: sent + 5 * HOUR,
          status: 'completed',
        },
        { id: id('m-open'), signal: null, direction: 'out', started_at: sent, status: 'completed' },
        {
          id: id('m-open', '-opened'),
          signal: 'email_opened',
          direction: 'in',
          started_at: sent + 2 * HOUR,
          status: 'completed',
        },
        {
          id: id('m-open', '-opened-last'),
          signal: 'email_opened',
          direction: 'in',
          started_at: sent + 26 * HOUR,
          status: 'completed',
        },
        {
          id: id('m-quiet'),
          signal: null,
          direction: 'out',
          started_at: sent - DAY,
          status: 'completed',
        },
        {
          id: id('m-reply'),
          signal: 'email_from_contact',
          direction: 'in',
          started_at: sent + 30 * HOUR,
          status: 'completed',
        },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    const owner = rawHandle(db)
      .prepare('select owner_id from activities where id = ?')
      .get(id('m-open')) as { owner_id: string };
    expect(owner.owner_id).toBe(rep.id);
  });

  it('asks for every page of a long list, 10 emails at a time', async () => {
    const contact = people('Contacts')[0] as ZRecord;
    for (let i = 0; i < 25; i++)
      server.data.addEmail(
        contact.id,
        emailFields(contact, rep, server.data.clock - (i + 1) * HOUR, { id: `m${i}` }),
      );
    await sync();
    expect(emailRows(contact.id)).toHaveLength(25);
    const paths = emailRequests().filter((p) => p.includes(contact.id));
    expect(paths).toEqual([
      `/crm/v8/Contacts/${contact.id}/Emails`,
      `/crm/v8/Contacts/${contact.id}/Emails?index=10`,
      `/crm/v8/Contacts/${contact.id}/Emails?index=20`,
    ]);
  });

  it('never duplicates on a re-sync, and moves a later open onto the same row', async () => {
    const lead = people('Leads')[1] as ZRecord;
    const sent = server.data.clock - 2 * DAY;
    const mail = server.data.addEmail(
      lead.id,
      emailFields(lead, rep, sent, { id: 'm1', opened: [sent + HOUR] }),
    );
    await sync();
    await sync();
    expect(emailRows(lead.id).map((r) => r.id)).toEqual([
      `email-${lead.id}-m1`,
      `email-${lead.id}-m1-opened`,
    ]);
    // The contact reads it again a day later; the lead's record itself does not change.
    const again = sent + 25 * HOUR;
    mail.status = emailFields(lead, rep, sent, { opened: [sent + HOUR, again] }).status;
    server.data.tick();
    await sync();
    const rows = emailRows(lead.id);
    expect(rows.map((r) => [r.id, r.started_at])).toEqual([
      [`email-${lead.id}-m1`, sent],
      [`email-${lead.id}-m1-opened`, sent + HOUR],
      [`email-${lead.id}-m1-opened-last`, again],
    ]);
    await sync();
    expect(emailRows(lead.id)).toEqual(rows);
  });

  it.each(['scanned in chunks', 'found by an index on modified_at'])(
    'reads changed people newest first, a bounded number a run, and resumes the pass (%s)',
    async (how) => {
      if (how.includes('index'))
        rawHandle(db).exec('create index people_modified on people (modified_at)');
      const policy = { peoplePerRun: 10, sweepPerRun: 0 };
      const everyone = [...people('Leads'), ...people('Contacts')];
      const asked = (): Set<string> => new Set(emailRequests().map((p) => p.split('/')[4] ?? ''));
      await sync({ emails: policy });
      const first = asked();
      expect(first.size).toBe(10);
      // The most recently modified people go first.
      const newest = [...everyone]
        .sort((a, b) => Date.parse(b.Modified_Time) - Date.parse(a.Modified_Time))
        .slice(0, 10)
        .map((p) => p.id);
      expect([...first].sort()).toEqual(newest.sort());
      for (let run = 0; run < 4; run++) await sync({ emails: policy });
      expect(asked().size).toBe(everyone.length);
      // With the pass complete, a run asks only about the person who changed.
      const before = emailRequests().length;
      const changed = people('Leads')[7] as ZRecord;
      server.data.modify('Leads', changed.id, { Phone: '+49 1' });
      await sync({ emails: policy });
      expect(emailRequests().slice(before)).toEqual([
        expect.stringContaining(`/${changed.id}/Emails`),
      ]);
    },
  );

  it('finds the most recently changed people across a large organisation read in chunks', async () => {
    for (let i = 0; i < 4500; i++)
      server.data.insert('Leads', { Last_Name: `Bulk ${i}`, Email: `bulk${i}@x.test` });
    await sync({ emails: false });
    // People stored early (low rowids, first chunks) change last: they lead the pass.
    const early = people('Leads').slice(0, 3).concat(people('Leads').slice(2100, 2103));
    for (const p of early) server.data.modify('Leads', p.id, { Phone: '+1' });
    await sync({ emails: { peoplePerRun: 6, sweepPerRun: 0 } });
    const asked = new Set(emailRequests().map((p) => p.split('/')[4]));
    expect([...asked].sort()).toEqual(early.map((p) => p.id).sort());
  });

  it('goes on after a kill where it stopped, asking nobody stored again', async () => {
    const policy = { peoplePerRun: 10, sweepPerRun: 0 };
    class Killed extends Error {}
    await expect(
      sync({
        emails: policy,
        onProgress: (p) => {
          if (p.module === 'Emails' && p.phase === 'records' && p.page === 3) throw new Killed();
        },
      }),
    ).rejects.toBeInstanceOf(Killed);
    // People are read side by side and stored in turn: three were stored, a few more read ahead.
    const killed = emailRequests();
    expect(killed.length).toBeGreaterThanOrEqual(3);
    const stored = killed.slice(0, 3);
    await sync({ emails: policy });
    const resumed = emailRequests().slice(killed.length);
    // The ones stored are not asked again; the ten of the run are all asked once the run is over.
    expect(resumed.filter((p) => stored.includes(p))).toEqual([]);
    expect(new Set(resumed).size).toBe(resumed.length);
    expect(new Set([...stored, ...resumed]).size).toBe(13);
  });

  it('keeps looking at people emailed lately, whose records do not change', async () => {
    const policy = { peoplePerRun: 10, sweepPerRun: 0 };
    const lead = people('Leads')[2] as ZRecord;
    const sent = server.data.clock - DAY;
    const mail = server.data.addEmail(lead.id, emailFields(lead, rep, sent, { id: 'm1' }));
    for (let run = 0; run < 6; run++) await sync({ emails: policy });
    expect(emailRows(lead.id).map((r) => r.signal)).toEqual([null]);
    mail.status = emailFields(lead, rep, sent, { clicked: [sent + 3 * HOUR] }).status;
    await sync({ emails: policy });
    expect(emailRows(lead.id).map((r) => r.signal)).toEqual([null, 'email_link_clicked']);
  });

  it('quarantines a malformed email, not the sync, and stores the others', async () => {
    const contact = people('Contacts')[1] as ZRecord;
    const at = server.data.clock - DAY;
    server.data.addEmail(contact.id, emailFields(contact, rep, at, { id: 'good' }));
    const bad = emailFields(contact, rep, at - HOUR, { id: 'bad', opened: [at] });
    bad.status = [{ type: 'sent' }, { type: 'opened', first_open: 'yesterday', count: '1' }];
    server.data.addEmail(contact.id, bad);
    const odd = emailFields(contact, rep, at - 2 * HOUR, { id: 'odd' });
    (odd as { status: unknown[] }).status = [null];
    server.data.addEmail(contact.id, odd);
    const summary = await sync();
    expect(summary.emails).toMatchObject({ upserted: 1, quarantined: 2 });
    expect(emailRows(contact.id).map((r) => r.id)).toEqual([`email-${contact.id}-good`]);
    expect(listQuarantine(db)).toEqual([
      expect.objectContaining({
        module: 'Emails',
        recordId: `${contact.id}/bad`,
        error: expect.stringMatching(
          /Emails record .*\/bad: status\[1\]\.first_open: expected an ISO 8601/,
        ),
        waiting: false,
      }),
      expect.objectContaining({
        recordId: `${contact.id}/odd`,
        error: expect.stringMatching(/status: expected a list of objects/),
      }),
    ]);
    // Fixed in the CRM, they are stored and leave the quarantine on the next read.
    bad.status = [{ type: 'sent' }];
    odd.status = [{ type: 'sent' }];
    server.data.tick();
    server.data.modify('Contacts', contact.id, { Phone: '+49 2' });
    await sync();
    expect(emailRows(contact.id)).toHaveLength(3);
    expect(listQuarantine(db)).toEqual([]);
  });

  it('goes on without emails when the sign-in lacks the email scope, and asks again a day later', async () => {
    server.data.emailScope = false;
    const summary = await sync();
    expect(summary.emails?.unavailable).toMatch(/ZohoCRM\.modules\.emails\.READ/);
    expect(summary.modules.Leads?.upserted).toBe(25);
    expect(emailRequests()).toHaveLength(1);
    await sync();
    expect(emailRequests()).toHaveLength(1);
    server.data.emailScope = true;
    server.data.clock += 25 * HOUR;
    const later = await sync();
    expect(later.emails?.unavailable).toBeNull();
    expect(emailRequests().length).toBeGreaterThan(1);
  });

  it("never fails the sync over one person's emails: the outbox still goes, and the person is asked again next time", async () => {
    const contact = people('Contacts')[0] as ZRecord;
    server.data.addEmail(
      contact.id,
      emailFields(contact, rep, server.data.clock - DAY, { id: 'm1' }),
    );
    // A call logged in the app, waiting in the outbox.
    rawHandle(db)
      .prepare(
        `insert into outbox (idempotency_key, kind, payload, created_at) values ('k-emails', 'call', ?, 0)`,
      )
      .run(
        JSON.stringify({
          personId: contact.id,
          personModule: 'contact',
          ownerId: rep.id,
          subject: 'Logged in app',
          startedAt: server.data.clock - HOUR,
          durationS: 120,
          direction: 'out',
        }),
      );
    // Every Emails read fails, retries included.
    server.inject('server-error', { path: /\/Emails$/, times: 1_000 });
    const summary = await sync();
    expect(summary.emails?.failed).toMatch(/^\S+: /);
    // Three people failing in a row is the CRM's outage: the phase ends rather than ask everyone.
    expect(new Set(emailRequests().map((p) => p.split('/')[4])).size).toBe(3);
    expect(summary.emails?.retrying).toBe(3);
    expect(summary.modules.Contacts?.upserted).toBeGreaterThan(0);
    expect(summary.outbox).toEqual({ pushed: 1, failed: 0 });
    expect(emailRows(contact.id)).toEqual([]);
    server.clearFaults();
    const next = await sync();
    expect(next.emails?.failed).toBeNull();
    expect(emailRows(contact.id).map((r) => r.id)).toEqual([`email-${contact.id}-m1`]);
  });
  it('reads everyone past a person whose emails always fail, and asks that person again later', async () => {
    const everyone = [...people('Leads'), ...people('Contacts')].sort(
      (a, b) => Date.parse(b.Modified_Time) - Date.parse(a.Modified_Time) || (a.id < b.id ? 1 : -1),
    );
    // The most recently modified person comes first in the pass: before, nobody after them was read.
    const stuck = everyone[0] as ZRecord;
    const module = people('Leads').includes(stuck) ? 'Leads' : 'Contacts';
    const others = everyone.slice(1);
    for (const p of [stuck, ...others])
      server.data.addEmail(p.id, emailFields(p, rep, server.data.clock - DAY, { id: 'm1' }));
    server.inject('server-error', { path: new RegExp(`/${stuck.id}/Emails$`), times: 1_000 });
    const asked = (): number =>
      emailRequests().filter((path) => path.includes(`/${stuck.id}/`)).length;

    const first = await sync();
    expect(first.emails).toMatchObject({ people: others.length, retrying: 1 });
    expect(first.emails?.failed).toMatch(new RegExp(`^${stuck.id}: .*${module}/.*500`));
    for (const p of others) expect(emailRows(p.id)).toHaveLength(1);
    expect(emailRows(stuck.id)).toEqual([]);

    // Asked again on the next run.
    const before = asked();
    const second = await sync();
    expect(asked()).toBeGreaterThan(before);
    expect(second.emails?.retrying).toBe(1);
    expect(second.emails?.failed).toMatch(new RegExp(`^${stuck.id}: `));
    // Failed twice: not asked again straight away.
    const waited = asked();
    const third = await sync();
    expect(asked()).toBe(waited);
    expect(third.emails).toMatchObject({ failed: null, retrying: 1 });

    // The CRM recovers; a later run reads the person and forgets the failure.
    server.clearFaults();
    server.data.clock += 2 * HOUR;
    const recovered = await sync();
    expect(recovered.emails).toMatchObject({ failed: null, retrying: 0 });
    expect(emailRows(stuck.id).map((r) => r.id)).toEqual([`email-${stuck.id}-m1`]);
  });
});
