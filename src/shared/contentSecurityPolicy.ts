/**
 * The page's content security policy: only the app's own scripts, styles, fonts and API, images
 * also as data URLs, no plugins, no <base>, no form posts, no framing. The web host sends it as
 * a header; the renderer's index.html carries it in a meta tag written at build time
 * (electron.vite.config.ts), which is what the Electron window, loading a file, goes by.
 */
const DIRECTIVES: readonly (readonly [name: string, value: string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['font-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];

/** Browsers ignore these in a meta tag, and say so in the console: headers only. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

const policy = (directives: readonly (readonly [string, string])[]): string =>
  directives.map(([name, value]) => `${name} ${value}`).join('; ');

/** The policy as the `Content-Security-Policy` response header. */
export const CONTENT_SECURITY_POLICY = policy(DIRECTIVES);

/** The same policy for the page's `<meta http-equiv="Content-Security-Policy">`. */
export const CONTENT_SECURITY_POLICY_META = policy(
  DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name)),
);
