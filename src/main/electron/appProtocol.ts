import { isAbsolute, join, normalize, relative, sep } from 'node:path';

/** The renderer is served from its own origin, not file:// (where every local file is same-origin). */
export const APP_SCHEME = 'app';
const APP_HOST = 'contact-window';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** The file under `root` that an app:// URL names, or null for anything outside it. */
export function appFileFor(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  const inside = relative(root, file);
  if (
    inside === '' ||
    inside.startsWith('..') ||
    isAbsolute(inside) ||
    inside.split(sep).includes('..')
  )
    return null;
  return file;
}

// Node's URL gives a custom scheme the origin "null"; Chromium, for a standard scheme, scheme://host.
const originOf = (url: string): string | null => {
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : null;
  } catch {
    return null;
  }
};

/** The app's own page: its origin, or the dev server's while developing. */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  const origin = originOf(url);
  if (origin === null) return false;
  return origin === APP_ORIGIN || (devServerUrl !== undefined && origin === originOf(devServerUrl));
}

/** A call to the core is answered only for the app's own page, in its top frame. */
export function isTrustedSender(
  sender: { url: string; isMainFrame: boolean },
  devServerUrl: string | undefined,
): boolean {
  return sender.isMainFrame && isAppUrl(sender.url, devServerUrl);
}
