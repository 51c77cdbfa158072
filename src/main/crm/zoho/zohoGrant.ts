import { z } from 'zod';
import { describeNetworkError, ZohoAuthError } from './zohoAuth';
import { isTrustedApiDomain, untrustedApiDomainMessage } from './zohoEndpoints';

export interface GrantExchange {
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  code: string;
}

const grantResponse = z.union([
  z.object({
    refresh_token: z.string().min(1),
    api_domain: z.string().url().optional(),
  }),
  z.object({ error: z.string() }),
]);

const ADVICE: Record<string, string> = {
  invalid_code:
    'the grant code is wrong, already used or expired (they last a few minutes): generate a new one in the Zoho API console',
  invalid_client:
    'the client id or secret is wrong, or the self-client belongs to another data centre',
};

/**
 * Trades a self-client's one-time grant code for the long-lived refresh token (Zoho's
 * authorization_code grant). The answer's api_domain is where the organisation's API lives.
 */
export async function exchangeGrantCode(
  grant: GrantExchange,
): Promise<{ refreshToken: string; apiDomain: string | null }> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: grant.clientId,
    client_secret: grant.clientSecret,
    code: grant.code,
  });
  let text: string;
  try {
    const response = await fetch(new URL('/oauth/v2/token', grant.accountsUrl), {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(30_000),
    });
    text = await response.text();
  } catch (error) {
    throw new Error(
      `Cannot reach Zoho's accounts server at ${grant.accountsUrl} (${describeNetworkError(error)}): check the network and the data centre`,
    );
  }
  let parsed: z.infer<typeof grantResponse>;
  try {
    parsed = grantResponse.parse(JSON.parse(text));
  } catch {
    throw new ZohoAuthError(
      `Zoho's accounts server at ${grant.accountsUrl} answered without a refresh token: check the data centre and the grant code's scopes`,
    );
  }
  if ('error' in parsed)
    throw new ZohoAuthError(
      `Zoho refused the grant code (${parsed.error}): ${ADVICE[parsed.error] ?? 'check the values and try again'}`,
    );
  if (parsed.api_domain && !isTrustedApiDomain(parsed.api_domain, grant.accountsUrl))
    throw new ZohoAuthError(
      `${untrustedApiDomainMessage(parsed.api_domain, grant.accountsUrl)}; the sign-in was not kept`,
    );
  return { refreshToken: parsed.refresh_token, apiDomain: parsed.api_domain ?? null };
}

/** Signing out revokes the refresh token too; an unreachable server must not stop the sign-out. */
export async function revokeRefreshToken(accountsUrl: string, token: string): Promise<void> {
  try {
    const url = new URL('/oauth/v2/token/revoke', accountsUrl);
    url.searchParams.set('token', token);
    await fetch(url, { method: 'POST', signal: AbortSignal.timeout(5_000) });
  } catch {
    // Offline: the local tokens are gone all the same; the user can revoke in Zoho's console.
  }
}
