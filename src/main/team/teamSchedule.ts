import { DateTime } from 'luxon';
import type { Planner, PlannerRow } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import type { TeamClash, TeamCoverage, TeamHour, UnplannedHot } from '../../shared/teamContract';
import type { UserRow } from '../db/schema';
import type { Opening } from '../planner/windowOccurrences';
import { isLowConfidence } from '../../shared/slotStates';
import { findClashes, type AccountGroups, type PlannedWindow } from './teamClashes';
import type { TeamBlockWork } from '../../shared/teamContract';
import {
  coverageOf,
  rowAside,
  rowCounted,
  rowWork,
  shownStarts,
  type ChannelsInUse,
  type UnshownWindow,
  type LoggedWork,
  type ScheduledCalls,
} from './teamCoverage';
import type { DayMark, DayWindow } from './windowWork';
import { unplannedHotContacts, type HotVisitor, type PersonInPlans } from './unplannedHot';
import { overlaps, repWorkingIntervals, type Interval } from './workingHours';

const HOUR = 3_600_000;

export interface RepDay {
  rep: UserRow;
  /** The rep's plan as `plan` prints it: every row, both channels, in display order. */
  plan: Planner;
  /** The rows the team view counts (the channel asked for), in display order. */
  rows: PlannerRow[];
  /** For each of `rows`, how its window was worked (see `windowWork`). */
  worked: (TeamBlockWork | null)[];
  /** For each of `rows`, whether the rep's skip or snooze set its window aside (`rowAside`). */
  aside: boolean[];
  /** For each of `rows`, whether its window is the one its person's channel is counted by. */
  counted: boolean[];
  coverage: TeamCoverage;
  /** The channels whose windows are counted (see `channelsInUse`). */
  inUse: ChannelsInUse;
  /** The day's windows no row shows at `now` (see `coverageOf`): the lane draws them too. */
  unshown: UnshownWindow[];
  /**
   * The rep's working hours on the day their lane shows (their plan's day, in their zone), as
   * their planner holds that day's windows to. Not another day's: a Sydney rep's Tuesday morning
   * is a Berlin manager's Monday evening, but none of Tuesday's windows is on the page.
   */
  workingHours: Interval[];
}

export interface TeamSchedule {
  /** The manager's day, in the manager's zone. */
  date: string;
  now: number;
  manager: UserRow;
  /** The manager's day as instants, [from, to). */
  day: { from: number; to: number };
  reps: RepDay[];
  clashes: TeamClash[];
  unplannedHot: UnplannedHot[];
  /** How many hot visitors `unplannedHot` was chosen from. */
  hotVisitors: number;
  byHour: TeamHour[];
}

/** The last day asked of each zone: a team view asks for the same few again and again. */
const lastDay = new Map<string, { date: string; from: number; to: number }>();

/** A calendar day of a zone, [from, to) in UTC ms; throws on a date that is not one. */
export function zoneDay(
  zone: string,
  now: number,
  date: string | undefined,
): { date: string; from: number; to: number } {
  const kept = lastDay.get(zone);
  if (kept && (date === undefined ? kept.from <= now && now < kept.to : kept.date === date))
    return kept;
  const day = date
    ? DateTime.fromISO(date, { zone })
    : DateTime.fromMillis(now, { zone }).startOf('day');
  if (!day.isValid)
    throw new Error(
      day.invalidReason === 'unsupported zone'
        ? `Unknown time zone "${zone}"`
        : `Not a date: "${date ?? ''}" (expected YYYY-MM-DD)`,
    );
  const start = day.startOf('day');
  const answer = {
    date: start.toISODate() ?? '',
    from: start.toMillis(),
    // The next midnight, not 24 hours on: a day that starts at 01:00 because its midnight was
    // skipped (Santiago's spring night) ends at 00:00, as the planner's day does.
    to: start.plus({ days: 1 }).startOf('day').toMillis(),
  };
  if (lastDay.size >= 256) lastDay.clear();
  lastDay.set(zone, answer);
  return answer;
}

