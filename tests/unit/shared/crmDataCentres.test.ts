import { describe, expect, it } from 'vitest';
import { CRM_DATA_CENTRES } from '../../../src/shared/crmDataCentres';
import { accountsUrlOf } from '../../../src/main/crm/zoho/dataCentres';

describe('Zoho data centres, one list', () => {
  it("signs in at each data centre's own accounts server", () => {
    expect(Object.fromEntries(CRM_DATA_CENTRES.map((dc) => [dc, accountsUrlOf(dc)]))).toEqual({
      US: 'https://accounts.zoho.com',
      EU: 'https://accounts.zoho.eu',
      IN: 'https://accounts.zoho.in',
      AU: 'https://accounts.zoho.com.au',
      JP: 'https://accounts.zoho.jp',
      CA: 'https://accounts.zohocloud.ca',
      SA: 'https://accounts.zoho.sa',
      CN: 'https://accounts.zoho.com.cn',
    });
    expect(accountsUrlOf('eu')).toBe('https://accounts.zoho.eu');
  });

  it('names the data centres it knows when asked for another', () => {
    expect(() => accountsUrlOf('XX')).toThrow(
      'Unknown Zoho data centre "XX"; pick one of US, EU, IN, AU, JP, CA, SA, CN',
    );
  });
});
