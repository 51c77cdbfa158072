import type { Db } from '../openDatabase';
import { all } from '../sqlRun';

/**
 * The calls, tasks and emails of some owners dated in [from, to), whatever their status: a week
 * of the Team page counted from these rows alone, over the `activities_owner_time` index, with no
 * plan made.
 */
export function weekActivitiesOf(
  db: Db,
  ownerIds: readonly string[],
  from: number,
  to: number,
): {
  owner_id: string | null;
  kind: string;
  status: string;
  source_module: string;
  direction: 'in' | 'out' | null;
  signal: string | null;
  started_at: number;
}[] {
  return all(
    db,
    db.kysely
      .selectFrom('activities')
      .select(['owner_id', 'kind', 'status', 'source_module', 'direction', 'signal', 'started_at'])
      .where('owner_id', 'in', ownerIds.length ? [...ownerIds] : [''])
      .where('started_at', '>=', from)
      .where('started_at', '<', to)
      .where('kind', 'in', ['call', 'task', 'email']),
  );
}

/**
 * The hot-visitor alerts raised in [from, to) about people some owners own, one per visit (two
 * users alerted about one visit are one alert about the person), with when it was first raised.
 * By the recipients' `alerts_user_time` index: there are few users and many alerts.
 */
export function weekAlertsOf(
  db: Db,
  ownerIds: readonly string[],
  from: number,
  to: number,
): { owner_id: string | null; at: number }[] {
  return all(
    db,
    db.kysely
      .selectFrom('alerts as a')
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .select(['p.owner_id'])
      .select((eb) => eb.fn.min('a.alert_at').as('at'))
      .where('a.user_id', 'in', (eb) => eb.selectFrom('users').select('users.id'))
      .where('a.alert_at', '>=', from)
      .where('a.alert_at', '<', to)
      .where('p.owner_id', 'in', ownerIds.length ? [...ownerIds] : [''])
      .groupBy(['p.owner_id', 'a.person_id', 'a.visitor_id', 'a.visit_started_at']),
  );
}
