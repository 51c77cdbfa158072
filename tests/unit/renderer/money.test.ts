import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../../src/renderer/src/format/money';

describe("a deal's amount", () => {
  it('is written in the deal’s own currency', () => {
    expect(formatAmount(12_500, 'USD', 'en-US')).toBe('$12,500.00');
    expect(formatAmount(12_500, 'EUR', 'de-DE')).toBe('12.500,00\u00a0€');
    expect(formatAmount(900_000, 'JPY', 'en-US')).toBe('¥900,000');
  });

  it('is the plain number with no currency, and names a code the browser does not know', () => {
    expect(formatAmount(400, null, 'en-US')).toBe('400');
    expect(formatAmount(400, 'EURO', 'en-US')).toBe('400 EURO');
  });
});
