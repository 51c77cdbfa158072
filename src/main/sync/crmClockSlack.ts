/**
 * How far the CRM's clock may be behind this computer's when a sync tells, from the CRM's
 * modification times, what changed while it ran: a record modified after this computer's
 * `start - CRM_CLOCK_SLACK_MS` may have been edited mid-sync. A day covers a wrong time zone on
 * either side, at the price of treating the last day's edits as possibly mid-sync.
 */
export const CRM_CLOCK_SLACK_MS = 86_400_000;
