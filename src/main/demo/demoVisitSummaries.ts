import type { Db } from '../db/openDatabase';
import { organisation } from '../db/repos/organisation';
import { refreshVisitSummary } from '../db/repos/people';
import { linkedVisitTotals } from '../db/repos/visits';
import { transaction } from '../db/sqlRun';
import { visitDay } from '../../shared/visitDays';

/**
 * VT-3 summary fields of people, worked out again from their visits and chats. A real CRM keeps
 * these on the lead or contact itself; the live demo only adds visits, so after each of its runs
 * the people it touched get their summary from what is stored, as the generator wrote it: days
 * with a visit (in the organisation's zone, as the person page counts the days it adds), chats,
 * the mean time a visit lasted, the first and last visit, the first visit's landing page and
 * referrer, and a score that never falls.
 */
export function refreshVisitSummaries(db: Db, personIds: readonly string[]): void {
  if (personIds.length === 0) return;
  const zone = organisation(db)?.time_zone ?? 'UTC';
  transaction(db, () => {
    for (const id of personIds) {
      const days = new Set(linkedVisitTotals(db, id).startedAt.map((at) => visitDay(at, zone)));
      refreshVisitSummary(db, id, days.size);
    }
  });
}
