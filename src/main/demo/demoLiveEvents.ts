import { DateTime } from 'luxon';
import { outboundCallSignal } from '../../shared/callOutcome';
import type { ActivityWrite, ChatWrite, LocalWrite, VisitPageWrite } from '../crm/crmSource';
import type { Habit } from './demoHabits';
import { demoCallSeconds, SIGNAL_MIX, SIGNAL_SHAPES } from './demoHabits';
import {
  CHAT_CONVERSATIONS,
  chatLines,
  REFERRERS,
  SEARCH_KEYWORDS,
  SITE_PAGES,
} from './demoVocabulary';
import { Random } from './random';
import { demoVisitActions } from './demoVisitActions';
import { demoLiveTaskDue } from './demoTaskDueDates';

/**
 * What happens in the demo organisation after it was generated: website visits (with pages and
 * sometimes a chat) and engagement that follows each person's habits. Every event is a pure
 * function of the seed and of a fixed unit of time (a minute for visits, a person's local day for
 * activities), never of when or how often it is asked for: any window yields the same events with
 * the same ids, so a sync can ask again, overlap, resume or page without duplicating anything.
 */

export interface LivePerson {
  id: string;
  module: 'lead' | 'contact';
  name: string;
  email: string | null;
  ownerId: string | null;
  /** The person's zone, or the organisation's when the person has none. */
  zone: string;
  habit: Habit;
}

export interface LivePopulation {
  seed: number;
  people: LivePerson[];
  /** Each user's zone: planned calls are made in the owner's morning. */
  ownerZones: ReadonlyMap<string, string>;
  reps: readonly { id: string; name: string }[];
  orgZone: string;
}

/** A generated record: the rows it becomes once visible, and the instant it became so. */
export interface LiveRecord {
  id: string;
  modifiedAt: number;
  writes: LocalWrite[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;
// The history generateDemo writes spans 182 days: a habit's events are spread over as many.
const HISTORY_DAYS = 182;
// Weeks in that history: how often each weekday (a habit's call day) occurs.
const HISTORY_WEEKS = HISTORY_DAYS / 7;
const VISIT_CHAT_CHANCE = 0.15;
const KNOWN_VISITOR_SHARE = 0.8;
/**
 * One known visitor in this many is one the CRM did not link (a new browser, a colleague's
 * laptop) who gave their e-mail, so the live demo shows visitors known by e-mail (VT-2) too.
 */
const BY_EMAIL_EVERY = 8;
const PLANNED_PER_WEEKDAY = 0.04;
/** The hours a demo rep makes calls in, their own time. */
const REP_DAY_FROM = 8;
const REP_DAY_TO = 19;
/** The longest visit: 6 pages of at most 4 minutes, a chat within it. */
export const LONGEST_VISIT_MS = 30 * MINUTE;

/** 32-bit FNV-1a over integers: the seed of one minute's or one person-day's generator. */
export function mix(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    let v = Math.floor(p) >>> 0;
    for (let i = 0; i < 4; i++) {
      h = Math.imul(h ^ (v & 0xff), 0x01000193);
      v >>>= 8;
    }
    // Whole days and minutes since 1970 exceed 32 bits in ms, not in these units.
    h = Math.imul(h ^ Math.floor(p / 2 ** 32), 0x01000193);
  }
  return h >>> 0;
}

export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function poisson(random: Random, lambda: number): number {
  if (lambda <= 0) return 0;
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random.next();
  while (p > limit) {
    k++;
    p *= random.next();
  }
  return k;
}

/** A local calendar day of a zone: its number (days since 1970-01-01 of the local date), hours. */
export interface LocalDay {
  key: string;
  number: number;
  weekday: number;
  /** UTC start of each local hour, and at [24] the start of the next day. */
  hours: number[];
}

/** Local days of the zones in play, computed once each with Luxon (exact across DST changes). */
export class ZoneCalendar {
  // By zone, then day number: the demo asks for a day tens of millions of times, and a key
  // string made for each ask cost more than the lookup.
  private readonly zones = new Map<string, Map<number, LocalDay>>();

  day(zone: string, number: number): LocalDay {
    let days = this.zones.get(zone);
    if (!days) {
      days = new Map();
      this.zones.set(zone, days);
    }
    let day = days.get(number);
    if (!day) {
      const date = DateTime.fromMillis(number * DAY, { zone: 'utc' });
      const start = DateTime.fromObject(
        { year: date.year, month: date.month, day: date.day },
        { zone },
      );
      const hours: number[] = [];
      // A local hour that does not exist (spring forward) resolves to the next real one.
      for (let h = 0; h < 24; h++) hours.push(start.set({ hour: h }).toMillis());
      hours.push(start.plus({ days: 1 }).toMillis());
      day = { key: date.toFormat('yyyyLLdd'), number, weekday: start.weekday, hours };
      days.set(number, day);
    }
    return day;
  }

