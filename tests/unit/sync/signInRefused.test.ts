import { describe, expect, it } from 'vitest';
import { CrmAuthError } from '../../../src/main/crm/crmSource';
import { signInRefusedText } from '../../../src/main/sync/signInRefused';

const AFTER =
  " Connect again with a new grant code: this computer's copy of the CRM is kept.";

describe('what Settings says of a sync the sign-in stopped', () => {
  it('says a token the API refused in words, with its code and without the path', () => {
    const refused = new CrmAuthError(
      'Zoho rejected the access token for /crm/v8/Leads (AUTHENTICATION_FAILURE) even after a refresh: connect the CRM account again',
      'AUTHENTICATION_FAILURE',
    );
    expect(signInRefusedText(refused)).toBe(
      `Zoho no longer accepts this sign-in (AUTHENTICATION_FAILURE).${AFTER}`,
    );
  });

  it('says a sign-in without a scope the app needs lacks it, not that it is no longer accepted', () => {
    const refused = new CrmAuthError(
      'Zoho rejected the access token for /crm/v8/Deals (OAUTH_SCOPE_MISMATCH) even after a refresh: connect the CRM account again',
      'OAUTH_SCOPE_MISMATCH',
    );
    expect(signInRefusedText(refused)).toBe(
      `This Zoho sign-in lacks a permission (scope) the app needs (OAUTH_SCOPE_MISMATCH).${AFTER}`,
    );
  });

  it('keeps the words of a refusal that has no code (the refresh token refused)', () => {
    const refused = new CrmAuthError(
      'Zoho refused the refresh token (invalid_code): the refresh token is expired or revoked',
    );
    expect(signInRefusedText(refused)).toBe(
      `Zoho refused the refresh token (invalid_code): the refresh token is expired or revoked.${AFTER}`,
    );
  });

  it('says "connect again" once for a refused refresh token, whose message says it too', () => {
    const refused = new CrmAuthError(
      'Zoho refused the refresh token (invalid_code): the refresh token is expired or revoked: generate a new grant code in the Zoho API console and connect again',
      null,
      'Zoho refused the refresh token (invalid_code): the refresh token is expired or revoked',
    );
    const text = signInRefusedText(refused);
    expect(text).toBe(
      `Zoho refused the refresh token (invalid_code): the refresh token is expired or revoked.${AFTER}`,
    );
    expect(text.match(/connect again/gi)).toHaveLength(1);
  });
});
