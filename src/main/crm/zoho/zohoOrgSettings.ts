import { alwaysOpen, type BusinessHours } from '../../besttime/model/businessHours';
import { DateTime, IANAZone } from 'luxon';
import type { CrmHoliday, CrmLicence, CrmShift, CrmUser } from '../crmSource';
import { excerpt } from '../../../shared/excerpt';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const FULL_DAY: [number, number] = [0, 1440];

interface ZohoBusinessHours {
  type?: string;
  business_days?: string[];
  same_as_everyday?: boolean;
  daily_timing?: string[];
  custom_timing?: { days?: string; business_timing?: string[] }[];
}

function minutes(hhmm: string, setting = 'business hours'): number {
  const [h, m] = hhmm.split(':').map(Number);
  if (!Number.isInteger(h) || !Number.isInteger(m))
    throw new Error(`Zoho answered the ${setting} with a time that is none: "${hhmm}"`);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Pairs ["09:00","13:00","14:00","18:00"] into intervals; "00:00" as an end means midnight. A
 * pair that ends before it starts runs over midnight (a night shift): with `overnight`, its part
 * after midnight is handed over for the next day; without, it is no interval.
 */
function intervals(
  timing: string[] | undefined,
  setting?: string,
  overnight?: (tail: [number, number]) => void,
): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < (timing?.length ?? 0); i += 2) {
    const start = minutes(timing?.[i] ?? '', setting);
    const end = minutes(timing?.[i + 1] ?? '', setting) || 1440;
    if (end > start) out.push([start, end]);
    else if (overnight && end < start) {
      out.push([start, 1440]);
      overnight([0, end]);
    }
  }
  return out;
}

const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

const customDayOk = (c: unknown): boolean => {
  if (typeof c !== 'object' || c === null) return false;
  const timing = (c as { business_timing?: unknown }).business_timing;
  return timing == null || isStrings(timing);
};

/**
 * The setting in the answer to `GET /settings/business_hours` (204: none set, open around the
 * clock), its shape checked: one Zoho does not document is a fault named in words, as a
 * TypeError deep in the reading would not say what Zoho answered.
 */
export function businessHoursOf(body: unknown): BusinessHours {
  if (body === null || body === undefined) return toBusinessHours(null);
  const setting = (body as { business_hours?: unknown }).business_hours;
  const wrong = (what: string): Error =>
    new Error(`Zoho answered the business hours with ${what}: ${excerpt(body)}`);
  if (typeof setting !== 'object' || setting === null || Array.isArray(setting))
    throw wrong('no business_hours setting');
  const z = setting as Record<string, unknown>;
  if (z['business_days'] != null && !isStrings(z['business_days']))
    throw wrong('business_days that is not a list of days');
  if (z['daily_timing'] != null && !isStrings(z['daily_timing']))
    throw wrong('daily_timing that is not a list of times');
  const custom = z['custom_timing'];
  if (custom != null && !(Array.isArray(custom) && custom.every(customDayOk)))
    throw wrong('custom_timing that is not a list of days and times');
  return toBusinessHours(setting as ZohoBusinessHours);
}

/** Zoho's business hours setting as besttime's BusinessHours (days[0] is Monday). */
function toBusinessHours(zoho: ZohoBusinessHours | null | undefined): BusinessHours {
  // An org that never set business hours is open around the clock, as Zoho itself treats it.
  // Zoho's API documentation spells the types `24*7`; its v8 OpenAPI spec, `24_by_7`.
  if (!zoho || zoho.type === '24*7' || zoho.type === '24_by_7') return alwaysOpen();
  const fullDays = zoho.type === '24*5' || zoho.type === '24_by_5';
  const dayIndex = (name: string): number => DAYS.indexOf(name);
  const open = new Set((zoho.business_days ?? DAYS.slice(0, 5)).map(dayIndex));
  const days: [number, number][][] = DAYS.map(() => []);
  DAYS.forEach((_, d) => {
    if (!open.has(d)) return;
    if (fullDays) days[d] = [FULL_DAY];
    else if (zoho.same_as_everyday !== false) days[d] = intervals(zoho.daily_timing);
  });
  if (!fullDays && zoho.same_as_everyday === false) {
    for (const custom of zoho.custom_timing ?? []) {
      const d = dayIndex(custom.days ?? '');
      if (d >= 0) days[d] = intervals(custom.business_timing);
    }
  }
  return { days };
}

/** One day's times as Zoho lists them (`business_timing`, `shift_timing`, `break_timing`). */
interface ZohoDayTiming {
  days?: string;
  business_timing?: string[];
  shift_timing?: string[];
  break_timing?: string[];
}

interface ZohoWeek {
  /** `shift_days` or `break_days`. */
  days?: string[];
  same_as_everyday?: boolean;
  daily_timing?: string[] | null;
  custom_timing?: ZohoDayTiming[] | null;
}

/**
 * A week of Zoho's times (a shift's, a break's) as [start, end) minutes per day, Monday first,
 * each day's sorted and apart; a night's times after midnight belong to the next day.
 */
