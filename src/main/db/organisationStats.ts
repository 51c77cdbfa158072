import type { Db } from './openDatabase';

export const STATS_ENTITIES = [
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
    out[table] = (db.raw.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  }
  return out;
}
