// Raw: the generator's bulk insert writes millions of rows with prepared statements.
import { rawHandle } from '../db/bulkHandle';
import type { Db } from '../db/openDatabase';
import { organisation } from '../db/repos/organisation';
import { refreshEveryonesLastTouch } from '../db/repos/lastTouch';
import { transaction } from '../db/sqlRun';
import {
  CHAT_CONVERSATIONS,
  chatLines,
  COMPANY_HEADS,
  COMPANY_SUFFIXES,
  COMPANY_TAILS,
  DEAL_STAGES_OPEN,
  FIRST_NAMES,
  INDUSTRIES,
  LAST_NAMES,
  PERSON_ZONES,
  REFERRERS,
  SEARCH_KEYWORDS,
  SITE_PAGES,
  TITLES,
} from './demoVocabulary';
import { demoCallSeconds, makeHabit, SIGNAL_MIX, SIGNAL_SHAPES, type Habit } from './demoHabits';
import { DEMO_HABITS_SETTING, packHabit, type PackedHabit } from './demoHabitStore';
import { LocalHourGrid } from './localHourGrid';
import { Random } from './random';
import { DEMO_USERS, DEMO_ORG, DEMO_SHIFTS, demoWorkingHoursOf } from './demoOrganisation';
import { clearOrganisationData } from '../db/clearOrganisationData';
import { mix, workedOnDay, ZoneCalendar, type LivePerson } from './demoLiveEvents';
import { demoTaskDue } from './demoTaskDueDates';
import { demoHolidays } from './demoHolidays';
import { DemoPersonNames } from './demoPersonNames';
import { planEmailVisits, type EmailVisitor, type EmailVisitPlan } from './demoEmailVisits';
import { visitDay } from '../../shared/visitDays';
import { demoMailbox } from './demoMails';
import { demoEmailAddress } from './demoEmailAddress';
import { demoVisitActions } from './demoVisitActions';
import { RAISE_DEMO_LEAD_STATUSES } from './demoLeadStatus';

export interface DemoOptions {
  seed: number;
  people: number;
  /** The instant the demo is generated for: history lies before it, plans around it. */
  now: number;
  /** Mean engagement events per person over the six months (sparse people have 1 to 3). */
  meanEvents?: number;
}

export interface DemoSummary {
  users: number;
  accounts: number;
  people: number;
  deals: number;
  activities: number;
  visits: number;
  chats: number;
}

const HISTORY_DAYS = 182;
const PLAN_DAYS = 14;
/**
 * The reps' own calls go back through the whole history, as the live demo goes on making them:
 * when they began only 15 days back, the last four weeks held calls on every weekday at the
 * person's hour that nothing before showed, and Settings › Best time's backtest of those weeks
 * had the model lose to "the person's own hour" by seven points on calls.
 */
const WORKED_DAYS = HISTORY_DAYS;

export class DemoRefusedError extends Error {
  override name = 'DemoRefusedError';
}

/**
 * Writes the demo organisation (SY-4). Deterministic: the same seed, size and `now` give the
 * same rows. Replaces an earlier demo organisation; refuses to touch a connected CRM's data.
 */
