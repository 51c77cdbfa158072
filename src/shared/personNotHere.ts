/**
 * What the rep reads when a person is not in this copy any more (their page, an action on them).
 * Zoho's listings tell a record deleted from one no longer shared with the rep only at the daily
 * visibility check (main/sync/visibilityPass.ts), so the words name both.
 */
export function personNotHereMessage(id: string): string {
  return `No lead or contact with id ${id}; it may have been deleted in the CRM or no longer shared with you.`;
}
