/**
 * A lead the rep creates here from a visit (Visits › Create lead) has an id of the app's until
 * Zoho creates it and answers with its own: while the id starts so, Zoho does not hold the lead.
 * A lead made on the demo organisation, which has no CRM, gets another prefix (it never goes).
 */
export const LOCAL_LEAD_PREFIX = 'local-lead-';
export const DEMO_LEAD_PREFIX = 'demo-lead-';

/** Whether the person is a lead created here that Zoho does not hold (yet, or ever: discarded). */
export function notInCrmYet(personId: string | null | undefined): boolean {
  return personId?.startsWith(LOCAL_LEAD_PREFIX) === true;
}

/** Zoho's Leads take a Last_Name of at most 80 characters, a First_Name of 40, a Company of 200. */
export const LEAD_FIELD_MAX = { firstName: 40, lastName: 80, company: 200, email: 100 } as const;
