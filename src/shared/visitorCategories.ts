/**
 * VT-2, by name and e-mail: a won deal, an open deal, neither, or nobody in the CRM. Apart from
 * alertsContract.ts so the renderer can name categories without bundling that file's schemas.
 */
export const VISITOR_CATEGORIES = [
  'customer',
  'customer_open_deal',
  'lead_contact',
  'unknown',
] as const;
export type VisitorCategory = (typeof VISITOR_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<VisitorCategory, string> = {
  customer: 'Customer',
  customer_open_deal: 'Customer with open deal',
  lead_contact: 'Lead/contact',
  unknown: 'Unknown visitor',
};

/**
 * VT-2 for a person in the CRM, the one rule for the alerts, the Visits page and the planner: an
 * unfinished deal makes a customer with an open deal, whether or not one was won before (an
 * upsell is what "Open deals on the website" is for); else a won deal a customer; else a lead or
 * contact.
 */
export function categoryOf(won: boolean, open: boolean): Exclude<VisitorCategory, 'unknown'> {
  return open ? 'customer_open_deal' : won ? 'customer' : 'lead_contact';
}
