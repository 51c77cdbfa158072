import type { CrmAuthError } from '../crm/crmSource';

/**
 * What the app says of a sync the CRM's sign-in stopped, in Settings › CRM account just above its
 * Connect again button and in the sync's announcement on any page (so it names no place on the
 * screen): what happened in words for people, then what to do. The API's refusal names the
 * request's path, which is for the log (and the `sync` command's stderr), not for the user; its
 * code stays, to tell Zoho's support. A refusal without one (the accounts server's, of the
 * refresh token) already says what happened in words; what it adds of what to do ("connect
 * again") is left out, as the sentence after it says that.
 */
export function signInRefusedText(failure: CrmAuthError): string {
  const { code } = failure;
  const what =
    code === null
      ? `${failure.refused ?? failure.message}.`
      : code === 'OAUTH_SCOPE_MISMATCH'
        ? `This Zoho sign-in lacks a permission (scope) the app needs (${code}).`
        : `Zoho no longer accepts this sign-in (${code}).`;
  return `${what} Connect again with a new grant code: this computer's copy of the CRM is kept.`;
}
