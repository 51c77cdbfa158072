import type { CrmTrouble } from '../crm/crmSource';

/**
 * What happened, in words for people, of a sync the CRM gave no usable answer to. The client's
 * message names the request's path and status: it stays the failure's details (Settings, the
 * log) and the `sync` command's words, never the lead of what a rep reads.
 */
const WHAT: Record<CrmTrouble, string> = {
  unreachable:
    'Zoho CRM could not be reached from this computer: no network, or a connection that keeps dropping.',
  silent: 'Zoho CRM did not answer in time: the connection, or Zoho, is too slow or down for now.',
  'not-the-crm':
    "Something other than Zoho CRM answered: most likely a network's sign-in page (hotel, train or airport Wi-Fi) or a proxy.",
  'server-error': "Zoho CRM's servers kept failing: a fault on Zoho's side, not on this computer.",
  limited:
    "Zoho is limiting this organisation's requests for now: too many at once, or the day's API credits are used up.",
};

/** What the rep can do; the app tries again on its own whatever they do. */
const TODO: Record<CrmTrouble, string> = {
  unreachable: 'Check the connection, then sync again; the app also tries again on its schedule.',
  silent: 'Check the connection, then sync again; the app also tries again on its schedule.',
  'not-the-crm':
    'Open a web page in a browser to sign in to the network, then sync again; the app also tries again on its schedule.',
  'server-error': 'Sync again in a few minutes; the app also tries again on its schedule.',
  // Syncing sooner spends requests against the same limit.
  limited: 'Nothing to do: the app syncs again on its schedule, once Zoho lifts the limit.',
};

/**
 * What Settings and the sync's announcement on any page say of a sync stopped by `trouble`: what
 * happened, that nothing stored is lost, then what to do. It names no place on the screen.
 */
export function crmTroubleText(trouble: CrmTrouble): string {
  return `${WHAT[trouble]} Nothing stored on this computer is lost. ${crmTroubleTodo(trouble)}`;
}

/** What the rep can do about `trouble`. */
export function crmTroubleTodo(trouble: CrmTrouble): string {
  return TODO[trouble];
}
