/**
 * Which CRM lead a create whose answer was lost made: the rule both Zoho's search
 * (crm/zoho/zohoLandedLead.ts) and a lead the records run has already stored here
 * (sync/storedLandedLeads.ts) are held to, so neither takes a weaker match.
 */

/**
 * How far before the first attempt a lead's creation may lie: the CRM's Created_Time is its own
 * clock and the attempt's time this computer's, and the two may disagree by some minutes.
 */
export const LANDED_REACH_BACK_MS = 30 * 60_000;

/** The lead the rep made here, as it was sent. */
export interface LeadSent {
  lastName: string;
  email: string | null;
  company: string | null;
  ownerId: string | null;
}

/** A lead the CRM holds, as far as the rule reads it. */
export interface LeadHeld {
  lastName: string | null;
  email: string | null;
  company: string | null;
  ownerId: string | null;
  /** The CRM's Created_Time, UTC ms (NaN when unknown: never a match). */
  createdAt: number;
}

const key = (v: string | null): string => (v ?? '').trim().toLowerCase();

/**
 * Whether `held` is the lead an attempt first sent at `sentAt` made: the rep's own (its owner),
 * created since that attempt, with the same e-mail, or, for a lead sent without one, the same last
 * name and company.
 */
export function isLandedLead(sent: LeadSent, held: LeadHeld, sentAt: number): boolean {
  return (
    (!sent.ownerId || held.ownerId === sent.ownerId) &&
    held.createdAt >= sentAt - LANDED_REACH_BACK_MS &&
    (sent.email
      ? key(held.email) === key(sent.email)
      : key(held.lastName) === key(sent.lastName) && key(held.company) === key(sent.company))
  );
}

/** What the rep hears of a lead taken as the one a lost attempt made (a note of the sync). */
export function landedLeadNote(sent: LeadSent): string {
  return `The lead ${sent.lastName} was taken as the one Zoho holds${sent.email ? ` with the e-mail ${sent.email}` : ''}: an earlier attempt whose answer was lost had created it.`;
}