  /** The local day and hour of an instant. */
  at(zone: string, t: number): { day: LocalDay; hour: number } {
    let day = this.day(zone, Math.floor(t / DAY));
    if (t < (day.hours[0] ?? 0)) day = this.day(zone, day.number - 1);
    else if (t >= (day.hours[24] ?? 0)) day = this.day(zone, day.number + 1);
    let hour = 23;
    while (hour > 0 && t < (day.hours[hour] ?? 0)) hour--;
    return { day, hour };
  }

  instant(day: LocalDay, hour: number, minute: number): number {
    return (day.hours[hour] ?? 0) + minute * MINUTE;
  }
}

// ---------------------------------------------------------------------------------- visits

export interface LiveVisit {
  id: string;
  person: LivePerson | null;
  /**
   * Whether the CRM linked the visit to `person`; if not, the visitor gave their e-mail (in a form
   * or a chat) and is known by it (VT-2).
   */
  linked: boolean;
  start: number;
  pages: (VisitPageWrite & { time_spent_s: number })[];
  end: number;
  ip: string;
  referrer: string | null;
  engine: string | null;
  keyword: string | null;
  chat: (ChatWrite & { messages: NonNullable<ChatWrite['messages']> }) | null;
}

/** Visits per minute across the organisation: a few, more for a bigger one. */
function visitsPerMinute(people: number): number {
  return Math.min(4, Math.max(0.5, people / 150));
}

/** How likely a visitor is on the website at this local hour: days, weekdays mostly. */
function presence(weekday: number, hour: number): number {
  const day = hour >= 7 && hour < 22;
  if (weekday >= 6) return day ? 0.3 : 0.03;
  return day ? 1 : 0.05;
}

/** The visits starting in one minute (`slot` = minutes since 1970). */
export function visitsInMinute(
  population: LivePopulation,
  calendar: ZoneCalendar,
  slot: number,
): LiveVisit[] {
  const random = new Random(mix(population.seed, 1, slot));
  const candidates = poisson(random, visitsPerMinute(population.people.length));
  const visits: LiveVisit[] = [];
  for (let k = 0; k < candidates; k++) {
    const known = population.people.length > 0 && random.chance(KNOWN_VISITOR_SHARE);
    const person = known ? random.pick(population.people) : null;
    const start = slot * MINUTE + random.int(0, 59) * 1000;
    const local = calendar.at(person?.zone ?? population.orgZone, start);
    const stays = random.next() < presence(local.day.weekday, local.hour) * (person ? 1 : 0.6);
    // Every candidate draws the same numbers, kept or not: the next one's do not depend on it.
    const ref = random.weighted(REFERRERS.map((r) => [r, r.weight] as const));
    const count = random.int(1, 6);
    const pages: LiveVisit['pages'] = [];
    let t = start;
    for (let p = 0; p < count; p++) {
      const [url, title] =
        p === 0 && ref.engine ? random.pick(SITE_PAGES.slice(4, 7)) : random.pick(SITE_PAGES);
      const spent = random.int(10, 240);
      pages.push({ url, title, viewed_at: t, time_spent_s: spent });
      t += spent * 1000;
    }
    const ip = `203.0.113.${random.int(1, 254)}`;
    const keyword = ref.engine ? random.pick(SEARCH_KEYWORDS) : null;
    const chatting = random.chance(VISIT_CHAT_CHANCE);
    const conversation = random.pick(CHAT_CONVERSATIONS);
    const operator = population.reps.length ? random.pick(population.reps) : null;
    if (!stays) continue;
    const lines = chatLines(conversation, person?.name ?? null, operator?.name ?? 'Operator');
    const id = `lv-${slot}-${k}`;
    // Not from `random`: each visit stays as it was, only whom the CRM linked it to differs.
    const linked = person !== null && mix(population.seed, 6, slot, k) % BY_EMAIL_EVERY !== 0;
    const chatStart = start + 30_000;
    const chatEnd = chatStart + lines.length * 45_000;
    const withChat = person !== null && chatting;
    visits.push({
      id,
      person,
      linked,
      start,
      pages,
      // A visitor chatting stays on the page until the chat is over.
      end: withChat ? Math.max(t, chatEnd) : t,
      ip,
      referrer: ref.referrer,
      engine: ref.engine,
      keyword,
      chat: withChat
        ? {
            id: `lc-${slot}-${k}`,
            person_id: linked ? person.id : null,
            operator_id: operator?.id ?? null,
            started_at: chatStart,
            ended_at: chatEnd,
            messages: lines.map((line, i) => ({ ...line, sent_at: chatStart + i * 45_000 })),
          }
        : null,
    });
  }
  return visits;
}

/**
 * The visit as the CRM shows it at `now`: the pages viewed so far, the chat's lines so far, ended
 * once its last page is over. Its modification instant is that of its newest part, so a sync sees
 * it appear when it starts and again as it grows.
 */
export function visitAsOf(visit: LiveVisit, now: number): LiveRecord | null {
  if (visit.start > now) return null;
  const done = visit.end <= now;
  const pages = visit.pages.filter((p) => p.viewed_at <= now);
  const chat = visit.chat && visit.chat.started_at <= now ? visit.chat : null;
  const messages = chat ? chat.messages.filter((m) => m.sent_at <= now) : [];
  const chatOver = chat !== null && (chat.ended_at ?? Infinity) <= now;
  const modifiedAt = done
    ? visit.end
    : Math.max(
        pages.at(-1)?.viewed_at ?? visit.start,
        messages.at(-1)?.sent_at ?? 0,
        chatOver ? (chat.ended_at ?? 0) : 0,
      );
  const person = visit.person;
  const last = pages.at(-1);
  return {
    id: visit.id,
    modifiedAt,
    writes: [
      {
        table: 'visits',
        row: {
          id: visit.id,
          person_id: visit.linked ? (person?.id ?? null) : null,
          visitor_name: person?.name ?? null,
          visitor_email: person?.email ?? null,
          ip: visit.ip,
          started_at: visit.start,
          ended_at: done ? visit.end : null,
          time_spent_s: Math.round((modifiedAt - visit.start) / 1000),
          referrer: visit.referrer,
          search_engine: visit.engine,
          search_keyword: visit.keyword,
          actions: demoVisitActions(pages.map((p) => p.url)),
        },
        // The page being read has no time spent yet.
        pages: pages.map((p) => (done || p !== last ? p : { ...p, time_spent_s: null })),
        chats: chat ? [{ ...chat, ended_at: chatOver ? chat.ended_at : null, messages }] : [],
      },
    ],
  };
}

// ------------------------------------------------------------------------------ activities

const CALL_SIGNALS = SIGNAL_MIX.filter(
  ([s]) => s in SIGNAL_SHAPES && SIGNAL_SHAPES[s as keyof typeof SIGNAL_SHAPES].usesCallHabit,
);
const OTHER_SIGNALS = SIGNAL_MIX.filter(([s]) => !CALL_SIGNALS.some(([c]) => c === s));
const CALL_SHARE =
  CALL_SIGNALS.reduce((n, [, w]) => n + w, 0) / SIGNAL_MIX.reduce((n, [, w]) => n + w, 0);

/**
 * A person's engagement on one of their local days, spread as generateDemo spreads the history:
 * a `focus` share at their habit (call weekday and hour; email weekdays and hour), the rest at any
 * working hour of any day.
 */
export function activitiesOnDay(
  population: LivePopulation,
  calendar: ZoneCalendar,
  person: LivePerson,
  day: LocalDay,
): LiveRecord[] {
  const h = person.habit;
  const random = new Random(mix(population.seed, 2, hashString(person.id), day.number));
  const emailShare =
    h.emailWeekdays.filter((w) => w === day.weekday).length / h.emailWeekdays.length;
  const perDay = h.eventCount / HISTORY_DAYS;
  const loose = poisson(random, perDay * (1 - h.focus));
  const calls =
    day.weekday === h.callWeekday
      ? poisson(random, (h.eventCount * h.focus * CALL_SHARE) / HISTORY_WEEKS)
      : 0;
  const emails = poisson(
    random,
    (h.eventCount * h.focus * (1 - CALL_SHARE) * emailShare) / HISTORY_WEEKS,
  );
  const out: LiveRecord[] = [];
  const add = (signal: keyof typeof SIGNAL_SHAPES, hour: number): void => {
    const shape = SIGNAL_SHAPES[signal];
    const at = calendar.instant(day, hour, random.int(0, 59));
    const duration = shape.kind === 'call' ? demoCallSeconds(random) : null;
    const row: ActivityWrite = {
      id: `la-${person.id}-${day.key}-${out.length}`,
      person_id: person.id,
      owner_id: person.ownerId,
      signal,
      kind: shape.kind,
      channel: shape.channel,
      direction: shape.direction,
      started_at: at,
      duration_s: duration,
      subject: shape.subject,
      status: 'completed',
      source_module: shape.sourceModule,
      source_id: null,
    };
    out.push({ id: row.id, modifiedAt: at, writes: [{ table: 'activities', row }] });
  };
  const signalOf = (mixList: typeof SIGNAL_MIX): keyof typeof SIGNAL_SHAPES =>
    random.weighted(mixList) as keyof typeof SIGNAL_SHAPES;
  for (let i = 0; i < calls; i++) add(signalOf(CALL_SIGNALS), h.callHour);
  for (let i = 0; i < emails; i++) add(signalOf(OTHER_SIGNALS), h.emailHour);
  for (let i = 0; i < loose; i++) add(signalOf(SIGNAL_MIX), random.int(8, 18));
  return out;
}

/**
 * Work the owner plans for the person on one of the owner's weekdays, written into the CRM at
 * 07:00 their time: a call, sometimes a task, later that day (most tasks due that day, a Due_Date).
 */
export function plannedOnDay(
  population: LivePopulation,
  calendar: ZoneCalendar,
  person: LivePerson,
  ownerDay: LocalDay,
): LiveRecord | null {
  if (ownerDay.weekday >= 6 || !person.ownerId) return null;
  const random = new Random(mix(population.seed, 3, hashString(person.id), ownerDay.number));
  if (!random.chance(PLANNED_PER_WEEKDAY)) return null;
  const call = random.chance(0.7);
  const at = calendar.instant(ownerDay, random.int(8, 17), random.pick([0, 15, 30, 45]));
  const due = call ? null : demoLiveTaskDue(random, ownerDay.key, population.orgZone);
  const row: ActivityWrite = {
    id: `lp-${person.id}-${ownerDay.key}`,
    person_id: person.id,
    owner_id: person.ownerId,
    signal: null,
    kind: call ? 'call' : 'task',
    channel: call ? 'call' : 'task',
    direction: 'out',
    started_at: due?.startAt ?? at,
    duration_s: null,
    subject: call ? `Call ${person.name}` : `Send proposal to ${person.name}`,
    status: 'scheduled',
    source_module: call ? 'Calls' : 'Tasks',
    source_id: null,
    due_date: due?.dueDate ?? null,
  };
  return {
    id: row.id,
    modifiedAt: calendar.instant(ownerDay, 7, 0),
    writes: [{ table: 'activities', row }],
  };
}

// ------------------------------------------------------------------- the reps' own calls

/**
 * How often a rep calls a person on a weekday: more often on the person's call day, when their
 * habit hour is surely in their window, than on others, when it is in two windows of three.
 */
const WORKED_ON_CALL_DAY = 0.6;
const WORKED_ON_OTHER_WEEKDAY = 0.4;
/**
 * A rep calls about this many of their people a day at most: a rep with thousands of people
 * (the benchmarks' organisation) works a few of them, not half.
 */
const CALLS_PER_REP_DAY = 20;
/** How many of those calls are answered (the rest ring out: still worked, `call_no_answer`). */
const WORKED_ANSWERED = 0.7;

/**
 * The owner working their plan: on the person's weekdays, now and then, the rep calls them in
 * their habit hour (mostly inside their window), so the demo's Team page sees rows worked as the
 * day goes on. The call becomes visible when it ends, as a logged call would.
 */
export function workedOnDay(
  population: Pick<LivePopulation, 'seed' | 'ownerZones'>,
  calendar: ZoneCalendar,
  person: LivePerson,
  day: LocalDay,
  /** The owners' people on average: the busier a rep, the smaller the share of them called. */
  peoplePerRep: number,
): LiveRecord | null {
  if (!person.ownerId || day.weekday > 5) return null;
  const random = new Random(mix(population.seed, 5, hashString(person.id), day.number));
  const share = Math.min(1, CALLS_PER_REP_DAY / (WORKED_ON_OTHER_WEEKDAY * peoplePerRep));
  const chance =
    share *
    (day.weekday === person.habit.callWeekday ? WORKED_ON_CALL_DAY : WORKED_ON_OTHER_WEEKDAY);
  if (!random.chance(chance)) return null;
  const answered = random.chance(WORKED_ANSWERED);
  const at = calendar.instant(day, person.habit.callHour, random.int(5, 45));
  // Nobody calls from home at night: a person whose hour falls outside the rep's working day
  // (08:00-19:00 the rep's time) is not called that day.
  const ownerZone = population.ownerZones.get(person.ownerId);
  if (ownerZone) {
    const repHour = calendar.at(ownerZone, at).hour;
    if (repHour < REP_DAY_FROM || repHour >= REP_DAY_TO) return null;
  }
  const duration = answered ? random.int(90, 900) : random.int(15, 40);
  const outcome = answered ? 'answered' : 'no_answer';
  const row: ActivityWrite = {
    id: `lw-${person.id}-${day.key}`,
    person_id: person.id,
    owner_id: person.ownerId,
    // As a logged call: its outcome, and an unanswered one is evidence against the hour (BT-12).
    outcome,
    signal: outboundCallSignal(outcome, duration),
    kind: 'call',
    channel: 'call',
    direction: 'out',
    started_at: at,
    duration_s: duration,
    subject: answered ? `Call with ${person.name}` : `Call ${person.name}: no answer`,
    status: 'completed',
    source_module: 'Calls',
    source_id: null,
  };
  return { id: row.id, modifiedAt: at + duration * 1000, writes: [{ table: 'activities', row }] };
}
