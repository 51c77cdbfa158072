import { describe, expect, it } from 'vitest';
import { buildOrganisation, userFactory } from '../crm-server/crmFactories';
import { licenceDetails, type ZVariable } from '../crm-server/crmDataSet';
import { eachTestSyncEnv, zohoSourceFor, type SyncTestEnv } from '../crm-server/syncHarness';
import { createCore } from '../../src/main/core/createCore';
import { rawHandle } from '../../src/main/db/bulkHandle';
import { DEFAULT_EMAILS_POLICY } from '../../src/main/sync/emailsPull';
import { alertsEnabled } from '../../src/main/db/repos/alertsSwitch';
import { DEFAULT_SCHEDULE, SETTINGS_MAX_AGE_MS, SyncRunner } from '../../src/main/sync/syncRunner';
import type { SyncStatus } from '../../src/shared/contract';
import { apiRequests, runOnSchedule, type ScheduledRun } from '../fixtures/scheduledRuns';

// Zoho counts API credits per organisation (5,000 a day on the free edition) and the app syncs
// on its own: visits every minute, records every 5. Idle, a run must ask only for what can have
// changed since the last, and the organisation's settings, which change when an administrator
// changes them, at most hourly; yet what does change must still arrive.

let env: SyncTestEnv;
eachTestSyncEnv(
  'cw-idle-credits-',
  () => buildOrganisation(5, { leads: 50 }),
  (e) => (env = e),
);

const MINUTE = 60_000;
// 30 minutes before Europe/Berlin (the reps' zone) moves its clocks on: the hour the settings
// serve is an hour of time, whatever the wall clock does.
const START = Date.UTC(2026, 2, 29, 0, 30);

interface Run {
  /** Minutes after the app started. */
  minute: number;
  visitsOnly: boolean;
  paths: string[];
  error: string | null;
  credits: SyncStatus['credits'];
}

/** What these tests look at of a run of the schedule. */
const asRun = (run: ScheduledRun): Run => ({
  minute: run.minute,
  visitsOnly: run.end.modules.length === 1,
  paths: run.paths,
  error: run.end.lastError,
  credits: run.end.credits,
});

/**
 * The app's runner on its default schedule for `count` runs, each run ending with the clock a
 * minute on, so the schedule's next run starts at once; `after` sees each run as it ends. With
 * `toNextRun` the clock goes on to the next run the schedule sets instead (hours when the credit
 * budget stretches or pauses it), `between` sees each status then, and the runs end early once
 * `until` says so of one.
 */
async function onSchedule(
  count: number,
  after: (run: Run) => void = () => undefined,
  drive: {
    toNextRun?: boolean;
    between?: (status: SyncStatus, minute: number) => void;
    until?: (run: Run) => boolean;
  } = {},
): Promise<Run[]> {
  const { runs } = await runOnSchedule(env, {
    start: START,
    clock: drive.toNextRun ? 'next-run' : 'minute',
    until: (run, all) => all.length === count || drive.until?.(asRun(run)) === true,
    after: (run) => after(asRun(run)),
    ...(drive.between ? { between: drive.between } : {}),
  });
  return runs.map(asRun);
}

const SETTINGS = /^\/crm\/v8\/(org|settings\/(business_hours|holidays)|users\?type=CurrentUser)/;
const count = (sql: string, ...args: unknown[]): number =>
  (
    rawHandle(env.db)
      .prepare(sql)
      .get(...args) as { n: number }
  ).n;
const hours = (): string =>
  (rawHandle(env.db).prepare('select business_hours as h from organisation').get() as { h: string })
    .h;

