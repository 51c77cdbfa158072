import { DateTime } from 'luxon';
import type { AlertRule, Suppression, VisitorCategory } from '../../shared/alertsContract';
import {
  asksReturning,
  compileRules,
  ruleHolds,
  type CompiledRule,
  type JudgedRule,
} from './alertRules';
import { isBotUserAgent } from './botUserAgents';
import { urlPath } from './pagePaths';

/** A visitor's page views belong to one session while the gaps between them stay under this. */
export const SESSION_GAP_MS = 30 * 60_000;

/** Who a page view is of: one object shared by the page views of a visit or a visitor. */
export interface Visitor {
  /** Whose sessions these are: a known person is one visitor across devices and visits. */
  visitorId: string;
  /** How the source named the visitor, when not so (a page-view file's visitor_id of a known
   * person): what the output calls them. */
  shownAs?: string;
  personId: string | null;
  /** The name an unknown visitor gave (a page-view file's `name`), shown when there is no person. */
  visitorName: string | null;
  /** null when the source keeps none (not a bot); '' or '-' when the browser sent none (a bot). */
  userAgent: string | null;
  /** The stored visit it belongs to, if any. */
  visitId: string | null;
}

/** One page view as every source gives it: a page-view file, an access log, a stored visit. */
export interface PageView {
  at: number;
  /** The page as the source wrote it (a URL or a path); '' for a stored visit with no pages. */
  url: string;
  visitor: Visitor;
}

/** What the database knows of a person, for the rules. */
export interface VisitorFacts {
  category: VisitorCategory;
  ownerId: string | null;
  score: number | null;
  /** Their first visit as far as anything knows (the CRM's summary, stored visits); may be left
   * out (null) when no rule asks about returning visitors. */
  earliestVisitAt: number | null;
}

export interface Session {
  visitorId: string;
  personId: string | null;
  visitorName: string | null;
  start: number;
  last: number;
  /** Pages in the order read ('' pages of a stored visit without pages left out). Kept only while
   * the session may alert: none for one no rule can come to hold for. */
  pages: string[];
  alerted: boolean;
  returning: boolean;
  /** Per rule with a page pattern: a page read so far matched it. */
  pageSeen: boolean[];
  /** What the database knows of the visitor (unknown: nothing). */
  facts: VisitorFacts;
  /** The rule that holds for the session so far, null for none; undefined: not judged yet. */
  matched: CompiledRule | null | undefined;
}

export type Outcome =
  | { kind: 'alert'; session: Session; rule: AlertRule; facts: VisitorFacts }
  | { kind: 'suppressed'; reason: Suppression };

/** Most page views are suppressed: one outcome object per reason, not one per page view. */
const SUPPRESSED: Record<Suppression, Outcome> = {
  bots: { kind: 'suppressed', reason: 'bots' },
  session: { kind: 'suppressed', reason: 'session' },
  rules: { kind: 'suppressed', reason: 'rules' },
  cooldown: { kind: 'suppressed', reason: 'cooldown' },
};

export interface EngineOptions {
  /** The rep the rules belong to: `owner: me` means people this user owns. */
  repId: string;
  /** `owner: team` rules with their team's owners (withTeamOwners). */
  rules: readonly JudgedRule[];
  cooldownMs: number;
  /** The zone an "earlier day" is judged in (the rep's own, alertSettings' repDayZone). */
  dayZone: string;
  facts: (personId: string) => VisitorFacts | undefined;
  /**
   * When the rep was last told about each person (by cooldown key) before this run (the live
   * evaluator's alerts). The cooldown runs from that moment, not from the page view that
   * qualified, which a late sync or a rule change leaves long before it: no page view before
   * the cooldown is over raises an alert (page views come no later than the run, so while it
   * lasts none does).
   */
  toldAt?: ReadonlyMap<string, number>;
  /**
   * Sessions that may not raise an alert, by sessionKey (the live evaluator's: visits already
   * over). Such a session raises none and so starts no cooldown for the visitor's next one.
   */
  silent?: ReadonlySet<string>;
  /**
   * When a visitor nobody knows was first seen before the views fed in (the live evaluator reads
   * only hours of them): what "returning" is judged against, as a replay of days would.
   */
  seenBefore?: (visitorId: string) => number | undefined;
}

