import { DateTime } from 'luxon';
import type { Channel } from '../../shared/signals';
import type { UnplannedHot } from '../../shared/teamContract';
import type { Db } from '../db/openDatabase';
import { hotPeopleOf, hotVisitorsBetween, type HotPersonRow } from '../db/repos/people';
import { lastVisitsByEmail } from '../planner/dayPlanReads';
import { fullName } from '../people/personZone';
import type { NameOf } from '../../shared/personName';

/** A visitor score at least this high makes a visitor hot (SalesIQ scores run to 100). */
const HOT_SCORE = 50;
/**
 * Late-stage open deals: Zoho's standard stages from "Proposal/Price Quote" on (75 % and more),
 * and the names organisations commonly give them.
 */
const LATE_STAGE = /proposal|price quote|negotiation|contract/i;

/** A hot visitor of the day, before the plans are looked at. */
export interface HotVisitor {
  id: string;
  name: string;
  company: string | null;
  ownerId: string | null;
  score: number | null;
  openStage: string | null;
  lateStage: string | null;
  lastVisit: number;
}

/**
 * TM-2's hot contacts: on the website in [from, to), with a high visitor score or a late-stage
 * open deal, owned by someone on the team (or by no one). A visit the CRM linked to nobody whose
 * visitor gave a person's e-mail is that person's (peopleByEmail, with `repId`'s tie-break), as on
 * the Visits page, the alerts and the planner's "on the website now".
 */
export function hotVisitors(
  db: Db,
  from: number,
  to: number,
  inScope: (ownerId: string | null) => boolean,
  repId: string | null,
  /** "First Last" for the command line; the app's screens pass `shownName`. */
  nameOf: NameOf = fullName,
): HotVisitor[] {
  if (to <= from) return [];
  const rows = new Map<string, HotPersonRow & { last_visit: number }>();
  for (const p of hotVisitorsBetween(db, from, to, HOT_SCORE)) rows.set(p.id, p);
  const last = lastVisitsByEmail(db, from, to, repId);
  if (last.size > 0) {
    for (const [id, at] of last) {
      const held = rows.get(id);
      if (held) held.last_visit = Math.max(held.last_visit, at);
    }
    const unread = [...last.keys()].filter((id) => !rows.has(id));
    for (const p of hotPeopleOf(db, unread, HOT_SCORE))
      rows.set(p.id, { ...p, last_visit: last.get(p.id) ?? from });
  }
  const out: HotVisitor[] = [];
  for (const p of rows.values()) {
    if (!inScope(p.owner_id)) continue;
    const stages = JSON.parse(p.open_stages) as (string | null)[];
    const lateStage = stages.find((s) => s !== null && LATE_STAGE.test(s)) ?? null;
    if ((p.visitor_score ?? 0) < HOT_SCORE && lateStage === null) continue;
    out.push({
      id: p.id,
      name: nameOf(p.first_name, p.last_name),
      company: p.company,
      ownerId: p.owner_id,
      score: p.visitor_score,
      openStage: lateStage ?? stages.find((s) => s !== null) ?? null,
      lateStage,
      lastVisit: p.last_visit,
    });
  }
  return out;
}

/** What the team's days say about one hot visitor, on the channel shown. */
export interface PersonInPlans {
  /**
   * Some rep still has them in a window: one open or to come that day (not skipped), or one
   * already worked.
   */
  planned: boolean;
  /** The reps whose day lists them. */
  repNames: string[];
  /** The latest end of a window that passed without being worked, if that is all there is. */
  missedAt: number | null;
  /** The channels of the windows that passed: one passes without a call, the other an email. */
  missedChannels: Channel[];
  skipped: boolean;
}

/**
 * The hot visitors no rep's day has at a window still ahead or worked: no row at all, only a row
 * with no window that day, a skipped one, or windows that passed without a call. Hottest first.
 */