/** What one rep's rows say for the team view: everything but what needs the other reps. */
export interface LaneFacts {
  /** The rows the team view counts (the channel asked for), in display order. */
  rows: PlannerRow[];
  /** For each of `rows`, how its window was worked (see `windowWork`). */
  worked: (TeamBlockWork | null)[];
  /** For each of `rows`, whether the rep's skip or snooze set its window aside (`rowAside`). */
  aside: boolean[];
  /** For each of `rows`, whether its window is the one its person's channel is counted by. */
  counted: boolean[];
  coverage: TeamCoverage;
  /** The channels whose windows are counted (see `channelsInUse`). */
  inUse: ChannelsInUse;
  /** The day's windows no row shows at `now` (see `coverageOf`). */
  unshown: UnshownWindow[];
  /** When the coverage may change with no change to the plan: a window no row shows ends. */
  changesAt: number;
  /** The rep's scheduled calls of the day by person (`scheduledCallsOf`). */
  calls: ScheduledCalls;
  /**
   * The windows that may clash: every window the lane draws (the rows' and those no row shows)
   * that the coverage expects worked (2★ or more, on a channel the rep works), but those the rep
   * set aside, of people at an account another rep works, or shared; a
   * person's windows that overlap or meet as one stretch.
   */
  windows: PlannedWindow[];
  /**
   * Row indices per person for the hot visitors last looked up (`teamSchedule` fills it): a few
   * hundred people among thousands, read again only when the visitors change.
   */
  hotRows?: { hot: readonly HotVisitor[]; rowsOf: Map<string, number[]> };
}

/** A rep's rows read for the team view at `now` (see `LaneFacts`). */
export function laneFacts(
  rep: UserRow,
  plan: Planner,
  options: {
    channel: Channel | undefined;
    work: LoggedWork;
    /** The rep's marks on the day, by "person|channel". */
    marks: ReadonlyMap<string, DayMark>;
    now: number;
    groups: AccountGroups;
    shared: ReadonlySet<string>;
    /** The channels the rep works (`channelsInUse`): only theirs are counted. */
    inUse: ChannelsInUse;
    calls: ScheduledCalls;
  },
): LaneFacts {
  const { channel, work, now } = options;
  const { groupOf } = options.groups;
  const rows = channel ? plan.rows.filter((r) => r.channel === channel) : plan.rows;
  const worked = new Array<TeamBlockWork | null>(rows.length);
  const aside = new Array<boolean>(rows.length);
  const counted = new Array<boolean>(rows.length);
  const windows: PlannedWindow[] = [];
  const anyShared = options.shared.size > 0;
  // Which windows the rows show, read once for the rows' work and the lane's coverage.
  const shown = shownStarts(rows);
  const day = zoneDay(rep.time_zone, now, plan.date);
  // The windows that may clash: every window the lane draws (whichever a row shows at `now`),
  // each person's channel's in start order, those that overlap or meet joined into one stretch
  // (as `findClashes` would join their clashes: the same clash from half as many windows).
  let stretch: PlannedWindow | null = null;
  const drawn = (row: PlannerRow, w: DayWindow, aside: boolean): void => {
    // A window the rep skipped or snoozed past is not going to be worked: it clashes with no one.
    // Nor is one the coverage does not expect worked: under 2★ (the planner's "Low confidence")
    // or on a channel the rep does not work. Every drawn window clashed before: the demo's
    // director read 134 clashes, more than half of them windows under 2★ nobody plans to use.
    if (aside || isLowConfidence(w.stars) || !options.inUse[row.channel]) return;
    if (
      stretch?.personId === row.personId &&
      stretch.channel === row.channel &&
      w.start <= stretch.end
    ) {
      if (w.end > stretch.end) stretch.end = w.end;
      return;
    }
    stretch = null;
    const group = groupOf.get(row.personId) ?? -1;
    const shared = anyShared && options.shared.has(row.personId);
    if (group < 0 && !shared) return;
    stretch = {
      repId: rep.id,
      personId: row.personId,
      name: row.name,
      channel: row.channel,
      group,
      shared,
      start: w.start,
      end: w.end,
    };
    windows.push(stretch);
  };
  const { inUse } = options;
  const { coverage, unshown, changesAt } = coverageOf(
    shown,
    options.marks,
    work,
    now,
    day,
    inUse,
    options.calls,
    drawn,
  );
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as PlannerRow;
    worked[i] = rowWork(row, shown);
    aside[i] = rowAside(row, shown);
    counted[i] = rowCounted(row, shown);
  }
  return {
    rows,
    worked,
    aside,
    counted,
    coverage,
    inUse,
    unshown,
    changesAt,
    calls: options.calls,
    windows,
  };
}

