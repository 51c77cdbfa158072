import { DateTime } from 'luxon';
import type { Planner } from '../../shared/contract';
import type { Db } from '../db/openDatabase';
import { fullName, personZone } from '../people/personZone';

/**
 * Today's people for a rep: everyone with work scheduled on that day in the rep's zone, in
 * time order. The best-time ordering of the planner issue replaces this.
 */
export async function planDay(
  db: Db,
  rep: { id: string; time_zone: string },
  orgTz: string,
  now: number,
  date?: string,
): Promise<Planner> {
  const day = date
    ? DateTime.fromISO(date, { zone: rep.time_zone })
    : DateTime.fromMillis(now, { zone: rep.time_zone }).startOf('day');
  if (!day.isValid) throw new Error(`Not a date: ${date ?? ''}`);
  const from = day.startOf('day').toMillis();
  const to = day.plus({ days: 1 }).startOf('day').toMillis();
  const rows = await db.kysely
    .selectFrom('activities as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .select([
      'p.id',
      'p.first_name',
      'p.last_name',
      'p.company',
      'p.time_zone',
      'a.kind',
      'a.subject',
      'a.started_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('deals as d')
        .whereRef('d.person_id', '=', 'p.id')
        .where('d.status', '=', 'open')
        .select('d.stage')
        .orderBy('d.modified_at', 'desc')
        .limit(1)
        .as('deal_stage'),
    )
    .where('a.owner_id', '=', rep.id)
    .where('a.status', '=', 'scheduled')
    .where('a.started_at', '>=', from)
    .where('a.started_at', '<', to)
    .orderBy('a.started_at')
    .orderBy('p.id')
    .execute();
  return {
    date: day.toISODate() ?? '',
    repTz: rep.time_zone,
    rows: rows.map((r) => ({
      personId: r.id,
      name: fullName(r.first_name, r.last_name),
      company: r.company,
      contactTz: personZone(r.time_zone, orgTz),
      dealStage: r.deal_stage ?? null,
      next: { kind: r.kind, subject: r.subject, startAt: r.started_at },
    })),
  };
}
