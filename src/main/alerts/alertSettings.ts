import { alertRuleSchema, type AlertRule } from '../../shared/alertsContract';
import {
  alwaysOpen,
  storedBusinessHours,
  type BusinessHours,
} from '../besttime/model/businessHours';
import { isValidZone } from '../besttime/model/localClock';
import type { Db } from '../db/openDatabase';
import {
  alertPreferences,
  alertRuleRows,
  clearAlertRules,
  putAlertPreferences,
  replaceAlertRules,
} from '../db/repos/alerts';
import { organisation } from '../db/repos/organisation';
import { shiftById } from '../db/repos/shifts';
import type { DayOff } from '../planner/daysOff';
import { openingFor } from '../planner/windowOccurrences';
import { activeUsers, allUsers, userById } from '../db/repos/users';
import { ownsAnyPerson } from '../db/repos/people';
import type { UserRow } from '../db/schema';
import { reportsBelow } from '../../shared/reportingLine';
import {
  DEFAULT_COOLDOWN_MINUTES,
  DEFAULT_RULES,
  ORGANISATION_DEFAULT_RULES,
  publicRule,
  withTeamOwners,
  type JudgedRule,
} from './alertRules';
import { formatWorkingHours, parseWorkingHours, type WorkingHours } from './workingHours';

/** A rep's alert configuration as stored, with the defaults filled in. */
export interface RepAlertConfig {
  /** The rules that can be read, `owner: team` ones with the rep's team attached. */
  rules: JudgedRule[];
  defaultRules: boolean;
  /** Stored rules this version cannot read: they raise nothing, and are kept (saveRules). */
  unreadable: { name: string; problem: string }[];
  cooldownMinutes: number;
  /** The rep's own working hours, in their zone; null: the organisation's. */
  workingHours: string | null;
  pausedUntil: number | null;
}

export function readRepAlertConfig(db: Db, userId: string): RepAlertConfig {
  const prefs = alertPreferences(db, userId);
  const custom = prefs?.custom_rules === 1;
  const stored = custom
    ? storedRules(db, userId)
    : { rules: defaultRulesFor(db, userId), unreadable: [] };
  return {
    rules: withTeamOwners(stored.rules, teamOwnerIds(db, userId)),
    defaultRules: !custom,
    unreadable: stored.unreadable.map(({ name, problem }) => ({ name, problem })),
    cooldownMinutes: prefs?.cooldown_minutes ?? DEFAULT_COOLDOWN_MINUTES,
    workingHours: prefs?.working_hours ?? null,
    pausedUntil: prefs?.paused_until ?? null,
  };
}

/**
 * The rules a user has until they edit theirs: their own people on the website; for an admin who
 * owns none, whose "my people" would never hold, the organisation's open deals. Reps and managers
 * keep their own people's, whether or not they own any yet.
 */
function defaultRulesFor(db: Db, userId: string): AlertRule[] {
  const organisationWide = userById(db, userId)?.role === 'admin' && !ownsAnyPerson(db, userId);
  return [...(organisationWide ? ORGANISATION_DEFAULT_RULES : DEFAULT_RULES)];
}

/**
 * Whose people `owner: team` means for a user: their own and those of everyone below them in the
 * reporting line, at every level, those who left included (their people stay theirs in the CRM
 * until handed on, and are the manager's to watch, as on the Team page).
 */
export function teamOwnerIds(db: Db, userId: string): Set<string> {
  const users = allUsers(db).map((u) => ({ id: u.id, managerId: u.manager_id }));
  return new Set([userId, ...reportsBelow(users, userId).map((u) => u.id)]);
}

interface UnreadableRule {
  name: string;
  problem: string;
  /** The row as stored, kept as it is when the rules are saved. */
  row: { name: string; rule: string };
}

/**
 * The stored rules this version can read, and those it cannot (an owner it does not know, a
 * newer version's field, a hand edit), each with why: named in Settings, never dropped silently.
 */
function storedRules(db: Db, userId: string): { rules: AlertRule[]; unreadable: UnreadableRule[] } {
  const rules: AlertRule[] = [];
  const unreadable: UnreadableRule[] = [];
  for (const row of alertRuleRows(db, userId)) {
    let rest: unknown;
    try {
      rest = JSON.parse(row.rule);
    } catch {
      unreadable.push({ name: row.name, problem: 'it is not a rule (not JSON)', row });
      continue;
    }
    const parsed = alertRuleSchema.safeParse(
      typeof rest === 'object' && rest !== null ? { ...rest, name: row.name } : null,
    );
    if (parsed.success) rules.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') ?? '';
      const given =
        field && typeof rest === 'object' && rest !== null
          ? (rest as Record<string, unknown>)[String(issue?.path[0])]
          : undefined;
      const value = typeof given === 'string' ? ` "${given.slice(0, 40)}"` : '';
      unreadable.push({
        name: row.name,
        problem: `${field ? `its ${field}${value}: ` : ''}${issue?.message ?? 'not a rule'}`,
        row,
      });
    }
  }
  return { rules, unreadable };
}

/**
 * Stores the rep's rules in order; rules stored before that this version cannot read stay after
 * them, as they were (a newer version's owner must not be lost by a save here).
 */
