import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../crm-server/crmFactories';
import {
  eachTestSyncEnv,
  localSnapshot,
  serverSnapshot,
  zohoSourceFor,
  type SyncTestEnv,
} from '../crm-server/syncHarness';
import { runSync } from '../../src/main/sync/syncEngine';
import { firstSyncPending } from '../../src/main/sync/syncState';
import { runSyncCli } from '../../src/main/cli/sync';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { SALESIQ_SUMMARY_FIELDS } from '../crm-server/crmOrgMetadata';
import type { CrmDataSet } from '../crm-server/crmDataSet';

const DAY = 86_400_000;

/** The records listings (not metadata, counts or related lists) the server answered. */
const listings = (env: SyncTestEnv, module: string): string[] =>
  env.server.requests
    .map((r) => r.path)
    .filter((p) => p.startsWith(`/crm/v8/${module}?`) || p.startsWith(`/crm/v8/${module}/deleted`));
const metadataRequests = (env: SyncTestEnv): string[] =>
  env.server.requests
    .map((r) => r.path)
    .filter((p) => /^\/crm\/v8\/settings\/(modules|fields|related_lists)/.test(p));
const fieldsAsked = (path: string): string[] =>
  new URL(path, 'http://x').searchParams.get('fields')?.split(',') ?? [];
const storedHours = (env: SyncTestEnv): { days: unknown[] } =>
  JSON.parse(
    rawHandle(env.db).prepare('select business_hours from organisation').pluck().get() as string,
  ) as { days: unknown[] };
const count = (env: SyncTestEnv, sql: string): number =>
  rawHandle(env.db).prepare(sql).pluck().get() as number;

function withOrg(data: () => CrmDataSet): () => SyncTestEnv {
  let env: SyncTestEnv | null = null;
  eachTestSyncEnv('cw-org-meta-', data, (e) => (env = e));
  return () => {
    if (!env) throw new Error('no test environment');
    return env;
  };
}

describe('an organisation without SalesIQ (no Visits) and without Cases', () => {
  const env = withOrg(() => buildOrganisation(31, {}, { salesIq: 'none', cases: false }));

  it('syncs everything else and names the modules and fields it lacks', async () => {
    const { db, server } = env();
    const summary = await runSync(db, zohoSourceFor(server));
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    expect(count(env(), 'select count(*) from people')).toBe(45);
    expect(summary.missing?.modules).toEqual(['Cases', 'Visits']);
    // The SalesIQ summary on people is absent: not asked for, and said.
    expect([...(summary.missing?.fields.Leads ?? [])].sort()).toEqual(
      [...SALESIQ_SUMMARY_FIELDS].sort(),
    );
    expect(summary.missing?.fields.Contacts).toEqual(summary.missing?.fields.Leads);
    expect(summary.visitsFrom).toBeNull();
    expect(summary.modules.Cases).toBeUndefined();
    expect(summary.modules.Leads?.upserted).toBe(25);
    expect(listings(env(), 'Cases')).toEqual([]);
    expect(listings(env(), 'Visits')).toEqual([]);
    const leadListing = listings(env(), 'Leads')[0] ?? '';
    expect(fieldsAsked(leadListing)).not.toContain('Visitor_Score');
    expect(fieldsAsked(leadListing)).toContain('Last_Name');
  });

  it('keeps the metadata a day: a run within it asks Zoho nothing about the organisation', async () => {
    const { db, server } = env();
    const start = Date.now();
    await runSync(db, zohoSourceFor(server), { now: () => start });
    const first = metadataRequests(env()).length;
    expect(first).toBeGreaterThan(0);
    const again = await runSync(db, zohoSourceFor(server), { now: () => start + DAY / 2 });
    expect(metadataRequests(env()).length).toBe(first);
    // The kept metadata still names what is missing, and still keeps Cases out.
    expect(again.missing?.modules).toEqual(['Cases', 'Visits']);
    expect(listings(env(), 'Cases')).toEqual([]);
    await runSync(db, zohoSourceFor(server), { now: () => start + DAY + 1 });
    expect(metadataRequests(env()).length).toBeGreaterThan(first);
  });

  it('prints what is missing in the sync command’s JSON, beside every earlier key', async () => {
    const { server, dir } = env();
    let stdout = '';
    let stderr = '';
    const code = await runSyncCli(
      [
        '--db',
        dir.file('cli.db'),
        '--api-domain',
        server.url,
        '--accounts-url',
        server.url,
        '--client-id',
        'cid',
        '--client-secret-file',
        writeSecret(dir.file('secret.txt'), 'secret'),
        '--refresh-token-file',
        writeSecret(dir.file('token.txt'), 'refresh'),
      ],
      { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) },
    );
    expect(stderr).not.toContain('Sync stopped');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as Record<string, unknown>;
    for (const key of ['modules', 'users', 'released', 'outbox', 'emails', 'quarantineTotal'])
      expect(summary).toHaveProperty(key);
    expect(summary['missing']).toMatchObject({
      modules: ['Cases', 'Visits'],
      fields: { Leads: expect.arrayContaining(['Visitor_Score', 'Last_Visited_Time']) },
    });
    expect(summary['visitsFrom']).toBeNull();
    expect(stderr).toContain('Cases: not in this organisation, skipped');
  });
});

