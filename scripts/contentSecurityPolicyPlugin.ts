import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from '../src/shared/contentSecurityPolicy';

/** Where index.html takes the policy: early in <head>, before any script or style. */
export const CSP_PLACEHOLDER =
  '<!-- Content-Security-Policy: written here at build time from src/shared/contentSecurityPolicy.ts -->';

/** index.html with its placeholder replaced by the policy's meta tag. */
export function withContentSecurityPolicy(html: string): string {
  if (!html.includes(CSP_PLACEHOLDER))
    throw new Error(`index.html has no place for the content security policy: ${CSP_PLACEHOLDER}`);
  const content = CONTENT_SECURITY_POLICY_META.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return html.replace(
    CSP_PLACEHOLDER,
    `<meta http-equiv="Content-Security-Policy" content="${content}" />`,
  );
}

/**
 * Writes the app's content security policy into the renderer's index.html: the policy the web
 * host sends as a header, from one definition (src/shared/contentSecurityPolicy.ts).
 */
export function contentSecurityPolicyPlugin(): Plugin {
  return {
    name: 'contact-window:content-security-policy',
    transformIndexHtml: { order: 'pre', handler: withContentSecurityPolicy },
  };
}
