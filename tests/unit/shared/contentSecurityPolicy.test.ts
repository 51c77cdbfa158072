import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_META,
} from '../../../src/shared/contentSecurityPolicy';
import {
  CSP_PLACEHOLDER,
  withContentSecurityPolicy,
} from '../../../scripts/contentSecurityPolicyPlugin';

const directives = (policy: string): Map<string, string> =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0] ?? '', d.slice(d.search(/\s/) + 1)]),
  );

const metaPolicy = (html: string): string | undefined =>
  /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];

describe('the content security policy, one definition', () => {
  const source = readFileSync(new URL('../../../src/renderer/index.html', import.meta.url), 'utf8');

  it("is written into the renderer's index.html at build time, before any script", () => {
    expect(metaPolicy(source)).toBeUndefined();
    const built = withContentSecurityPolicy(source);
    expect(metaPolicy(built)).toBe(CONTENT_SECURITY_POLICY_META);
    expect(built.indexOf('Content-Security-Policy')).toBeLessThan(built.indexOf('<script'));
  });

  it("is the web host's header policy, less what a meta tag cannot carry", () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    const meta = directives(CONTENT_SECURITY_POLICY_META);
    expect(header.get('frame-ancestors')).toBe("'none'");
    header.delete('frame-ancestors');
    expect(meta).toEqual(header);
    expect(meta.get('script-src')).toBe("'self'");
  });

  it('refuses to build a page that has no place for it', () => {
    expect(() => withContentSecurityPolicy(source.replace(CSP_PLACEHOLDER, ''))).toThrow(
      /no place for the content security policy/,
    );
  });
});
