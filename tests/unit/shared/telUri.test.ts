import { describe, expect, it } from 'vitest';
import { externalTarget } from '../../../src/main/electron/externalLinks';
import { telUri } from '../../../src/shared/telUri';

describe('click-to-call: the tel: URI for a number as the CRM holds it', () => {
  it('keeps the digits and a leading +, whatever separates them', () => {
    expect(telUri('+1 415 555 0100')).toBe('tel:+14155550100');
    expect(telUri('+81 (3) 1234-5678')).toBe('tel:+81312345678');
    expect(telUri('01.23.45.67.89')).toBe('tel:0123456789');
    expect(telUri('030/1234567')).toBe('tel:0301234567');
  });

  it('dials an extension as an extension, never as more digits of the number', () => {
    expect(telUri('+1 415 555 0100 ext. 23')).toBe('tel:+14155550100;ext=23');
    expect(telUri('+1 415 555 0100 x23')).toBe('tel:+14155550100;ext=23');
    expect(telUri('+1 415 555 0100, extension 23')).toBe('tel:+14155550100;ext=23');
    expect(telUri('+49 30 123456 #7')).toBe('tel:+4930123456;ext=7');
  });

  it('drops the trunk 0 written as (0) after a country code', () => {
    expect(telUri('+44 (0)20 7946 0958')).toBe('tel:+442079460958');
    expect(telUri('+49 (0) 30 123456')).toBe('tel:+4930123456');
  });

  it('makes no link of what is not a number', () => {
    for (const text of ['', 'ask reception', '12', '+1 555 0100?x=1', ';rm -rf', 'tel:123'])
      expect(telUri(text), text).toBeNull();
  });

  it('builds links the desktop app hands to the OS as they are', () => {
    for (const phone of [
      '+1 415 555 0100 ext. 23',
      '+44 (0)20 7946 0958',
      '+81 (3) 1234-5678',
      '030/1234567',
    ]) {
      const uri = telUri(phone);
      expect(uri, phone).not.toBeNull();
      expect(externalTarget(uri ?? ''), phone).toBe(uri);
    }
  });
});
