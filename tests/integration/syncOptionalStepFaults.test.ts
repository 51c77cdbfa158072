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
import { countUnsent } from '../../src/main/db/repos/outbox';
import { createCore } from '../../src/main/core/createCore';
import { DEFAULT_SCHEDULE, SyncRunner } from '../../src/main/sync/syncRunner';
import { runSyncCli } from '../../src/main/cli/sync';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { rawHandle } from '../../src/main/db/bulkHandle';
import {
  alertsEnabled,
  switchAlertsForEveryone,
  unsentAlertsSwitch,
} from '../../src/main/db/repos/alertsSwitch';
import { listQuarantine } from '../../src/main/sync/quarantineRetry';

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

/** The `sync` command on `file` against the test server: its exit code, stdout and stderr. */
async function syncCommand(file: string): Promise<{ code: number; out: string[]; err: string[] }> {
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
  return { code, out, err };
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
    const { code, out, err } = await syncCommand(file);
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
    // The calls arrive before their people, and wait.
    await sync({ modules: ['Calls'] });
    const waiting = listQuarantine(db).length;
    expect(waiting).toBeGreaterThan(0);
    // Their people arrive; releasing a stored call fails, as on a full disk.
    failWhen(db, 'release_full', `before delete on quarantine`);
    const people = { modules: ['Leads', 'Contacts'] } as const;
    const summary = await sync(people);
    expect(summary.notes).toContainEqual(
      expect.stringMatching(
        /^Records that arrived before their lead or contact were not stored this time: something went wrong on this computer \(database or disk is full\)\. Everything else synced, and they wait here/,
      ),
    );
    expect(summary.released).toBe(0);
    expect(summary.quarantineTotal).toBe(waiting);
    mend(db, 'release_full');
    const next = await sync(people);
    expect(next.notes).toEqual([]);
    expect(next.released).toBe(waiting);
    await sync();
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
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
    expect(countUnsent(db, 'call')).toBe(1);

    mend(db, 'outbox_full');
    const next = await sync();
    expect(next.outbox).toEqual({ pushed: 1, failed: 0 });
    expect(countUnsent(db, 'call')).toBe(0);
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

/** Overwrites a stored value, as a damaged page of the file or an edit by hand leaves it. */
function damage(
  table: 'quarantine' | 'settings' | 'sync_state',
  set: string,
  where: string,
  of: Db = db,
): void {
  expect(rawHandle(of).prepare(`update ${table} set ${set} where ${where}`).run().changes).toBe(1);
}
const storedWrites = (id: string): unknown =>
  rawHandle(db).prepare(`select writes from quarantine where record_id = ?`).pluck().get(id);
const unreadableNote = (id: string): RegExp =>
  new RegExp(
    `^The call ${id} \\(Calls\\) waited for its lead or contact, and its copy on this computer could not be read \\(.+\\), so it is not in the app\\. It is kept and counted among the records held back; the other waiting records were stored\\. To bring it in, open it in Zoho and save it \\(any change\\): the next sync reads it afresh$`,
  );

describe('a waiting record whose copy here cannot be read does not hold back the others', () => {
  /** Calls synced before their people wait for them; two of them are damaged here. */
  async function twoDamaged(): Promise<{ waiting: number; broken: string; invalid: string }> {
    await sync({ modules: ['Calls'] });
    const waiting = listQuarantine(db);
    expect(waiting.length).toBeGreaterThan(3);
    // The oldest: the next listing reads the newest second again, and would store those anew.
    const [broken, invalid] = waiting
      .sort((a, b) => a.modifiedAt - b.modifiedAt)
      .map((q) => q.recordId) as [string, string];
    // Not JSON at all; JSON, but not the rows the app wrote.
    damage(
      'quarantine',
      `writes = '[{"table":"activities","row":{"id"'`,
      `record_id = '${broken}'`,
    );
    damage('quarantine', `writes = '[{"table":"activities"}]'`, `record_id = '${invalid}'`);
    return { waiting: waiting.length, broken, invalid };
  }
  const withoutIds = (lines: string[], ids: string[]): string[] =>
    lines.filter((l) => !ids.some((id) => l.startsWith(`activities ${id} `)));

  it('stores every other waiting record, keeps the damaged ones as they were, says so once each, and stores them once Zoho sends them again', async () => {
    const { waiting, broken, invalid } = await twoDamaged();
    const summary = await sync();

    // Released here, but for those the listing's second look at its newest second stored.
    expect(summary.released).toBeGreaterThan(waiting - 4);
    expect(localSnapshot(db)).toEqual(withoutIds(serverSnapshot(server.data), [broken, invalid]));
    expect(summary.notes).toEqual([
      expect.stringMatching(unreadableNote(broken)),
      expect.stringMatching(unreadableNote(invalid)),
    ]);
    expect(summary.quarantineTotal).toBe(2);
    // Nothing of them is lost: the rows as they were, and the CRM's copy.
    expect(storedWrites(broken)).toBe('[{"table":"activities","row":{"id"');
    expect(listQuarantine(db)).toEqual([
      expect.objectContaining({ module: 'Calls', recordId: broken, waiting: false }),
      expect.objectContaining({ module: 'Calls', recordId: invalid, waiting: false }),
    ]);

    // Told once: the next runs say nothing of them, and still count them.
    const next = await sync();
    expect(next.notes).toEqual([]);
    expect(next.quarantineTotal).toBe(2);

    // Saved again in Zoho, one is read afresh and stored.
    server.data.modify('Calls', broken, { Subject: 'Call back' });
    const mended = await sync();
    expect(mended.notes).toEqual([]);
    expect(mended.quarantineTotal).toBe(1);
    expect(localSnapshot(db)).toEqual(withoutIds(serverSnapshot(server.data), [invalid]));
  });

  it('many found at once are told in one note, naming the first three', async () => {
    await sync({ modules: ['Calls'] });
    const oldest = listQuarantine(db)
      .sort((a, b) => a.modifiedAt - b.modifiedAt)
      .slice(0, 5)
      .map((q) => q.recordId);
    for (const id of oldest) damage('quarantine', `writes = '{'`, `record_id = '${id}'`);
    const summary = await sync();
    const [a, b, c] = oldest as [string, string, string];
    expect(summary.notes).toEqual([
      expect.stringMatching(
        new RegExp(
          `^5 records that waited for their lead or contact could not be read on this computer \\(the call ${a} \\(Calls\\), the call ${b} \\(Calls\\), the call ${c} \\(Calls\\) and 2 more; .+\\), so they are not in the app\\. They are kept and counted among the records held back`,
        ),
      ),
    ]);
    expect(summary.quarantineTotal).toBe(5);
    expect(localSnapshot(db)).toEqual(withoutIds(serverSnapshot(server.data), oldest));
  });

  it('Settings shows the run as synced with the note, then the record counted among those held back', async () => {
    const { broken } = await twoDamaged();
    const runner = new SyncRunner(createCore(db), zohoSourceFor(server), DEFAULT_SCHEDULE);
    try {
      await runner.syncNow();
      const status = runner.current();
      expect(status).toMatchObject({ state: 'idle', lastError: null, quarantined: 2 });
      expect(status.notes).toContainEqual(expect.stringMatching(unreadableNote(broken)));

      await runner.syncNow();
      expect(runner.current()).toMatchObject({ state: 'idle', lastError: null, quarantined: 2 });
      expect(runner.current().notes).toEqual([]);
    } finally {
      await runner.stop();
    }
  });
});

const variable = (): unknown =>
  server.data.variables.find((v) => v.api_name === 'Contact_Window_Visit_Alerts')?.value;
const SENT_IN_ITS_PLACE =
  'The switch for visit alerts waiting to be sent to the CRM could not be read on this computer, so the switch in force here goes in its place: visit alerts off for everyone. If that is not what you chose, switch it again in Settings › Alerts';

describe('a damaged switch for visit alerts does not end the run', () => {
  it('a flip to send that cannot be read: the switch in force here is sent in its place, said once', async () => {
    switchAlertsForEveryone(db, false);
    damage('settings', `value = '{"damaged'`, `key = 'visit_alerts_enabled_unsent'`);
    const summary = await sync();

    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    expect(summary.notes).toEqual([SENT_IN_ITS_PLACE]);
    expect(variable()).toBe(false);
    expect(alertsEnabled(db)).toBe(false);
    expect(unsentAlertsSwitch(db)).toBeNull();
    const next = await sync();
    expect(next.notes).toEqual([]);
    expect(alertsEnabled(db)).toBe(false);
  });

  it("the switch in force here unreadable too: the CRM's switch applies, said once", async () => {
    switchAlertsForEveryone(db, false);
    await sync();
    expect(variable()).toBe(false);
    switchAlertsForEveryone(db, true);
    damage('settings', `value = 'tru'`, `key = 'visit_alerts_enabled_unsent'`);
    damage('settings', `value = 'tru'`, `key = 'visit_alerts_enabled'`);
    const summary = await sync();

    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    expect(summary.notes).toEqual([
      "The switch for visit alerts waiting to be sent to the CRM could not be read on this computer, nor the switch in force here, so the CRM's switch applies. Check it in Settings › Alerts and switch it again if it is not what you chose",
    ]);
    expect(alertsEnabled(db)).toBe(false);
    expect(unsentAlertsSwitch(db)).toBeNull();
    const next = await sync();
    expect(next.notes).toEqual([]);
  });

  it('the sync command writes its summary with the note and exits 0', async () => {
    const file = dir.file('cli.db');
    const prepared = await openDatabase(file);
    switchAlertsForEveryone(prepared, false);
    damage('settings', `value = '{"damaged'`, `key = 'visit_alerts_enabled_unsent'`, prepared);
    await prepared.close();
    const { code, out, err } = await syncCommand(file);
    expect(err.join('')).not.toMatch(/Sync stopped/);
    expect(code).toBe(0);
    expect((JSON.parse(out.join('')) as { notes: string[] }).notes).toEqual([SENT_IN_ITS_PLACE]);
    expect(err.join('')).toContain(`Note: ${SENT_IN_ITS_PLACE}`);
    expect(variable()).toBe(false);
  });
});

describe("a damaged place in the sync's own bookkeeping does not end the run", () => {
  it.each([
    ["a module's place in its listing", 'Deals', `{"anchor":`],
    ['the organisation’s metadata kept', 'Metadata', `{"format":`],
    ['the records a first sync stored ahead', 'Contacts:ahead', `{"ids":[`],
  ])('%s: read again from the CRM, and written anew', async (_what, key, damaged) => {
    await sync();
    rawHandle(db)
      .prepare(
        `insert into sync_state (module, watermark, cursor, last_success_at, updated_at)
         values (?, null, ?, null, 0)
         on conflict (module) do update set cursor = excluded.cursor`,
      )
      .run(key, damaged);
    const deal = [...server.data.table('Deals').values()][0] as ZRecord;
    server.data.tick();
    server.data.modify('Deals', deal.id, {
      Stage: deal['Stage'] === 'Closed Won' ? 'Closed Lost' : 'Closed Won',
    });
    const summary = await sync();

    expect(summary.notes).toEqual([]);
    expect(summary.modules.Deals?.upserted).toBeGreaterThan(0);
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    const kept = rawHandle(db)
      .prepare(`select cursor from sync_state where module = ?`)
      .pluck()
      .get(key);
    expect(kept).not.toBe(damaged);
  });
});
