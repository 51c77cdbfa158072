import type { CrmTrouble, SyncModule } from '../crm/crmSource';
import { crmTroubleTodo } from './crmTroubleText';
import type { UnreadReason } from './unreadModules';

/** What happened to the modules named (`which`: "Calls", "Calls and Deals"), by trouble. */
const WHAT: Record<CrmTrouble, (which: string, was: string) => string> = {
  unreachable: (which, was) =>
    `The connection to Zoho CRM kept dropping while ${which} ${was} read.`,
  silent: (which) => `Zoho CRM did not answer in time when asked for ${which}.`,
  'not-the-crm': (which, was) =>
    `Something other than Zoho CRM answered when ${which} ${was} asked for: most likely a network's sign-in page (hotel, train or airport Wi-Fi) or a proxy.`,
  'server-error': (which) =>
    `Zoho CRM's servers kept failing when asked for ${which}: a fault on Zoho's side, not on this computer.`,
  limited: (which, was) => `Zoho limited this organisation's requests while ${which} ${was} read.`,
};

function listed(names: readonly string[]): string {
  return names.length === 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/**
 * What Settings and the sync's announcement say of modules the CRM failed to give while the rest
 * synced, in the words `crmTroubleText` says a whole run's failure: what happened, that nothing
 * stored is lost, what to do. The CRM's own words are the details (`unreadModulesDetail`).
 */
export function unreadModulesText(unread: ReadonlyMap<SyncModule, UnreadReason>): string | null {
  if (unread.size === 0) return null;
  const names = [...unread.keys()];
  const which = listed(names);
  const troubles = new Set([...unread.values()].map((u) => u.trouble));
  // One trouble for all of them says what it was; mixed or unknown ones only that the answer failed.
  const trouble = troubles.size === 1 ? [...troubles][0] : null;
  const what = trouble
    ? WHAT[trouble](which, names.length === 1 ? 'was' : 'were')
    : `Zoho CRM gave no answer the app could use for ${which}.`;
  const kept = names.length === 1 ? 'it' : 'them';
  // An answer of no known kind (a 400, a page of another shape) is likely the same at every sync:
  // waiting a few minutes would not mend it.
  const todo = trouble
    ? crmTroubleTodo(trouble)
    : 'If the next sync says the same, give the Details below to your Zoho administrator.';
  return `${what} Everything else synced and the plans use it. Nothing stored on this computer is lost: what was stored of ${kept} before is kept. ${todo}`;
}

/** The CRM's words for each module it failed to give, for Settings' Details. */
export function unreadModulesDetail(unread: ReadonlyMap<SyncModule, UnreadReason>): string | null {
  if (unread.size === 0) return null;
  return [...unread]
    .map(([module, { reason }]) => (unread.size === 1 ? reason : `${module}: ${reason}`))
    .join('; ');
}