/** A session by its visitor and its first page view (the same in every run over the same views). */
export function sessionKey(session: Pick<Session, 'visitorId' | 'start'>): string {
  return `${session.visitorId}|${session.start}`;
}

const NO_PAGES_SEEN: boolean[] = [];
/** The pages of a session none are kept for (most): an array is made at the first page kept. */
const NO_PAGES: string[] = Object.freeze([]) as unknown as string[];

const UNKNOWN: VisitorFacts = {
  category: 'unknown',
  ownerId: null,
  score: null,
  earliestVisitAt: null,
};

/** Cooldown is per person; a visitor nobody knows is their own key. */
export function cooldownKey(personId: string | null, visitorId: string): string {
  return personId ? `p:${personId}` : `v:${visitorId}`;
}

/**
 * The restraint of VT-8 over page views fed in time order, "one moment at a time": each page view
 * either raises the alert of its session or is suppressed by the first of these that applies —
 * a machine made it (a bot); the session already alerted (one alert per session); no rule holds
 * for the session so far; the person was alerted about within the cooldown. Sessions are a
 * visitor's page views with gaps under 30 minutes, a machine's apart from a browser's.
 */
export class AlertEngine {
  private readonly rules: CompiledRule[];
  private readonly needsDay: boolean;
  private readonly needsPath: boolean;
  /** Per visitor: their open (latest) session, and the instant they were first seen. */
  private readonly visitors = new Map<string, { session: Session; firstSeen: number }>();
  private readonly alertTimes = new Map<string, number[]>();
  private readonly botAgents = new Map<string, boolean>();
  /** The user agent judged last, and its verdict: a visit's page views mostly come together. */
  private lastAgent: string | null = null;
  private lastAgentBot = false;
  /** Per visitor: the instant of their latest page view a machine made. */
  private readonly machineLast = new Map<string, number>();
  private day = { from: 0, to: 0 };
  sessions = 0;
  botSessions = 0;

  constructor(private readonly options: EngineOptions) {
    this.rules = compileRules(options.rules, options.repId);
    this.needsDay = asksReturning(options.rules);
    this.needsPath = this.rules.some((r) => r.page);
  }

  observe(view: PageView): Outcome {
    // Each page view is judged, not its session: a machine's request in a person's name (a mail
    // scanner opening their tracked link, a feed reader, a link checker) must not silence the
    // pages they read themselves, nor keep their session open, nor make them a returning visitor.
    if (this.isBot(view.visitor.userAgent)) {
      this.machineView(view);
      return SUPPRESSED.bots;
    }
    const session = this.sessionOf(view.at, view.visitor);
    const url = view.url;
    if (url !== '' && this.needsPath) {
      const path = urlPath(url);
      this.rules.forEach((r, i) => {
        if (r.page && !session.pageSeen[i]) session.pageSeen[i] = r.page(path);
      });
    }
    // Without page patterns nothing a rule asks changes within a session: judged once.
    let matched = session.matched;
    if (!session.alerted && (matched === undefined || this.needsPath)) {
      const facts = {
        category: session.facts.category,
        ownerId: session.facts.ownerId,
        score: session.facts.score,
        returning: session.returning,
      };
      matched =
        this.rules.find((r, i) => ruleHolds(r, facts, session.pageSeen[i] === true)) ?? null;
      session.matched = matched;
    }
    // Most sessions are of people no rule is about: they never alert, and their pages are never
    // shown, so none are kept (with page patterns a rule may yet come to hold).
    if (url !== '' && (matched !== null || this.needsPath)) {
      if (session.pages === NO_PAGES) session.pages = [url];
      else session.pages.push(url);
    }
    if (session.alerted) return SUPPRESSED.session;
    if (!matched) return SUPPRESSED.rules;
    if (this.options.silent?.has(sessionKey(session))) return SUPPRESSED.session;
    const key = cooldownKey(session.personId, session.visitorId);
    const told = this.options.toldAt?.get(key);
    if (told !== undefined && view.at < told + this.options.cooldownMs) return SUPPRESSED.cooldown;
    const last = latestAtOrBefore(this.alertTimes.get(key), view.at);
    if (last !== null && view.at - last < this.options.cooldownMs) return SUPPRESSED.cooldown;
    session.alerted = true;
    const times = this.alertTimes.get(key);
    if (times) insertSorted(times, view.at);
    else this.alertTimes.set(key, [view.at]);
    return { kind: 'alert', session, rule: matched.rule, facts: session.facts };
  }

