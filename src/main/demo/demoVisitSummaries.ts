import type { Db } from '../db/openDatabase';

/**
 * VT-3 summary fields of people, worked out again from their visits and chats. A real CRM keeps
 * these on the lead or contact itself; the live demo only adds visits, so after each of its runs
 * the people it touched get their summary from what is stored, as the generator wrote it: days
 * with a visit (UTC), chats, the mean time a visit lasted, the first and last visit, the first
 * visit's landing page and referrer, and a score that never falls.
 */
export function refreshVisitSummaries(db: Db, personIds: readonly string[]): void {
  if (personIds.length === 0) return;
  const update = db.raw.prepare(
    `update people set
       days_visited = (select count(distinct started_at / 86400000) from visits where person_id = :id),
       chats_count = (select count(*) from chats where person_id = :id),
       avg_time_spent_min = (select round(avg(time_spent_s) / 60.0, 1) from visits where person_id = :id),
       first_visit_at = (select min(started_at) from visits where person_id = :id),
       last_visit_at = (select max(started_at) from visits where person_id = :id),
       first_visited_url = coalesce((select p.url from visits v join visit_pages p on p.visit_id = v.id
         where v.person_id = :id order by v.started_at, p.viewed_at limit 1), first_visited_url),
       visit_referrer = coalesce((select referrer from visits where person_id = :id
         order by started_at limit 1), visit_referrer),
       visitor_score = max(coalesce(visitor_score, 0),
         min(100, 12 * (select count(*) from visits where person_id = :id)))
     where id = :id and exists (select 1 from visits where person_id = :id)`,
  );
  db.raw.transaction(() => {
    for (const id of personIds) update.run({ id });
  })();
}
