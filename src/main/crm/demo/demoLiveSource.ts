import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type {
  ChangedPage,
  CrmOrganisation,
  CrmSource,
  CrmUser,
  DeletedPage,
  OutboxCall,
  PullRequest,
  PulledRecord,
  SyncModule,
} from '../crmSource';
import type { Db } from '../../db/openDatabase';
import { organisation } from '../../db/repos/organisation';
import { peopleInWrittenOrder } from '../../db/repos/people';
import { settingValue } from '../../db/repos/settings';
import { DEMO_ORG, DEMO_SHIFTS, DEMO_USERS } from '../../demo/demoOrganisation';
import { makeHabit } from '../../demo/demoHabits';
import { DEMO_HABITS_SETTING, packedZone, unpackHabit } from '../../demo/demoHabitStore';
import {
  activitiesOnDay,
  hashString,
  LONGEST_VISIT_MS,
  mix,
  plannedOnDay,
  visitAsOf,
  visitsInMinute,
  workedOnDay,
  ZoneCalendar,
  type LivePerson,
  type LivePopulation,
  type LiveRecord,
  type LiveVisit,
} from '../../demo/demoLiveEvents';
import { Random } from '../../demo/random';

export interface DemoLiveOptions {
  /** The app's clock: what has happened in the demo is what lies before it. */
  clock: () => number;
  /** Defaults to the seed the demo was generated with. */
  seed?: number;
}

const PAGE_SIZE = 200;
const MINUTE = 60_000;
const DAY = 86_400_000;
// A first pull, or one after a long pause, goes back at most this far: a day of events is
// enough to move the plans, and an app opened after a month must not spend minutes catching up.
const BACKFILL_MS = DAY;
// generateDemo's default, for a demo database written before habits were kept with it.
const MEAN_EVENTS = 47;
const PEOPLE_PER_TURN = 2000;

