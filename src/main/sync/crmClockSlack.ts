/**
 * How far the CRM's clock may be behind this computer's when a sync tells, from the CRM's
 * modification times, what changed while it ran: a record modified after this computer's
 * `start - CRM_CLOCK_SLACK_MS` may have been edited mid-sync. A day covers a wrong time zone on
 * either side, at the price of treating the last day's edits as possibly mid-sync.
 */
export const CRM_CLOCK_SLACK_MS = 86_400_000;

/**
 * How far before a time the CRM stated itself (an answer's Date header) a question about what
 * changed since begins. The Date is cut to the second and made by Zoho's web front, while
 * `Modified_Time` and `deleted_time` are stamped by its data servers: their clocks may differ a
 * little, and a record read in the same second as the Date may change in that second. Ten
 * minutes is far beyond any such difference and costs little (the changes of ten minutes more);
 * too short would miss a change for good.
 */
export const CRM_DATE_MARGIN_MS = 10 * 60_000;

/**
 * The earliest CRM time a change made from now on can carry: the CRM's latest stated time less
 * CRM_DATE_MARGIN_MS, else (no usable Date) this computer's less CRM_CLOCK_SLACK_MS.
 */
export function changesFromNow(crmTime: number | null | undefined, localNow: number): number {
  return crmTime != null ? crmTime - CRM_DATE_MARGIN_MS : localNow - CRM_CLOCK_SLACK_MS;
}