  private sessionOf(at: number, visitor: Visitor): Session {
    const seen = this.visitors.get(visitor.visitorId);
    if (seen) {
      const open = seen.session;
      if (at - open.last < SESSION_GAP_MS) {
        if (at >= open.last) open.last = at;
        return open;
      }
    }
    const firstSeen = seen ? seen.firstSeen : at;
    const session: Session = {
      visitorId: visitor.visitorId,
      personId: visitor.personId,
      visitorName: visitor.visitorName,
      start: at,
      last: at,
      pages: NO_PAGES,
      alerted: false,
      returning:
        this.needsDay &&
        this.returning(
          at,
          visitor.personId,
          Math.min(firstSeen, this.options.seenBefore?.(visitor.visitorId) ?? firstSeen),
        ),
      pageSeen: this.needsPath ? this.rules.map(() => false) : NO_PAGES_SEEN,
      facts: (visitor.personId && this.options.facts(visitor.personId)) || UNKNOWN,
      matched: undefined,
    };
    if (seen) seen.session = session;
    else this.visitors.set(visitor.visitorId, { session, firstSeen });
    this.sessions++;
    return session;
  }

  /** Visited on an earlier day than this session's, in the rep's zone. */
  private returning(at: number, personId: string | null, firstSeen: number): boolean {
    const known = personId ? this.options.facts(personId)?.earliestVisitAt : null;
    const earliest = Math.min(firstSeen, known ?? firstSeen);
    return earliest < this.dayStart(at);
  }

  /** Page views come in time order: the day of the last one usually holds the next. */
  private dayStart(at: number): number {
    if (at < this.day.from || at >= this.day.to) {
      const start = DateTime.fromMillis(at, { zone: this.options.dayZone }).startOf('day');
      this.day = { from: start.toMillis(), to: start.plus({ days: 1 }).toMillis() };
    }
    return this.day.from;
  }

  /** A machine's page views make sessions of their own (a bot's), by the same gap rule. */
  private machineView(view: PageView): void {
    const id = view.visitor.visitorId;
    const last = this.machineLast.get(id);
    if (last !== undefined && view.at - last < SESSION_GAP_MS) {
      if (view.at > last) this.machineLast.set(id, view.at);
      return;
    }
    this.machineLast.set(id, view.at);
    this.sessions++;
    this.botSessions++;
  }

  private isBot(userAgent: string | null): boolean {
    if (userAgent === null) return false;
    if (userAgent === this.lastAgent) return this.lastAgentBot;
    let bot = this.botAgents.get(userAgent);
    if (bot === undefined) {
      bot = isBotUserAgent(userAgent);
      this.botAgents.set(userAgent, bot);
    }
    this.lastAgent = userAgent;
    this.lastAgentBot = bot;
    return bot;
  }
}

function latestAtOrBefore(sorted: readonly number[] | undefined, at: number): number | null {
  if (!sorted) return null;
  for (let i = sorted.length - 1; i >= 0; i--)
    if ((sorted[i] as number) <= at) return sorted[i] ?? null;
  return null;
}

function insertSorted(sorted: number[], value: number): void {
  let i = sorted.length;
  while (i > 0 && (sorted[i - 1] as number) > value) i--;
  sorted.splice(i, 0, value);
}

/** Page views in time order, and the people they name. */
export interface PageViewSource {
  personIds: ReadonlySet<string>;
  /** An array, or views made one at a time as they are read (stored visits'). */
  views: Iterable<PageView> & { readonly length: number };
}

/** Page views held in memory (a file's) as a source. */
export function inMemory(views: readonly PageView[]): PageViewSource {
  const personIds = new Set<string>();
  for (const v of views) if (v.visitor.personId) personIds.add(v.visitor.personId);
  return { personIds, views };
}

/** Page views in time order; views at the same instant keep the order they came in. */
export function inTimeOrder(views: PageView[]): PageView[] {
  return views.sort((a, b) => a.at - b.at);
}
