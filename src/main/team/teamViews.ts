import type { Planner, Settings } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import type { TeamExport, TeamTrend } from '../../shared/teamContract';
import { openingFor } from '../planner/windowOccurrences';
import type { Db } from '../db/openDatabase';
import { ownedPeopleAccounts, ownersWithPeople } from '../db/repos/people';
import type { UserRow } from '../db/schema';
import { planKeptDay } from '../planner/dayPlanSnapshots';
import type { KeptRows } from '../planner/offPlanCalls';
import { rowActions, sameMarks, type RowMark } from '../planner/planActions';
import type { PlanPerson } from '../planner/repPlanInputs';
import { fullName } from '../people/personZone';
import type { NameOf } from '../../shared/personName';
import { firstVisitFrom } from '../db/repos/visits';
import { accountGroups, type AccountGroups } from './teamClashes';
import { hotVisitors, type HotVisitor } from './unplannedHot';
import { teamCsv } from './teamCsv';
import { shownCsvLines, shownWindows, stillToWork } from './pageExport';
import { departedBelow, teamOf } from './teamMembers';
import {
  channelsInUse,
  loadLoggedWork,
  scheduledCallsOf,
  WINDOW_OVERHANG_MS,
  type ChannelsInUse,
  type LoggedWork,
} from './teamCoverage';
import {
  laneFacts,
  teamSchedule,
  zoneDay,
  type LaneFacts,
  type TeamSchedule,
} from './teamSchedule';
import { teamTrend, TrendCache } from './teamTrend';

/** What a team view is computed against: the clock, the organisation and its settings. */
export interface TeamContext {
  now: number;
  orgTz: string;
  settings: Settings;
}

interface KeptPlan {
  people: readonly PlanPerson[];
  /** The settings it was made with, as JSON: which channels get rows, and the rest. */
  settings: string;
  /** The rep's marks of the day it was made with: the one thing a mark elsewhere leaves alone. */
  marks: ReadonlyMap<string, RowMark>;
  /** The `changes` it was last known good at. */
  changes: number;
  plan: Planner;
  /** The plan holds for instants in [from, until): no row changes state in between. */
  from: number;
  until: number;
}

/** Plans of reps and days kept at most (a manager paging through days). */
const KEPT_PLANS = 64;

interface KeptWork {
  key: string;
  work: LoggedWork;
  /** Every instant in `work`, in order: the first after an instant ends what was read before it. */
  times: number[];
}

interface KeptFacts {
  plan: Planner;
  work: LoggedWork;
  groups: AccountGroups;
  /** The rep's marks the facts were read with: a mark made again moves when it counts from. */
  marks: ReadonlyMap<string, RowMark>;
  /** The `changes` they were last known good at (the marks are read again after a change). */
  changes: number;
  facts: LaneFacts;
  from: number;
  until: number;
}

/**
 * The team schedules over one database (TM-1 to TM-3): whose days a user sees, their day, the
 * trend and the exports. Keeps what does not change between two looks (who owns people, the
 * accounts two reps work, each rep's plan until a row changes state, past days' coverage) until
 * `invalidate`, which the core calls on every change; the reps' plan inputs come from the caller's
 * cache.
 */
export class TeamViews {
  private owners: Set<string> | null = null;
  private groups: { team: string; groups: AccountGroups } | null = null;
  private shared: { inputs: readonly PlanPerson[][]; people: Set<string> } | null = null;
  /**
   * Each rep's plan of a day, kept over changes that leave the records alone (a mark, a setting):
   * those change a plan only through the rep's marks or the settings, so a rep's mark makes that
   * rep's plan again, not the whole team's; a plan made again with the very same rows is the one
   * kept, so its lane is not read again.
   */
  private readonly plans = new Map<string, KeptPlan>();
  /**
   * Plans kept at most: KEPT_PLANS, or two days of the largest team asked for, so that the plans
   * `prepare` makes are still kept when `schedule` reads them (a team of more than 64 reps made
   * every plan twice).
   */
  private keptPlans = KEPT_PLANS;
  /** Changes seen so far that left the records alone. */
  private changes = 0;
  private work: KeptWork | null = null;
  private hot: { key: string; to: number; until: number; list: HotVisitor[] } | null = null;
  private readonly facts = new Map<string, KeptFacts>();
  /**
   * The channels each rep works, by rep and day (`channelsInUse`), until the records change: the
   * four weeks they are read from move on by minutes while the page is open, which moves nothing.
   */
  private readonly inUse = new Map<string, ChannelsInUse>();
  private readonly trends = new TrendCache();

