import { DateTime } from 'luxon';
import type { UnplannedHot } from '../../shared/teamContract';
import type { Db } from '../db/openDatabase';
import { peopleVisitingBetween } from '../db/repos/people';
import { fullName } from '../people/personZone';

/** A visitor score at least this high makes a visitor hot (SalesIQ scores run to 100). */
export const HOT_SCORE = 50;
/**
 * Late-stage open deals: Zoho's standard stages from "Proposal/Price Quote" on (75 % and more),
 * and the names organisations commonly give them.
 */
const LATE_STAGE = /proposal|price quote|negotiation|contract/i;

/** What the team's days say about one person, on the channel shown. */
export interface PersonInPlans {
  /**
   * Some rep still has them in a window: one open or to come that day (not skipped), or one
   * already worked.
   */
  planned: boolean;
  /** The reps whose day lists them, and why none of those rows reaches them, when none does. */
  repNames: string[];
  /** The latest end of a window that passed without a call, if that is all there is. */
  missedAt: number | null;
  skipped: boolean;
}

/**
 * TM-2's hot contacts nobody has planned: on the website in [from, to), with a high visitor score
 * or a late-stage open deal, owned by someone on the team (or by no one), and in no rep's day at a
 * window still ahead or worked: no row at all, only a row with no window that day, a skipped one,
 * or windows that passed without a call. Hottest first.
 */
export function unplannedHotContacts(
  db: Db,
  options: {
    from: number;
    to: number;
    /** Whether a person with this owner is the team's to plan. */
    inScope: (ownerId: string | null) => boolean;
    inPlans: ReadonlyMap<string, PersonInPlans>;
    userNames: ReadonlyMap<string, string>;
    /** The manager's zone, for the time of the visit. */
    zone: string;
  },
): UnplannedHot[] {
  if (options.to <= options.from) return [];
  const out: UnplannedHot[] = [];
  for (const p of peopleVisitingBetween(db, options.from, options.to)) {
    if (!options.inScope(p.owner_id)) continue;
    const score = p.visitor_score;
    const lateStage = p.open_stage !== null && LATE_STAGE.test(p.open_stage) ? p.open_stage : null;
    if ((score ?? 0) < HOT_SCORE && lateStage === null) continue;
    const plans = options.inPlans.get(p.id);
    if (plans?.planned) continue;
    const hot = [
      (score ?? 0) >= HOT_SCORE ? `visitor score ${score}` : null,
      lateStage ? `open deal at ${lateStage}` : null,
    ].filter(Boolean);
    const clock = (ms: number): string =>
      DateTime.fromMillis(ms, { zone: options.zone }).toFormat('HH:mm');
    const reps = plans?.repNames.join(' and ') ?? '';
    const plan = !plans?.repNames.length
      ? p.owner_id === null
        ? 'owned by no one, in no plan'
        : 'in no rep’s plan today'
      : plans.missedAt !== null
        ? `${reps}'s window ended at ${clock(plans.missedAt)} without a call`
        : plans.skipped
          ? `skipped today by ${reps}`
          : `in ${reps}'s day with no window today`;
    const at = clock(p.last_visit);
    out.push({
      personId: p.id,
      name: fullName(p.first_name, p.last_name),
      company: p.company,
      ownerId: p.owner_id,
      ownerName: p.owner_id ? (options.userNames.get(p.owner_id) ?? null) : null,
      visitorScore: score,
      dealStage: p.open_stage,
      lastVisitAt: p.last_visit,
      why: `On the website at ${at}, ${hot.join(', ')}; ${plan}`,
    });
  }
  return out.sort(
    (a, b) =>
      (b.visitorScore ?? 0) - (a.visitorScore ?? 0) ||
      b.lastVisitAt - a.lastVisitAt ||
      (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0),
  );
}
