/**
 * Zoho keeps each organisation in one data centre, with its own accounts server. The API
 * domain is not derived from this table: the token response names it (`api_domain`).
 */
export const DATA_CENTRES = {
  US: 'https://accounts.zoho.com',
  EU: 'https://accounts.zoho.eu',
  IN: 'https://accounts.zoho.in',
  AU: 'https://accounts.zoho.com.au',
  JP: 'https://accounts.zoho.jp',
  CA: 'https://accounts.zohocloud.ca',
  SA: 'https://accounts.zoho.sa',
  CN: 'https://accounts.zoho.com.cn',
} as const;
export type DataCentre = keyof typeof DATA_CENTRES;

export function accountsUrlOf(dc: string): string {
  const url = (DATA_CENTRES as Record<string, string>)[dc.toUpperCase()];
  if (!url)
    throw new Error(
      `Unknown Zoho data centre "${dc}"; pick one of ${Object.keys(DATA_CENTRES).join(', ')}`,
    );
  return url;
}