  constructor(
    private readonly db: Db,
    /** A rep's plan inputs, with people's zones defaulting to the organisation's. */
    private readonly inputsOf: (repId: string, orgTz: string, now: number) => PlanPerson[],
    /**
     * A rep's day as kept so far (`DayPlanKeeper.keptRows`), where a keeper runs (the app);
     * without one, the day's snapshot.
     */
    private readonly keptRowsOf: ((repId: string, day: string) => KeptRows) | null = null,
    /**
     * How the hot visitors' names read: "First Last" for the command line (a fixed interface),
     * `shownName` in the app, as `inputsOf` names the people on the plans.
     */
    private readonly nameOf: NameOf = fullName,
  ) {}

  /**
   * After a change: plans go with any (a mark, a setting, a sync); past days' coverage with the
   * records or that rep's marks of that day (`TrendCache`); who owns whom, the accounts, the
   * logged calls and the visitors only with the CRM's data (a call logged in the app changes
   * activities too).
   */
  invalidate(change: { records: boolean }): void {
    this.changes++;
    // A mark changes one rep's past day at most: the trend keeps the others (`TrendCache`).
    this.trends.invalidate(change);
    if (!change.records) return;
    this.plans.clear();
    this.facts.clear();
    this.inUse.clear();
    this.owners = null;
    this.groups = null;
    this.work = null;
    this.hot = null;
  }

  /** The viewer's lanes; throws NoTeamError for a user with no one below them. */
  team(viewer: UserRow): UserRow[] {
    this.owners ??= new Set(ownersWithPeople(this.db));
    return teamOf(this.db, viewer, this.owners);
  }

  schedule(
    viewer: UserRow,
    context: TeamContext,
    options: {
      date?: string | undefined;
      channel?: Channel | undefined;
      reps?: UserRow[];
      /** Whether a call scheduled for later plans a hot visitor (see `teamSchedule`); true unless said. */
      callsPlanHot?: boolean;
    } = {},
  ): TeamSchedule {
    const team = this.team(viewer);
    const reps = options.reps ?? team;
    // Kept for the whole team: an export of one rep reads the same.
    const groups = this.groupsOf(team);
    const shared = this.sharedOf(team, context.orgTz, context.now);
    const { now } = context;
    // The page's day is a calendar date, the manager's today unless another is asked for, and
    // every lane shows that date in the rep's own zone, whatever the hour: a Sydney rep's lane
    // went on to their next day once the manager's afternoon was their night, so the team's
    // numbers for "today" changed with the hour they were read at.
    const managerDay = zoneDay(viewer.time_zone, now, options.date);
    const date = managerDay.date;
    const plans = reps.map((rep) => ({ rep, plan: this.planOf(rep, context, date) }));
    // Calls and emails over every rep's day and the manager's.
    let { from, to } = managerDay;
    for (const { rep, plan } of plans) {
      const own = zoneDay(rep.time_zone, now, plan.date);
      from = Math.min(from, own.from);
      to = Math.max(to, own.to);
    }
    // A window that opens late in a day may close after it: its calls count too.
    const work = this.workOf(reps, from, to + WINDOW_OVERHANG_MS);
    const lanes = plans.map(({ rep, plan }) => {
      const key = `${rep.id}|${plan.date}|${options.channel ?? ''}`;
      const kept = this.facts.get(key);
      if (
        kept?.plan === plan &&
        kept.work === work.work &&
        kept.groups === groups &&
        now >= kept.from &&
        now < kept.until
      ) {
        if (kept.changes === this.changes) return { rep, plan, facts: kept.facts };
        // The same rows after a change: the same facts, unless a mark was made again since.
        if (sameMarks(kept.marks, rowActions(this.db, rep.id, plan.date))) {
          kept.changes = this.changes;
          return { rep, plan, facts: kept.facts };
        }
      }
      const marks = rowActions(this.db, rep.id, plan.date);
      const repDay = zoneDay(rep.time_zone, now, plan.date);
      const facts = laneFacts(rep, plan, {
        channel: options.channel,
        work: work.work,
        marks,
        now,
        groups,
        shared,
        inUse: this.inUseOf(rep, plan.date, now),
        calls: scheduledCallsOf(this.db, rep.id, repDay.from, repDay.to),
      });
      if (this.facts.size >= KEPT_PLANS) this.facts.clear();
      // Read again once a call or email logged after now counts (a clock that moved on).
      this.facts.set(key, {
        plan,
        work: work.work,
        groups,
        marks,
        changes: this.changes,
        facts,
        from: now,
        until: Math.min(firstAfter(work.times, now), facts.changesAt),
      });
      return { rep, plan, facts };
    });
    return teamSchedule({
      viewer,
      lanes,
      openingOf: (rep) => openingFor(this.db, rep),
      now,
      date: options.date,
      accountNames: groups.names,
      departed: departedBelow(this.db, viewer),
      callsPlanHot: options.callsPlanHot ?? true,
      hotVisitors: (hotFrom, hotTo, inScope) => {
        // The same visitors until a visit starts after the last instant read.
        // Keyed by the reps in scope: an export of one rep's day asks for theirs alone.
        const key = `${viewer.id}|${reps.map((r) => r.id).join('|')}|${hotFrom}`;
        const hot = this.hot;
        if (hot?.key === key && hotTo >= hot.to && hotTo <= hot.until) return hot.list;
        const list = hotVisitors(this.db, hotFrom, hotTo, inScope, viewer.id, this.nameOf);
        this.hot = { key, to: hotTo, until: firstVisitFrom(this.db, hotTo) ?? Infinity, list };
        return list;
      },
    });
  }

