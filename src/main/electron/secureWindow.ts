import { app, BrowserWindow, net, protocol, shell, type Rectangle } from 'electron';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { APP_ENTRY, APP_SCHEME, appFileFor, isAppUrl } from './appProtocol';
import { devRendererUrl } from './developmentOverrides';
import { externalTarget } from './externalLinks';

/** The renderer's dev server while developing; a packaged app loads only its own files. */
export const devServer = (): string | undefined => devRendererUrl(process.env, app.isPackaged);

/** Before ready: the app's scheme behaves like https (its own origin, fetch, secure context). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** After ready: app:// serves the built renderer's files and nothing outside them. */
export function serveAppScheme(): void {
  const root = fileURLToPath(new URL('../renderer/', import.meta.url));
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFileFor(root, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      return await net.fetch(pathToFileURL(file).toString());
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

function openOutside(url: string): void {
  const target = externalTarget(url);
  if (target) void shell.openExternal(target);
}

/** Navigation and new windows are blocked for every web contents the app ever creates. */
export function lockDownNavigation(): void {
  app.on('web-contents-created', (_event, contents) => {
    // will-frame-navigate covers subframes too; will-navigate is kept for the top frame's sake.
    contents.on('will-frame-navigate', (event) => {
      event.preventDefault();
      openOutside(event.url);
    });
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => {
      if (!isAppUrl(event.url, devServer())) event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      openOutside(url);
      return { action: 'deny' };
    });
    // Notifications carry the reminders (BT-8), for the app's own page only; nothing else a page
    // can ask for is granted, nor reported as granted.
    contents.session.setPermissionRequestHandler((_wc, permission, callback, details) =>
      callback(permission === 'notifications' && isAppUrl(details.requestingUrl, devServer())),
    );
    contents.session.setPermissionCheckHandler(
      (_wc, permission, requestingOrigin) =>
        permission === 'notifications' && isAppUrl(requestingOrigin, devServer()),
    );
  });
}

export const MAIN_WINDOW_MINIMUM = { width: 900, height: 600 };

/**
 * The main window at `bounds`, hidden until its page has painted. `mainWindow.ts` adds the
 * remembered placement and what happens when the page crashes or fails to load.
 */
export function createMainWindow(bounds: Rectangle): BrowserWindow {
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MAIN_WINDOW_MINIMUM.width,
    minHeight: MAIN_WINDOW_MINIMUM.height,
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
  // After a crash the page loads again (mainWindow.ts): messages wait for it once more.
  window.webContents.on('did-finish-load', () => loaded.add(window.webContents));
  window.webContents.on('render-process-gone', () => loaded.delete(window.webContents));
  loadApp(window);
  return window;
}

/** Loads (again) the app's page; a failure is reported by 'did-fail-load', which mainWindow.ts handles. */
export function loadApp(window: BrowserWindow): void {
  window.loadURL(devServer() ?? APP_ENTRY).catch(() => undefined);
}

const loaded = new WeakSet<Electron.WebContents>();

/**
 * Runs `send` once the window's page has loaded: a message sent to a page still loading is
 * lost. The preload keeps an 'open-page' until the app's script listens (shared/pushedEvents.ts).
 */
export function whenLoaded(window: BrowserWindow, send: () => void): void {
  if (loaded.has(window.webContents)) send();
  else window.webContents.once('did-finish-load', send);
}