function weekOf(
  zoho: ZohoWeek,
  timing: (d: ZohoDayTiming) => string[] | undefined,
  setting: string,
): BusinessHours {
  const days: [number, number][][] = DAYS.map(() => []);
  const add = (d: number, list: [number, number][]): void => {
    days[d % 7]?.push(...list);
  };
  const read = (d: number, times: string[] | undefined): void =>
    add(
      d,
      intervals(times, setting, (tail) => add(d + 1, [tail])),
    );
  if (zoho.same_as_everyday === false) {
    for (const custom of zoho.custom_timing ?? []) {
      const d = DAYS.indexOf(custom.days ?? '');
      if (d >= 0) read(d, timing(custom));
    }
  } else
    for (const name of zoho.days ?? []) {
      const d = DAYS.indexOf(name);
      if (d >= 0) read(d, zoho.daily_timing ?? undefined);
    }
  return { days: days.map(merged) };
}

/** Intervals sorted, those that overlap or touch made one. */
function merged(list: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [s, e] of [...list].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** `hours` less `gaps`, day by day: a shift less its breaks. */
function without(hours: BusinessHours, gaps: BusinessHours): BusinessHours {
  return {
    days: hours.days.map((open, d) => {
      let left = open;
      for (const [gs, ge] of gaps.days[d] ?? []) {
        const next: [number, number][] = [];
        for (const [s, e] of left) {
          if (ge <= s || gs >= e) next.push([s, e]);
          else {
            if (gs > s) next.push([s, gs]);
            if (ge < e) next.push([ge, e]);
          }
        }
        left = next;
      }
      return left;
    }),
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const weekOk = (w: Record<string, unknown>, daysKey: string, timingKey: string): boolean =>
  (w[daysKey] == null || isStrings(w[daysKey])) &&
  (w['daily_timing'] == null || isStrings(w['daily_timing'])) &&
  (w['custom_timing'] == null ||
    (Array.isArray(w['custom_timing']) &&
      w['custom_timing'].every(
        (c) => isRecord(c) && (c[timingKey] == null || isStrings(c[timingKey])),
      )));

/**
 * The shifts in the answer to `GET /settings/business_hours/shift_hours` (204: none), each as the
 * week its users work, breaks taken out, in the shift's own zone (the organisation's when Zoho
 * names one Luxon does not know). A shift of a shape Zoho does not document is a fault named in
 * words. Its holidays are read apart (`holidaysOf`).
 */
export function shiftsOf(body: unknown, orgTimeZone: string): CrmShift[] {
  if (body === null || body === undefined) return [];
  const wrong = (what: string): Error =>
    new Error(`Zoho answered the shift hours with ${what}: ${excerpt(body)}`);
  const list = isRecord(body) ? body['shift_hours'] : undefined;
  if (!Array.isArray(list)) throw wrong('no list of shifts');
  return list.map((shift: unknown) => {
    if (!isRecord(shift) || typeof shift['id'] !== 'string') throw wrong('a shift without an id');
    if (!weekOk(shift, 'shift_days', 'shift_timing'))
      throw wrong(`shift ${shift['id']}'s days or times that are not lists`);
    const breaks = shift['break_hours'] ?? [];
    if (
      !Array.isArray(breaks) ||
      !breaks.every((b) => isRecord(b) && weekOk(b, 'break_days', 'break_timing'))
    )
      throw wrong(`shift ${shift['id']}'s break hours that are not lists`);
    const z = shift as ZohoWeek & { shift_days?: string[] };
    let hours = weekOf({ ...z, days: z.shift_days }, (d) => d.shift_timing, 'shift hours');
    for (const b of breaks as (ZohoWeek & { break_days?: string[] })[])
      hours = without(
        hours,
        weekOf({ ...b, days: b.break_days }, (d) => d.break_timing, 'shift hours'),
      );
    return {
      id: shift['id'],
      name: typeof shift['name'] === 'string' ? shift['name'] : shift['id'],
      timeZone: knownZone(
        typeof shift['timezone'] === 'string' ? shift['timezone'] : null,
        orgTimeZone,
      ),
      hours,
    };
  });
}

/**
 * The holidays in the answer to `GET /settings/holidays` (204: none): a `business_holiday` for
 * everyone on the organisation's hours, a `shift_holiday` for the users of its `shift_hour`. A
 * holiday of a type Zoho does not document is left out (nothing says whose day off it is); one
 * without a date, or a shift holiday without its shift, is a fault named in words.
 */
export function holidaysOf(body: unknown): CrmHoliday[] {
  if (body === null || body === undefined) return [];
  const wrong = (what: string): Error =>
    new Error(`Zoho answered the holidays with ${what}: ${excerpt(body)}`);
  const list = isRecord(body) ? body['holidays'] : undefined;
  if (!Array.isArray(list)) throw wrong('no list of holidays');
  const out: CrmHoliday[] = [];
  for (const holiday of list) {
    if (!isRecord(holiday)) throw wrong('a holiday that is none');
    const { date, type, name } = holiday;
    if (
      typeof date !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
      !DateTime.fromISO(date, { zone: 'UTC' }).isValid
    )
      throw wrong(`a holiday on no date (${excerpt(JSON.stringify(date) ?? 'nothing', 40)})`);
    if (type !== 'business_holiday' && type !== 'shift_holiday') continue;
    const shift = holiday['shift_hour'];
    const shiftId = isRecord(shift) ? idText(shift['id']) : null;
    if (type === 'shift_holiday' && shiftId === null)
      throw wrong(`a shift holiday on ${date} without its shift`);
    out.push({
      // Zoho documents an id on every holiday; the key the table needs is made up without one.
      id: idText(holiday['id']) ?? `${type}|${shiftId ?? ''}|${date}`,
      date,
      name: typeof name === 'string' && name.trim() ? name.trim() : 'Holiday',
      shiftId: type === 'shift_holiday' ? shiftId : null,
    });
  }
  return out;
}

/** An id as Zoho writes it: a string, or (in some answers) a number. */
function idText(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
}

export interface ZohoUser {
  id: string;
  full_name?: string;
  first_name?: string | null;
  last_name?: string;
  email?: string;
  time_zone?: string;
  status?: string;
  role?: { name?: string; id?: string } | null;
  profile?: { name?: string; id?: string } | null;
  Reporting_To?: { name?: string; id?: string } | null;
  /** The shift the user works now (Zoho's shift hours), or null. */
  $current_shift?: { name?: string; id?: string } | null;
}

/**
 * A zone from Zoho if it is one Luxon knows by name, else `fallback`: an unknown zone (a Java id
 * such as "GMT+05:30" or "IST") would otherwise stop every day drawn in it, the whole team's
 * page with it.
 */
export function knownZone(zone: string | undefined | null, fallback: string): string {
  return zone && IANAZone.isValidZone(zone) ? zone : fallback;
}

/** Users with their reporting line; whoever someone reports to is a manager. */
export function toCrmUsers(users: ZohoUser[], orgTimeZone: string): CrmUser[] {
  const managers = new Set(users.map((u) => u.Reporting_To?.id).filter(Boolean));
  return users.map((u) => ({
    id: u.id,
    name: u.full_name ?? [u.first_name, u.last_name].filter(Boolean).join(' '),
    email: u.email ?? '',
    role: u.profile?.name === 'Administrator' ? 'admin' : managers.has(u.id) ? 'manager' : 'rep',
    managerId: u.Reporting_To?.id ?? null,
    team: u.role?.name ?? null,
    timeZone: knownZone(u.time_zone, orgTimeZone),
    active: (u.status ?? 'active') === 'active',
    shiftId: u.$current_shift?.id ?? null,
  }));
}

/** The organisation variable that keeps the admin's switch for visit alerts (VT-6). */
export const ALERTS_VARIABLE = 'Contact_Window_Visit_Alerts';

/**
 * The switch in the answer to `GET /settings/variables` (204: no variables), or null when the
 * organisation has no such variable (nobody ever turned alerts off for everyone). A checkbox
 * variable's value comes as a boolean, or as its text.
 */
export function alertsVariableOf(body: unknown): { id: string; enabled: boolean } | null {
  if (body === null || body === undefined) return null;
  const list = (body as { variables?: unknown }).variables;
  if (!Array.isArray(list))
    throw new Error(`Zoho answered the variables without a list of them: ${excerpt(body)}`);
  const found = list.find(
    (v): v is Record<string, unknown> =>
      typeof v === 'object' &&
      v !== null &&
      (v as { api_name?: unknown }).api_name === ALERTS_VARIABLE,
  );
  if (!found) return null;
  const { id, value } = found;
  const enabled =
    value === true || value === 'true' ? true : value === false || value === 'false' ? false : null;
  if (enabled === null)
    throw new Error(
      `Zoho answered ${ALERTS_VARIABLE} with the value ${excerpt(JSON.stringify(value) ?? 'nothing', 80)}, not a checkbox's`,
    );
  if (typeof id !== 'string')
    throw new Error(`Zoho answered ${ALERTS_VARIABLE} without an id: ${excerpt(found)}`);
  return { id, enabled };
}

/**
 * The edition and user licences in the organisation's answer to `GET /org` (its
 * `license_details`: `paid_type`, `paid`, `users_license_purchased`), or null when it has none.
 * A field of another shape reads as not said: the budget then assumes the least (creditBudget.ts).
 */
export function licenceOf(org: unknown): CrmLicence | null {
  const details = (org as { license_details?: unknown } | null)?.license_details;
  if (typeof details !== 'object' || details === null) return null;
  const {
    paid_type: edition,
    paid,
    users_license_purchased: users,
  } = details as Record<string, unknown>;
  return {
    edition: typeof edition === 'string' && edition !== '' ? edition : null,
    paid: typeof paid === 'boolean' ? paid : null,
    users: typeof users === 'number' && Number.isInteger(users) && users >= 0 ? users : null,
  };
}
