import { describe, expect, it } from 'vitest';
import {
  CrmAuthError,
  CrmOutageError,
  CrmRequestError,
  crmTroubleOf,
  type CrmTrouble,
} from '../../../src/main/crm/crmSource';
import { crmTroubleText } from '../../../src/main/sync/crmTroubleText';

const KEPT = ' Nothing stored on this computer is lost. ';

describe('what Settings says of a sync the CRM gave no usable answer to', () => {
  it.each<[CrmTrouble, string, string]>([
    [
      'not-the-crm',
      "Something other than Zoho CRM answered: most likely a network's sign-in page (hotel, train or airport Wi-Fi) or a proxy.",
      'Open a web page in a browser to sign in to the network, then sync again; the app also tries again on its schedule.',
    ],
    [
      'unreachable',
      'Zoho CRM could not be reached from this computer: no network, or a connection that keeps dropping.',
      'Check the connection, then sync again; the app also tries again on its schedule.',
    ],
    [
      'silent',
      'Zoho CRM did not answer in time: the connection, or Zoho, is too slow or down for now.',
      'Check the connection, then sync again; the app also tries again on its schedule.',
    ],
    [
      'server-error',
      "Zoho CRM's servers kept failing: a fault on Zoho's side, not on this computer.",
      'Sync again in a few minutes; the app also tries again on its schedule.',
    ],
    [
      'limited',
      "Zoho is limiting this organisation's requests for now: too many at once, or the day's API credits are used up.",
      'Nothing to do: the app syncs again on its schedule, once Zoho lifts the limit.',
    ],
  ])(
    'says %s as what happened, that nothing stored is lost, then what to do',
    (trouble, what, todo) => {
      expect(crmTroubleText(trouble)).toBe(`${what}${KEPT}${todo}`);
    },
  );

  it('tells the failures the client marks from those it does not', () => {
    const portal = new CrmRequestError(
      'Giving up after 6 attempts: /crm/v8/org answered 200 with a body that is not JSON (cut short?)',
      'not-the-crm',
    );
    expect(crmTroubleOf(portal)).toBe('not-the-crm');
    expect(crmTroubleOf(new CrmOutageError('the connection failed', 'unreachable'))).toBe(
      'unreachable',
    );
    // An outage said without a trouble, a refused sign-in, anything else: the runner's other words.
    expect(crmTroubleOf(new CrmOutageError('down'))).toBeNull();
    expect(crmTroubleOf(new CrmAuthError('refused', 'INVALID_TOKEN'))).toBeNull();
    expect(crmTroubleOf(new Error('disk I/O error'))).toBeNull();
  });
});
