import { describe, expect, it } from 'vitest';
import { buildOrganisation, userFactory } from '../crm-server/crmFactories';
import { licenceDetails } from '../crm-server/crmDataSet';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { createCore } from '../../src/main/core/createCore';
import { openDatabase, type Db } from '../../src/main/db/openDatabase';
import { WINDOWS_LEARNED_AT } from '../../src/main/db/clearOrganisationData';
import { UNREAD_MODULES_SETTING } from '../../src/main/db/repos/organisation';
import { putSetting } from '../../src/main/db/repos/settings';
import { readSetting } from '../../src/main/settings/settingsStore';
import { storedRunCosts } from '../../src/main/sync/measuredRunCosts';
import {
  DEFAULT_SCHEDULE,
  SyncRunner,
  type SyncRunnerOptions,
} from '../../src/main/sync/syncRunner';
import { storedUnread } from '../../src/main/sync/unreadModules';
import type { SyncStatus } from '../../src/shared/contract';
import {
  apiRequests,
  runOnSchedule,
  type ScheduleDrive,
  type ScheduledRun,
} from '../fixtures/scheduledRuns';

// A module Zoho fails to give on every attempt (a 500 each time) while the rest syncs: the app
// goes on with everything else and says which module is missing. The runs after it must stay
// within the daily credit budget and not relearn the whole organisation each time, even while
// that module has never been read (its first sync is not over).

let env: SyncTestEnv;
eachTestSyncEnv(
  'cw-standing-fault-',
  () => buildOrganisation(5, { leads: 50 }),
  (e) => (env = e),
);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const START = Date.UTC(2026, 2, 29, 0, 30);

/** Zoho answers every request of the module's listing 500, however often it is asked. */
const breakModule = (module: string): void =>
  env.server.inject('server-error', { path: new RegExp(`/crm/v8/${module}$`), times: 100_000 });

/**
 * The app's runner on its default schedule, the clock going on to each next run the schedule
 * (stretched or paused by the credit budget) sets, until `until` says so of a run; `after` sees
 * each run as it ends. `settled`: the status once the last run's cost is measured.
 */
const onSchedule = (
  until: ScheduleDrive['until'],
  after: (run: ScheduledRun) => void = () => undefined,
): Promise<{ runs: ScheduledRun[]; settled: SyncStatus }> =>
  runOnSchedule(env, { start: START, clock: 'next-run', until, after });

/** The app's runner, its runs started by hand ("Sync now") at the clock's time. */
const runnerAt = (
  clock: { now: number },
  db: Db = env.db,
  options: SyncRunnerOptions = {},
): SyncRunner =>
  new SyncRunner(
    createCore(db, () => clock.now),
    zohoSourceFor(env.server),
    DEFAULT_SCHEDULE,
    { countsRequests: true, ...options },
  );

/** The app started again on the same file (a new connection to it) at the clock's time. */
async function restarted(
  clock: { now: number },
  use: (runner: SyncRunner) => Promise<void>,
  options: SyncRunnerOptions = {},
): Promise<void> {
  const reopened = await openDatabase(env.db.path);
  const runner = runnerAt(clock, reopened, options);
  try {
    await use(runner);
  } finally {
    await runner.stop();
    await reopened.close();
  }
}

/** When the best times were last relearned for everyone. */
const learnedAt = (): number | null => readSetting<number>(env.db, WINDOWS_LEARNED_AT);

/** Whatever 24 hours one looks at, the most the app asked for in them. */
const busiestDay = (runs: readonly ScheduledRun[]): number =>
  Math.max(
    ...runs.map((run) =>
      runs
        .filter((r) => r.minute > run.minute - 24 * 60 && r.minute <= run.minute)
        .reduce((n, r) => n + apiRequests(r), 0),
    ),
  );

describe('a first sync that Zoho keeps failing to give one module', () => {
  it('still shows later runs as the first sync, but holds them to the credit budget', async () => {
    // The free edition's 5,000 credits, half of them over the organisation's 4 active users.
    env.server.data.org.license_details = licenceDetails('free', 4);
    breakModule('Deals');
    const { runs } = await onSchedule((run) => run.minute >= 26 * 60);

    for (const run of runs)
      expect(run.end.unread).toEqual([{ module: 'Deals', reason: expect.any(String) }]);
    // Deals were never read: Settings goes on showing the first sync, with its share synced.
    expect(runs.every((r) => r.first)).toBe(true);
    expect(runs.at(-1)?.minute).toBeGreaterThanOrEqual(26 * 60);
    // Before: each run counted every module's records again, went unmeasured and was never held
    // back, 900 requests in a day of a 625 share.
    expect(busiestDay(runs)).toBeLessThanOrEqual(625);
  });

  it('relearns everyone once, then only the people each run touched', async () => {
    const clock = { now: START };
    const runner = runnerAt(clock);
    breakModule('Deals');
    try {
      await runner.syncNow();
      expect(runner.current().unread).toEqual([{ module: 'Deals', reason: expect.any(String) }]);
      expect(learnedAt()).toBe(START);

      // A contact changes in Zoho: the next run touches them, Deals still failing.
      const contact = [...env.server.data.table('Contacts').values()][0];
      env.server.data.tick();
      env.server.data.modify('Contacts', contact?.id ?? '', { Last_Name: 'Changed' });
      clock.now += 10 * MINUTE;
      await runner.syncNow();
      expect(runner.current().unread).toEqual([{ module: 'Deals', reason: expect.any(String) }]);
      // Before: every run relearned the whole organisation for as long as Deals failed.
      expect(learnedAt()).toBe(START);
    } finally {
      await runner.stop();
    }
  });
});

