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
