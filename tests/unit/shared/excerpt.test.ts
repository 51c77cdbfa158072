import { describe, expect, it } from 'vitest';
import { pullRecord } from '../../../src/main/crm/zoho/zohoModules';
import { validateInput } from '../../../src/shared/contract';
import { excerpt } from '../../../src/shared/excerpt';

describe('how much of a bad value an error message repeats', () => {
  it('keeps a short value whole and cuts a long one at 200 characters, saying how long it was', () => {
    expect(excerpt({ a: 1 })).toBe('{"a":1}');
    const long = excerpt('x'.repeat(5_000));
    expect(long).toBe(`${'x'.repeat(200)}… (5000 characters)`);
  });

  it('never puts a whole malformed CRM field into the quarantine message', () => {
    const pulled = pullRecord('Leads', { id: '7', Modified_Time: 'y'.repeat(50_000) }, 0, {
      timeZone: 'UTC',
    });
    expect(pulled.error).toMatch(
      /^Modified_Time: expected an ISO 8601 date-time \(got "y{199}… \(50002 characters\)\)$/,
    );
  });

  it('cuts an unknown method name in the API error', () => {
    expect(() => validateInput('m'.repeat(10_000), {})).toThrow(
      `Unknown method "${'m'.repeat(80)}… (10000 characters)"`,
    );
  });
});
