import { describe, expect, it } from 'vitest';
import { isBotUserAgent } from '../../../src/main/alerts/botUserAgents';

// People's browsers and apps, some with words a crawler's list might hold.
const PEOPLE = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 13; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 12; V2134A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/97.0.4692.98 Mobile Safari/537.36 baiduboxapp/13.20.0.10',
  'Mozilla/5.0 (Linux; Android 11; SM-A515F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/112.0.0.0 YandexSearch/23.41 Mobile Safari/537.36',
  'Lynx/2.8.9rel.1 libwww-FM/2.14 SSL-MM/1.4.1 OpenSSL/1.1.1d',
  'Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)',
  // a person opening a link from Outlook (its own browser), and Edge: not Microsoft's Safe Links
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; Microsoft Outlook 16.0.17928; ms-office; MSOffice 16)',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  // a person reading in the browser of a QR or barcode scanner app, having scanned a flyer
  'Mozilla/5.0 (Linux; Android 14; SM-A546B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.122 Mobile Safari/537.36 QRScanner/2.9.1',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 QR Code Scanner/4.3',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 BarcodeScanner/7.0.2',
];

// Machines: crawlers, libraries, feed readers and link checkers (the last five as they appear
// in ../shared/data/web-access-log/access.log).
const MACHINES = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)',
  'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)',
  'Mozilla/5.0 (compatible; YandexImages/3.0)',
  'libwww-perl/6.05',
  'curl/8.5.0',
  'Reeder/2.1.1 CFNetwork/672.0.8 Darwin/14.0.0',
  'Newsify/120 CFNetwork/672.0.8 Darwin/14.0.0',
  'Xenu Link Sleuth/1.3.8',
  'eZ Publish Link Validator',
  'Mozilla/4.0 (compatible;)',
  '-',
  '',
  // mail security link scanners, which open the links in a person's mail before they do
  'Mozilla/5.0 (compatible; Barracuda Sentinel URL scanner)',
  'Mozilla/5.0 (compatible; LinkScanner/1.0)',
  'Mozilla/5.0 (compatible; Link-Scanner; mail security)',
  'URL_Scanner/2.1',
  'Barracuda Sentinel (EE)',
  'Proofpoint URL Defense',
  'Mimecast URL Protect',
  'Mozilla/5.0 (compatible; SafeLinks)',
];

describe('which visitors are machines (VT-8)', () => {
  it.each(PEOPLE)('lets a person through: %s', (ua) => {
    expect(isBotUserAgent(ua)).toBe(false);
  });

  it.each(MACHINES)('knows a machine: %s', (ua) => {
    expect(isBotUserAgent(ua)).toBe(true);
  });

  it('takes a visit whose source keeps no user agent for a person', () => {
    expect(isBotUserAgent(null)).toBe(false);
  });
});
