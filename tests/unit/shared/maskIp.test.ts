import { describe, expect, it } from 'vitest';
import { maskIp } from '../../../src/shared/maskIp';

describe('an IP address as the app shows it', () => {
  it.each([
    ['203.0.113.7', '203.0.113.xxx'],
    ['203.0.113.7:443', '203.0.113.xxx'],
    ['2001:db8:85a3:0:0:8a2e:370:7334', '2001:db8:85a3:…'],
    ['2001::5', '2001:…'],
    ['2001:db8::1', '2001:db8:…'],
    ['[2001:db8::1]:443', '2001:db8:…'],
    ['::1', '…'],
    ['::ffff:203.0.113.7', '203.0.113.xxx'],
    ['not an address', '…'],
  ])('shows %s as %s', (ip, shown) => {
    expect(maskIp(ip)).toBe(shown);
  });

  it('shows nothing for a visit without one', () => {
    expect(maskIp(null)).toBeNull();
  });
});
