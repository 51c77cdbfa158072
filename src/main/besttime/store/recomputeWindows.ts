import { storedBusinessHours, type BusinessHours } from '../model/businessHours';
import { buildPriors } from '../model/priors';
import { streamPeople } from '../model/personModel';
import type { BesttimeOptions, PersonChannelWindows, SlotMinutes } from '../model/types';
import type { BesttimePriors } from '../model/priors';
import { WINDOWS_LEARNED_AT } from '../../db/clearOrganisationData';
// Raw: the windows writer upserts up to 100,000 rows per recompute with prepared statements.
import { rawHandle } from '../../db/bulkHandle';
import type { Db } from '../../db/openDatabase';
import { organisation } from '../../db/repos/organisation';
import { putSetting } from '../../db/repos/settings';
import { transaction } from '../../db/sqlRun';
import { CHANNELS } from '../../../shared/signals';
import { writeLearnedPriors } from './learnedPriors';
import { loadSignalEvents } from './signalEvents';
import { loadPackedSignalEvents, RELEARN_PEOPLE_PER_PAGE } from './signalEventPages';
import { encodeWindows } from './windowsCodec';

export interface RecomputeContext {
  asOf: number;
  orgTz: string;
  businessHours: BusinessHours | null;
  /** The shift each contact's owner works, when any does (`ownerShifts`). */
  hoursOf?: BesttimeOptions['hoursOf'];
  slotMinutes: SlotMinutes;
  /**
   * The signed-in rep, whose tie-break gives a visit linked to nobody to one of the people who
   * share the e-mail its visitor gave (peopleByEmail), as their pages show it; null for nobody.
   */
  repId: string | null;
}

export interface RecomputeResult {
  priors: BesttimePriors;
  people: number;
  windows: number;
}

const TOP = 3;

function optionsOf(ctx: RecomputeContext): BesttimeOptions {
  return {
    asOf: ctx.asOf,
    orgTz: ctx.orgTz,
    businessHours: ctx.businessHours,
    ...(ctx.hoursOf ? { hoursOf: ctx.hoursOf } : {}),
    slotMinutes: ctx.slotMinutes,
    top: TOP,
    // Worded when read (windowsCodec.ts reasonOf), so the stored evidence never goes stale.
    wordReasons: false,
  };
}

/** Reads the organisation's zone and business hours as the model needs them. */
export function readOrgHours(db: Db): { orgTz: string; businessHours: BusinessHours | null } {
  const org = organisation(db);
  if (!org) return { orgTz: 'UTC', businessHours: null };
  // Anything but the expected shape means "no hours known": every hour open, nothing hidden.
  return { orgTz: org.time_zone, businessHours: storedBusinessHours(org.business_hours) };
}

function writer(db: Db) {
  // Thousands of rows per recompute: prepared better-sqlite3 statements inside one transaction.
  // A row whose windows came out as stored is left alone: rewriting it dirtied a page of its own
  // (rows are kilobytes), and the WAL checkpoint copying those pages cost more than the model.
  const upsert = rawHandle(db).prepare(
    `insert into best_time_windows (person_id, channel, time_zone, windows)
     values (?, ?, ?, ?)
     on conflict (person_id, channel) do update
       set time_zone = excluded.time_zone, windows = excluded.windows
       where windows is not excluded.windows or time_zone is not excluded.time_zone`,
  );
  const drop = rawHandle(db).prepare(
    'delete from best_time_windows where person_id = ? and channel = ?',
  );
  let windows = 0;
  return {
    write(personId: string, results: PersonChannelWindows[]): void {
      for (const channel of CHANNELS) {
        const r = results.find((x) => x.channel === channel && x.windows.length > 0);
        if (!r) {
          drop.run(personId, channel);
          continue;
        }
        upsert.run(personId, channel, r.tz, encodeWindows(r.windows, r.context));
        windows += r.windows.length;
      }
    },
    get count() {
      return windows;
    },
  };
}

/**
 * Runs `fn` with the connection's memory map off. A full relearn reads the whole signal index and
 * rewrites most rows of windows: through the map (openDatabase's 256 MB) every page it touched
 * stayed in the app's resident memory, 310 of the 570 MB it peaked at on 100,000 people, for
 * about 5 % less CPU than SQLite's own reads. The map comes back as it was, for the reads after.
 */
function withoutMemoryMap<T>(db: Db, fn: () => T): T {
  const raw = rawHandle(db);
  const bytes = raw.pragma('mmap_size', { simple: true }) as number;
  raw.pragma('mmap_size = 0');
  try {
    return fn();
  } finally {
    raw.pragma(`mmap_size = ${bytes}`);
  }
}

/**
 * Learns the organisation's priors and every person's windows, and stores both. The windows are
 * replaced in place, in one transaction with the priors and the relearn's date: every person
 * is written (a row only where it changed) or loses the channels they no longer have windows
 * for, and people deleted meanwhile take their rows with them (foreign key cascade). Another
 * connection reads the old windows until the commit, a failure or a crash leaves them as they
 * were, and rows that came out the same are not rewritten.
 */
export function recomputeAll(
  db: Db,
  ctx: RecomputeContext,
  peoplePerPage = RELEARN_PEOPLE_PER_PAGE,
): RecomputeResult {
  return withoutMemoryMap(db, () => relearnEveryone(db, ctx, peoplePerPage));
}

function relearnEveryone(db: Db, ctx: RecomputeContext, peoplePerPage: number): RecomputeResult {
  // Packed, and unpacked a person at a time by the priors and again by the scoring: the objects
  // of 4.5 million events (100,000 people) at once were most of a gigabyte (README, stop 47).
  const events = loadPackedSignalEvents(db, ctx.orgTz, ctx.repId, peoplePerPage);
  const opts = optionsOf(ctx);
  const priors = buildPriors(events, opts);
  const out = writer(db);
  transaction(db, () => {
    streamPeople(events, priors, opts, (personId, results) => out.write(personId, results));
    writeLearnedPriors(db, priors, ctx, ctx.asOf);
    putSetting(db, WINDOWS_LEARNED_AT, JSON.stringify(ctx.asOf));
  });
  return { priors, people: events.size, windows: out.count };
}

/** Recomputes only the given people against known priors: what a sync that touched them needs. */
export function recomputePeople(
  db: Db,
  ctx: RecomputeContext,
  priors: BesttimePriors,
  personIds: readonly string[],
): RecomputeResult {
  const events = loadSignalEvents(db, ctx.orgTz, ctx.repId, personIds);
  const out = writer(db);
  transaction(db, () => {
    // A person deleted meanwhile has no events entry: their windows go with the cascade.
    streamPeople(events, priors, optionsOf(ctx), (personId, results) =>
      out.write(personId, results),
    );
  });
  return { priors, people: events.size, windows: out.count };
}
