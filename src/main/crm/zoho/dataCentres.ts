import { CRM_DATA_CENTRE_SITES, CRM_DATA_CENTRES } from '../../../shared/crmDataCentres';

/**
 * The accounts server of a Zoho data centre. The API domain is not derived from the data
 * centre: the token response names it (`api_domain`).
 */
export function accountsUrlOf(dc: string): string {
  const site = (CRM_DATA_CENTRE_SITES as Record<string, { domain: string } | undefined>)[
    dc.toUpperCase()
  ];
  if (!site)
    throw new Error(`Unknown Zoho data centre "${dc}"; pick one of ${CRM_DATA_CENTRES.join(', ')}`);
  return `https://accounts.${site.domain}`;
}
