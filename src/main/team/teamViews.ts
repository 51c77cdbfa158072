import type { Settings } from '../../shared/contract';
import type { Channel } from '../../shared/signals';
import type { TeamExport } from '../../shared/teamContract';
import type { BusinessHours } from '../besttime/model/businessHours';
import type { Db } from '../db/openDatabase';
import { ownedPeopleAccounts, ownersWithPeople } from '../db/repos/people';
import type { UserRow } from '../db/schema';
import type { PlanPerson } from '../planner/repPlanInputs';
import { teamCsv } from './teamCsv';
import { teamOf } from './teamMembers';
import { teamSchedule, type TeamSchedule } from './teamSchedule';
import { teamTrend, TrendCache } from './teamTrend';

/** What a team view is computed against: the clock, the organisation and its settings. */
export interface TeamContext {
  now: number;
  orgTz: string;
  businessHours: BusinessHours | null;
  settings: Settings;
}

/**
 * The team schedules over one database (TM-1 to TM-3): whose days a user sees, their day, the
 * trend and the exports. Keeps what does not change between two looks (who owns people, each
 * person's account, past days' coverage) until `invalidate`, which the core calls on every change;
 * the reps' plan inputs come from the caller's cache.
 */
export class TeamViews {
  private owners: Set<string> | null = null;
  private accounts: { team: string; byPerson: Map<string, string | null> } | null = null;
  private readonly trends = new TrendCache();

  constructor(
    private readonly db: Db,
    private readonly inputsOf: (repId: string) => PlanPerson[],
  ) {}

  /**
   * After a change: past days' coverage goes with any (a mark, a setting, a sync); who owns whom
   * and each person's account only with the CRM's data.
   */
  invalidate(change: { records: boolean }): void {
    this.trends.invalidate();
    if (!change.records) return;
    this.owners = null;
    this.accounts = null;
  }

  /** The viewer's lanes; throws NoTeamError for a user with no one below them. */
  team(viewer: UserRow): UserRow[] {
    this.owners ??= new Set(ownersWithPeople(this.db));
    return teamOf(this.db, viewer, this.owners);
  }

  schedule(
    viewer: UserRow,
    context: TeamContext,
    options: { date?: string | undefined; channel?: Channel | undefined; reps?: UserRow[] } = {},
  ): TeamSchedule {
    const team = this.team(viewer);
    const reps = options.reps ?? team;
    // Kept for the whole team: an export of one rep reads the same map.
    const accounts = this.accountsOf(team);
    return teamSchedule(this.db, {
      viewer,
      reps,
      ...context,
      date: options.date,
      channel: options.channel,
      inputsOf: this.inputsOf,
      accountOf: (id) => accounts.get(id) ?? null,
    });
  }

  trend(
    viewer: UserRow,
    context: TeamContext,
    options: { date?: string | undefined; channel?: Channel | undefined },
  ) {
    return teamTrend(
      this.db,
      { reps: this.team(viewer), ...context, ...options, inputsOf: this.inputsOf },
      this.trends,
    );
  }

  /** The day's schedule of the team, or of one rep on it, as CSV or iCalendar. */
  async export(
    viewer: UserRow,
    context: TeamContext,
    options: { date?: string | undefined; repId?: string | undefined; format: 'csv' | 'ics' },
  ): Promise<TeamExport> {
    const team = this.team(viewer);
    const reps = options.repId ? team.filter((r) => r.id === options.repId) : team;
    if (reps.length === 0)
      throw new Error(`${viewer.name} has no one with id ${options.repId} on their team.`);
    const schedule = this.schedule(viewer, context, { date: options.date, reps });
    const who = options.repId ? slug(reps[0]?.name ?? 'rep') : 'team';
    const base = `${who}-${schedule.date}`;
    if (options.format === 'csv')
      return { fileName: `${base}.csv`, mimeType: 'text/csv', content: teamCsv(schedule.reps) };
    // Loaded on the first calendar asked for: nothing else needs the iCalendar writer.
    const { teamCalendar } = await import('./teamCalendar');
    return {
      fileName: `${base}.ics`,
      mimeType: 'text/calendar',
      content: teamCalendar(schedule.reps, {
        name: calendarName(schedule, options.repId ? (reps[0]?.name ?? '') : null),
        now: context.now,
      }),
    };
  }

  private accountsOf(reps: readonly UserRow[]): Map<string, string | null> {
    const team = reps
      .map((r) => r.id)
      .sort()
      .join('|');
    if (this.accounts?.team !== team) {
      const byPerson = new Map<string, string | null>();
      for (const p of ownedPeopleAccounts(
        this.db,
        reps.map((r) => r.id),
      ))
        byPerson.set(p.id, p.account);
      this.accounts = { team, byPerson };
    }
    return this.accounts.byPerson;
  }
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