describe('a module Zoho gives again after failing the first sync', () => {
  it('is read by a run that relearns everyone, as the first sync would have', async () => {
    const clock = { now: START };
    const runner = runnerAt(clock);
    // The calls: everyone's windows and the organisation's priors were learned without them.
    breakModule('Calls');
    try {
      await runner.syncNow();
      expect(runner.current().unread).toHaveLength(1);
      env.server.clearFaults();
      clock.now += 10 * MINUTE;
      await runner.syncNow();
      expect(runner.current().unread).toEqual([]);
      // Before: only the people the run touched were relearned, against priors without calls.
      expect(learnedAt()).toBe(clock.now);
    } finally {
      await runner.stop();
    }
  });

  it('is not measured as a scheduled run: its first pull would pause the schedule for days', async () => {
    env.server.data.org.license_details = licenceDetails('free', 4);
    breakModule('Deals');
    const { runs, settled } = await onSchedule(
      (_run, all) => all.length >= 2,
      (run) => {
        if (run.minute === 0) env.server.clearFaults();
      },
    );
    expect(runs[0]?.end.unread).toHaveLength(1);
    expect(runs[1]?.end.unread).toEqual([]);
    // Before: the run that read all of Deals was measured as what every records run costs.
    expect(settled.credits?.budget?.recordsMinutes).toBe(86);
  });
});

describe('the credit budget’s measure of a run', () => {
  // The free edition's 5,000 credits over 4 active users: 625 a day. Unmeasured (37 requests a
  // records run) that is a run of records and visits every 86 minutes.
  const UNMEASURED_MINUTES = 86;

  it('counts the runs a standing module failure is in: their retries stretch the schedule', async () => {
    env.server.data.org.license_details = licenceDetails('free', 4);
    const { runs, settled } = await onSchedule(
      (_run, all) => all.length >= 5,
      (run) => {
        // The first sync is whole; from then on Zoho fails the activities and deals each time.
        if (run.minute === 0) for (const m of ['Deals', 'Calls', 'Events', 'Tasks']) breakModule(m);
      },
    );
    const scheduled = runs.slice(1);
    expect(scheduled.every((r) => r.end.unread.length === 4)).toBe(true);
    // Each failed listing is asked 6 times: dearer than a run without (37 requests, the hourly
    // settings included: every run is over an hour after the last here).
    const costs = scheduled.map(apiRequests);
    expect(costs.every((n) => n > 37)).toBe(true);
    // A run of records and visits each N minutes, N × 625 ≥ a day's 1,440 minutes × its cost.
    const mean = costs.reduce((a, b) => a + b, 0) / costs.length;
    const minutes = settled.credits?.budget?.recordsMinutes ?? 0;
    expect(minutes).toBe(Math.ceil((24 * 60 * mean) / 625));
    // Before: the runs a module failed in were not measured, and the schedule kept to the guess.
    expect(minutes).toBeGreaterThan(UNMEASURED_MINUTES);
  });

  it('keeps what the runs cost for the next start of the app', async () => {
    env.server.data.org.license_details = licenceDetails('free', 4);
    const { settled } = await onSchedule((_run, all) => all.length >= 4);
    const budget = settled.credits?.budget;
    // The first records run after a first sync reads its people's emails: dearer than the guess.
    expect(budget?.recordsMinutes).toBeGreaterThan(UNMEASURED_MINUTES);

    // The app starts again on the same file, before any run.
    const reopened = await openDatabase(env.db.path);
    try {
      const runner = new SyncRunner(
        createCore(reopened, () => START + 12 * HOUR),
        zohoSourceFor(env.server),
        DEFAULT_SCHEDULE,
        { countsRequests: true },
      );
      // Before: the guess's 86 minutes until the runs were measured again.
      expect(runner.current().credits?.budget?.recordsMinutes).toBe(budget?.recordsMinutes);
      await runner.stop();
    } finally {
      await reopened.close();
    }
  });
});

