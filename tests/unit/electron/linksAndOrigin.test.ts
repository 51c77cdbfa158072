import { describe, expect, it } from 'vitest';
import { appFileFor, isTrustedSender } from '../../../src/main/electron/appProtocol';
import { devDatabasePath, devRendererUrl } from '../../../src/main/electron/developmentOverrides';
import { externalTarget } from '../../../src/main/electron/externalLinks';

describe('what leaves the app for the OS (click-to-call, click-to-email)', () => {
  it('hands a phone number or one e-mail address to the OS', () => {
    expect(externalTarget('tel:+81 (3) 1234-5678')).toBe('tel:+81312345678');
    expect(externalTarget('tel:%2B49%2030%20123456')).toBe('tel:+4930123456');
    expect(externalTarget('tel:01.23.45.67.89')).toBe('tel:0123456789');
    expect(externalTarget('tel:030/1234567')).toBe('tel:0301234567');
    expect(externalTarget('tel:+14155550100;ext=23')).toBe('tel:+14155550100;ext=23');
    expect(externalTarget("mailto:o'brien@example.ie")).toBe("mailto:o'brien@example.ie");
    expect(externalTarget('mailto:mika.tanaka@example.co.jp')).toBe(
      'mailto:mika.tanaka@example.co.jp',
    );
  });

  it('refuses a CRM value that carries anything else', () => {
    for (const url of [
      'mailto:x@y.com?attach=/etc/passwd',
      'mailto:x@y.com&cc=z@w.com',
      'mailto:a@b.com,c@d.com',
      'mailto:not-an-address',
      'tel:;rm -rf',
      'tel:+14155550100;ext=23;phone-context=x',
      'tel:+14155550100;ext=',
      'tel:+1 555 0100?x=1',
      'tel:',
      'https://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'mailto:%E0%A4%A',
      // Decoded once, still a query to a client that decodes again.
      'mailto:a%253Fattach=x@y.z',
    ])
      expect(externalTarget(url), url).toBeNull();
  });
});

describe("the app's own origin", () => {
  const root = '/opt/cw/renderer';

  it('serves the renderer files, index.html for the root', () => {
    expect(appFileFor(root, 'app://contact-window/')).toBe('/opt/cw/renderer/index.html');
    expect(appFileFor(root, 'app://contact-window/assets/index-abc.js')).toBe(
      '/opt/cw/renderer/assets/index-abc.js',
    );
  });

  it('serves nothing outside the renderer folder or from another host', () => {
    // The URL parser itself folds a plain "..": what is left stays inside the folder.
    expect(appFileFor(root, 'app://contact-window/../main/index.js')).toBe(
      '/opt/cw/renderer/main/index.js',
    );
    expect(appFileFor(root, 'app://contact-window/%2e%2e/%2e%2e/etc/passwd')).toBe(
      '/opt/cw/renderer/etc/passwd',
    );
    for (const url of [
      'app://contact-window/assets/..%2f..%2fmain%2findex.js',
      'app://contact-window/a%00b',
      'app://evil/index.html',
      'file:///opt/cw/renderer/index.html',
    ])
      expect(appFileFor(root, url), url).toBeNull();
  });

  it("answers the core's calls only for the app's page in its top frame", () => {
    expect(
      isTrustedSender({ url: 'app://contact-window/index.html', isMainFrame: true }, undefined),
    ).toBe(true);
    expect(
      isTrustedSender({ url: 'app://contact-window/index.html', isMainFrame: false }, undefined),
    ).toBe(false);
    expect(
      isTrustedSender({ url: 'file:///opt/cw/renderer/index.html', isMainFrame: true }, undefined),
    ).toBe(false);
    expect(
      isTrustedSender({ url: 'app://contact-window.evil/x', isMainFrame: true }, undefined),
    ).toBe(false);
    expect(
      isTrustedSender(
        { url: 'http://localhost:5173/', isMainFrame: true },
        'http://localhost:5173',
      ),
    ).toBe(true);
    expect(
      isTrustedSender(
        { url: 'http://localhost:5174/', isMainFrame: true },
        'http://localhost:5173',
      ),
    ).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: true }, undefined)).toBe(
      false,
    );
  });
});

describe('what a start of the app may change from outside', () => {
  const evil = { ELECTRON_RENDERER_URL: 'https://evil.example' };

  it('answers no page named by ELECTRON_RENDERER_URL in the packaged app', () => {
    const page = { url: 'https://evil.example/', isMainFrame: true };
    expect(isTrustedSender(page, devRendererUrl(evil, true))).toBe(false);
    expect(devRendererUrl(evil, true)).toBeUndefined();
    // While developing, the dev server's page is the app's page.
    const dev = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    expect(devRendererUrl(dev, false)).toBe('http://localhost:5173');
    expect(
      isTrustedSender(
        { url: 'http://localhost:5173/', isMainFrame: true },
        devRendererUrl(dev, false),
      ),
    ).toBe(true);
    expect(devRendererUrl({}, false)).toBeUndefined();
  });

  it('opens the database named by --db= only while developing', () => {
    const argv = ['/opt/Contact Window/contact-window', '--db=/tmp/other.db'];
    expect(devDatabasePath(argv, true)).toBeNull();
    expect(devDatabasePath(argv, false)).toBe('/tmp/other.db');
    expect(devDatabasePath(['electron', 'out/main/index.js'], false)).toBeNull();
  });
});
