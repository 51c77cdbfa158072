/**
 * Zoho keeps each organisation in one of these data centres (SY-3), each on its own domain: its
 * accounts server is `accounts.` + domain. The one list of them, for the contract's input
 * schema, the connect form and the sign-in; kept apart from the contract so the renderer can
 * list them without bundling the input schemas' validator.
 */
export const CRM_DATA_CENTRE_SITES = {
  US: { region: 'United States', domain: 'zoho.com' },
  EU: { region: 'Europe', domain: 'zoho.eu' },
  IN: { region: 'India', domain: 'zoho.in' },
  AU: { region: 'Australia', domain: 'zoho.com.au' },
  JP: { region: 'Japan', domain: 'zoho.jp' },
  CA: { region: 'Canada', domain: 'zohocloud.ca' },
  SA: { region: 'Saudi Arabia', domain: 'zoho.sa' },
  CN: { region: 'China', domain: 'zoho.com.cn' },
} as const satisfies Record<string, { region: string; domain: string }>;

export type CrmDataCentre = keyof typeof CRM_DATA_CENTRE_SITES;

export const CRM_DATA_CENTRES = Object.keys(CRM_DATA_CENTRE_SITES) as [
  CrmDataCentre,
  ...CrmDataCentre[],
];
