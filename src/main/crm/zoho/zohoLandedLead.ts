import type { OutboxLead } from '../crmSource';
import { isLandedLead, LANDED_REACH_BACK_MS } from '../../../shared/landedLeadRule';
import { ZohoAuthError } from './zohoAuth';
import { zohoDateTime } from './zohoDateTime';
import { ZohoApiError, type ZohoHttp } from './zohoHttp';

/**
 * How long after an attempt a search that finds nothing is believed. Zoho's search is served from
 * an index that takes seconds to minutes to show a new record; its documentation gives no bound.
 */
const LEAD_SEARCH_CATCH_UP_MS = 30 * 60_000;

/** What looking for an earlier attempt's lead found. */
type LandedLead =
  | { kind: 'found'; id: string }
  | { kind: 'absent' }
  /** Nothing can be said yet; `why` says what fell short. The lead waits. */
  | { kind: 'unsure'; why: string }
  /**
   * Zoho still refuses the search (a 4xx, which a retry does not change) once the wait is over:
   * no sync will ever learn more, so the rep decides. `why`: Zoho's words.
   */
  | { kind: 'refused'; why: string };

interface FoundLead {
  id?: unknown;
  Last_Name?: unknown;
  Email?: unknown;
  Company?: unknown;
  Owner?: { id?: unknown } | null;
  Created_Time?: unknown;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
// Zoho wants parentheses, commas and backslashes in a criterion's value escaped.
const escaped = (v: string): string => v.replace(/[(),\\]/g, '\\$&');

/**
 * The lead a lost attempt created, if Zoho holds one: the rep's own (Owner), created since that
 * attempt, with the same e-mail, or, for a lead without one, the same last name and company.
 * Asked of Zoho's search (`GET /Leads/search?criteria=`), whose index may lag a create: nothing
 * found is believed only LEAD_SEARCH_CATCH_UP_MS after the attempt. A search Zoho will not serve
 * this sign-in is `unsure` (the lead waits, never created twice), and one it refuses as asked
 * (a 4xx) is `refused` once that wait is over; a timeout or a 5xx throws.
 */
export async function findLandedLead(
  http: ZohoHttp,
  lead: OutboxLead,
  attempt: { sentAt: number; now: number },
  signal?: AbortSignal,
): Promise<LandedLead> {
  const since = attempt.sentAt - LANDED_REACH_BACK_MS;
  const conditions = [
    `(Created_Time:greater_equal:${zohoDateTime(since)})`,
    ...(lead.ownerId ? [`(Owner:equals:${escaped(lead.ownerId)})`] : []),
    ...(lead.email
      ? [`(Email:equals:${escaped(lead.email)})`]
      : [`(Last_Name:equals:${escaped(lead.lastName)})`]),
  ];
  const query = new URLSearchParams({
    criteria: `(${conditions.join('and')})`,
    fields: 'Last_Name,Email,Company,Owner,Created_Time',
  });
  let found: FoundLead[];
  try {
    const res = await http.request(`/crm/v8/Leads/search?${query}`, signal ? { signal } : {});
    // 204: nothing matched.
    found = (res.body as { data?: FoundLead[] } | null)?.data ?? [];
  } catch (error) {
    if (error instanceof ZohoAuthError && error.code === 'OAUTH_SCOPE_MISMATCH')
      return {
        kind: 'unsure',
        why: 'the Zoho sign-in lacks the ZohoSearch.securesearch.READ scope (sign in again to grant it)',
      };
    if (error instanceof ZohoApiError)
      return attempt.now - attempt.sentAt >= LEAD_SEARCH_CATCH_UP_MS
        ? { kind: 'refused', why: error.message }
        : { kind: 'unsure', why: `Zoho refused the search (${error.message})` };
    throw error;
  }
  // Zoho's criteria compare loosely; the record itself decides.
  const same = (l: FoundLead): boolean =>
    isLandedLead(
      lead,
      {
        lastName: text(l.Last_Name),
        email: text(l.Email),
        company: text(l.Company),
        ownerId: text(l.Owner?.id),
        createdAt: Date.parse(String(l.Created_Time)),
      },
      attempt.sentAt,
    );
  const match = found.find(same);
  if (typeof match?.id === 'string') return { kind: 'found', id: match.id };
  if (attempt.now - attempt.sentAt >= LEAD_SEARCH_CATCH_UP_MS) return { kind: 'absent' };
  return { kind: 'unsure', why: "Zoho's search may not show a lead created so recently" };
}
