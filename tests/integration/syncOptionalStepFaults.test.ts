import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TempDir } from '../fixtures/tempDb';
import { buildOrganisation, emailFields } from '../crm-server/crmFactories';
import type { ZRecord, ZUser } from '../crm-server/crmDataSet';
import type { CrmTestServer } from '../crm-server/crmTestServer';
import {
  eachTestSyncEnv,
  localSnapshot,
  serverSnapshot,
  zohoSourceFor,
} from '../crm-server/syncHarness';
import { CrmAuthError } from '../../src/main/crm/crmSource';
import { runSync, type SyncOptions } from '../../src/main/sync/syncEngine';
import { readState } from '../../src/main/sync/syncState';
import { logCall } from '../../src/main/planner/planActions';
import { countUnsentCalls } from '../../src/main/db/repos/outbox';
import { createCore } from '../../src/main/core/createCore';
import { DEFAULT_SCHEDULE, SyncRunner } from '../../src/main/sync/syncRunner';
import { runSyncCli } from '../../src/main/cli/sync';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { switchAlertsForEveryone, unsentAlertsSwitch } from '../../src/main/db/repos/alertsSwitch';

// The steps around the modules' records are optional: a fault of this computer's in one of them
// (a SQLite error in its own transaction, a value it cannot read) ends that step, not the run.
let server: CrmTestServer;
let db: Db;
let dir: TempDir;

eachTestSyncEnv(
  'cw-optional-faults-',
  () => {
    const data = buildOrganisation(71, { leads: 10, contacts: 10, callsPerPerson: 1, visits: 6 });
    data.table('CW_Plan_Marks'); // the admin added the module: plan marks are shared
    return data;
  },
  (env) => {
    ({ server, db, dir } = env);
  },
);

const FULL = 'database or disk is full';
/** A real SQLite failure, as a full disk gives, wherever `on` says (a trigger's event). */
function failWhen(db: Db, name: string, on: string): void {
  rawHandle(db).exec(`create trigger ${name} ${on} begin select raise(abort, '${FULL}'); end`);
}
function mend(db: Db, name: string): void {
  rawHandle(db).exec(`drop trigger ${name}`);
}

const sync = (options: SyncOptions = {}) =>
  runSync(db, zohoSourceFor(server), { now: () => server.data.clock, ...options });

const contacts = (): ZRecord[] => [...server.data.table('Contacts').values()];
const rep = (): ZUser => server.data.users[1] as ZUser;

/** One email to each of the first `n` contacts, a day ago. */
function emailContacts(n: number): ZRecord[] {
  const mailed = contacts().slice(0, n);
  for (const c of mailed)
    server.data.addEmail(c.id, emailFields(c, rep(), server.data.clock - 86_400_000, { id: 'm1' }));
  return mailed;
}
const storedEmails = (of: Db = db): number =>
  rawHandle(of)
    .prepare(`select count(*) from activities where source_module = 'Emails'`)
    .pluck()
    .get() as number;
/** Storing an email fails once two are stored: those two stay, the others are refused. */
const EMAILS_FULL_AFTER_TWO = `before insert on activities when new.source_module = 'Emails'
  and (select count(*) from activities where source_module = 'Emails') >= 2`;
const withoutEmails = (lines: string[]): string[] =>
  lines.filter((l) => !l.startsWith('activities email-'));

/** The rep logs an answered call with a stored contact; it waits in the outbox. */
function logACall(contact: ZRecord): void {
  const ownerId = (contact['Owner'] as { id: string } | undefined)?.id ?? '';
  logCall(
    db,
    ownerId,
    {
      personId: contact.id,
      outcome: 'answered',
      durationMin: 3,
      note: 'Quote',
      date: '2026-01-05',
    },
    server.data.clock - 60_000,
  );
}

const EMAILS_NOTE =
  /^Emails were not read this time: something went wrong on this computer \(.*database or disk is full.*\)\. Everything else synced/;