export function saveRules(db: Db, userId: string, rules: readonly AlertRule[], now: number): void {
  const kept = storedRules(db, userId).unreadable;
  for (const k of kept)
    if (rules.some((r) => r.name.toLowerCase() === k.name.toLowerCase()))
      throw new Error(
        `A stored rule is named "${k.name}" and this version cannot read it (${k.problem}); it is kept: give the new rule another name.`,
      );
  replaceAlertRules(
    db,
    userId,
    [
      // Never the owners a team rule was read with: they are found again at each read.
      ...rules.map(publicRule).map(({ name, ...rest }) => ({ name, rule: JSON.stringify(rest) })),
      ...kept.map((k) => k.row),
    ],
    now,
  );
}

export function resetRules(db: Db, userId: string, now: number): void {
  clearAlertRules(db, userId, now);
}

export function savePreferences(
  db: Db,
  userId: string,
  patch: { cooldownMinutes?: number; workingHours?: string | null; pausedUntil?: number | null },
  now: number,
): void {
  putAlertPreferences(
    db,
    userId,
    {
      ...(patch.cooldownMinutes !== undefined ? { cooldown_minutes: patch.cooldownMinutes } : {}),
      ...(patch.workingHours !== undefined ? { working_hours: patch.workingHours } : {}),
      ...(patch.pausedUntil !== undefined ? { paused_until: patch.pausedUntil } : {}),
    },
    now,
  );
}

/** The organisation's business hours and zone; hours unknown or unreadable mean always open. */
export function organisationHours(db: Db): WorkingHours {
  const org = organisation(db);
  if (!org) return { hours: alwaysOpen(), zone: 'UTC' };
  let hours: BusinessHours = alwaysOpen();
  try {
    const parsed = JSON.parse(org.business_hours) as Partial<BusinessHours>;
    if (Array.isArray(parsed.days) && parsed.days.length === 7) hours = parsed as BusinessHours;
  } catch {
    // Not JSON: as if no hours were known.
  }
  return { hours, zone: org.time_zone };
}

/**
 * The hours a rep's alerts are delivered in: a spec given here (the CLI's rules file), else the
 * rep's own setting, both in the rep's zone; else their shift's hours in its zone (Zoho's shift
 * hours); else the organisation's business hours in its zone. Whichever they are, the rep's days
 * off are outside them (`repDaysOff`).
 */
export function effectiveWorkingHours(
  db: Db,
  rep: Pick<UserRow, 'time_zone'> & { shift_id?: string | null },
  own: string | null,
): WorkingHours & { spec: string; source: 'rep' | 'shift' | 'organisation'; shift?: string } {
  return { ...hoursWithoutDaysOff(db, rep, own), daysOff: repDaysOff(db, rep) };
}

function hoursWithoutDaysOff(
  db: Db,
  rep: Pick<UserRow, 'time_zone'> & { shift_id?: string | null },
  own: string | null,
): WorkingHours & { spec: string; source: 'rep' | 'shift' | 'organisation'; shift?: string } {
  const shift = rep.shift_id ? shiftById(db, rep.shift_id) : undefined;
  const shiftHours =
    shift && isValidZone(shift.time_zone) ? storedBusinessHours(shift.hours) : null;
  // The shift is named with their own hours too: it is what "not my own" would go back to.
  if (own !== null)
    return {
      ...parseWorkingHours(own, rep.time_zone),
      spec: own,
      source: 'rep',
      ...(shift && shiftHours ? { shift: shift.name } : {}),
    };
  if (shift && shiftHours)
    return {
      hours: shiftHours,
      zone: shift.time_zone,
      spec: formatWorkingHours(shiftHours),
      source: 'shift',
      shift: shift.name,
    };
  const org = organisationHours(db);
  return { ...org, spec: formatWorkingHours(org.hours), source: 'organisation' };
}

/**
 * A rep's days off, as their planner keeps their windows off them (`openingFor`): their shift's
 * holidays, each the whole day in the shift's zone; else the business holidays, in the
 * organisation's. Their own alert hours change when they take alerts, not which days they are off.
 */
function repDaysOff(db: Db, rep: { shift_id?: string | null }): readonly DayOff[] {
  return openingFor(db, rep)?.daysOff ?? [];
}

/** How many days off Settings is given: enough for a page left open for weeks. */
const DAYS_OFF_AHEAD = 10;

/**
 * The rep's days off that are on now or come next (calendar day, name, end), in order: Settings
 * names the first not over by its clock, since alerts raised on it wait for the next working
 * day's digest.
 */
export function daysOffAhead(
  db: Db,
  rep: { shift_id?: string | null },
  now: number,
): { date: string; name: string; to: number }[] {
  return repDaysOff(db, rep)
    .filter((d) => d.to > now)
    .slice(0, DAYS_OFF_AHEAD)
    .map((d) => ({ date: d.date, name: d.name, to: d.to }));
}

/**
 * The zone a rep's days are counted in ("returning": visited on an earlier day than today): the
 * rep's own, whoever's working hours they take alerts in; the organisation's only when the rep's
 * is not a zone Luxon knows. A New York rep in a Berlin organisation starts a day at midnight in
 * New York, not at 18:00.
 */
export function repDayZone(db: Db, rep: Pick<UserRow, 'time_zone'>): string {
  return isValidZone(rep.time_zone) ? rep.time_zone : organisationHours(db).zone;
}

/**
 * Who may turn visit notifications off for everyone: an admin; in an organisation without one
 * (no active user with Zoho's Administrator profile), a manager.
 */
export function canChangeAlertsEnabled(db: Db, user: Pick<UserRow, 'role'>): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'manager' && !activeUsers(db).some((u) => u.role === 'admin');
}
