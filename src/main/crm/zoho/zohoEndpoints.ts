/**
 * Which servers the sign-in's secrets and tokens may go to. The token answer names the API's
 * address (`api_domain`) and the access token follows it, so whoever answered a sign-in would
 * otherwise choose who receives every later request.
 */

/** Zoho's API domains, one per data centre (www.zohoapis.eu, …): named, not patterned. */
const ZOHO_API_DOMAINS = [
  'zohoapis.com',
  'zohoapis.eu',
  'zohoapis.in',
  'zohoapis.com.au',
  'zohoapis.jp',
  'zohoapis.ca',
  'zohoapis.sa',
  'zohoapis.com.cn',
  'zohoapis.uk',
];

const isZohoApiHost = (host: string): boolean =>
  ZOHO_API_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`));

function hostOf(url: string): { protocol: string; hostname: string } | null {
  try {
    const { protocol, hostname } = new URL(url);
    return { protocol, hostname };
  } catch {
    return null;
  }
}

/** This computer: a CRM test server or a proxy the user runs, never another machine. */
function isLoopbackUrl(url: string): boolean {
  const host = hostOf(url)?.hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/**
 * An accounts server given from outside the app's list (the web host's test hook): https, or a
 * server on this computer.
 */
export function isAcceptableAccountsUrl(url: string): boolean {
  const parts = hostOf(url);
  if (!parts) return false;
  return parts.protocol === 'https:' || (parts.protocol === 'http:' && isLoopbackUrl(url));
}

/**
 * Whether the API address a token answer named may receive the access token: a Zoho API host
 * over https, or, when the accounts server itself is on this computer (a test server), a server
 * on this computer.
 */
export function isTrustedApiDomain(apiDomain: string, accountsUrl: string): boolean {
  const parts = hostOf(apiDomain);
  if (!parts) return false;
  if (isLoopbackUrl(accountsUrl)) return isLoopbackUrl(apiDomain);
  return parts.protocol === 'https:' && isZohoApiHost(parts.hostname);
}

export function untrustedApiDomainMessage(apiDomain: string, accountsUrl: string): string {
  return `The accounts server at ${accountsUrl} named ${apiDomain} as the CRM's API address, which is not a Zoho API server: nothing was sent there`;
}
