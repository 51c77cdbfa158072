import { randomUUID } from 'node:crypto';
import type { Db } from '../db/openDatabase';
import { keptHereInDemo } from '../db/repos/demoKeptHere';
import { insertLeadWithVisits, visitForLead, type StoredLead } from '../db/repos/localLeads';
import { organisation } from '../db/repos/organisation';
import { addOutboxEntry } from '../db/repos/outbox';
import { refreshVisitSummary } from '../db/repos/people';
import { linkedVisitTotals } from '../db/repos/visits';
import { noteVisitActedOn } from '../db/repos/visitsActedOn';
import { transaction } from '../db/sqlRun';
import { DEMO_LEAD_PREFIX, LOCAL_LEAD_PREFIX } from '../../shared/localLead';
import { visitDay } from '../../shared/visitDays';
import { VISITOR_IN_ZOHO_TEXT } from '../../shared/visitorInZoho';
import { peopleByEmail } from './emailMatch';

const DEMO_LEAD_KEPT =
  'The demo organisation has no CRM: this lead is kept on this computer, and nothing is sent anywhere.';

/** What the rep filled in the Create lead dialog (contract: createLead). */
export interface LeadEntry {
  visitId: string;
  firstName: string;
  lastName: string;
  email: string;
  company: string;
}

/**
 * Seed 004: after the chat, the rep makes the unknown visitor a lead they own. The lead is here at
 * once, the visit and its chats (and the other visits nobody holds that gave the same e-mail) are
 * theirs, and the next sync creates it in the CRM (sync/outboxPush.ts), whose id it then takes.
 * The demo organisation has no CRM: the lead stays here, said once.
 */
export function createLeadFromVisit(
  db: Db,
  ownerId: string | null,
  entry: LeadEntry,
  at: number,
): { personId: string; outboxId: number; kept?: string } {
  const orgZone = organisation(db)?.time_zone ?? 'UTC';
  const demo = organisation(db)?.source === 'demo';
  return transaction(db, () => {
    const visit = visitForLead(db, entry.visitId);
    if (!visit)
      throw new Error(
        'This visit is no longer stored here (a sync removed it): nothing was created.',
      );
    if (visit.person_id)
      throw new Error(
        'This visitor is already a lead or contact here: open them from the visit instead.',
      );
    // Zoho names the visitor (a web form's lead, linked by SalesIQ) though the sync has not
    // stored them yet: a lead made here would be a second one in Zoho.
    if (visit.crm_person_id) throw new Error(VISITOR_IN_ZOHO_TEXT);
    const email = entry.email || null;
    const holder = email ? peopleByEmail(db, [email], ownerId).values().next().value : undefined;
    if (holder)
      throw new Error(
        `A lead or contact here already has the e-mail ${email ?? ''}: open them from People rather than making a second one.`,
      );
    const personId = `${demo ? DEMO_LEAD_PREFIX : LOCAL_LEAD_PREFIX}${randomUUID()}`;
    insertLeadWithVisits(
      db,
      {
        id: personId,
        firstName: entry.firstName || null,
        lastName: entry.lastName,
        email,
        company: entry.company || null,
        ownerId,
        at,
      },
      entry.visitId,
    );
    // The rep acts on this visitor from their card: the visit now theirs raises no alert.
    noteVisitActedOn(db, entry.visitId, at);
    const days = new Set(
      linkedVisitTotals(db, personId).startedAt.map((t) => visitDay(t, orgZone)),
    );
    refreshVisitSummary(db, personId, days.size);
    const lead: StoredLead = {
      personId,
      firstName: entry.firstName || null,
      lastName: entry.lastName,
      email,
      company: entry.company || null,
      ownerId,
    };
    const outboxId = addOutboxEntry(db, {
      idempotencyKey: personId,
      kind: 'lead',
      payload: JSON.stringify(lead),
      createdAt: at,
    });
    if (!demo) return { personId, outboxId };
    keptHereInDemo(db, outboxId, at);
    return { personId, outboxId, kept: DEMO_LEAD_KEPT };
  });
}
