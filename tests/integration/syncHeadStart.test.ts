import { describe, expect, it } from 'vitest';
import { buildOrganisation, HEAD_START_ORG } from '../crm-server/crmFactories';
import type { CrmDataSet, ZRecord } from '../crm-server/crmDataSet';
import {
  eachTestSyncEnv,
  localSnapshot,
  serverSnapshot,
  zohoSourceFor,
  type SyncTestEnv,
} from '../crm-server/syncHarness';
import { createCore } from '../../src/main/core/createCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { runSync, type SyncProgress } from '../../src/main/sync/syncEngine';
import { DEFAULT_SCHEDULE, SyncRunner } from '../../src/main/sync/syncRunner';
import type { Planner, SyncStatus } from '../../src/shared/contract';

const DAY = 86_400_000;
const REP = 'u2';

function largeOrganisation(): CrmDataSet {
  const data = buildOrganisation(11, HEAD_START_ORG);
  data.currentUserId = REP;
  return data;
}

const idOf = (v: unknown): string | undefined => (v as { id?: string } | null | undefined)?.id;
const ownerOf = (r: ZRecord): string | undefined => idOf(r['Owner']);
const records = (data: CrmDataSet, module: string): ZRecord[] => [
  ...(data.modules.get(module)?.values() ?? []),
];

/** The rep's leads and contacts, by id. */
function repPeople(data: CrmDataSet): Set<string> {
  return new Set(
    ['Leads', 'Contacts'].flatMap((m) =>
      records(data, m)
        .filter((r) => ownerOf(r) === REP)
        .map((r) => r.id),
    ),
  );
}

/** The rep's deals with the rep's people. */
function repDeals(data: CrmDataSet): string[] {
  const people = repPeople(data);
  return records(data, 'Deals')
    .filter((r) => ownerOf(r) === REP && people.has(idOf(r['Contact_Name']) ?? ''))
    .map((r) => r.id);
}

/** The activities the head start is to store: the rep's, about the rep's people, since `from`. */
function repActivities(data: CrmDataSet, from: number): string[] {
  const people = repPeople(data);
  return ['Calls', 'Events', 'Tasks']
    .flatMap((m) => records(data, m))
    .filter(
      (r) =>
        ownerOf(r) === REP &&
        Date.parse(r.Modified_Time) >= from &&
        people.has(idOf(r['Who_Id']) ?? idOf(r['What_Id']) ?? ''),
    )
    .map((r) => r.id)
    .sort();
}

const count = (env: SyncTestEnv, sql: string): number =>
  rawHandle(env.db).prepare(sql).pluck().get() as number;
const searches = (env: SyncTestEnv): string[] =>
  env.server.requests.filter((r) => r.path.includes('/search?')).map((r) => r.path);