/**
 * A team's day (TM-1 to TM-3): each rep's plan exactly as the planner makes it (read-only: the
 * plans are computed, never marked), coverage per rep, clashes, hot contacts nobody planned and
 * the hours of the manager's day. `lanes` come in team order, each rep's facts read at `now`.
 */
export function teamSchedule(request: {
  viewer: UserRow;
  lanes: readonly { rep: UserRow; plan: Planner; facts: LaneFacts }[];
  /** The hours a rep works: those their planner holds their windows to (`openingFor`). */
  openingOf: (rep: UserRow) => Opening | null;
  now: number;
  date: string | undefined;
  accountNames: readonly string[];
  /**
   * Users below the viewer who are no longer active, with their names (`departedBelow`): the
   * people they still own are the team's to plan, so their hot visitors are listed too.
   */
  departed: ReadonlyMap<string, string>;
  /** The hot visitors in [from, to) (`hotVisitors`, perhaps kept). */
  hotVisitors: (
    from: number,
    to: number,
    inScope: (ownerId: string | null) => boolean,
  ) => readonly HotVisitor[];
  /**
   * A call scheduled for later that day plans a hot visitor (the Team page). The `team` command
   * leaves it out: its `unplanned_hot` is a fixed output, read as it was before calls were booked.
   */
  callsPlanHot: boolean;
}): TeamSchedule {
  const { viewer, lanes, now } = request;
  const day = zoneDay(viewer.time_zone, now, request.date);
  const own = lanes.map(({ rep, plan }) => zoneDay(rep.time_zone, now, plan.date));
  const team = new Set(lanes.map((l) => l.rep.id));
  const { departed } = request;
  // "Today" is the manager's day up to now; a past day all of it, a coming one nothing yet.
  const hot = request.hotVisitors(
    day.from,
    Math.min(day.to, now + 1),
    (owner) => owner === null || viewer.role === 'admin' || team.has(owner) || departed.has(owner),
  );
  let hotIds: Set<string> | undefined;
  for (const { facts } of lanes) {
    if (facts.hotRows?.hot === hot) continue;
    hotIds ??= new Set(hot.map((h) => h.id));
    const rowsOf = new Map<string, number[]>();
    facts.rows.forEach((row, i) => {
      if (!hotIds?.has(row.personId)) return;
      const list = rowsOf.get(row.personId);
      if (list) list.push(i);
      else rowsOf.set(row.personId, [i]);
    });
    facts.hotRows = { hot, rowsOf };
  }
  const inPlans = new Map<string, PersonInPlans>();
  for (const h of hot) {
    const seen: PersonInPlans = {
      planned: false,
      repNames: [],
      missedAt: null,
      missedChannels: [],
      skipped: false,
    };
    for (const { rep, facts } of lanes) {
      const indices = facts.hotRows?.rowsOf.get(h.id);
      if (!indices) continue;
      seen.repNames.push(rep.name);
      for (const i of indices) {
        const row = facts.rows[i] as PlannerRow;
        // A call booked for later that day (in the CRM, or with Book here) plans them, whatever
        // else is scheduled for them before it.
        if (
          request.callsPlanHot &&
          row.channel === 'call' &&
          facts.calls.get(h.id)?.some((at) => at >= now)
        )
          seen.planned = true;
        if (row.start === null || row.end === null) continue;
        const skipped = row.action === 'skipped';
        // Reached that day, in this window or not: not a hot contact left unworked.
        if (row.action === 'done' || facts.worked[i] || (!skipped && now < row.end))
          seen.planned = true;
        else if (skipped) seen.skipped = true;
        else {
          seen.missedAt = Math.max(seen.missedAt ?? 0, row.end);
          if (!seen.missedChannels.includes(row.channel)) seen.missedChannels.push(row.channel);
        }
      }
    }
    inPlans.set(h.id, seen);
  }
  const repDays: RepDay[] = lanes.map(({ rep, plan, facts }, i) => ({
    rep,
    plan,
    rows: facts.rows,
    worked: facts.worked,
    aside: facts.aside,
    counted: facts.counted,
    coverage: facts.coverage,
    inUse: facts.inUse,
    unshown: facts.unshown,
    workingHours: repWorkingIntervals(
      request.openingOf(rep),
      own[i]?.from ?? day.from,
      own[i]?.to ?? day.to,
    ),
  }));
  return {
    date: day.date,
    now,
    manager: viewer,
    day: { from: day.from, to: day.to },
    reps: repDays,
    clashes: clashesOf(lanes, request.accountNames),
    unplannedHot: unplannedHotContacts(
      hot,
      inPlans,
      new Map(lanes.map((l) => [l.rep.id, l.rep.name])),
      departed,
      viewer.time_zone,
      day.date,
      now,
    ),
    hotVisitors: hot.length,
    byHour: hoursOf(viewer.time_zone, day, repDays),
  };
}

