import type { AlertPreview, AlertRule } from '../../shared/alertsContract';
import type { Db } from '../db/openDatabase';
import type { UserRow } from '../db/schema';
import { cooldownKey } from './alertEngine';
import { readRepAlertConfig } from './alertSettings';
import { replayForRepSteps } from './replayReport';
import type { Steps } from '../besttime/model/steps';
import { storedPageViewsSteps } from './storedPageViews';

const DAY_MS = 86_400_000;

export interface PreviewInput {
  rules?: AlertRule[] | undefined;
  cooldownMinutes?: number | undefined;
  workingHours?: string | null | undefined;
  days: number;
}

/**
 * VT-10: "these rules would have raised N alerts last week": the stored visits of the last days
 * replayed through rules being edited (the rep's saved ones where not given), as the `alerts`
 * command replays them. The admin switch is not consulted: this is what the rules would do.
 * In slices (a day's stored visits, a page view each): the core runs it with turns for other
 * requests between them.
 */
export function* previewAlertRules(
  db: Db,
  rep: UserRow,
  now: number,
  input: PreviewInput,
): Steps<AlertPreview> {
  const saved = readRepAlertConfig(db, rep.id);
  const from = now - input.days * DAY_MS;
  // The week's visits read a day at a time, each read a step as the replay's page views are.
  const source = yield* storedPageViewsSteps(
    db,
    from,
    now,
    rep.id,
    Number.POSITIVE_INFINITY,
    DAY_MS,
  );
  const { replay } = yield* replayForRepSteps(db, rep, source, {
    rules: input.rules ?? saved.rules,
    cooldownMinutes: input.cooldownMinutes ?? saved.cooldownMinutes,
    workingHours: input.workingHours !== undefined ? input.workingHours : saved.workingHours,
  });
  const s = replay.summary;
  return {
    ...s,
    from,
    to: now,
    alerts: s.alertsNow + s.alertsHeld,
    visitors: new Set(
      replay.alerts.map((a) => cooldownKey(a.session.personId, a.session.visitorId)),
    ).size,
  };
}
