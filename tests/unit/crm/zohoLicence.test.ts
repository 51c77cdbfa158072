import { describe, expect, it } from 'vitest';
import { licenceOf } from '../../../src/main/crm/zoho/zohoOrgSettings';

describe('the organisation’s licence in Zoho’s answer to GET /org', () => {
  it('reads the edition, whether it is paid for and the user licences', () => {
    // As in Zoho's v8 OpenAPI example: a free organisation on an Enterprise trial.
    const org = {
      id: '1234567890',
      time_zone: 'America/Chicago',
      license_details: {
        paid_expiry: null,
        users_license_purchased: 3,
        trial_type: 'enterprise',
        trial_expiry: '2025-12-04T17:26:17+05:30',
        paid: false,
        paid_type: 'free',
        portal_users_license_purchased: 0,
      },
    };
    expect(licenceOf(org)).toEqual({ edition: 'free', paid: false, users: 3 });
  });

  it('says nothing of an answer without license_details, and of fields of another shape', () => {
    expect(licenceOf({ id: '1', time_zone: 'Europe/Berlin' })).toBeNull();
    expect(
      licenceOf({ license_details: { paid_type: 7, paid: 'yes', users_license_purchased: -1 } }),
    ).toEqual({
      edition: null,
      paid: null,
      users: null,
    });
  });
});