describe('a fault of this computer in reading emails ends only the Emails step', () => {
  it('syncs everything else, keeps the emails stored before the fault, and says so; the next sync reads the rest', async () => {
    emailContacts(6);
    failWhen(db, 'emails_full', EMAILS_FULL_AFTER_TWO);
    const summary = await sync({ emails: { peoplePerRun: 100, sweepPerRun: 0 } });

    expect(withoutEmails(localSnapshot(db))).toEqual(serverSnapshot(server.data));
    expect(storedEmails()).toBe(2);
    expect(summary.notes).toContainEqual(expect.stringMatching(EMAILS_NOTE));
    // The steps after it ran: the run's last bookkeeping too.
    expect(summary.credits?.last24h).toBeGreaterThan(0);

    mend(db, 'emails_full');
    server.data.tick();
    const next = await sync({ emails: { peoplePerRun: 100, sweepPerRun: 0 } });
    expect(storedEmails()).toBe(6);
    expect(next.notes.filter((n) => n.startsWith('Emails'))).toEqual([]);
  });

  it('Settings shows the run as synced, with the note in words a rep understands', async () => {
    emailContacts(6);
    failWhen(db, 'emails_full', EMAILS_FULL_AFTER_TWO);
    const runner = new SyncRunner(createCore(db), zohoSourceFor(server), DEFAULT_SCHEDULE, {
      countsRequests: true,
    });
    try {
      await runner.syncNow();
      const status = runner.current();
      expect(status).toMatchObject({ state: 'idle', lastError: null, unread: [] });
      expect(status.lastSyncedAt).not.toBeNull();
      expect(status.notes).toContainEqual(expect.stringMatching(EMAILS_NOTE));
      expect(storedEmails()).toBe(2);
    } finally {
      await runner.stop();
    }
  });

  it('the sync command writes its summary with the note and exits 0', async () => {
    emailContacts(6);
    const file = dir.file('cli.db');
    const prepared = await openDatabase(file);
    failWhen(prepared, 'emails_full', EMAILS_FULL_AFTER_TWO);
    await prepared.close();
    const secret = (name: string, value: string): string => {
      const path = dir.file(name);
      writeFileSync(path, `${value}\n`, { mode: 0o600 });
      return path;
    };
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSyncCli(
      [
        ...['--db', file, '--api-domain', server.url, '--accounts-url', server.url],
        ...['--client-id', 'cid', '--client-secret-file', secret('secret.txt', 'secret')],
        ...['--refresh-token-file', secret('refresh.txt', 'refresh')],
      ],
      { stdout: (s) => out.push(s), stderr: (s) => err.push(s) },
    );
    expect(err.join('')).not.toMatch(/Sync stopped/);
    expect(code).toBe(0);
    const summary = JSON.parse(out.join('')) as {
      modules: Record<string, { upserted: number }>;
      emails: { people: number } | null;
      notes: string[];
    };
    expect(summary.modules['Contacts']?.upserted).toBe(server.data.table('Contacts').size);
    expect(summary.emails).not.toBeNull();
    expect(summary.notes).toContainEqual(expect.stringMatching(EMAILS_NOTE));
    expect(err.join('')).toMatch(/Note: Emails were not read this time/);
    const kept = await openDatabase(file);
    expect(storedEmails(kept)).toBe(2);
    await kept.close();
  });

  it('still ends the run when Zoho refuses the sign-in while emails are read', async () => {
    emailContacts(3);
    server.inject('invalid-token', { path: /\/Emails$/, times: 100 });
    await expect(sync()).rejects.toBeInstanceOf(CrmAuthError);
  });
});

describe('the other optional steps end alone on a fault of this computer', () => {
  it("sending the admin's switch for visit alerts", async () => {
    switchAlertsForEveryone(db, false);
    // Recording that the CRM has the switch fails.
    failWhen(
      db,
      'switch_full',
      `before insert on settings when new.key = 'visit_alerts_enabled_unsent'`,
    );
    const summary = await sync();
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    expect(summary.notes).toContainEqual(
      expect.stringMatching(
        /^The switch for visit alerts was not sent to the CRM this time: something went wrong on this computer \(database or disk is full\)/,
      ),
    );
    expect(unsentAlertsSwitch(db)).toBe(false);
    mend(db, 'switch_full');
    const next = await sync();
    expect(next.notes).toEqual([]);
    expect(unsentAlertsSwitch(db)).toBeNull();
  });

  it('clearing browser details no visit uses', async () => {
    failWhen(
      db,
      'prune_full',
      `before insert on sync_state when new.module = 'Visits:user_agents'`,
    );
    const summary = await sync();
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    expect(summary.notes).toContainEqual(
      expect.stringMatching(
        /^Browser details no website visit uses any more were not cleared this time: something went wrong on this computer \(database or disk is full\)/,
      ),
    );
    mend(db, 'prune_full');
    const next = await sync();
    expect(next.notes.filter((n) => n.startsWith('Browser details'))).toEqual([]);
    expect(readState(db, 'Visits:user_agents').watermark).not.toBeNull();
  });

  it('storing records that waited for their person', async () => {
    await sync();
    // A waiting record whose stored writes cannot be read back.
    rawHandle(db)
      .prepare(
        `insert into quarantine (module, record_id, error, raw, writes, modified_at, first_seen_at, last_seen_at)
         values ('Calls', 'c-damaged', 'waits for its person', '{}', '{damaged', 0, 0, 0)`,
      )
      .run();
    const contact = contacts()[0] as ZRecord;
    server.data.tick();
    server.data.modify('Contacts', contact.id, { Phone: '+49 1' });
    const summary = await sync();
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    expect(summary.modules.Contacts?.upserted).toBe(1);
    expect(summary.notes).toContainEqual(
      expect.stringMatching(
        /^Records that arrived before their lead or contact were not stored this time: something went wrong on this computer \(.*JSON/,
      ),
    );
    expect(summary.quarantineTotal).toBe(1);
  });

  it('sending logged calls: those sent before the fault are counted, the rest go with the next sync', async () => {
    await sync();
    const [first, second] = contacts() as [ZRecord, ZRecord];
    logACall(first);
    logACall(second);
    failWhen(
      db,
      'outbox_full',
      `before update on outbox when old.id = (select max(id) from outbox)`,
    );
    const summary = await sync();
    expect(summary.outbox).toEqual({ pushed: 1, failed: 0 });
    expect(summary.notes).toContainEqual(
      expect.stringMatching(
        /^Logged calls were not sent to the CRM this time: something went wrong on this computer \(database or disk is full\)\. Everything else synced; the calls stay here/,
      ),
    );
    expect(countUnsentCalls(db)).toBe(1);

    mend(db, 'outbox_full');
    const next = await sync();
    expect(next.outbox).toEqual({ pushed: 1, failed: 0 });
    expect(countUnsentCalls(db)).toBe(0);
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
  });

  it('sharing plan marks', async () => {
    // Recording that the CRM's old marks were deleted fails.
    failWhen(db, 'marks_full', `before insert on settings when new.key = 'plan_marks_swept_at'`);
    const summary = await sync();
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    expect(summary.notes).toContainEqual(
      expect.stringMatching(
        /^Plan marks were not all shared with the team this time: something went wrong on this computer \(database or disk is full\)/,
      ),
    );
    mend(db, 'marks_full');
    const next = await sync();
    expect(next.notes.filter((n) => n.startsWith('Plan marks'))).toEqual([]);
  });
});