describe('the app’s default schedule, idle for an hour', () => {
  it('asks for new visits alone each minute, and reads the organisation’s settings hourly', async () => {
    const runs = await onSchedule(62);

    expect(runs.every((r) => r.error === null)).toBe(true);
    const visits = runs.filter((r) => r.visitsOnly);
    const records = runs.filter((r) => !r.visitsOnly);
    expect(records.map((r) => r.minute)).toEqual([
      0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60,
    ]);
    // Before: 10 requests each (the organisation, its settings, the users, the visits' deletions).
    for (const run of visits)
      expect(run.paths).toEqual([expect.stringMatching(/^\/crm\/v8\/Visits\?/)]);
    const settingsReadAt = runs
      .filter((r) => r.paths.some((p) => SETTINGS.test(p)))
      .map((r) => r.minute);
    expect(settingsReadAt).toEqual([0, SETTINGS_MAX_AGE_MS / MINUTE]);
    // Before: 37 requests each. The users and the alerts switch, a listing of each of the 9
    // modules and of its deletions, the leads converted since, the notes changed since (chat
    // transcripts, VT-5); and the Emails step's sweep (once the first sync's people are read: at 5
    // minutes, 30 of them).
    for (const run of records.filter((r) => r.minute >= 10 && r.minute < 60)) {
      const emails = run.paths.filter((p) => /\/Emails(\?|$)/.test(p));
      expect(run.paths.length - emails.length).toBe(22);
      expect(emails.length).toBe(DEFAULT_EMAILS_POLICY.sweepPerRun);
    }
    // The hourly one reads the 6 settings' requests besides.
    expect(records.at(-1)?.paths.length).toBe(22 + DEFAULT_EMAILS_POLICY.sweepPerRun + 6);
  });

  it('still brings a new rep with their leads, a rep gone, the alerts switch and deleted visits at the next records run, and changed business hours within the hour', async () => {
    const data = env.server.data;
    const newRep = userFactory('u5', 'Noa Newrep', data.users[0] ?? null);
    let leadId = '';
    let visitId = '';
    const seen = new Map<
      number,
      { rep: number; owner: number; gone: number; visit: number; alerts: boolean; hours: string }
    >();
    await onSchedule(62, (run) => {
      if (run.minute === 11) {
        data.users = [...data.users.filter((u) => u.id !== 'u4'), newRep];
        leadId = data.insert('Leads', {
          First_Name: 'Nia',
          Last_Name: 'New',
          Email: 'nia.new@prospect.test',
          Owner: { id: 'u5', name: newRep.full_name },
        }).id;
        const visit = [...data.table('Visits').values()][0];
        if (!visit) throw new Error('no visit');
        visitId = visit.id;
        data.remove('Visits', visitId);
        data.variables.push(alertsVariable(false));
        data.businessHours = { ...data.businessHours, daily_timing: ['07:00', '15:00'] };
      }
      seen.set(run.minute, {
        rep: count(`select count(*) as n from users where id = 'u5' and active = 1`),
        owner: count(`select count(*) as n from people where id = ? and owner_id = 'u5'`, leadId),
        gone: count(`select count(*) as n from users where id = 'u4' and active = 0`),
        visit: count('select count(*) as n from visits where id = ?', visitId),
        alerts: alertsEnabled(env.db),
        hours: hours(),
      });
    });

    const before = seen.get(11);
    // The minute's visits runs change none of it.
    for (const minute of [12, 13, 14]) expect(seen.get(minute)).toEqual(before);
    expect(before).toMatchObject({ rep: 0, gone: 0, visit: 1, alerts: true });
    expect(seen.get(15)).toMatchObject({ rep: 1, owner: 1, gone: 1, visit: 0, alerts: false });
    expect(seen.get(55)?.hours).toBe(before?.hours);
    expect(seen.get(60)?.hours).not.toBe(before?.hours);
    // 07:00 to 15:00, in minutes of the day.
    expect(seen.get(60)?.hours).toContain('[420,900]');
  });

  it('reads the settings again on “Sync now”, and when the app starts again', async () => {
    let now = START;
    const data = env.server.data;
    const runnerAt = (onIdle: () => void = () => undefined): SyncRunner =>
      new SyncRunner(
        createCore(env.db, () => now),
        zohoSourceFor(env.server),
        DEFAULT_SCHEDULE,
        {
          onStatus: (s) => {
            if (s.state === 'idle' && s.lastSyncedAt !== null) onIdle();
          },
        },
      );
    const runner = runnerAt();
    await runner.syncNow();
    data.businessHours = { ...data.businessHours, daily_timing: ['07:00', '15:00'] };
    now += 10 * MINUTE;
    await runner.syncNow();
    await runner.stop();
    expect(hours()).toContain('[420,900]');

    data.businessHours = { ...data.businessHours, daily_timing: ['10:00', '16:00'] };
    now += 10 * MINUTE;
    let started = (): void => undefined;
    const ran = new Promise<void>((resolve) => (started = resolve));
    const again = runnerAt(() => started());
    again.start();
    await ran;
    await again.stop();
    expect(hours()).toContain('[600,960]');
  });
});