export function generateDemo(db: Db, options: DemoOptions): DemoSummary {
  const existing = organisation(db);
  if (existing && existing.source !== 'demo') {
    throw new DemoRefusedError(
      `${db.path} holds data synced from ${existing.source}; the demo organisation goes in a separate database file.`,
    );
  }
  const random = new Random(options.seed);
  const meanEvents = options.meanEvents ?? 47;
  const grids = new Map<string, LocalHourGrid>(
    PERSON_ZONES.map((z) => [
      z.zone,
      new LocalHourGrid(z.zone, options.now, HISTORY_DAYS, PLAN_DAYS),
    ]),
  );
  for (const u of DEMO_USERS) {
    if (!grids.has(u.time_zone)) {
      grids.set(u.time_zone, new LocalHourGrid(u.time_zone, options.now, HISTORY_DAYS, PLAN_DAYS));
    }
  }
  const reps = DEMO_USERS.filter((u) => u.role === 'rep');
  /**
   * Territories, as sales teams have them: an account or lead goes to a rep of its region (the
   * Americas, Europe, Asia-Pacific), so reps call their people in their own working day.
   */
  const territoryRep = (zone: string, n: number): (typeof reps)[number] | undefined => {
    const theirs = reps.filter((r) => regionOf(r.time_zone) === regionOf(zone));
    return theirs[n % Math.max(1, theirs.length)];
  };
  const summary: DemoSummary = {
    users: 0,
    accounts: 0,
    people: 0,
    deals: 0,
    activities: 0,
    visits: 0,
    chats: 0,
  };

  // Bulk insert of up to millions of rows: prepared better-sqlite3 statements in one transaction.
  const s = {
    org: rawHandle(db).prepare(
      'insert into organisation (id, name, time_zone, business_hours, source) values (1, ?, ?, ?, ?)',
    ),
    user: rawHandle(db).prepare(
      'insert into users (id, name, email, role, manager_id, team, time_zone, shift_id) values (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    shift: rawHandle(db).prepare(
      'insert into shifts (id, name, time_zone, hours) values (?, ?, ?, ?)',
    ),
    account: rawHandle(db).prepare(
      'insert into accounts (id, name, industry, website, country, owner_id, modified_at) values (?, ?, ?, ?, ?, ?, ?)',
    ),
    person: rawHandle(db)
      .prepare(`insert into people (id, module, first_name, last_name, email, phone, title, company, account_id,
      owner_id, country, time_zone, lead_status, lead_source, days_visited, chats_count, avg_time_spent_min, first_visit_at,
      last_visit_at, first_visited_url, visit_referrer, visitor_score, created_at, modified_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    deal: rawHandle(db).prepare(
      'insert into deals (id, name, stage, status, amount, currency, closing_date, person_id, account_id, owner_id, modified_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    activity: rawHandle(db)
      .prepare(`insert into activities (id, person_id, owner_id, signal, kind, channel, direction, started_at,
      duration_s, subject, status, source_module, source_id, outcome) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    // The owners' planned work: a task may carry a Due_Date (demoTaskDueDates.ts).
    planned: rawHandle(db)
      .prepare(`insert into activities (id, person_id, owner_id, signal, kind, channel, direction, started_at,
      duration_s, subject, status, source_module, source_id, outcome, due_date)
      values (?, ?, ?, null, ?, ?, 'out', ?, null, ?, 'scheduled', ?, null, null, ?)`),
    visit: rawHandle(db)
      .prepare(`insert into visits (id, person_id, visitor_name, visitor_email, ip, started_at, ended_at, time_spent_s,
      referrer, search_engine, search_keyword, actions) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    page: rawHandle(db).prepare(
      'insert into visit_pages (visit_id, url, title, viewed_at, time_spent_s) values (?, ?, ?, ?, ?)',
    ),
    chat: rawHandle(db).prepare(
      'insert into chats (id, person_id, visit_id, operator_id, started_at, ended_at) values (?, ?, ?, ?, ?, ?)',
    ),
    message: rawHandle(db).prepare(
      'insert into chat_messages (chat_id, sender, author, sent_at, text) values (?, ?, ?, ?, ?)',
    ),
    visitSummary: rawHandle(db)
      .prepare(`update people set days_visited = ?, chats_count = (select count(*) from chats where person_id = ?),
      avg_time_spent_min = ?, first_visit_at = ?, last_visit_at = ?, first_visited_url = ?, visit_referrer = ?,
      visitor_score = ? where id = ?`),
    setting: rawHandle(db).prepare(
      'insert into settings (key, value) values (?, ?) on conflict(key) do update set value = excluded.value',
    ),
    holiday: rawHandle(db).prepare(
      'insert into holidays (id, date, name, shift_id) values (?, ?, ?, ?)',
    ),
  };

  const gridOf = (zone: string): LocalHourGrid => {
    const grid = grids.get(zone);
    if (!grid) throw new Error(`no hour grid for ${zone}`);
    return grid;
  };
  const pastDaysByWeekday = (grid: LocalHourGrid, weekday: number): number[] => {
    const out: number[] = [];
    for (let off = -HISTORY_DAYS; off < 0; off++) {
      const d = grid.dayIndex(off);
      if (grid.weekdays[d] === weekday) out.push(d);
    }
    return out;
  };
  const weekdayDays = new Map<string, number[][]>();
  for (const [zone, grid] of grids) {
    weekdayDays.set(
      zone,
      [0, 1, 2, 3, 4, 5, 6, 7].map((w) => (w === 0 ? [] : pastDaysByWeekday(grid, w))),
    );
  }
  const daysOn = (zone: string, weekday: number): number[] =>
    weekdayDays.get(zone)?.[weekday] ?? [];

  const habits: PackedHabit[] = [];
  let activityId = 0;
  let visitId = 0;
  let chatId = 0;
  const now = options.now;

  const writeVisits = (
    personId: string | null,
    zone: string,
    name: string | null,
    email: string | null,
    count: number,
  ) => {
    const grid = gridOf(zone);
    const visits: { start: number; spent: number; url: string; referrer: string | null }[] = [];
    for (let v = 0; v < count; v++) {
      // The newest visits are recent so the visitor feed and alerts have something to show.
      const dayOffset = v === 0 && random.chance(0.3) ? 0 : -random.int(1, 60);
      const day = grid.dayIndex(dayOffset);
      let start = grid.instant(day, random.int(7, 21), random.int(0, 59));
      if (start > now) start = now - random.int(1, 120) * 60_000;
      const ref = random.weighted(REFERRERS.map((r) => [r, r.weight] as const));
      const id = `v${++visitId}`;
      const pages = random.int(1, 6);
      let t = start;
      let first = '';
      const pageRows: [string, string, number, number][] = [];
      for (let p = 0; p < pages; p++) {
        const [url, title] =
          p === 0 && ref.engine ? random.pick(SITE_PAGES.slice(4, 7)) : random.pick(SITE_PAGES);
        const spent = random.int(10, 240);
        if (p === 0) first = url;
        pageRows.push([url, title, t, spent]);
        t += spent * 1000;
      }
      const spent = Math.round((t - start) / 1000);
      s.visit.run(
        id,
        personId,
        name,
        email,
        `203.0.113.${random.int(1, 254)}`,
        start,
        t,
        spent,
        ref.referrer,
        ref.engine,
        ref.engine ? random.pick(SEARCH_KEYWORDS) : null,
        demoVisitActions(pageRows.map(([url]) => url)),
      );
      for (const row of pageRows) s.page.run(id, ...row);
      if (personId && random.chance(0.15)) writeChat(personId, name, id, start + 30_000);
      visits.push({ start, spent, url: first, referrer: ref.referrer });
      summary.visits++;
    }
    return visits;
  };

  const writeChat = (
    personId: string | null,
    visitorName: string | null,
    visit: string,
    start: number,
  ) => {
    const id = `c${++chatId}`;
    const operator = random.pick(reps);
    const lines = chatLines(random.pick(CHAT_CONVERSATIONS), visitorName, operator.name);
    s.chat.run(id, personId, visit, operator.id, start, start + lines.length * 45_000);
    lines.forEach((line, i) => {
      s.message.run(id, line.sender, line.author, start + i * 45_000, line.text);
    });
    summary.chats++;
  };

  /** A visit the CRM linked to nobody, by a visitor who typed a person's e-mail (VT-2). */
  const writeEmailVisit = (plan: EmailVisitPlan) => {
    const id = `v${++visitId}`;
    const ref = random.weighted(REFERRERS.map((r) => [r, r.weight] as const));
    const spent = Array.from({ length: random.int(2, 5) }, () => random.int(20, 180));
    const total = spent.reduce((a, b) => a + b, 0) * 1000;
    // The one on the website now left a minute before the demo was written.
    const start = plan.onSite ? now - 60_000 - total : plan.start;
    let t = start;
    const pageRows = spent.map((secs, p): [string, string, number, number] => {
      const [url, title] =
        p === 0 && ref.engine ? random.pick(SITE_PAGES.slice(4, 7)) : random.pick(SITE_PAGES);
      const row: [string, string, number, number] = [url, title, t, secs];
      t += secs * 1000;
      return row;
    });
    s.visit.run(
      id,
      null,
      plan.person.name,
      plan.typed,
      `203.0.113.${random.int(1, 254)}`,
      start,
      t,
      Math.round(total / 1000),
      ref.referrer,
      ref.engine,
      ref.engine ? random.pick(SEARCH_KEYWORDS) : null,
      demoVisitActions(pageRows.map(([url]) => url)),
    );
    for (const row of pageRows) s.page.run(id, ...row);
    // A chat of a visitor the CRM did not link is linked to nobody either.
    if (plan.chat) writeChat(null, plan.person.name, id, start + 30_000);
    summary.visits++;
  };

  // Local days of the zones in play, shared by the mailboxes and the reps' own calls.
  const calendar = new ZoneCalendar();
  const writeSignals = (personId: string, ownerId: string, zone: string, habit: Habit) => {
    const grid = gridOf(zone);
    const mailbox = demoMailbox(options.seed, personId, now, demoWorkingHoursOf(ownerId), calendar);
    for (let e = 0; e < habit.eventCount; e++) {
      const signal = random.weighted(SIGNAL_MIX);
      const shape = SIGNAL_SHAPES[signal as keyof typeof SIGNAL_SHAPES];
      let day: number;
      let hour: number;
      if (random.chance(habit.focus)) {
        const weekday = shape.usesCallHabit ? habit.callWeekday : random.pick(habit.emailWeekdays);
        const days = daysOn(zone, weekday);
        day = days[Math.floor(random.next() * days.length)] ?? grid.dayIndex(-1);
        hour = shape.usesCallHabit ? habit.callHour : habit.emailHour;
      } else {
        day = grid.dayIndex(-random.int(1, HISTORY_DAYS));
        hour = random.int(8, 18);
      }
      const at = grid.instant(day, hour, random.int(0, 59));
      const duration = shape.kind === 'call' ? demoCallSeconds(random) : null;
      const { sourceId, mail } = mailbox(signal, at);
      s.activity.run(
        `a${++activityId}`,
        personId,
        ownerId,
        signal,
        shape.kind,
        shape.channel,
        shape.direction,
        at,
        duration,
        shape.subject,
        'completed',
        shape.sourceModule,
        sourceId,
        null,
      );
      summary.activities++;
      if (mail) {
        // The rep's mail itself: no signal (the model learns from the contact's behaviour alone).
        s.activity.run(
          mail.id,
          personId,
          ownerId,
          null,
          'email',
          'email',
          'out',
          mail.at,
          null,
          mail.subject,
          'completed',
          'Emails',
          mail.messageId,
          null,
        );
        summary.activities++;
      }
    }
  };

  const writePlanned = (personId: string, ownerId: string, ownerZone: string, name: string) => {
    const grid = gridOf(ownerZone);
    // Most planned work lands today, so the demo planner is full whenever it was generated.
    const offset = random.chance(0.7) ? 0 : random.int(-2, PLAN_DAYS - 1);
    const at = grid.instant(grid.dayIndex(offset), random.int(8, 17), random.pick([0, 15, 30, 45]));
    const call = random.chance(0.7);
    const id = `a${++activityId}`;
    // Its own generator, so the organisation's numbers after it stay as they were.
    const due = call
      ? null
      : demoTaskDue(
          new Random(mix(options.seed, 10, activityId)),
          { owner: ownerZone, org: DEMO_ORG.timeZone },
          now,
        );
    s.planned.run(
      id,
      personId,
      ownerId,
      call ? 'call' : 'task',
      call ? 'call' : 'task',
      due?.startAt ?? at,
      call ? `Call ${name}` : `Send proposal to ${name}`,
      call ? 'Calls' : 'Tasks',
      due?.dueDate ?? null,
    );
    summary.activities++;
  };

  // The reps' own calls up to now: the live demo's `workedOnDay`, which goes on from here as time
  // passes, so a first start already shows rows worked and a trend behind them.
  // Its own generator per person and day: the organisation's stream of numbers stays as it was.
  const live = {
    seed: options.seed,
    ownerZones: new Map(DEMO_USERS.map((u) => [u.id, u.time_zone])),
  };
  const peoplePerRep = options.people / Math.max(1, reps.length);
  const emailVisitors: EmailVisitor[] = [];
  const writeWorked = (person: LivePerson) => {
    const today = calendar.at(person.zone, now).day.number;
    for (let d = today - WORKED_DAYS; d <= today; d++) {
      const write = workedOnDay(live, calendar, person, calendar.day(person.zone, d), peoplePerRep);
      if (!write || write.modifiedAt > now) continue;
      for (const w of write.writes) {
        if (w.table !== 'activities') continue;
        const a = w.row;
        s.activity.run(
          a.id,
          a.person_id,
          a.owner_id,
          a.signal,
          a.kind,
          a.channel,
          a.direction,
          a.started_at,
          a.duration_s,
          a.subject,
          a.status,
          a.source_module,
          a.source_id,
          a.outcome ?? null,
        );
        summary.activities++;
      }
    }
  };

  transaction(db, () => {
    clearOrganisationData(db);
    s.org.run(DEMO_ORG.name, DEMO_ORG.timeZone, JSON.stringify(DEMO_ORG.businessHours), 'demo');
    for (const shift of DEMO_SHIFTS)
      s.shift.run(shift.id, shift.name, shift.time_zone, JSON.stringify(shift.hours));
    for (const u of DEMO_USERS) {
      s.user.run(u.id, u.name, u.email, u.role, u.manager_id, u.team, u.time_zone, u.shift_id);
      summary.users++;
    }
    s.setting.run('current_user_id', JSON.stringify(reps[0]?.id ?? null));
    s.setting.run('demo_generated_at', JSON.stringify(now));

    const accountCount = Math.max(1, Math.round(options.people / 4));
    const accounts: {
      id: string;
      name: string;
      zone: (typeof PERSON_ZONES)[number];
      owner: string;
    }[] = [];
    const accountsInRegion = new Map<string, number>();
    for (let a = 0; a < accountCount; a++) {
      const zone = random.weighted(PERSON_ZONES.map((z) => [z, z.weight] as const));
      const head = random.pick(COMPANY_HEADS);
      const tail = random.pick(COMPANY_TAILS);
      const name = `${head} ${tail} ${random.pick(COMPANY_SUFFIXES)}${a >= COMPANY_HEADS.length * COMPANY_TAILS.length ? ` ${a}` : ''}`;
      // Each region's accounts dealt round its reps in turn, so the reps' loads are even.
      const dealt = (accountsInRegion.get(regionOf(zone.zone)) ?? 0) + 1;
      accountsInRegion.set(regionOf(zone.zone), dealt);
      const owner = territoryRep(zone.zone, dealt - 1)?.id ?? reps[a % reps.length]?.id ?? '';
      const id = `acc${a + 1}`;
      s.account.run(
        id,
        name,
        random.pick(INDUSTRIES),
        `https://${head.toLowerCase()}-${tail.toLowerCase()}.example`,
        zone.country,
        owner,
        now - random.int(1, 180) * 86_400_000,
      );
      accounts.push({ id, name, zone, owner });
      summary.accounts++;
    }

    const personNames = new DemoPersonNames();
    for (let i = 0; i < options.people; i++) {
      const account = accounts[i % accounts.length] ?? accounts[0];
      if (!account) break;
      const contact = random.chance(0.6);
      const zone =
        contact || random.chance(0.5)
          ? account.zone
          : random.weighted(PERSON_ZONES.map((z) => [z, z.weight] as const));
      // A lead goes to a rep of the region they are in, as the account's contacts do.
      const ownerRep = contact
        ? (reps.find((r) => r.id === account.owner) ?? random.pick(reps))
        : (territoryRep(zone.zone, random.int(0, reps.length - 1)) ?? random.pick(reps));
      const { first, last } = personNames.give(
        random.pick(FIRST_NAMES),
        random.pick(LAST_NAMES),
        account.name,
      );
      const id = `p${i + 1}`;
      const name = `${first} ${last}`;
      const email = demoEmailAddress(first, last, i, account.name);
      const phone = `${zone.phone} ${random.int(100, 999)} ${random.int(1000, 9999)} ${random.int(100, 999)}`;
      const created = now - random.int(190, 720) * 86_400_000;
      const visitCount = random.chance(0.35) ? random.int(1, 6) : 0;
      // Insert the person before the rows that point at it: foreign keys are checked per statement.
      s.person.run(
        id,
        contact ? 'contact' : 'lead',
        first,
        last,
        email,
        phone,
        random.pick(TITLES),
        contact ? account.name : account.name,
        contact ? account.id : null,
        ownerRep.id,
        zone.country,
        random.chance(0.9) ? zone.zone : null,
        contact
          ? null
          : random.pick(['Not Contacted', 'Attempted to Contact', 'Contacted', 'Pre-Qualified']),
        random.pick([
          'Web Download',
          'Trade Show',
          'Cold Call',
          'Partner',
          'Chat',
          'Advertisement',
        ]),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        created,
        now - random.int(0, 60) * 86_400_000,
      );
      summary.people++;
      let score: number | null = null;
      if (visitCount > 0) {
        const visits = writeVisits(id, zone.zone, name, email, visitCount);
        const firstVisit = visits.reduce((a, b) => (a.start <= b.start ? a : b));
        const lastVisit = visits.reduce((a, b) => (a.start >= b.start ? a : b));
        // Calendar days in the organisation's zone, as the live demo and the person page count them.
        const days = new Set(visits.map((v) => visitDay(v.start, DEMO_ORG.timeZone))).size;
        score = Math.min(100, visitCount * 12 + random.int(0, 30));
        s.visitSummary.run(
          days,
          id,
          Math.round((visits.reduce((t, v) => t + v.spent, 0) / visits.length / 60) * 10) / 10,
          firstVisit.start,
          lastVisit.start,
          firstVisit.url,
          firstVisit.referrer,
          score,
          id,
        );
      }
      emailVisitors.push({
        id,
        name,
        email,
        ownerId: ownerRep.id,
        zone: zone.zone,
        visits: visitCount,
        score,
      });
      const habit = makeHabit(random, meanEvents);
      habits.push(packHabit(habit, zone.zone));
      writeSignals(id, ownerRep.id, zone.zone, habit);
      // In their own zone, as the live demo goes on placing them (whether the CRM knows it or not).
      writeWorked({
        id,
        module: contact ? 'contact' : 'lead',
        name,
        email,
        ownerId: ownerRep.id,
        zone: zone.zone,
        habit,
      });
      if (random.chance(0.45)) writePlanned(id, ownerRep.id, ownerRep.time_zone, name);
      if (contact && random.chance(0.45)) {
        const status = random.weighted([
          ['open', 6],
          ['won', 2],
          ['lost', 2],
        ] as const);
        const stage =
          status === 'open'
            ? random.pick(DEAL_STAGES_OPEN)
            : status === 'won'
              ? 'Closed Won'
              : 'Closed Lost';
        s.deal.run(
          `d${++summary.deals}`,
          `${account.name.split(' ')[0] ?? ''} ${random.pick(['expansion', 'pilot', 'renewal', 'rollout'])}`,
          stage,
          status,
          random.int(5, 400) * 500,
          'EUR',
          null,
          id,
          account.id,
          ownerRep.id,
          now - random.int(0, 90) * 86_400_000,
        );
      }
    }
    // The live demo (demoLiveSource.ts) goes on with each person's habits after this instant.
    s.setting.run(DEMO_HABITS_SETTING, JSON.stringify(habits));
    s.setting.run('demo_seed', JSON.stringify(options.seed));
    const anonymous = Math.round(options.people / 4);
    for (let v = 0; v < anonymous; v++) {
      writeVisits(null, random.pick(PERSON_ZONES).zone, null, null, 1);
    }
    // Last, so the organisation drawn before them is the one the seed always gave.
    for (const plan of planEmailVisits(random, emailVisitors, reps[0]?.id ?? '', now))
      writeEmailVisit(plan);
    for (const h of demoHolidays(now)) s.holiday.run(h.id, h.date, h.name, h.shiftId);
    for (const statement of RAISE_DEMO_LEAD_STATUSES) rawHandle(db).prepare(statement).run();
    // Once for everyone, after the last activity and visit: People's order reads it.
    refreshEveryonesLastTouch(db);
  });
  return summary;
}

function regionOf(zone: string): 'americas' | 'apac' | 'emea' {
  if (zone.startsWith('America/')) return 'americas';
  if (zone.startsWith('Asia/') || zone.startsWith('Australia/')) return 'apac';
  return 'emea';
}