function writeSecret(path: string, value: string): string {
  writeFileSync(path, `${value}\n`, { mode: 0o600 });
  return path;
}

describe('an organisation whose visits are only listed on each lead and contact', () => {
  const env = withOrg(() => buildOrganisation(32, {}, { salesIq: 'related-list' }));

  it('reads each visitor’s Visits_Zoho_Livedesk list: pages, time spent, referrer, search engine', async () => {
    const { db, server } = env();
    const summary = await runSync(db, zohoSourceFor(server), { visitLists: { peoplePerRun: 100 } });
    expect(summary.visitsFrom).toBe('related-list');
    expect(summary.missing?.modules).toEqual([]);
    expect(listings(env(), 'Visits')).toEqual([]);
    const visits = [...server.data.table('Visits').values()];
    expect(summary.modules.Visits?.upserted).toBe(visits.length);
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    const visit = visits[0];
    const stored = rawHandle(db)
      .prepare(
        'select person_id, time_spent_s, referrer, search_engine, started_at from visits where id = ?',
      )
      .get(visit?.id) as Record<string, unknown>;
    expect(stored).toEqual({
      person_id: (visit?.['Lead_Name'] as { id: string }).id,
      time_spent_s: Number(visit?.['Time_Spent']) * 60,
      referrer: 'https://www.google.com/',
      search_engine: 'Google',
      started_at: Date.parse(String(visit?.['Visited_Time'])),
    });
    // Pages and chats come from SalesIQ's list of actions, each at its own time.
    expect(
      rawHandle(db)
        .prepare('select url, viewed_at from visit_pages where visit_id = ? order by viewed_at')
        .all(visit?.id),
    ).toEqual([
      { url: 'https://example.test/', viewed_at: stored['started_at'] },
      { url: 'https://example.test/pricing', viewed_at: Number(stored['started_at']) + 60_000 },
    ]);
    const chats = visits.filter((v) =>
      (v['Actions_Performed'] as { Action_Type: string }[]).some((a) => a.Action_Type === 'Chat'),
    );
    expect(count(env(), 'select count(*) from chats')).toBe(chats.length);
  });

  it('reads a bounded number of people a run, newest visitors first, and then only those who visited again', async () => {
    const { db, server } = env();
    // The pass over people whose last visit moved, alone: the sweep reads others besides.
    const ONLY_CHANGED = { peoplePerRun: 3, sweepPerRun: 0 };
    const visitors = new Set(
      [...server.data.table('Visits').values()].map((v) => (v['Lead_Name'] as { id: string }).id),
    );
    const lists = () =>
      server.requests.filter((r) => r.path.includes('/Visits_Zoho_Livedesk?')).length;
    const first = await runSync(db, zohoSourceFor(server), { visitLists: ONLY_CHANGED });
    expect(first.visitLists?.people).toBe(3);
    expect(lists()).toBe(3);
    // The newest last visit first: the first run has the latest visitor's visits.
    const latest = [...server.data.table('Leads').values()]
      .filter((l) => typeof l['Last_Visited_Time'] === 'string')
      .sort(
        (a, b) =>
          Date.parse(String(b['Last_Visited_Time'])) - Date.parse(String(a['Last_Visited_Time'])),
      )[0];
    expect(
      count(env(), `select count(*) from visits where person_id = '${latest?.id}'`),
    ).toBeGreaterThan(0);
    for (let run = 0; run < visitors.size; run++)
      await runSync(db, zohoSourceFor(server), { visitLists: ONLY_CHANGED });
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    const done = lists();
    expect(done).toBe(visitors.size);

    // A new visit moves the person's last visit: the next run reads that one list only.
    const lead = server.data.table('Leads').get([...visitors][0] ?? '');
    const at = server.data.clock + 60_000;
    const fresh = server.data.insert('Visits', {
      Name: 'Visit again',
      Lead_Name: { id: lead?.id, name: lead?.['Last_Name'] },
      Visited_Time: new Date(at).toISOString(),
      Time_Spent: 4,
      Referrer: 'https://duckduckgo.com/',
      Search_Engine: 'DuckDuckGo',
    });
    server.data.modify('Leads', lead?.id ?? '', { Last_Visited_Time: new Date(at).toISOString() });
    const next = await runSync(db, zohoSourceFor(server), { visitLists: ONLY_CHANGED });
    expect(lists()).toBe(done + 1);
    expect(next.modules.Visits?.upserted).toBe(1);
    expect(
      rawHandle(db).prepare('select search_engine from visits where id = ?').pluck().get(fresh.id),
    ).toBe('DuckDuckGo');
  });

  it('records a person whose list cannot be read and goes on with the rest of the sync', async () => {
    const { db, server } = env();
    server.inject('server-error', { path: /Visits_Zoho_Livedesk$/, times: 1_000 });
    const summary = await runSync(db, zohoSourceFor(server));
    expect(summary.visitLists?.failed).toMatch(/Giving up/);
    expect(summary.modules.Leads?.upserted).toBe(25);
    expect(summary.outbox).toEqual({ pushed: 0, failed: 0 });
    server.clearFaults();
    const again = await runSync(db, zohoSourceFor(server), { visitLists: { peoplePerRun: 100 } });
    expect(again.visitLists?.failed).toBeNull();
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
  });
});

