/**
 * The demo draws a lead's status before it draws their history, so a lead with eight answered
 * calls could read "Not Contacted" beside them. These statements, run in order once the history
 * is written (by generateDemo.ts, which holds the raw connection), raise each status to what the
 * history shows: a call that reached them (answered, or one they made) is at least "Contacted";
 * a call tried without reaching them is at least "Attempted to Contact" (a call only planned is
 * neither). Never lowered: a "Pre-Qualified" lead stays so, as Zoho keeps what a rep set.
 */
export const RAISE_DEMO_LEAD_STATUSES = [
  `update people set lead_status = 'Contacted'
   where module = 'lead' and lead_status in ('Not Contacted', 'Attempted to Contact')
     and exists (select 1 from activities a where a.person_id = people.id and a.kind = 'call'
                 and a.status = 'completed' and (a.outcome = 'answered' or a.direction = 'in'))`,
  `update people set lead_status = 'Attempted to Contact'
   where module = 'lead' and lead_status = 'Not Contacted'
     and exists (select 1 from activities a where a.person_id = people.id and a.kind = 'call'
                 and a.status = 'completed')`,
] as const;