export function unplannedHotContacts(
  visitors: readonly HotVisitor[],
  inPlans: ReadonlyMap<string, PersonInPlans>,
  userNames: ReadonlyMap<string, string>,
  /** Owners no longer active (a rep who left), with their names: no one plans their people. */
  departed: ReadonlyMap<string, string>,
  /** The manager's zone, for the times named. */
  zone: string,
  /** The day shown (YYYY-MM-DD in `zone`): a time on another day is named with its day. */
  date: string,
  now: number,
): UnplannedHot[] {
  const clock = (ms: number): string => clockIn(zone, date, ms);
  // A past day looked at again is not "today".
  const today = DateTime.fromMillis(now, { zone }).toISODate() === date ? 'today' : 'that day';
  const out: UnplannedHot[] = [];
  for (const v of visitors) {
    const plans = inPlans.get(v.id);
    if (plans?.planned) continue;
    const hot = [
      (v.score ?? 0) >= HOT_SCORE ? `visitor score ${v.score}` : null,
      v.lateStage ? `open deal at ${v.lateStage}` : null,
    ].filter(Boolean);
    const reps = plans?.repNames.join(' and ') ?? '';
    const gone = v.ownerId === null ? undefined : departed.get(v.ownerId);
    const plan = !plans?.repNames.length
      ? v.ownerId === null
        ? 'owned by no one, in no plan'
        : gone !== undefined
          ? `owned by ${gone}, who is no longer active, in no plan`
          : `in no rep’s plan ${today}`
      : plans.missedAt !== null
        ? missedText(reps, clock(plans.missedAt), plans.missedChannels)
        : plans.skipped
          ? `skipped ${today} by ${reps}`
          : `in ${reps}'s day with no window ${today}`;
    out.push({
      personId: v.id,
      name: v.name,
      company: v.company,
      ownerId: v.ownerId,
      ownerName: v.ownerId ? (userNames.get(v.ownerId) ?? departed.get(v.ownerId) ?? null) : null,
      visitorScore: v.score,
      dealStage: v.openStage,
      lastVisitAt: v.lastVisit,
      why: `On the website ${clock(v.lastVisit)}, ${hot.join(', ')}; ${plan}`,
    });
  }
  return out.sort(
    (a, b) =>
      (b.visitorScore ?? 0) - (a.visitorScore ?? 0) ||
      b.lastVisitAt - a.lastVisitAt ||
      (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0),
  );
}

/**
 * A window that passed unworked, in its channel's words: an email window passes without an
 * email. Windows of both channels passed: the time is the last one's.
 */
function missedText(reps: string, at: string, channels: readonly Channel[]): string {
  if (channels.includes('call') && channels.includes('email'))
    return `${reps}'s windows ended, the last ${at}, without a call or an email`;
  return `${reps}'s window ended ${at} without ${channels.includes('email') ? 'an email' : 'a call'}`;
}

/**
 * "at HH:mm" of an instant on the day shown, in the manager's zone, or "Mon 18:00" on another
 * day (a rep east of the manager has a day that starts on the manager's previous one); kept: the
 * same visits are worded again at every look.
 */
const clocks = new Map<string, string>();
function clockIn(zone: string, date: string, ms: number): string {
  const key = `${zone}|${date}|${ms}`;
  let text = clocks.get(key);
  if (text === undefined) {
    if (clocks.size >= 20_000) clocks.clear();
    const at = DateTime.fromMillis(ms, { zone }).setLocale('en');
    const day = at.toISODate() ?? '';
    if (day === date) text = at.toFormat("'at' HH:mm");
    else {
      // Calendar days, not 24-hour spans: a DST day has 23 or 25 hours.
      const apart = Math.abs(
        at.startOf('day').diff(DateTime.fromISO(date, { zone }).startOf('day'), 'days').days,
      );
      text = at.toFormat(apart < 6.5 ? 'ccc HH:mm' : 'ccc d LLL HH:mm');
    }
    clocks.set(key, text);
  }
  return text;
}