describe('a visitor whose visits list always fails', () => {
  const env = withOrg(() => buildOrganisation(32, {}, { salesIq: 'related-list' }));
  const HOUR = 3_600_000;

  it('does not hold up the others: they are stored, the person is asked again on schedule, and stored once when the CRM recovers', async () => {
    const { db, server } = env();
    const sync = () =>
      runSync(db, zohoSourceFor(server), {
        now: () => server.data.clock,
        // The retry list alone: the sweep (below) reads the others again besides.
        visitLists: { peoplePerRun: 100, sweepPerRun: 0 },
      });
    const visitsOf = (personId: string): string[] =>
      [...server.data.table('Visits').values()]
        .filter((v) => (v['Lead_Name'] as { id: string }).id === personId)
        .map((v) => v.id)
        .sort();
    const stored = (personId: string): string[] =>
      rawHandle(db)
        .prepare('select id from visits where person_id = ? order by id')
        .pluck()
        .all(personId) as string[];
    // The latest visitor comes first in the pass: before, nobody after them was read.
    const visitors = [...server.data.table('Leads').values()]
      .filter((l) => typeof l['Last_Visited_Time'] === 'string')
      .sort(
        (a, b) =>
          Date.parse(String(b['Last_Visited_Time'])) - Date.parse(String(a['Last_Visited_Time'])),
      );
    const stuck = visitors[0]?.id ?? '';
    const others = visitors.slice(1).map((l) => l.id);
    expect(visitsOf(stuck).length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(2);
    server.inject('server-error', {
      path: new RegExp(`/${stuck}/Visits_Zoho_Livedesk$`),
      times: 1_000,
    });
    const asked = (): number =>
      server.requests.filter((r) => r.path.includes(`/${stuck}/Visits_Zoho_Livedesk?`)).length;

    const first = await sync();
    expect(first.visitLists).toMatchObject({ people: others.length, retrying: 1 });
    expect(first.visitLists?.failed).toMatch(new RegExp(`^${stuck}: .*500`));
    for (const id of others) expect(stored(id)).toEqual(visitsOf(id));
    expect(stored(stuck)).toEqual([]);

    // The next run asks again; failed twice, the person then waits an hour, then four.
    let before = asked();
    const second = await sync();
    expect(asked()).toBeGreaterThan(before);
    expect(second.visitLists).toMatchObject({ people: 0, retrying: 1 });
    expect(second.visitLists?.failed).toMatch(new RegExp(`^${stuck}: `));
    before = asked();
    server.data.clock += HOUR - 60_000;
    const third = await sync();
    expect(asked()).toBe(before);
    expect(third.visitLists).toMatchObject({ failed: null, retrying: 1 });
    server.data.clock += 60_000;
    await sync();
    expect(asked()).toBeGreaterThan(before);
    before = asked();
    server.data.clock += 2 * HOUR;
    await sync();
    expect(asked()).toBe(before);

    // The CRM recovers: the run after the wait stores the person's visits, once.
    server.clearFaults();
    server.data.clock += 2 * HOUR;
    const recovered = await sync();
    expect(recovered.visitLists).toMatchObject({ people: 1, failed: null, retrying: 0 });
    expect(recovered.modules.Visits?.upserted).toBe(visitsOf(stuck).length);
    expect(stored(stuck)).toEqual(visitsOf(stuck));
    const after = await sync();
    expect(after.visitLists).toMatchObject({ people: 0, retrying: 0 });
    expect(after.modules.Visits?.upserted).toBe(0);
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
  });
});

describe('a visitor given up by the retry list', () => {
  const env = withOrg(() => buildOrganisation(32, {}, { salesIq: 'related-list' }));
  const HOUR = 3_600_000;

  it('is read by the sweep once the CRM answers again, though they never visit again', async () => {
    const { db, server } = env();
    const sync = () =>
      runSync(db, zohoSourceFor(server), {
        now: () => server.data.clock,
        visitLists: { peoplePerRun: 100 },
      });
    const latest = [...server.data.table('Leads').values()]
      .filter((l) => typeof l['Last_Visited_Time'] === 'string')
      .sort(
        (a, b) =>
          Date.parse(String(b['Last_Visited_Time'])) - Date.parse(String(a['Last_Visited_Time'])),
      )[0];
    const stuck = latest?.id ?? '';
    const theirs = [...server.data.table('Visits').values()]
      .filter((v) => (v['Lead_Name'] as { id: string }).id === stuck)
      .map((v) => v.id)
      .sort();
    const stored = (): string[] =>
      rawHandle(db)
        .prepare('select id from visits where person_id = ? order by id')
        .pluck()
        .all(stuck) as string[];
    expect(theirs.length).toBeGreaterThan(0);
    server.inject('server-error', {
      path: new RegExp(`/${stuck}/Visits_Zoho_Livedesk$`),
      times: 1_000,
    });
    // Five failed tries over a day (the next run, then 1, 4 and 16 hours on): given up.
    let retrying = 1;
    for (let run = 0; run < 8 && retrying > 0; run++) {
      retrying = (await sync()).visitLists?.retrying ?? 0;
      server.data.clock += 17 * HOUR;
    }
    expect(retrying).toBe(0);
    expect(stored()).toEqual([]);

    // The CRM answers again; the person's last visit does not move.
    server.clearFaults();
    for (let run = 0; run < 12 && stored().length === 0; run++) {
      await sync();
      server.data.clock += 5 * 60_000;
    }
    expect(stored()).toEqual(theirs);
  });
});

describe('a field the organisation lacks', () => {
  const env = withOrg(() => {
    const data = buildOrganisation(33);
    data.removeField('Leads', 'Visitor_Score');
    data.removeField('Deals', 'Currency');
    return data;
  });

  it('is not asked for, is reported, and the records sync without it', async () => {
    const { db, server } = env();
    const summary = await runSync(db, zohoSourceFor(server));
    expect(summary.missing).toEqual({
      modules: [],
      fields: { Leads: ['Visitor_Score'], Deals: ['Currency'] },
    });
    for (const path of listings(env(), 'Leads').filter((p) => p.includes('fields=')))
      expect(fieldsAsked(path)).not.toContain('Visitor_Score');
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    expect(count(env(), 'select count(*) from people where visitor_score is not null')).toBe(0);
    expect(count(env(), 'select count(*) from people where days_visited is not null')).toBe(25);
  });
});

describe('an organisation that changes after its metadata was read', () => {
  const env = withOrg(() => buildOrganisation(34));

  it('skips a module Zoho now refuses with a note, and reads the metadata again next run', async () => {
    const { db, server } = env();
    const start = Date.now();
    await runSync(db, zohoSourceFor(server), { now: () => start });
    server.data.removeModule('Cases');
    server.data.removeField('Deals', 'Amount');
    const dealId = [...server.data.table('Deals').keys()][0] ?? '';
    server.data.modify('Deals', dealId, { Stage: 'Closed Won' });
    const metadataBefore = metadataRequests(env()).length;

    const stale = await runSync(db, zohoSourceFor(server), { now: () => start + 60_000 });
    expect(metadataRequests(env()).length).toBe(metadataBefore);
    expect(stale.notes.join('\n')).toMatch(/Cases skipped: Zoho refused it .*INVALID_MODULE/);
    expect(stale.notes.join('\n')).toMatch(/Deals skipped: .*INVALID_DATA/);
    expect(stale.modules.Leads).toBeDefined();

    const fresh = await runSync(db, zohoSourceFor(server), { now: () => start + 120_000 });
    expect(metadataRequests(env()).length).toBeGreaterThan(metadataBefore);
    expect(fresh.notes).toEqual([]);
    expect(fresh.missing).toEqual({ modules: ['Cases'], fields: { Deals: ['Amount'] } });
    expect(fresh.modules.Deals?.upserted).toBe(1);
    expect(rawHandle(db).prepare('select status from deals where id = ?').pluck().get(dealId)).toBe(
      'won',
    );
  });

  it('goes on without a module, or its deleted records, that the signed-in user may not read', async () => {
    const { db, server } = env();
    // A profile without Cases, and without the recycle bin of Deals (403 NO_PERMISSION).
    server.inject('no-permission', { path: /^\/crm\/v8\/Cases$/, times: 1_000 });
    server.inject('no-permission', { path: /^\/crm\/v8\/Deals\/deleted$/, times: 1_000 });
    const summary = await runSync(db, zohoSourceFor(server));
    const notes = summary.notes.join('\n');
    expect(notes).toMatch(/Cases skipped: .*may not read Cases .*NO_PERMISSION/);
    expect(notes).toMatch(/Deals: records deleted in Zoho are not removed here: .*NO_PERMISSION/);
    expect(summary.modules.Deals?.upserted).toBe(server.data.table('Deals').size);
    expect(summary.modules.Leads?.upserted).toBe(server.data.table('Leads').size);
    expect(rawHandle(db).prepare('select count(*) from deals').pluck().get()).toBe(
      server.data.table('Deals').size,
    );
    // Not a change in the organisation: its modules and fields are not read again for it, and
    // the first sync is over (no run relearns everyone or shows first-sync progress for it).
    const metadataBefore = metadataRequests(env()).length;
    expect(firstSyncPending(db, ['Leads', 'Contacts', 'Deals', 'Cases'])).toBe(false);
    await runSync(db, zohoSourceFor(server));
    expect(metadataRequests(env()).length).toBe(metadataBefore);
    // Allowed again: Cases is read, as a first pull, the next run.
    server.clearFaults();
    const allowed = await runSync(db, zohoSourceFor(server));
    expect(allowed.modules.Cases?.upserted).toBe(server.data.table('Cases').size);
    expect(allowed.notes).toEqual([]);
  });

  it('asks for everything, and says why, when Zoho will not describe the organisation', async () => {
    const { db, server } = env();
    server.data.settingsScope = false;
    const summary = await runSync(db, zohoSourceFor(server));
    expect(summary.missing).toBeNull();
    expect(summary.notes[0]).toMatch(
      /would not describe the organisation.*OAUTH_SCOPE_MISMATCH.*ZohoCRM\.settings\.READ/,
    );
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    // Business hours are a setting too: without them a first sync plans around the clock.
    expect(summary.notes[1]).toMatch(/^Business hours: .*lacks the ZohoCRM\.settings\.READ scope/);
    expect(storedHours(env()).days).toEqual(Array.from({ length: 7 }, () => [[0, 1440]]));
  });

  it('keeps the business hours read before when a later sign-in may not read them', async () => {
    const { db, server } = env();
    await runSync(db, zohoSourceFor(server));
    const before = storedHours(env());
    expect(before.days[0]).toEqual([[540, 1080]]);
    server.data.settingsScope = false;
    server.data.businessHours = { type: '24*7' };

    const summary = await runSync(db, zohoSourceFor(server));

    expect(storedHours(env())).toEqual(before);
    const said = summary.notes.filter((n) => n.startsWith('Business hours:'));
    expect(said).toEqual([expect.stringContaining('hours read before are kept')]);
    // The rest of the run is as it would be (the metadata kept a day answers for the modules).
    expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
  });

  it('says the hours read before are kept, not that there are none, when an answer has another shape', async () => {
    const { db, server } = env();
    await runSync(db, zohoSourceFor(server));
    const before = storedHours(env());
    expect(before.days[0]).toEqual([[540, 1080]]);
    server.inject('wrong-shape', { path: /^\/crm\/v8\/settings\/business_hours$/ });

    const summary = await runSync(db, zohoSourceFor(server));

    expect(storedHours(env())).toEqual(before);
    expect(summary.notes).toEqual([
      'Business hours: Zoho answered the business hours with no business_hours setting: {"data":{},"info":{}}; the hours read before are kept; until some are read, every hour counts as open',
    ]);
  });

  it('says every hour counts as open until some are read, when a first sync cannot read them', async () => {
    const { db, server } = env();
    server.inject('wrong-shape', { path: /^\/crm\/v8\/settings\/business_hours$/ });
    const summary = await runSync(db, zohoSourceFor(server));
    expect(storedHours(env()).days).toEqual(Array.from({ length: 7 }, () => [[0, 1440]]));
    expect(summary.notes).toEqual([
      expect.stringMatching(/; until some are read, every hour counts as open$/),
    ]);
  });

  it('reads business hours of the type as Zoho v8 spells it (24_by_5: whole business days)', async () => {
    const { db, server } = env();
    server.data.businessHours = { ...server.data.businessHours, type: '24_by_5' };
    await runSync(db, zohoSourceFor(server));
    expect(storedHours(env()).days).toEqual([
      ...Array.from({ length: 5 }, () => [[0, 1440]]),
      [],
      [],
    ]);
  });

  it.each([
    [
      'business_days that is not a list',
      { business_days: 'Monday' },
      /business_days that is not a list of days/,
    ],
    ['no setting at all', null, /no business_hours setting/],
  ])(
    'names business hours answered with %s, keeps the hours read before, and syncs',
    async (_, patch, named) => {
      const { db, server } = env();
      await runSync(db, zohoSourceFor(server));
      const before = storedHours(env());
      const setting = server.data.businessHours;
      server.data.businessHours = patch ? { ...setting, ...patch } : null;
      if (!patch) server.inject('empty-200', { path: /^\/crm\/v8\/settings\/business_hours$/ });

      const summary = await runSync(db, zohoSourceFor(server));

      expect(storedHours(env())).toEqual(before);
      expect(summary.notes).toEqual([expect.stringMatching(named)]);
      expect(summary.notes[0]).toMatch(/^Business hours: Zoho answered the business hours with /);
      expect(summary.notes[0]).not.toMatch(/TypeError|is not a function/);
      expect(localSnapshot(db)).toEqual(serverSnapshot(server.data));
    },
  );
});

describe('metadata Zoho fails to give', () => {
  const env = withOrg(() => buildOrganisation(35, {}, { salesIq: 'related-list' }));
  const casesFields = { path: /^\/crm\/v8\/settings\/fields$/, query: /module=Cases/ };

  it('uses the metadata read before, and says so, when a module’s fields fail after the retries', async () => {
    const { db, server } = env();
    const start = Date.now();
    const first = await runSync(db, zohoSourceFor(server), { now: () => start });
    server.inject('server-error', { ...casesFields, times: 1_000 });

    const stale = await runSync(db, zohoSourceFor(server), { now: () => start + DAY + 1 });

    expect(stale.notes).toEqual([
      expect.stringMatching(
        /did not describe the organisation this time .*500.*; the modules and fields it described before are used$/,
      ),
    ]);
    expect(stale.missing).toEqual(first.missing);
    expect(stale.visitsFrom).toBe('related-list');
    expect(stale.modules.Cases).toBeDefined();
    expect(count(env(), 'select count(*) from visits')).toBeGreaterThan(0);
    // The kept copy stays as old as it was: the next run reads the organisation again.
    server.clearFaults();
    const before = metadataRequests(env()).length;
    const next = await runSync(db, zohoSourceFor(server), { now: () => start + DAY + 2 });
    expect(next.notes).toEqual([]);
    expect(metadataRequests(env()).length).toBeGreaterThan(before);
  });

  it('syncs a first time, asking for every module, when a module’s fields fail after the retries', async () => {
    const { db, server } = env();
    server.inject('server-error', { ...casesFields, times: 1_000 });

    const summary = await runSync(db, zohoSourceFor(server));

    expect(summary.missing).toBeNull();
    expect(summary.notes[0]).toMatch(/this time .*; every module is asked for$/);
    // Cases' fields unknown is not Cases absent: its records are read, every field asked for.
    expect(summary.modules.Cases?.upserted).toBe(server.data.table('Cases').size);
    expect(summary.modules.Leads?.upserted).toBe(server.data.table('Leads').size);
  });

  it.each([
    ['modules that are not a list', /^\/crm\/v8\/settings\/modules$/, { modules: {} }, 'modules'],
    ['a module that is null', /^\/crm\/v8\/settings\/modules$/, { modules: [null] }, 'modules'],
    [
      'related lists that are not a list',
      /^\/crm\/v8\/settings\/related_lists$/,
      { related_lists: { api_name: 'Visits_Zoho_Livedesk' } },
      'related_lists',
    ],
    ['a field that is null', /^\/crm\/v8\/settings\/fields$/, { fields: [null] }, 'fields'],
  ])('names metadata answered with %s and syncs on', async (_, path, body, key) => {
    const { db, server } = env();
    server.inject('body-200', { path, body });

    const summary = await runSync(db, zohoSourceFor(server));

    expect(summary.notes[0]).toMatch(
      new RegExp(
        `^Zoho did not describe the organisation this time \\(Zoho answered .* with 200 but no list of ${key}: `,
      ),
    );
    expect(summary.notes.join('\n')).not.toMatch(/TypeError|is not a function|of null/);
    expect(summary.modules.Leads?.upserted).toBe(server.data.table('Leads').size);
  });
});