/** Oldest first, as a CRM lists changes; ties by id so pages are stable. */
function byTime(a: LiveRecord, b: LiveRecord): number {
  return a.modifiedAt - b.modifiedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The demo organisation as a live CRM (SY-4): it goes on after generateDemo, as time passes. */
export function createDemoLiveSource(db: Db, options: DemoLiveOptions): CrmSource {
  return new DemoLiveSource(db, options);
}

interface Loaded {
  generatedAt: number;
  population: LivePopulation;
  /** Activities of whole days, kept for the pages of one pull. */
  days: { from: number; to: number; records: LiveRecord[] } | null;
  /** Visits by the minute they start in, kept while a pull may still ask for them. */
  minutes: Map<number, LiveVisit[]>;
}

/**
 * `pullChanged` yields, for the time between the request's `since` (or the demo's generation)
 * and the clock: website visits with pages and chats in `Visits`, and engagement following each
 * person's habits plus the calls their owners plan in `Calls` (every kind of activity comes
 * through that one module; `source_module` says what each is), and the owners' own calls that
 * work their plans (`workedOnDay`). Nothing is ever deleted. Calls
 * pushed from the outbox are accepted with an id derived from their idempotency key.
 */
class DemoLiveSource implements CrmSource {
  readonly kind = 'demo';
  private readonly calendar = new ZoneCalendar();
  private loaded: Loaded | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: DemoLiveOptions,
  ) {}

  pullOrganisation(): Promise<CrmOrganisation> {
    return Promise.resolve({
      ...DEMO_ORG,
      shifts: DEMO_SHIFTS.map((s) => ({
        id: s.id,
        name: s.name,
        timeZone: s.time_zone,
        hours: s.hours,
      })),
    });
  }

  pullUsers(): Promise<CrmUser[]> {
    return Promise.resolve(
      DEMO_USERS.map((u) => ({
        id: u.id,
        name: u.name,
        email: u.email,
        role: u.role,
        managerId: u.manager_id,
        team: u.team,
        timeZone: u.time_zone,
        active: true,
        shiftId: u.shift_id,
      })),
    );
  }

  async pullChanged(module: SyncModule, request: PullRequest): Promise<ChangedPage> {
    const loaded = await this.load();
    const now = this.options.clock();
    const since = Math.max(
      request.since ?? now - BACKFILL_MS,
      now - BACKFILL_MS,
      loaded.generatedAt,
    );
    let records: LiveRecord[];
    if (module === 'Visits') records = this.visits(loaded, since, now).sort(byTime);
    else if (module === 'Calls') records = await this.activities(loaded, since, now);
    else records = [];
    const offset = request.position
      ? (JSON.parse(request.position) as { offset: number }).offset
      : 0;
    const page = records.slice(offset, offset + PAGE_SIZE);
    return {
      records: page.map((r): PulledRecord => ({ ...r, raw: null })),
      next:
        offset + PAGE_SIZE < records.length ? JSON.stringify({ offset: offset + PAGE_SIZE }) : null,
    };
  }

  pullDeleted(): Promise<DeletedPage> {
    return Promise.resolve({ deleted: [], next: null });
  }

  pushCall(call: OutboxCall): Promise<{ crmId: string }> {
    // The same key always gets the same id: a retried push finds "the call it created".
    return Promise.resolve({ crmId: `demo-call-${hashString(call.idempotencyKey).toString(36)}` });
  }

  pushTaskChange(): Promise<{ note?: string }> {
    // The demo's tasks live in the local copy alone: the change made there is the whole of it.
    return Promise.resolve({});
  }

  /** Visits whose newest part falls in (since, now]. */
  private visits(loaded: Loaded, since: number, now: number): LiveRecord[] {
    const out: LiveRecord[] = [];
    const first = Math.floor((since - LONGEST_VISIT_MS) / MINUTE);
    const last = Math.floor(now / MINUTE);
    // A pull asks for a day of minutes once per page: each minute's visits are made once.
    for (const slot of loaded.minutes.keys()) if (slot < first) loaded.minutes.delete(slot);
    for (let slot = first; slot <= last; slot++) {
      let visits = loaded.minutes.get(slot);
      if (!visits) {
        visits = visitsInMinute(loaded.population, this.calendar, slot);
        loaded.minutes.set(slot, visits);
      }
      for (const visit of visits) {
        // The live demo begins where generateDemo's history ends.
        if (visit.start <= loaded.generatedAt) continue;
        const record = visitAsOf(visit, now);
        if (record && record.modifiedAt > since) out.push(record);
      }
    }
    return out;
  }

  /** Activities that happened, and plans that were made, in (since, now]. */
  private async activities(loaded: Loaded, since: number, now: number): Promise<LiveRecord[]> {
    // Every instant of the window lies on a local day within a day of its UTC day.
    const from = Math.floor(since / DAY) - 1;
    const to = Math.floor(now / DAY) + 1;
    if (!loaded.days || loaded.days.from !== from || loaded.days.to !== to) {
      const records: LiveRecord[] = [];
      const { population } = loaded;
      for (const [i, person] of population.people.entries()) {
        // Three days of 50,000 people take most of a second: let the core answer meanwhile.
        if (i % PEOPLE_PER_TURN === PEOPLE_PER_TURN - 1) await yieldToEventLoop();
        const ownerZone = person.ownerId ? population.ownerZones.get(person.ownerId) : undefined;
        for (let d = from; d <= to; d++) {
          const day = this.calendar.day(person.zone, d);
          records.push(...activitiesOnDay(population, this.calendar, person, day));
          const worked = workedOnDay(
            population,
            this.calendar,
            person,
            day,
            population.people.length / Math.max(1, population.reps.length),
          );
          if (worked) records.push(worked);
          if (!ownerZone) continue;
          const planned = plannedOnDay(
            population,
            this.calendar,
            person,
            this.calendar.day(ownerZone, d),
          );
          if (planned) records.push(planned);
        }
      }
      loaded.days = { from, to, records: records.sort(byTime) };
    }
    return loaded.days.records.filter((r) => r.modifiedAt > since && r.modifiedAt <= now);
  }

  /** The demo's people and their habits, read once (again if the demo was generated anew). */
  private async load(): Promise<Loaded> {
    const setting = <T>(key: string): T | null => {
      const value = settingValue(this.db, key);
      return value === undefined ? null : (JSON.parse(value) as T);
    };
    const generatedAt = setting<number>('demo_generated_at') ?? this.options.clock();
    if (this.loaded?.generatedAt === generatedAt) return this.loaded;
    const seed = this.options.seed ?? setting<number>('demo_seed') ?? 1;
    const packed = setting<unknown[]>(DEMO_HABITS_SETTING) ?? [];
    const orgZone = organisation(this.db)?.time_zone ?? DEMO_ORG.timeZone;
    const people: LivePerson[] = [];
    const rows = peopleInWrittenOrder(this.db);
    for (const [i, r] of rows.entries()) {
      // 50,000 people take a few hundred milliseconds: let the core answer meanwhile.
      if (i % (PEOPLE_PER_TURN * 5) === PEOPLE_PER_TURN * 5 - 1) await yieldToEventLoop();
      // generateDemo names person i "p{i+1}" and keeps habits in that order.
      const index = /^p(\d+)$/.exec(r.id)?.[1];
      const kept = index !== undefined ? packed[Number(index) - 1] : undefined;
      const habit =
        unpackHabit(kept) ?? makeHabit(new Random(mix(seed, 4, hashString(r.id))), MEAN_EVENTS);
      people.push({
        id: r.id,
        module: r.module,
        name: [r.first_name, r.last_name].filter(Boolean).join(' '),
        email: r.email,
        ownerId: r.owner_id,
        zone: r.time_zone ?? packedZone(kept) ?? orgZone,
        habit,
      });
    }
    this.loaded = {
      generatedAt,
      population: {
        seed,
        people,
        ownerZones: new Map(DEMO_USERS.map((u) => [u.id, u.time_zone])),
        reps: DEMO_USERS.filter((u) => u.role === 'rep').map((u) => ({ id: u.id, name: u.name })),
        orgZone,
      },
      days: null,
      minutes: new Map(),
    };
    return this.loaded;
  }
}
