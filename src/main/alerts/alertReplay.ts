import type { AlertReplaySummary, AlertRule } from '../../shared/alertsContract';
import {
  AlertEngine,
  type EngineOptions,
  type PageView,
  type Session,
  type Visitor,
  type VisitorFacts,
} from './alertEngine';
import { deliveryTime, type WorkingHours } from './workingHours';
import { runSteps, type Steps } from '../besttime/model/steps';

/** An alert a replay raised, as of the page view that raised it. */
interface ReplayedAlert {
  session: Session;
  /** Who made the page view that raised it. */
  visitor: Visitor;
  rule: AlertRule;
  facts: VisitorFacts;
  alertAt: number;
  delivery: 'now' | 'held';
  /** alertAt when delivered at once; the start of the next working period when held. */
  deliverAt: number;
  /** The pages read up to the alert. */
  pages: string[];
}

export interface Replay {
  summary: AlertReplaySummary;
  alerts: ReplayedAlert[];
}

/**
 * Page views (in time order) through a rep's rules as if they arrived live, one at a time: each
 * raises its session's alert or is suppressed (alertAt is the page view's instant), and an alert
 * outside working hours is held for the digest at the start of the next working period.
 */
export function replayPageViews(
  views: Iterable<PageView>,
  options: EngineOptions,
  hours: WorkingHours,
): Replay {
  return runSteps(replayPageViewsSteps(views, options, hours));
}

/** `replayPageViews` in slices: it yields after each page view (the preview replays a week's). */
export function* replayPageViewsSteps(
  views: Iterable<PageView>,
  options: EngineOptions,
  hours: WorkingHours,
): Steps<Replay> {
  const engine = new AlertEngine(options);
  const summary: AlertReplaySummary = {
    pageViews: 0,
    sessions: 0,
    botSessions: 0,
    alertsNow: 0,
    alertsHeld: 0,
    suppressed: { cooldown: 0, session: 0, rules: 0, bots: 0 },
  };
  const alerts: ReplayedAlert[] = [];
  for (const view of views) {
    summary.pageViews++;
    const outcome = engine.observe(view);
    if (outcome.kind === 'suppressed') {
      summary.suppressed[outcome.reason]++;
      yield;
      continue;
    }
    const deliverAt = deliveryTime(hours, view.at);
    const delivery = deliverAt === view.at ? 'now' : 'held';
    if (delivery === 'now') summary.alertsNow++;
    else summary.alertsHeld++;
    alerts.push({
      session: outcome.session,
      visitor: view.visitor,
      rule: outcome.rule,
      facts: outcome.facts,
      alertAt: view.at,
      delivery,
      deliverAt,
      pages: [...outcome.session.pages],
    });
    yield;
  }
  summary.sessions = engine.sessions;
  summary.botSessions = engine.botSessions;
  return { summary, alerts };
}
