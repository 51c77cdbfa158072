import { sql } from 'kysely';
import type { Db } from '../db/openDatabase';
import { adoptCrmLeadId, readStoredLead, type StoredLead } from '../db/repos/localLeads';
import { markOutboxPushed } from '../db/repos/outbox';
import { all, first, transaction } from '../db/sqlRun';
import { isLandedLead, landedLeadNote } from '../../shared/landedLeadRule';
import { LOCAL_LEAD_PREFIX } from '../../shared/localLead';

/**
 * A lead made here whose create answer was lost may already be stored here as the CRM's copy: the
 * records run (or the visits run's read of the people its visits name) brought the lead the lost
 * create made, while the CRM's search may lag it by many minutes, or refuse to answer. Held to the
 * search's own rule (shared/landedLeadRule.ts), that copy is taken as the lead at once: the person
 * made here folds into it with their visits, chats, calls and plans, and the app shows one person,
 * as the CRM holds one.
 */

/** Leads made here whose create went out unconfirmed: waiting, set aside or discarded since. */
function leadsMayHaveLanded(
  db: Db,
  entryId?: number,
): { id: number; payload: string; sentAt: number }[] {
  let query = db.kysely
    .selectFrom('outbox')
    .select(['id', 'payload', 'create_sent_at'])
    .where('kind', '=', 'lead')
    .where('pushed_at', 'is', null)
    .where('create_sent_at', 'is not', null)
    .orderBy('id');
  if (entryId !== undefined) query = query.where('id', '=', entryId);
  return all(db, query).flatMap((e) =>
    e.create_sent_at === null ? [] : [{ id: e.id, payload: e.payload, sentAt: e.create_sent_at }],
  );
}

/** The CRM's lead stored here that the lost create of `lead` made, the first made if several. */
function storedLanded(db: Db, lead: StoredLead, sentAt: number): string | null {
  const here = first(
    db,
    db.kysely.selectFrom('people').select('id').where('id', '=', lead.personId),
  );
  if (!here) return null;
  const fold = (column: string) => sql<string>`lower(trim(coalesce(${sql.ref(column)}, '')))`;
  const key = (v: string | null): string => (v ?? '').trim().toLowerCase();
  const candidates = all(
    db,
    db.kysely
      .selectFrom('people')
      .select(['id', 'last_name', 'email', 'company', 'owner_id', 'created_at'])
      .where('module', '=', 'lead')
      .where('id', 'not like', `${LOCAL_LEAD_PREFIX}%`)
      .where((eb) =>
        lead.email
          ? // As the e-mail index is keyed (shared/emailKey.ts), so the look-up uses it.
            eb(sql<string>`lower(trim(email))`, '=', key(lead.email))
          : eb.and([
              eb(fold('last_name'), '=', key(lead.lastName)),
              eb(fold('company'), '=', key(lead.company)),
            ]),
      )
      .orderBy('created_at')
      .orderBy('id'),
  );
  const match = candidates.find((p) =>
    isLandedLead(
      lead,
      {
        lastName: p.last_name,
        email: p.email,
        company: p.company,
        ownerId: p.owner_id,
        createdAt: p.created_at,
      },
      sentAt,
    ),
  );
  return match?.id ?? null;
}

/**
 * Takes each lead made here whose lost create's lead is stored here as that lead (see above), or
 * only entry `entryId`'s. Returns the notes of those taken, as the search's taking says them.
 */
export function takeStoredLandedLeads(db: Db, at: number, entryId?: number): string[] {
  const notes: string[] = [];
  for (const entry of leadsMayHaveLanded(db, entryId)) {
    const lead = readStoredLead(entry.payload);
    if (!lead) continue;
    const crmId = storedLanded(db, lead, entry.sentAt);
    if (!crmId) continue;
    const note = landedLeadNote(lead);
    transaction(db, () => {
      markOutboxPushed(db, entry.id, at, note);
      adoptCrmLeadId(db, lead.personId, crmId);
    });
    notes.push(note);
  }
  return notes;
}
