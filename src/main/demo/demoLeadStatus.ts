import { rawHandle } from '../db/bulkHandle';
import type { Db } from '../db/openDatabase';

/**
 * The demo draws a lead's status before it draws their history, so a lead with eight answered
 * calls could read "Not Contacted" beside them. Raise each status to what the history shows:
 * a call that reached them (answered, or one they made) is at least "Contacted"; a call tried
 * without reaching them is at least "Attempted to Contact" (a call only planned is neither). Never lowered: a "Pre-Qualified"
 * lead stays so, as Zoho keeps what a rep set.
 */
export function raiseDemoLeadStatuses(db: Db): void {
  rawHandle(db)
    .prepare(
      `update people set lead_status = 'Contacted'
       where module = 'lead' and lead_status in ('Not Contacted', 'Attempted to Contact')
         and exists (select 1 from activities a where a.person_id = people.id and a.kind = 'call'
                     and a.status = 'completed' and (a.outcome = 'answered' or a.direction = 'in'))`,
    )
    .run();
  rawHandle(db)
    .prepare(
      `update people set lead_status = 'Attempted to Contact'
       where module = 'lead' and lead_status = 'Not Contacted'
         and exists (select 1 from activities a where a.person_id = people.id and a.kind = 'call'
                     and a.status = 'completed')`,
    )
    .run();
}