describe("a large first sync reads the signed-in rep's own people first", () => {
  let env: SyncTestEnv;
  eachTestSyncEnv('cw-headstart-', largeOrganisation, (e) => (env = e));

  it("has the rep's plan while most of the organisation is still on its way, and ends with exactly the server's records", async () => {
    env.server.apiDelayMs = 40;
    // Within a day of the records' modification (the listing then asks the table what it counted)
    // and on a Monday within business hours, so the plan has windows to show.
    const now = env.server.data.clock + 60_000;
    const core = createCore(env.db, () => now);
    const serverRecords = serverSnapshot(env.server.data).length;
    interface AtPlanReady {
      status: SyncStatus;
      afterMs: number;
      people: number;
      repPeopleStored: number;
      repDealsStored: number;
      activities: number;
      foreignActivities: number;
      windows: number;
      planner: Promise<Planner>;
    }
    const captured: { at: AtPlanReady | null } = { at: null };
    const statuses: SyncStatus[] = [];
    const wanted = repPeople(env.server.data);
    const runner = new SyncRunner(core, zohoSourceFor(env.server), DEFAULT_SCHEDULE, {
      countsRequests: true,
      onStatus: (status) => {
        statuses.push(status);
        if (!status.planReady || captured.at) return;
        captured.at = {
          // Its module entries change in place as the sync goes on.
          status: structuredClone(status),
          afterMs: performance.now() - started,
          people: count(env, 'select count(*) from people'),
          repPeopleStored: count(
            env,
            `select count(*) from people where id in (select value from json_each('${JSON.stringify([...wanted])}'))`,
          ),
          repDealsStored: count(
            env,
            `select count(*) from deals where id in (select value from json_each('${JSON.stringify(repDeals(env.server.data))}'))`,
          ),
          activities: count(env, 'select count(*) from activities'),
          // Activities stored so far that are not the rep's, about people not the rep's.
          foreignActivities: count(
            env,
            `select count(*) from activities a join people p on p.id = a.person_id
             where a.owner_id is not '${REP}' or p.owner_id is not '${REP}'`,
          ),
          windows: count(
            env,
            `select count(*) from best_time_windows w join people p on p.id = w.person_id
             where p.owner_id = '${REP}'`,
          ),
          planner: core.handlers.getPlanner({ repId: REP }),
        };
      },
    });
    const started = performance.now();
    try {
      await runner.syncNow();
    } finally {
      await runner.stop();
    }
    const tookMs = performance.now() - started;

    const seen = captured.at;
    if (!seen) throw new Error('the plan was never said to be ready');
    expect(seen.status.state).toBe('syncing');
    expect(seen.status.first).toBe(true);
    // Every one of the rep's people is there, and their windows learned, before the sync ends.
    expect(seen.repPeopleStored).toBe(wanted.size);
    expect(seen.repDealsStored).toBe(repDeals(env.server.data).length);
    expect(seen.windows).toBeGreaterThan(0);
    const plan = await seen.planner;
    expect(plan.owned).toBe(wanted.size);
    expect(plan.rows.length).toBeGreaterThan(0);
    expect(plan.rows.every((r) => wanted.has(r.personId))).toBe(true);
    // Far from everything is there yet: the modules' listings have only begun.
    expect(seen.people + seen.activities).toBeLessThan(serverRecords / 2);
    expect(seen.status.modules.some((m) => !m.done)).toBe(true);
    expect(seen.status.shareSynced).toBeGreaterThan(0);
    expect(seen.status.shareSynced).toBeLessThan(0.5);
    console.info(
      `plan ready after ${Math.round(seen.afterMs)} ms of ${Math.round(tookMs)} ms (${env.server.apiDelayMs} ms a request), with ${seen.people} people and ${seen.activities} activities stored of ${serverRecords} records (${Math.floor((seen.status.shareSynced ?? 0) * 100)} % by the estimate); ${seen.foreignActivities} activities not the rep's by then`,
    );

    // The share only grows, and the plain status returns once the sync is over.
    const shares = statuses.map((s) => s.shareSynced).filter((s): s is number => s !== null);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(statuses.at(-1)).toMatchObject({
      state: 'idle',
      lastError: null,
      planReady: false,
      shareSynced: null,
    });
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });

  it('stores the rep’s people and their recent activity once, counts every record once, and has no head start the second time', async () => {
    const data = env.server.data;
    const now = data.clock + 60_000;
    // A call of the rep's, to one of the rep's people, last touched four months ago: not read
    // first (it comes with the full listing).
    const recent = repActivities(data, now - 90 * DAY);
    const template = records(data, 'Calls').find((r) => recent.includes(r.id));
    if (!template) throw new Error('the data set has no call of the rep to copy');
    const old = data.insert('Calls', { ...template, id: data.newId() }, now - 120 * DAY);
    expect(repActivities(data, now - 90 * DAY)).not.toContain(old.id);
    expect(repDeals(data).length).toBeGreaterThan(0);

    const phases: string[] = [];
    const first = await runSync(env.db, zohoSourceFor(env.server), {
      now: () => now,
      onProgress: (p: SyncProgress) => {
        if (p.module === 'plan' || p.phase === 'started') phases.push(`${p.module} ${p.phase}`);
      },
    });
    expect(first.headStart).toEqual({
      people: repPeople(data).size,
      activities: recent.length,
      deals: repDeals(data).length,
    });
    // The head start comes before any module's listing.
    expect(phases.slice(0, 2)).toEqual(['plan started', 'plan done']);
    // Searched by owner, and activities since 90 days before now.
    const asked = searches(env).map((p) => decodeURIComponent(p));
    expect(asked.some((p) => p.includes(`/Contacts/search?criteria=(Owner:equals:${REP})`))).toBe(
      true,
    );
    expect(
      asked
        .filter((p) => p.includes('/Calls/search?'))
        .every((p) =>
          p.includes(
            `((Owner:equals:${REP})and(Modified_Time:greater_equal:${new Date(now - 90 * DAY).toISOString().slice(0, 19)}+00:00))`,
          ),
        ),
    ).toBe(true);
    // The listings count every record once, those stored ahead of them included.
    expect(first.modules.Contacts?.upserted).toBe(records(data, 'Contacts').length);
    expect(first.modules.Leads?.upserted).toBe(records(data, 'Leads').length);
    expect(first.modules.Calls?.upserted).toBe(records(data, 'Calls').length);
    expect(first.modules.Deals?.upserted).toBe(records(data, 'Deals').length);
    expect(first.quarantineTotal).toBe(0);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(data));

    const before = searches(env).length;
    const second = await runSync(env.db, zohoSourceFor(env.server), { now: () => now + 60_000 });
    expect(second.headStart).toBeNull();
    expect(searches(env).length).toBe(before);
  });

  it('does the head start again after a sync stopped during it, and still ends with exactly the server’s records', async () => {
    const data = env.server.data;
    const now = data.clock + 60_000;
    const stop = new AbortController();
    // Stopped while the rep's people are being stored (a page of them is, by then).
    env.server.apiDelayMs = 30;
    env.server.beforeApiRequest = (path) => {
      if (path.includes('/Contacts/search') && path.includes('page=3')) stop.abort();
    };
    await expect(
      runSync(env.db, zohoSourceFor(env.server), { now: () => now, signal: stop.signal }),
    ).rejects.toThrow();
    env.server.beforeApiRequest = null;
    env.server.apiDelayMs = 0;
    expect(count(env, 'select count(*) from people')).toBeGreaterThan(0);
    expect(
      count(env, "select count(*) from sync_state where module in ('Contacts', 'Leads')"),
    ).toBe(0);

    const again = await runSync(env.db, zohoSourceFor(env.server), { now: () => now });
    expect(again.headStart).toEqual({
      people: repPeople(data).size,
      activities: repActivities(data, now - 90 * DAY).length,
      deals: repDeals(data).length,
    });
    expect(again.modules.Contacts?.upserted).toBe(records(data, 'Contacts').length);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(data));
  });

  it('goes on as the first sync after a run that failed part-way, until all of it is synced', async () => {
    // A clock that moves (a millisecond a look), so the runner can tell a pace.
    let now = env.server.data.clock + 60_000;
    const core = createCore(env.db, () => ++now);
    const statuses: SyncStatus[] = [];
    const runner = new SyncRunner(core, zohoSourceFor(env.server), DEFAULT_SCHEDULE, {
      countsRequests: true,
      onStatus: (status) => statuses.push(structuredClone(status)),
    });
    // The calls' listing fails (after the head start, and after other modules finished).
    env.server.inject('server-error', { path: /\/crm\/v8\/Calls$/, times: 1_000 });
    try {
      await runner.syncNow();
      expect(runner.current().state).toBe('error');
      const finished = count(
        env,
        `select count(*) from sync_state where module in ('Accounts', 'Contacts', 'Leads') and last_success_at is not null`,
      );
      expect(finished).toBe(3);
      env.server.clearFaults();
      const from = statuses.length;
      await runner.syncNow();
      const syncing = statuses.slice(from).filter((s) => s.state === 'syncing');
      expect(syncing.length).toBeGreaterThan(0);
      expect(syncing.every((s) => s.first)).toBe(true);
      expect(syncing.some((s) => s.etaMs !== null)).toBe(true);
      const shares = syncing.map((s) => s.shareSynced).filter((s): s is number => s !== null);
      expect(shares.length).toBeGreaterThan(0);
      expect(shares).toEqual([...shares].sort((a, b) => a - b));
      // The modules the failed run finished count whole; the rest, each record once, reach all.
      expect(shares.at(-1)).toBe(1);
      // Settings shows those modules done, with what they hold, from the resumed run's start:
      // never "0 of 1,500" while their changes since are read.
      for (const status of syncing)
        for (const module of ['Accounts', 'Contacts', 'Leads']) {
          const row = status.modules.find((m) => m.module === module);
          expect(row).toMatchObject({ done: true, running: false });
          if (row?.total !== null) expect(row?.stored).toBe(env.server.data.table(module).size);
        }
      const calls = syncing.at(-1)?.modules.find((m) => m.module === 'Calls');
      expect(calls?.stored).toBe(env.server.data.table('Calls').size);
      expect(runner.current()).toMatchObject({ state: 'idle', lastError: null, first: false });
      expect(runner.current().credits?.last24h).toBeGreaterThan(0);
    } finally {
      await runner.stop();
    }
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });

  it('goes on with the full sync, with a note, when Zoho will not search', async () => {
    env.server.inject('server-error', { path: /\/Leads\/search$/, times: 1_000 });
    const summary = await runSync(env.db, zohoSourceFor(env.server), {
      now: () => env.server.data.clock + 60_000,
    });
    expect(summary.headStart).toBeNull();
    expect(summary.notes).toEqual([
      expect.stringMatching(
        /^Your own people could not be read first \(.*\); your plan comes with the rest of the first sync$/,
      ),
    ]);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });

  it('says which scope is missing when the sign-in may not search', async () => {
    env.server.data.searchScope = false;
    const summary = await runSync(env.db, zohoSourceFor(env.server), {
      now: () => env.server.data.clock + 60_000,
    });
    expect(summary.headStart).toBeNull();
    expect(summary.notes.join('\n')).toMatch(/lacks the ZohoSearch\.securesearch\.READ scope/);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });
});

describe('a small first sync', () => {
  let env: SyncTestEnv;
  eachTestSyncEnv(
    'cw-headstart-small-',
    () => {
      const data = buildOrganisation(3, { contacts: 300, leads: 200, callsPerPerson: 2 });
      data.currentUserId = REP;
      return data;
    },
    (e) => (env = e),
  );

  it('has no head start: the whole sync is a few dozen requests', async () => {
    const summary = await runSync(env.db, zohoSourceFor(env.server));
    expect(summary.headStart).toBeNull();
    expect(searches(env)).toEqual([]);
    expect(localSnapshot(env.db)).toEqual(serverSnapshot(env.server.data));
  });
});