describe('a module Zoho failed to give in the first sync, after the app starts again', () => {
  /**
   * The first sync, Zoho failing Deals, by a start of the app that then quits: the status Settings
   * showed last.
   */
  async function firstSyncWithoutDeals(clock: { now: number }): Promise<SyncStatus> {
    breakModule('Deals');
    const runner = runnerAt(clock);
    await runner.syncNow();
    await runner.stop();
    expect(runner.current().unread).toEqual([{ module: 'Deals', reason: expect.any(String) }]);
    expect(learnedAt()).toBe(clock.now);
    return structuredClone(runner.current());
  }

  /** A contact changes in Zoho: the next run touches them. */
  function changeAContact(): void {
    const contact = [...env.server.data.table('Contacts').values()][0];
    env.server.data.tick();
    env.server.data.modify('Contacts', contact?.id ?? '', { Last_Name: 'Changed' });
  }

  it('is still shown as the first sync, and its runs relearn only the people they touched', async () => {
    const clock = { now: START };
    await firstSyncWithoutDeals(clock);
    changeAContact();
    clock.now += 10 * MINUTE;
    await restarted(clock, async (runner) => {
      expect(runner.current().first).toBe(true);
      await runner.syncNow();
      expect(runner.current().unread).toEqual([{ module: 'Deals', reason: expect.any(String) }]);
    });
    // Before: the app forgot Deals had failed, and the run relearned everyone as a first sync.
    expect(learnedAt()).toBe(START);
  });

  it('is still told in Settings as soon as the app starts, in the words it was told before', async () => {
    const clock = { now: START };
    const before = await firstSyncWithoutDeals(clock);
    expect(before.lastError).toMatch(
      /^Zoho CRM's servers kept failing when asked for Deals: .+ Everything else synced/,
    );
    clock.now += 10 * MINUTE;
    await restarted(clock, async (runner) => {
      // Before: "idle" with no error and no module named until the first run here ended.
      const shown = runner.current();
      expect(shown.state).toBe('error');
      expect(shown.unread).toEqual(before.unread);
      expect(shown.lastError).toBe(before.lastError);
      expect(shown.errorDetail).toBe(before.errorDetail);
      expect(shown.errorDetail).toMatch(/answered 500/);
      expect(shown.lastSyncedAt).toBe(before.lastSyncedAt);

      // A run that still cannot read Deals says the same; the run that reads them clears it.
      await runner.syncNow();
      expect(runner.current().lastError).toBe(before.lastError);
      env.server.clearFaults();
      clock.now += 10 * MINUTE;
      await runner.syncNow();
      expect(runner.current()).toMatchObject({ state: 'idle', unread: [], lastError: null });
    });
  });

  it('holds its scheduled runs to the credit budget', async () => {
    // The free edition's 5,000 credits over 100 active users: a share of 25 a day, which the
    // first sync's requests (Deals asked six times among them) spent.
    const boss = env.server.data.users[0] ?? null;
    for (let n = env.server.data.users.length; n < 100; n++)
      env.server.data.users.push(userFactory(`u-extra-${n}`, `Rep ${n}`, boss));
    env.server.data.org.license_details = licenceDetails('free', 100);
    const clock = { now: START };
    await firstSyncWithoutDeals(clock);
    clock.now += 10 * MINUTE;
    let told: (status: SyncStatus) => void = () => undefined;
    const firstTold = new Promise<SyncStatus>((resolve) => (told = resolve));
    await restarted(
      clock,
      async (runner) => {
        runner.start();
        const status = await firstTold;
        // Before: the run due at the start went ahead, unbudgeted, as a first sync's.
        expect(status.state).not.toBe('syncing');
        expect(status.credits?.budget?.share).toBe(25);
        expect(status.credits?.budget?.pausedUntil).toBeGreaterThan(clock.now);
      },
      { onStatus: (status) => told(structuredClone(status)) },
    );
  });

  it('measures its scheduled runs for the credit budget', async () => {
    const clock = { now: START };
    await firstSyncWithoutDeals(clock);
    expect(storedRunCosts(env.db).records).toEqual([]);
    clock.now += 10 * MINUTE;
    let syncing: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (syncing = resolve));
    await restarted(
      clock,
      async (runner) => {
        runner.start();
        await started;
        // The scheduled run going on: Sync now waits for it.
        await runner.syncNow();
        expect(runner.current().unread).toEqual([{ module: 'Deals', reason: expect.any(String) }]);
      },
      {
        onStatus: (status) => {
          if (status.state === 'syncing') syncing();
        },
      },
    );
    // Before: the run after a restart was a first sync's in full, and not measured.
    expect(storedRunCosts(env.db).records).toHaveLength(1);
  });

  it('is forgotten when what the app kept of it is damaged: the next run relearns everyone', async () => {
    for (const damaged of [
      '{"Deals": ',
      'null',
      '"Deals"',
      '[["Deals","x"]]',
      '{"Deals":5}',
      '{"Nope":"x"}',
    ]) {
      putSetting(env.db, UNREAD_MODULES_SETTING, damaged);
      expect(storedUnread(env.db)).toEqual(new Map());
    }
    const clock = { now: START };
    await firstSyncWithoutDeals(clock);
    putSetting(env.db, UNREAD_MODULES_SETTING, '{"Deals": ');
    changeAContact();
    clock.now += 10 * MINUTE;
    await restarted(clock, async (runner) => {
      expect(runner.current().state).toBe('idle');
      await runner.syncNow();
      expect(runner.current().unread).toEqual([{ module: 'Deals', reason: expect.any(String) }]);
    });
    // Relearned everyone, as a first sync's run: the safe side of not knowing.
    expect(learnedAt()).toBe(clock.now);
  });
});
