import { refreshLastTouch, refreshLastTouchByEmail } from './lastTouch';
import { sql } from 'kysely';
import type { Db } from '../openDatabase';
import { emailKey } from '../../../shared/emailKey';
import { all, first, run } from '../sqlRun';
import { PEOPLE_COLUMNS } from './peopleColumns';

/**
 * People the rep creates here (Visits › Create lead) before the CRM holds them, and the moment the
 * CRM's id replaces theirs (sync/outboxPush.ts).
 */

/** What the outbox keeps for kind 'lead': the lead as the CRM gets it, and its id here. */
export interface StoredLead {
  personId: string;
  firstName: string | null;
  lastName: string;
  email: string | null;
  company: string | null;
  ownerId: string | null;
}

/** The lead as the outbox stored it, or null for a payload that is not one. */
export function readStoredLead(payload: string): StoredLead | null {
  try {
    const value = JSON.parse(payload) as Partial<StoredLead> | null;
    return value && typeof value.personId === 'string' && typeof value.lastName === 'string'
      ? (value as StoredLead)
      : null;
  } catch {
    return null;
  }
}

/**
 * Rows of a person, by person_id. A visit and its chats keep no crm_person_id: Zoho links them to
 * nobody, and the sync keeps the link the app made (sync/localStore.ts).
 */
const OWNED = [
  'visits',
  'chats',
  'deals',
  'activities',
  'plan_actions',
  'alerts',
  'best_time_windows',
] as const;

/** The visit a lead is made from, with whom it is linked to and whom Zoho names, if anyone. */
export function visitForLead(
  db: Db,
  visitId: string,
):
  | { person_id: string | null; crm_person_id: string | null; visitor_email: string | null }
  | undefined {
  return first(
    db,
    db.kysely
      .selectFrom('visits')
      .select(['person_id', 'crm_person_id', 'visitor_email'])
      .where('id', '=', visitId),
  );
}

export interface NewLead {
  id: string;
  firstName: string | null;
  lastName: string;
  email: string | null;
  company: string | null;
  ownerId: string | null;
  at: number;
}

/**
 * Stores the lead and makes the visit theirs, with the other visits nobody holds whose visitor gave
 * the same e-mail, and those visits' chats.
 */
export function insertLeadWithVisits(db: Db, lead: NewLead, visitId: string): void {
  run(
    db,
    db.kysely.insertInto('people').values({
      id: lead.id,
      module: 'lead',
      first_name: lead.firstName,
      last_name: lead.lastName,
      email: lead.email,
      phone: null,
      title: null,
      company: lead.company,
      account_id: null,
      crm_account_id: null,
      owner_id: lead.ownerId,
      country: null,
      time_zone: null,
      lead_status: null,
      lead_source: null,
      days_visited: null,
      chats_count: null,
      avg_time_spent_min: null,
      first_visit_at: null,
      last_visit_at: null,
      first_visited_url: null,
      visit_referrer: null,
      visitor_score: null,
      created_at: lead.at,
      modified_at: lead.at,
    }),
  );
  const key = lead.email ? emailKey(lead.email) : null;
  const linked = all(
    db,
    db.kysely
      .updateTable('visits')
      .set({ person_id: lead.id })
      .where('person_id', 'is', null)
      .where((eb) =>
        key
          ? eb.or([eb('id', '=', visitId), eb(sql<string>`lower(trim(visitor_email))`, '=', key)])
          : eb('id', '=', visitId),
      )
      .returning(['id', 'visitor_email']),
  );
  // Theirs now, no longer the visits of whoever else gave those e-mails.
  refreshLastTouch(db, [lead.id]);
  refreshLastTouchByEmail(
    db,
    linked.map((v) => v.visitor_email),
  );
  const visits = linked.map((v) => v.id);
  run(
    db,
    db.kysely
      .updateTable('chats')
      .set({ person_id: lead.id })
      .where('person_id', 'is', null)
      .where('visit_id', 'in', visits),
  );
}

/**
 * A lead created here reached the CRM as `crmId`: the person takes that id, with their visits,
 * chats, calls, plans and alerts, and work queued for them goes to the CRM under it. A sync that
 * already brought the CRM's copy keeps that copy, and the local one folds into it: one person
 * either way. Runs inside the caller's transaction.
 */
export function adoptCrmLeadId(db: Db, localId: string, crmId: string): void {
  // search_text is a trigger's: it follows the columns.
  const cols = sql.join(PEOPLE_COLUMNS.filter((c) => c !== 'id').map((c) => sql.ref(c)));
  const exec = (query: ReturnType<typeof sql>): void => {
    run(db, query.compile(db.kysely));
  };
  exec(sql`insert into people (id, ${cols}) select ${crmId}, ${cols} from people
    where id = ${localId} on conflict(id) do nothing`);
  for (const table of OWNED)
    exec(
      sql`update or ignore ${sql.table(table)} set person_id = ${crmId} where person_id = ${localId}`,
    );
  exec(sql`update or ignore plan_mark_shares set person_id = ${crmId}, sent = 0
    where person_id = ${localId}`);
  exec(sql`delete from plan_mark_shares where person_id = ${localId}`);
  // Calls logged and task changes made with the lead before it reached the CRM go under its id.
  exec(sql`update outbox set payload = json_set(payload, '$.personId', ${crmId})
    where pushed_at is null and kind in ('call', 'task') and json_valid(payload)
      and json_extract(payload, '$.personId') = ${localId}`);
  exec(sql`delete from people where id = ${localId}`);
  refreshLastTouch(db, [crmId]);
}