/** The last clashes found, with the lanes they were found in: a warm view hands them back. */
let lastClashes: {
  facts: readonly LaneFacts[];
  names: readonly string[];
  clashes: TeamClash[];
} | null = null;

function clashesOf(lanes: readonly { facts: LaneFacts }[], names: readonly string[]): TeamClash[] {
  const facts = lanes.map((l) => l.facts);
  if (
    lastClashes?.names === names &&
    lastClashes.facts.length === facts.length &&
    lastClashes.facts.every((f, i) => f === facts[i])
  )
    return lastClashes.clashes;
  const clashes = findClashes(
    facts.flatMap((f) => f.windows),
    names,
  );
  lastClashes = { facts, names, clashes };
  return clashes;
}

/** Each rep's windows open per hour of a day, kept with the rows they were counted from. */
const openPerHour = new WeakMap<
  readonly PlannerRow[],
  { from: number; to: number; unshown: readonly UnshownWindow[]; open: number[] }
>();

/**
 * A rep's windows open in each hour of the day: every window of the day once, as the coverage
 * counts them and the lane draws them (the rows' windows and those no row shows at `now`: a
 * person's later window, or one that ended), so an hour's count does not move as the rows do.
 */
function repOpenPerHour(r: RepDay, day: { from: number; to: number }): number[] {
  const kept = openPerHour.get(r.rows);
  if (kept?.from === day.from && kept.to === day.to && kept.unshown === r.unshown) return kept.open;
  const open = new Array<number>(Math.ceil((day.to - day.from) / HOUR)).fill(0);
  const add = (from: number, to: number): void => {
    const start = Math.max(from, day.from);
    const end = Math.min(to, day.to);
    if (start >= end) return;
    const last = Math.ceil((end - day.from) / HOUR);
    for (let h = Math.floor((start - day.from) / HOUR); h < last; h++) open[h] = (open[h] ?? 0) + 1;
  };
  for (const row of r.rows) if (row.start !== null && row.end !== null) add(row.start, row.end);
  for (const w of r.unshown) add(w.start, w.end);
  openPerHour.set(r.rows, { from: day.from, to: day.to, unshown: r.unshown, open });
  return open;
}

/**
 * TM-3: each hour of the manager's day, windows open across the team and reps working. Both read
 * each rep's day as their lane shows it (the windows of their plan's day, their working hours of
 * that day), so a rep east of the manager is not counted working in the manager's evening, their
 * next morning, with none of that morning's windows counted open.
 */
function hoursOf(zone: string, day: { from: number; to: number }, reps: RepDay[]): TeamHour[] {
  // Whole hours of UTC time from local midnight: a DST day has 23 or 25 of them, named as the
  // clock on the wall reads (the repeated hour of an autumn night appears twice).
  const count = Math.ceil((day.to - day.from) / HOUR);
  const open = new Array<number>(count).fill(0);
  for (const r of reps) {
    const own = repOpenPerHour(r, day);
    for (let h = 0; h < count; h++) open[h] = (open[h] ?? 0) + (own[h] ?? 0);
  }
  const labels = hourLabels(zone, day.from, count);
  return open.map((windowsOpen, h) => {
    const t = day.from + h * HOUR;
    const end = Math.min(t + HOUR, day.to);
    return {
      hour: labels[h] ?? '',
      start: t,
      windowsOpen,
      repsWorking: reps.filter((r) => overlaps(r.workingHours, t, end)).length,
    };
  });
}

const labelMemo = new Map<string, string[]>();

/** "HH:00" of each hour from a local midnight, as the wall clock of the zone reads. */
function hourLabels(zone: string, from: number, count: number): string[] {
  const key = `${zone}|${from}|${count}`;
  let labels = labelMemo.get(key);
  if (!labels) {
    if (labelMemo.size >= 64) labelMemo.clear();
    labels = Array.from({ length: count }, (_, h) =>
      DateTime.fromMillis(from + h * HOUR, { zone }).toFormat('HH:00'),
    );
    labelMemo.set(key, labels);
  }
  return labels;
}
