import { app, BrowserWindow, shell } from 'electron';
import { fileURLToPath } from 'node:url';

// Only these leave the app, and only through the OS: click-to-call and click-to-email (PL-4).
const EXTERNAL_SCHEMES = ['tel:', 'mailto:'];

/** The renderer's own page: the bundled file, or the dev server while developing. */
function isAppPage(url: string): boolean {
  const dev = process.env['ELECTRON_RENDERER_URL'];
  return url.startsWith('file://') || (dev !== undefined && url.startsWith(new URL(dev).origin));
}

/** Navigation and new windows are blocked for every web contents the app ever creates. */
export function lockDownNavigation(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      if (EXTERNAL_SCHEMES.some((s) => url.startsWith(s))) void shell.openExternal(url);
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (EXTERNAL_SCHEMES.some((s) => url.startsWith(s))) void shell.openExternal(url);
      return { action: 'deny' };
    });
    // Notifications carry the reminders (BT-8), for the app's own page only; nothing else a page
    // can ask for is granted, nor reported as granted.
    contents.session.setPermissionRequestHandler((_wc, permission, callback, details) =>
      callback(permission === 'notifications' && isAppPage(details.requestingUrl)),
    );
    contents.session.setPermissionCheckHandler(
      (_wc, permission, requestingOrigin) =>
        permission === 'notifications' && isAppPage(requestingOrigin),
    );
  });
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Contact Window',
    autoHideMenuBar: true,
    webPreferences: {
      preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  if (process.env['ELECTRON_RENDERER_URL'])
    void window.loadURL(process.env['ELECTRON_RENDERER_URL']);
  else void window.loadFile(fileURLToPath(new URL('../renderer/index.html', import.meta.url)));
  return window;
}
