import { z } from 'zod';
import { isTrustedApiDomain, untrustedApiDomainMessage } from './zohoEndpoints';
import { CrmAuthError, CrmOutageError } from '../crmSource';

export interface ZohoCredentials {
  /** e.g. https://accounts.zoho.eu (see dataCentres.ts) */
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** The user must act: the refresh token or client is refused. Retrying will not help. */
export class ZohoAuthError extends CrmAuthError {
  override name = 'ZohoAuthError';
}

// Zoho answers a refused refresh with HTTP 200 and {"error": "..."}, not with a 4xx.
const tokenResponse = z.union([
  z.object({
    access_token: z.string().min(1),
    api_domain: z.string().url().optional(),
    expires_in: z.number().positive(),
  }),
  z.object({ error: z.string() }),
]);

const REFRESH_MARGIN_MS = 5 * 60_000;

/** A refusal's cause, then what to do: the app words the second part itself (signInRefused.ts). */
const ERROR_ADVICE: Record<string, { why: string; advice: string }> = {
  invalid_code: {
    why: 'the refresh token is expired or revoked',
    advice: 'generate a new grant code in the Zoho API console and connect again',
  },
  invalid_client: {
    why: 'the client id or secret is wrong, or belongs to another data centre',
    advice: 'check them in the Zoho API console',
  },
};

/** Refusals that pass: the credentials are fine, so nobody is told to connect again. */
const PASSING_ADVICE: Record<string, string> = {
  access_denied:
    'Zoho refused access for now (too many token requests?): the app tries again in a few minutes',
};

/** "Access Denied" and "access_denied" are one refusal: Zoho has sent both spellings. */
function errorKey(error: string): string {
  return error.trim().toLowerCase().replace(/\s+/g, '_');
}

/**
 * Holds the short-lived access token in memory only (never logged, never stored), refreshing
 * it shortly before expiry or when the API says it is invalid.
 */
export class ZohoTokenSource {
  private token: { value: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;
  apiDomain: string | null = null;

  constructor(
    private readonly credentials: ZohoCredentials,
    private readonly now: () => number = Date.now,
    /** An accounts server that accepts and never answers must not hold a sync for minutes. */
    private readonly deadlineMs = 30_000,
  ) {}

  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - REFRESH_MARGIN_MS > this.now())
      return this.token.value;
    return this.refresh();
  }

  /** Forget the current token (the API answered INVALID_TOKEN) and fetch a new one. */
  async invalidate(rejected: string): Promise<string> {
    if (this.token?.value === rejected) this.token = null;
    return this.accessToken();
  }

  private refresh(): Promise<string> {
    // Concurrent callers share one refresh: Zoho limits how many tokens may be minted per minute.
    this.pending ??= this.requestToken().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async requestToken(): Promise<string> {
    const { accountsUrl, clientId, clientSecret, refreshToken } = this.credentials;
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: clientId,
      client_secret: clientSecret,
      refresh_token: refreshToken,
    });
    let response: Response;
    let text: string;
    try {
      response = await fetch(new URL('/oauth/v2/token', accountsUrl), {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(this.deadlineMs),
      });
      text = await response.text();
    } catch (error) {
      if ((error as Error).name === 'TimeoutError')
        throw new CrmOutageError(
          `The Zoho accounts server at ${accountsUrl} did not answer within ${this.deadlineMs / 1000} s; check the network and try again`,
          'silent',
        );
      throw new CrmOutageError(
        `Cannot reach the Zoho accounts server at ${accountsUrl} (${describeNetworkError(error)}); check the network and the data centre`,
        'unreachable',
      );
    }
    // A maintenance page or an overloaded server says nothing about the credentials.
    if (response.status >= 500 || response.status === 429)
      throw new CrmOutageError(
        `The Zoho accounts server at ${accountsUrl} answered ${response.status}; it may be down for a moment: the app tries again on schedule`,
        response.status === 429 ? 'limited' : 'server-error',
      );
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // Not Zoho speaking (a Wi-Fi network's sign-in page, a proxy's notice): nothing about the
      // credentials, so no one is told to connect again (which would drop the local copy).
      throw new CrmOutageError(
        `The Zoho accounts server at ${accountsUrl} answered ${response.status} with a page that is not Zoho's (a network's sign-in page?): try again in a moment (the app does, on its schedule)`,
        'not-the-crm',
      );
    }
    let parsed: z.infer<typeof tokenResponse>;
    try {
      parsed = tokenResponse.parse(json);
    } catch {
      throw new ZohoAuthError(
        `The Zoho accounts server at ${accountsUrl} answered ${response.status} with an unexpected body; check the data centre`,
      );
    }
    if ('error' in parsed) {
      const key = errorKey(parsed.error);
      const passing = PASSING_ADVICE[key];
      if (passing)
        throw new CrmOutageError(
          `Zoho refused the refresh token (${parsed.error}): ${passing}`,
          'limited',
        );
      const refused = `Zoho refused the refresh token (${parsed.error})`;
      const known = ERROR_ADVICE[key];
      throw known
        ? new ZohoAuthError(
            `${refused}: ${known.why}: ${known.advice}`,
            null,
            `${refused}: ${known.why}`,
          )
        : new ZohoAuthError(`${refused}: check the credentials and connect again`, null, refused);
    }
    if (parsed.api_domain && !isTrustedApiDomain(parsed.api_domain, accountsUrl))
      throw new ZohoAuthError(untrustedApiDomainMessage(parsed.api_domain, accountsUrl));
    this.token = { value: parsed.access_token, expiresAt: this.now() + parsed.expires_in * 1000 };
    if (parsed.api_domain) this.apiDomain = parsed.api_domain;
    return parsed.access_token;
  }
}

/** fetch hides the reason in `cause`; node:http errors carry their code themselves. */
export function describeNetworkError(error: unknown): string {
  const e = error as {
    code?: unknown;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  return (
    e.cause?.code ??
    e.cause?.message ??
    (typeof e.code === 'string' ? e.code : (e.message ?? String(error)))
  );
}