  /**
   * Makes the reps' plans of the day `schedule` shows, one rep per step, yielding the count made
   * so far after each rep whose plan was not kept: cold, that is most of the day's cost (seconds on
   * a large organisation), which a caller can then spread over turns and report as progress. What
   * `schedule` answers afterwards is the same: it finds the plans kept.
   */
  *prepare(
    viewer: UserRow,
    context: TeamContext,
    options: { date?: string | undefined; reps: readonly UserRow[] },
  ): Generator<number, void> {
    const { date } = zoneDay(viewer.time_zone, context.now, options.date);
    this.keptPlans = Math.max(this.keptPlans, options.reps.length * 2);
    let done = 0;
    for (const rep of options.reps) {
      const before = this.plans.get(`${rep.id}|${date}`);
      this.planOf(rep, context, date);
      done++;
      if (this.plans.get(`${rep.id}|${date}`) !== before) yield done;
    }
  }

  trend(
    viewer: UserRow,
    context: TeamContext,
    options: { date?: string | undefined; channel?: Channel | undefined },
  ): Promise<TeamTrend> {
    return teamTrend(
      this.db,
      {
        reps: this.team(viewer),
        now: context.now,
        settings: context.settings,
        ...options,
        // The ten working days before the page's date, the manager's today unless another.
        date: zoneDay(viewer.time_zone, context.now, options.date).date,
        inputsOf: (repId) => this.inputsOf(repId, context.orgTz, context.now),
      },
      this.trends,
    );
  }

  /**
   * The Team page's export of the day, of the team or of one rep on it, as CSV or iCalendar: what
   * the page shows with its filters (channel, stars, passed windows hidden), each window in the
   * state its block reads (`shownWindows`); the calendar the windows still to work. The `team`
   * command's files are the plan's rows (`planCsvLines`, `planCalendarWindows`), as they were.
   */
  async export(
    viewer: UserRow,
    context: TeamContext,
    options: {
      date?: string | undefined;
      repId?: string | undefined;
      channel?: Channel | undefined;
      minStars?: number | undefined;
      hidePassed?: boolean | undefined;
      format: 'csv' | 'ics';
    },
  ): Promise<TeamExport> {
    const team = this.team(viewer);
    const reps = options.repId ? team.filter((r) => r.id === options.repId) : team;
    if (reps.length === 0)
      throw new Error(`${viewer.name} has no one with id ${options.repId} on their team.`);
    const schedule = this.schedule(viewer, context, {
      date: options.date,
      channel: options.channel,
      reps,
    });
    const who = options.repId ? slug(reps[0]?.name ?? 'rep') : 'team';
    const base = `${who}-${schedule.date}`;
    const shown = shownWindows(schedule.reps, context.now, {
      minStars: options.minStars ?? 0,
      hidePassed: options.hidePassed ?? false,
    });
    if (options.format === 'csv')
      return {
        fileName: `${base}.csv`,
        mimeType: 'text/csv',
        // In the zone the page's times are in, as it shows them ("times in Berlin").
        content: teamCsv(shownCsvLines(shown), viewer.time_zone),
      };
    // Loaded on the first calendar asked for: nothing else needs the iCalendar writer.
    const { teamCalendar } = await import('./teamCalendar');
    return {
      fileName: `${base}.ics`,
      mimeType: 'text/calendar',
      content: teamCalendar(stillToWork(shown), {
        name: calendarName(schedule, options.repId ? (reps[0]?.name ?? '') : null),
        now: context.now,
        many: reps.length > 1,
      }),
    };
  }

