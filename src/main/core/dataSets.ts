import type { EventEmitter } from 'node:events';
import { existsSync, renameSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { DataSet } from '../../shared/contract';
import { createDemoLiveSource } from '../crm/demo/demoLiveSource';
import { refreshVisitSummaries } from '../demo/demoVisitSummaries';
import { generateDemo } from '../demo/generateDemo';
import { openDatabase, type Db } from '../db/openDatabase';
import { hasOrganisation, organisation } from '../db/repos/organisation';
import { readSetting, writeSetting } from '../settings/settingsStore';
import { removeDatabaseFiles } from '../sync/syncLock';
import { DEFAULT_SCHEDULE, SyncRunner, type Schedule } from '../sync/syncRunner';
import { createCore, type Clock, type Core } from './createCore';

export interface DataSetsOptions {
  /** The demo organisation's database (written on first start when empty). */
  demoPath: string;
  /** The connected CRM's local copy. */
  crmPath: string;
  clock: Clock;
  nativeBinding?: string;
  /** How many demo people to write into an empty demo database (0: write none). */
  demoPeople?: number;
  /** Run the demo's live source on the schedule. */
  scheduled: boolean;
  /** The demo organisation goes on living (visits, engagement) on the visits schedule. */
  demoLive: boolean;
}

/**
 * The demo organisation and the local copy of the connected CRM, each in its own database file
 * (the demo is never mixed with real data), one of them shown at a time. The demo file also
 * keeps what belongs to this computer rather than to an organisation: the sync schedule and
 * which data set is shown.
 */
export interface DataSets {
  readonly demo: Core;
  readonly crmPath: string;
  /** The CRM's copy when it is open. */
  crm(): Core | null;
  /** Opens the CRM's copy (creating an empty one). */
  openCrm(): Promise<Core>;
  /** Closes the local CRM copy and deletes its files. */
  removeCrmCopy(): Promise<void>;
  /**
   * Renames a CRM copy that could not be opened (with its -wal and -shm) out of the way, keeping
   * it whole for whoever wants it back; the new name, or null when there was none to move.
   */
  moveUnreadableCrmCopyAside(): string | null;
  /** The data set the window shows now. */
  shown(): DataSet;
  current(): Core;
  /** Shows a data set; the CRM's only once its first sync has brought the organisation. */
  show(set: DataSet): Promise<void>;
  /** Shows the CRM's copy at start if the user left it shown. */
  restoreShown(): Promise<void>;
  schedule(): Promise<Schedule>;
  setSchedule(next: Schedule): Promise<void>;
  close(): Promise<void>;
}

export async function openDataSets(
  options: DataSetsOptions,
  events: EventEmitter,
): Promise<DataSets> {
  const { clock, crmPath } = options;
  // An update of a file's layout is announced as it goes: the window has nothing else to show.
  const open = (path: string, set: DataSet): Promise<Db> =>
    openDatabase(path, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      onUpdate: (progress) => events.emit('database-update', { dataSet: set, ...progress }),
    });

  const demoDb = await open(options.demoPath, 'demo');
  const people = options.demoPeople ?? 400;
  if (!hasOrganisation(demoDb) && people > 0)
    generateDemo(demoDb, { seed: 1, people, now: clock() });
  const demo = createCore(demoDb, clock, { dataSet: 'demo' });
  await demo.refreshStaleSuggestions();

  let crm: Core | null = null;
  let shown: DataSet = 'demo';
  const detach: (() => void)[] = [];
  const forward = (core: Core, set: DataSet): void => {
    detach.push(
      core.on('data-changed', (payload) => {
        if (shown === set) events.emit('data-changed', payload);
      }),
      core.on('team-day-progress', (payload) => {
        if (shown === set) events.emit('team-day-progress', payload);
      }),
      core.on('alerts', (payload) => {
        if (shown === set) events.emit('alerts', { ...payload, dataSet: set });
        // The CRM's visitors are real prospects; sample ones never interrupt (the demo is
        // quiet while hidden: showSet).
        else if (set === 'crm' && payload.delivered.length > 0)
          events.emit('alerts-elsewhere', { ...payload, dataSet: set });
      }),
    );
  };
  forward(demo, 'demo');
  /**
   * The data set shown; the demo's alerts stay quiet while the CRM's data is on screen. What the
   * demo held meanwhile is delivered by `loud()`, after the window has heard of the switch
   * (which clears the other set's toasts).
   */
  const showSet = (set: DataSet): { loud(): void } => {
    shown = set;
    if (set === 'crm') demo.alerts.setQuiet(true);
    return { loud: () => demo.alerts.setQuiet(shown === 'crm') };
  };
  // Left on the CRM's data last time: the demo stays quiet until restoreShown knows better.
  if (readSetting<DataSet>(demoDb, 'active_data_set') === 'crm' && existsSync(crmPath))
    demo.alerts.setQuiet(true);
  // Only now: what falls due at start must reach the listeners just attached.
  demo.alerts.start();

  // A schedule kept by an older app lacks newer settings: they take their defaults.
  const schedule = async (): Promise<Schedule> => ({
    ...DEFAULT_SCHEDULE,
    ...readSetting<Partial<Schedule>>(demoDb, 'sync_schedule'),
  });

  let demoRunner: SyncRunner | null = null;
  const demoSource = organisation(demoDb)?.source;
  if (options.demoLive && demoSource === 'demo') {
    // The demo is a CRM too (SY-4): visits and engagement keep arriving, so plans and alerts move.
    demoRunner = new SyncRunner(demo, createDemoLiveSource(demoDb, { clock }), await schedule(), {
      relearnAllOnFirst: false,
      onTouched: (ids) => refreshVisitSummaries(demoDb, ids),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    if (options.scheduled) demoRunner.start();
  }

  const current = (): Core => (shown === 'crm' && crm ? crm : demo);

  return {
    demo,
    crmPath,
    crm: () => crm,
    async openCrm() {
      if (crm) return crm;
      crm = createCore(await open(crmPath, 'crm'), clock, { dataSet: 'crm' });
      forward(crm, 'crm');
      // Left on the CRM's data: shown before what fell due goes out, so those are toasts too.
      if (readSetting<DataSet>(demoDb, 'active_data_set') === 'crm' && hasOrganisation(crm.db))
        showSet('crm').loud();
      crm.alerts.start();
      return crm;
    },
    async removeCrmCopy() {
      if (!crm) return;
      const db = crm.db;
      crm.alerts.dispose();
      crm = null;
      await db.close();
      removeDatabaseFiles(crmPath);
    },
    moveUnreadableCrmCopyAside() {
      if (crm || !existsSync(crmPath)) return null;
      const stamp = DateTime.fromMillis(clock(), { zone: 'utc' }).toFormat("yyyyLLdd'-'HHmmss");
      const aside = `${crmPath}.unreadable-${stamp}`;
      renameSync(crmPath, aside);
      for (const suffix of ['-wal', '-shm'])
        if (existsSync(`${crmPath}${suffix}`))
          renameSync(`${crmPath}${suffix}`, `${aside}${suffix}`);
      return aside;
    },
    shown: () => shown,
    current,
    async show(set) {
      if (set === 'crm' && !crm)
        throw new Error('No CRM is connected yet: connect one in Settings › CRM account.');
      if (set === 'crm' && crm && !hasOrganisation(crm.db))
        throw new Error(
          "The CRM's first sync has not brought its organisation yet; wait for it to finish.",
        );
      // Already on screen: nothing to reload (a notification's click asks for its own set), but
      // the choice is kept and the demo's alerts follow it.
      if (set === shown) {
        writeSetting(demoDb, 'active_data_set', set);
        showSet(set).loud();
        return;
      }
      // Best times made ready first, while the screen still shows the other set: an alert of
      // either set arriving meanwhile goes where the screen is, and a failure switches nothing.
      await (set === 'crm' && crm ? crm : demo).refreshStaleSuggestions();
      const switched = showSet(set);
      writeSetting(demoDb, 'active_data_set', set);
      events.emit('data-changed', { entities: ['all'] });
      switched.loud();
    },
    async restoreShown() {
      if (
        crm &&
        readSetting<DataSet>(demoDb, 'active_data_set') === 'crm' &&
        hasOrganisation(crm.db)
      ) {
        showSet('crm').loud();
        await crm.refreshStaleSuggestions();
      } else showSet('demo').loud();
    },
    schedule,
    async setSchedule(next) {
      writeSetting(demoDb, 'sync_schedule', next);
      demoRunner?.setSchedule(next);
    },
    async close() {
      await demoRunner?.stop();
      for (const off of detach) off();
      demo.alerts.dispose();
      crm?.alerts.dispose();
      await crm?.db.close();
      await demoDb.close();
    },
  };
}
