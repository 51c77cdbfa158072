import type { AlertRule, BestWindow, VisitorCategory } from '../../shared/alertsContract';
import type { Db } from '../db/openDatabase';
import type { UserRow } from '../db/schema';
import { readSettings } from '../settings/settingsStore';
import { inTimeOrder, type PageView, type PageViewSource, type Visitor } from './alertEngine';
import { replayPageViewsSteps, type Replay } from './alertReplay';
import { runSteps, type Steps } from '../besttime/model/steps';
import { asksReturning, ownPeopleOnly, withTeamOwners } from './alertRules';
import {
  effectiveWorkingHours,
  organisationHours,
  repDayZone,
  teamOwnerIds,
} from './alertSettings';
import type { AccessLog } from './accessLog';
import { alertWindow, BestWindows } from './bestWindows';
import type { CsvPageView } from './pageViewsCsv';
import { anonymousVisitorId } from './storedPageViews';
import { peopleByEmail } from '../people/emailMatch';
import { emailKey } from '../../shared/emailKey';
import { loadPeople, type KnownPerson } from './visitorFacts';

/** The `alerts` command's output (issue #13), every instant an ISO string in UTC. */
export interface ReplayReport {
  rep: string;
  summary: {
    page_views: number;
    sessions: number;
    bot_sessions: number;
    alerts_now: number;
    alerts_held: number;
    suppressed: { cooldown: number; session: number; rules: number; bots: number };
  };
  alerts: {
    person_id: string | null;
    name: string | null;
    visitor_id: string;
    category: VisitorCategory;
    visit_started_at: string;
    alert_at: string;
    delivery: 'now' | 'held';
    deliver_at: string;
    rule: string;
    pages: string[];
    score: number | null;
    best_window: {
      channel: BestWindow['channel'];
      state: BestWindow['state'];
      start: string;
      end: string;
      stars: number;
    } | null;
  }[];
}

export interface ReplayConfig {
  rules: readonly AlertRule[];
  cooldownMinutes: number;
  /** A spec in the rep's zone, else the organisation's business hours. */
  workingHours: string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * A page-view file's lines: a visitor whose e-mail matches a person is that person throughout,
 * and a person is one visitor across devices (their sessions and cooldown are the person's, as
 * with stored visits); the output still names the file's visitor_id of the page view.
 */
export function pageViewsFromCsv(db: Db, rows: readonly CsvPageView[], repId: string): PageView[] {
  const byEmail = peopleByEmail(
    db,
    rows.flatMap((r) => (r.email ? [r.email] : [])),
    repId,
  );
  const personOf = new Map<string, string>();
  for (const r of [...rows].sort((a, b) => a.at - b.at || a.line - b.line)) {
    const person = r.email ? byEmail.get(emailKey(r.email)) : undefined;
    if (person && !personOf.has(r.visitorId)) personOf.set(r.visitorId, person);
  }
  return inTimeOrder(
    rows.map((r) => {
      const personId = personOf.get(r.visitorId) ?? null;
      return {
        at: r.at,
        url: r.url,
        visitor: {
          // Apart from any visitor_id the file gives someone unknown.
          visitorId: personId === null ? r.visitorId : `person\n${personId}`,
          ...(personId === null ? {} : { shownAs: r.visitorId }),
          personId,
          visitorName: r.name,
          userAgent: r.userAgent,
          visitId: null,
        },
      };
    }),
  );
}

/** An access log's page views: every visitor unknown, a visitor being an IP and a user agent. */
export function pageViewsFromLog(log: AccessLog): PageView[] {
  const visitors = new Map<string, Visitor>();
  return inTimeOrder(
    log.views.map((v) => {
      const key = `${v.ip}\n${v.userAgent ?? ''}`;
      let visitor = visitors.get(key);
      if (!visitor) {
        visitor = {
          visitorId: anonymousVisitorId(v.ip, v.userAgent),
          personId: null,
          visitorName: null,
          userAgent: v.userAgent,
          visitId: null,
        };
        visitors.set(key, visitor);
      }
      return { at: v.at, url: v.url, visitor };
    }),
  );
}

/**
 * Page views through a rep's rules as if they arrived live, with what the database knows of the
 * people (category, owner, score, earlier visits).
 */
export function replayForRep(
  db: Db,
  rep: Pick<UserRow, 'id' | 'time_zone'>,
  source: PageViewSource,
  config: ReplayConfig,
): { replay: Replay; people: Map<string, KnownPerson> } {
  return runSteps(replayForRepSteps(db, rep, source, config));
}

/** `replayForRep` in slices: it yields after each page view replayed. */
export function* replayForRepSteps(
  db: Db,
  rep: Pick<UserRow, 'id' | 'time_zone'>,
  source: PageViewSource,
  config: ReplayConfig,
): Steps<{ replay: Replay; people: Map<string, KnownPerson> }> {
  const orgTz = organisationHours(db).zone;
  // Only the people a rule can hold for: a person none can is never shown either.
  const people = loadPeople(
    db,
    source.personIds,
    orgTz,
    asksReturning(config.rules) && { repId: rep.id },
    ownPeopleOnly(config.rules, rep.id),
  );
  const hours = effectiveWorkingHours(db, rep, config.workingHours);
  const replay = yield* replayPageViewsSteps(
    source.views,
    {
      repId: rep.id,
      // A rules file's or a preview's `owner: team` rules: the rep's team as the app reads it.
      rules: withTeamOwners(config.rules, teamOwnerIds(db, rep.id)),
      cooldownMs: config.cooldownMinutes * 60_000,
      dayZone: repDayZone(db, rep),
      facts: (id) => people.get(id),
    },
    hours,
  );
  return { replay, people };
}

/** The command's output: the replay, with each alerted person's window at its delivery. */
export function replayReport(
  db: Db,
  rep: Pick<UserRow, 'id'>,
  replay: Replay,
  people: ReadonlyMap<string, KnownPerson>,
): ReplayReport {
  const settings = readSettings(db);
  const windows = new BestWindows(db, {
    call: settings.callSuggestions,
    email: settings.emailSuggestions,
  });
  windows.preload(replay.alerts.flatMap((a) => (a.session.personId ? [a.session.personId] : [])));
  const s = replay.summary;
  const report: ReplayReport = {
    rep: rep.id,
    summary: {
      page_views: s.pageViews,
      sessions: s.sessions,
      bot_sessions: s.botSessions,
      alerts_now: s.alertsNow,
      alerts_held: s.alertsHeld,
      suppressed: { ...s.suppressed },
    },
    alerts: replay.alerts.map((a) => {
      const person = a.session.personId ? people.get(a.session.personId) : undefined;
      const best = person ? alertWindow(windows.of(person.id, person.zone, a.deliverAt)) : null;
      return {
        person_id: person?.id ?? null,
        name: person?.name ?? a.session.visitorName,
        visitor_id: a.visitor.shownAs ?? a.session.visitorId,
        category: a.facts.category,
        visit_started_at: iso(a.session.start),
        alert_at: iso(a.alertAt),
        delivery: a.delivery,
        deliver_at: iso(a.deliverAt),
        rule: a.rule.name,
        pages: a.pages,
        score: a.facts.score,
        best_window: best && {
          channel: best.channel,
          state: best.state,
          start: iso(best.start),
          end: iso(best.end),
          stars: best.stars,
        },
      };
    }),
  };
  return report;
}