describe('the daily credit budget the app’s own runs keep to', () => {
  const HOUR = 60 * MINUTE;

  it('keeps a free organisation’s app within its share over a day, pausing once it is spent', async () => {
    // The free edition's 5,000 credits, half of them over the organisation's 4 active users. The
    // 26 hours cross Berlin's change to summer time (START): the budget's 24 hours are of time.
    env.server.data.org.license_details = licenceDetails('free', 4);
    const share = 625;
    const pauses: { at: number; until: number }[] = [];
    const runs = await onSchedule(
      // Every minute for a day would be 1,440 runs: stop well before, should the budget not hold.
      120,
      () => undefined,
      {
        toNextRun: true,
        until: (run) => run.minute >= 26 * 60,
        between: (status, minute) => {
          const until = status.credits?.budget?.pausedUntil ?? null;
          if (until !== null && pauses.at(-1)?.until !== until) pauses.push({ at: minute, until });
        },
      },
    );

    expect(runs.every((r) => r.error === null)).toBe(true);
    // Whatever 24 hours one looks at, the app asked for no more than its share (the first sync
    // included), as Zoho counts them.
    for (const run of runs) {
      const window = runs.filter((r) => r.minute > run.minute - 24 * 60 && r.minute <= run.minute);
      expect(window.reduce((n, r) => n + apiRequests(r), 0)).toBeLessThanOrEqual(share);
    }
    expect(runs.at(-1)?.minute).toBeGreaterThanOrEqual(26 * 60);
    expect(runs.at(-1)?.credits?.budget).toMatchObject({ share, edition: 'Free', users: 4 });
    // Stretched: records with the visits, about every hour and a half (37 requests a run).
    const scheduled = runs.slice(1);
    expect(scheduled.every((r) => !r.visitsOnly)).toBe(true);
    const stretched = runs.at(1)?.credits?.budget;
    expect(stretched?.stretched).toBe(true);
    expect(stretched?.recordsMinutes).toBeGreaterThanOrEqual(60);
    // The first sync's requests leave the 24 hours last: the runs wait for them, then go on.
    expect(pauses.length).toBeGreaterThan(0);
    const pause = pauses[0];
    if (!pause) throw new Error('no pause');
    expect(runs.some((r) => r.minute > pause.at && r.minute < (pause.until - START) / MINUTE)).toBe(
      false,
    );
    expect(pause.until).toBeGreaterThan(START + 24 * HOUR);
    expect(runs.some((r) => r.minute >= (pause.until - START) / MINUTE)).toBe(true);
  });

  it('keeps the rep’s five minutes for an Enterprise organisation of one user', async () => {
    env.server.data.org.license_details = licenceDetails('enterprise', 1);
    env.server.data.users = env.server.data.users.slice(0, 1);
    const runs = await onSchedule(32, () => undefined, { toNextRun: true });

    expect(runs.every((r) => r.error === null)).toBe(true);
    expect(runs.filter((r) => !r.visitsOnly).map((r) => r.minute)).toEqual([
      0, 5, 10, 15, 20, 25, 30,
    ]);
    expect(runs.at(-1)?.credits?.budget).toMatchObject({
      share: 25_500,
      organisation: 51_000,
      edition: 'Enterprise',
      users: 1,
      recordsMinutes: 5,
      visitsMinutes: 1,
      stretched: false,
      pausedUntil: null,
    });
  });
});

/** The admin's switch as Zoho lists it once an admin's app created it. */
function alertsVariable(value: boolean): ZVariable {
  return {
    id: 'v1',
    api_name: 'Contact_Window_Visit_Alerts',
    name: 'Contact Window visit alerts',
    description: null,
    source: 'crm',
    type: 'checkbox',
    variable_group: { id: 'g1', api_name: 'General', name: 'General' },
    read_only: false,
    value,
  };
}
