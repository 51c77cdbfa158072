import { describe, expect, it } from 'vitest';
import { callRefusalReason } from '../../src/main/crm/zoho/zohoCallRefusal';

describe('why Zoho refused a call, in words the rep can act on', () => {
  it('names every cause Zoho’s INVALID_DATA on the person cannot tell apart: deleted, merged, or no longer shared', () => {
    const reason = callRefusalReason(
      { code: 'INVALID_DATA', message: 'invalid data', details: { api_name: 'Who_Id' } },
      'contact',
    );
    expect(reason).toBe(
      'it no longer holds the contact this call is with (deleted or merged in Zoho, or no longer shared with you?) [Zoho: INVALID_DATA on Who_Id]',
    );
  });
});
