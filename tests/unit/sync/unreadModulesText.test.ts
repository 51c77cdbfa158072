import { describe, expect, it } from 'vitest';
import type { CrmTrouble, SyncModule } from '../../../src/main/crm/crmSource';
import { unreadModulesDetail, unreadModulesText } from '../../../src/main/sync/unreadModulesText';

const unread = (...modules: [SyncModule, string, CrmTrouble | null][]) =>
  new Map(modules.map(([module, reason, trouble]) => [module, { reason, trouble }]));

describe('what Settings says of modules the CRM failed to give while the rest synced', () => {
  it('says what happened, that nothing stored is lost and what to do, not the API’s words', () => {
    const calls = unread([
      'Calls',
      'Giving up after 6 attempts: /crm/v8/Calls answered 200 with a body that is not JSON (cut short?)',
      'not-the-crm',
    ]);
    expect(unreadModulesText(calls)).toBe(
      "Something other than Zoho CRM answered when Calls was asked for: most likely a network's sign-in page (hotel, train or airport Wi-Fi) or a proxy. Everything else synced and the plans use it. Nothing stored on this computer is lost: what was stored of it before is kept. Open a web page in a browser to sign in to the network, then sync again; the app also tries again on its schedule.",
    );
    expect(unreadModulesDetail(calls)).toBe(
      'Giving up after 6 attempts: /crm/v8/Calls answered 200 with a body that is not JSON (cut short?)',
    );
  });

  it('names every module, and each one’s words in the details', () => {
    const two = unread(
      ['Calls', 'Calls: 500', 'server-error'],
      ['Deals', 'Deals: 400 INVALID_QUERY', null],
    );
    expect(unreadModulesText(two)).toMatch(
      /^Zoho CRM gave no answer the app could use for Calls and Deals\. .* what was stored of them before is kept\./,
    );
    expect(unreadModulesDetail(two)).toBe('Calls: Calls: 500; Deals: Deals: 400 INVALID_QUERY');
  });

  it('speaks of two modules in the plural, and of an answer of no known kind as one to pass on, not to wait out', () => {
    expect(
      unreadModulesText(
        unread(['Calls', 'Calls: cut', 'unreachable'], ['Deals', 'Deals: cut', 'unreachable']),
      ),
    ).toMatch(/^The connection to Zoho CRM kept dropping while Calls and Deals were read\. /);
    expect(unreadModulesText(unread(['Deals', 'Deals: 400 INVALID_QUERY', null]))).toMatch(
      /what was stored of it before is kept\. If the next sync says the same, give the Details below to your Zoho administrator\.$/,
    );
  });

  it('says nothing when every module was read', () => {
    expect(unreadModulesText(new Map())).toBeNull();
    expect(unreadModulesDetail(new Map())).toBeNull();
  });
});
