import type { Db } from './openDatabase';
import { first } from './sqlRun';

const STATS_ENTITIES = [
  'users',
  'accounts',
  'people',
  'deals',
  'activities',
  'visits',
  'chats',
] as const;
export type OrganisationStats = Record<(typeof STATS_ENTITIES)[number], number>;

export function organisationStats(db: Db): OrganisationStats {
  const out = {} as OrganisationStats;
  for (const table of STATS_ENTITIES) {
    out[table] =
      first(
        db,
        db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')),
      )?.n ?? 0;
  }
  return out;
}
