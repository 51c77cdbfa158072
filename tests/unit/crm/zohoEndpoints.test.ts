import { describe, expect, it } from 'vitest';
import {
  isAcceptableAccountsUrl,
  isTrustedApiDomain,
} from '../../../src/main/crm/zoho/zohoEndpoints';

describe('where the access token may go', () => {
  const zohoEu = 'https://accounts.zoho.eu';

  it('follows a Zoho API host the real accounts server names, over https only', () => {
    expect(isTrustedApiDomain('https://www.zohoapis.eu', zohoEu)).toBe(true);
    expect(isTrustedApiDomain('https://www.zohoapis.com.au', 'https://accounts.zoho.com.au')).toBe(
      true,
    );
    expect(isTrustedApiDomain('https://www.zohoapis.ca', 'https://accounts.zohocloud.ca')).toBe(
      true,
    );
    expect(isTrustedApiDomain('http://www.zohoapis.eu', zohoEu)).toBe(false);
  });

  it('refuses hosts that only look like Zoho, and anything on this computer', () => {
    for (const host of [
      'https://zohoapis.eu.attacker.example',
      'https://evilzohoapis.com',
      'https://www.zohoapis.co.uk',
      'https://127.0.0.1:8443',
      'not a url',
    ])
      expect(isTrustedApiDomain(host, zohoEu), host).toBe(false);
  });

  it('lets a test server on this computer name another server on this computer only', () => {
    expect(isTrustedApiDomain('http://127.0.0.1:5123', 'http://127.0.0.1:5000')).toBe(true);
    expect(isTrustedApiDomain('https://www.zohoapis.eu', 'http://127.0.0.1:5000')).toBe(false);
    expect(isTrustedApiDomain('http://192.0.2.7', 'http://127.0.0.1:5000')).toBe(false);
  });

  it('takes an accounts server from outside the list only over https or on this computer', () => {
    expect(isAcceptableAccountsUrl('https://accounts.example.org')).toBe(true);
    expect(isAcceptableAccountsUrl('http://127.0.0.1:4000')).toBe(true);
    expect(isAcceptableAccountsUrl('http://localhost:4000')).toBe(true);
    expect(isAcceptableAccountsUrl('http://accounts.example.org')).toBe(false);
    expect(isAcceptableAccountsUrl('ftp://127.0.0.1')).toBe(false);
  });
});