  /**
   * A rep's plan of the day as the planner makes it, kept while it cannot change: until one of its
   * rows changes state or the rep's day ends, and the data and settings stay as they were.
   */
  private planOf(rep: UserRow, context: TeamContext, date: string): Planner {
    const people = this.inputsOf(rep.id, context.orgTz, context.now);
    const key = `${rep.id}|${date}`;
    const settings = JSON.stringify(context.settings);
    const kept = this.plans.get(key);
    const { now } = context;
    if (
      kept?.people === people &&
      kept.settings === settings &&
      now >= kept.from &&
      now < kept.until
    ) {
      if (kept.changes === this.changes) return kept.plan;
      // A change since that left the records alone: a mark of this rep's day, or of another's.
      if (sameMarks(kept.marks, rowActions(this.db, rep.id, kept.plan.date))) {
        kept.changes = this.changes;
        return kept.plan;
      }
    }
    const keptRowsOf = this.keptRowsOf;
    const made = planKeptDay(
      this.db,
      rep,
      context.orgTz,
      now,
      context.settings,
      date,
      people,
      null,
      null,
      undefined,
      keptRowsOf && ((day) => keptRowsOf(rep.id, day)),
    );
    const plan = kept && samePlan(kept.plan, made) ? kept.plan : made;
    if (this.plans.size >= this.keptPlans) this.plans.clear();
    this.plans.set(key, {
      people,
      settings,
      marks: rowActions(this.db, rep.id, plan.date),
      changes: this.changes,
      plan,
      from: now,
      // And until the rep's own day ends: a day that was their today is then a past one, read
      // as it was planned.
      until: Math.min(plan.refreshAt ?? Infinity, zoneDay(rep.time_zone, now, undefined).to),
    });
    return plan;
  }

  /** The channels a rep works on their day `date` (read up to its end, or up to now). */
  private inUseOf(rep: UserRow, date: string, now: number): ChannelsInUse {
    const key = `${rep.id}|${date}`;
    let inUse = this.inUse.get(key);
    if (!inUse) {
      const day = zoneDay(rep.time_zone, now, date);
      inUse = channelsInUse(this.db, rep.id, Math.min(day.to, now + 1));
      if (this.inUse.size >= KEPT_PLANS * 4) this.inUse.clear();
      this.inUse.set(key, inUse);
    }
    return inUse;
  }

  private workOf(reps: readonly UserRow[], from: number, to: number): KeptWork {
    const ids = reps.map((r) => r.id);
    const key = `${ids.join('|')}|${from}|${to}`;
    if (this.work?.key !== key) {
      const work = loadLoggedWork(this.db, ids, from, to);
      const times: number[] = [];
      for (const byPerson of [work.call, work.email])
        for (const list of byPerson.values()) for (const c of list) times.push(c.start);
      this.work = { key, work, times: times.sort((a, b) => a - b) };
    }
    return this.work;
  }

  private groupsOf(team: readonly UserRow[]): AccountGroups {
    const key = team
      .map((r) => r.id)
      .sort()
      .join('|');
    if (this.groups?.team !== key)
      this.groups = {
        team: key,
        groups: accountGroups(
          ownedPeopleAccounts(
            this.db,
            team.map((r) => r.id),
          ),
        ),
      };
    return this.groups.groups;
  }

  /** People in more than one rep's day (a contact two reps share). */
  private sharedOf(team: readonly UserRow[], orgTz: string, now: number): Set<string> {
    const inputs = team.map((r) => this.inputsOf(r.id, orgTz, now));
    if (
      this.shared?.inputs.length === inputs.length &&
      this.shared.inputs.every((p, i) => p === inputs[i])
    )
      return this.shared.people;
    const laneOf = new Map<string, number>();
    const people = new Set<string>();
    inputs.forEach((list, lane) => {
      for (const p of list) {
        const seen = laneOf.get(p.id);
        if (seen === undefined) laneOf.set(p.id, lane);
        else if (seen !== lane) people.add(p.id);
      }
    });
    this.shared = { inputs, people };
    return people;
  }
}

/**
 * Two plans of a rep's day that show the same: the planner hands back a row it kept when nothing
 * about it changed, so the same rows are the same objects.
 */
function samePlan(a: Planner, b: Planner): boolean {
  return (
    a.date === b.date &&
    a.repId === b.repId &&
    a.repTz === b.repTz &&
    a.refreshAt === b.refreshAt &&
    a.total === b.total &&
    a.closed === b.closed &&
    a.nextOpenDate === b.nextOpenDate &&
    a.holiday === b.holiday &&
    a.owned === b.owned &&
    a.rows.length === b.rows.length &&
    a.rows.every((row, i) => row === b.rows[i])
  );
}

/** The first instant of a sorted list after `t`; Infinity when there is none. */
function firstAfter(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo] ?? Infinity;
}

export function calendarName(schedule: TeamSchedule, repName: string | null): string {
  return repName
    ? `${repName}: plan for ${schedule.date}`
    : `${schedule.manager.name}'s team: plans for ${schedule.date}`;
}

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .toLowerCase() || 'rep'
  );
}
