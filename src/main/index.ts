import { app, BrowserWindow, ipcMain, Notification, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ID } from '../shared/appIdentity';
import type { AlertFeed, AlertsEvent } from '../shared/alertsContract';
import type { CrmAccount, PushedEvents } from '../shared/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/ipcChannels';
import createCoreWorker from './core/coreWorker?nodeWorker';
import type { CoreWorkerData } from './core/coreWorkerProtocol';
import { AlertDesktop, AlertTray } from './electron/alertTray';
import { isTrustedSender } from './electron/appProtocol';
import { CoreClient } from './electron/coreClient';
import { devDatabasePath } from './electron/developmentOverrides';
import { electronDesktopShell } from './electron/electronDesktopShell';
import { externalTarget } from './electron/externalLinks';
import { SecretVault } from './electron/secretVault';
import { handleLastWindowClosed } from './electron/lastWindowClosed';
import { openMainWindow } from './electron/mainWindow';
import {
  devServer,
  lockDownNavigation,
  registerAppScheme,
  serveAppScheme,
  whenLoaded,
} from './electron/secureWindow';
import { holdSingleInstance } from './electron/singleInstance';
import { WINDOW_STATE_FILE, WindowStateFile } from './electron/windowStateFile';
import { trayReadAllInput, trayReadInput } from './alerts/trayReadMarks';

// Electron entry: window and IPC wiring only; everything else runs in the core worker.
function databasePath(): string {
  return (
    devDatabasePath(process.argv, app.isPackaged) ??
    join(app.getPath('userData'), 'contact-window.db')
  );
}

// Windows shows a toast only for a process whose AppUserModelID matches a Start-menu shortcut's;
// the installer gives its shortcut this id (electron-builder's appId).
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

// Quitting waits for the core to close its files (up to 15 s): nothing opens a window meanwhile.
let quitting = false;
// Set once the alert tray exists: closing the window on Windows then leaves the app in the tray.
let trayShown = (): boolean => false;

const log = (message: string): void => console.warn(message);

let windowStateFile: WindowStateFile | null = null;
/** The window's remembered placement and notices (read on first use: userData is known by then). */
function windowState(): WindowStateFile {
  windowStateFile ??= new WindowStateFile(join(app.getPath('userData'), WINDOW_STATE_FILE), log);
  return windowStateFile;
}

/** The main window, or null while quitting: a window made then would vanish a moment later. */
function openWindow(): BrowserWindow | null {
  if (quitting) {
    console.warn('No window opened: Contact Window is quitting.');
    return null;
  }
  return openMainWindow(windowState(), log);
}

const firstCopy = holdSingleInstance({
  requestLock: () => app.requestSingleInstanceLock(),
  quit: () => app.quit(),
  onSecondInstance: (listener) => void app.on('second-instance', listener),
  whenReady: () => app.whenReady(),
  firstWindow: () => BrowserWindow.getAllWindows()[0] ?? null,
  createWindow: () => void openWindow(),
  isQuitting: () => quitting,
  log: (message) => console.warn(message),
});
if (firstCopy) {
  app.on('before-quit', () => (quitting = true));
  registerAppScheme();
  lockDownNavigation();
  void app.whenReady().then(start);
  app.on('window-all-closed', () => {
    handleLastWindowClosed({
      platform: process.platform,
      trayShown: () => trayShown(),
      noticeShownBefore: () => windowState().current.trayNoticeShown === true,
      notify: (notice) => {
        if (!Notification.isSupported()) return false;
        new Notification(notice).show();
        return true;
      },
      rememberNoticeShown: () => void windowState().rememberTrayNotice(),
      quit: () => app.quit(),
    });
  });
}

async function start(): Promise<void> {
  serveAppScheme();
  // In development the Electron build of better-sqlite3 sits beside the Node one (scripts/native-deps.mjs);
  // a packaged app carries its own, rebuilt by electron-builder.
  const devBinding = join(app.getAppPath(), 'node_modules/.cw-electron/better_sqlite3.node');
  const data: CoreWorkerData = {
    dbPath: databasePath(),
    ...(!app.isPackaged && existsSync(devBinding) ? { nativeBinding: devBinding } : {}),
  };
  // The CRM sign-in is encrypted here with the OS keychain (safeStorage works in main only).
  const vault = new SecretVault(join(app.getPath('userData'), 'crm-sign-in.bin'));
  const send = (name: string, payload: unknown): void => {
    for (const window of BrowserWindow.getAllWindows())
      if (name === 'alerts' || name === 'database-update')
        // Alerts that fell due while the app was closed are delivered while the window loads,
        // and an update of the database starts then: they wait for the page (and in the preload
        // for the app) to show their toasts, or the update's progress.
        whenLoaded(window, () => window.webContents.send(IPC_EVENT_CHANNEL, name, payload));
      else window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  };
  // Set before any event can arrive (the worker's messages come on a later turn): alerts
  // delivered while the core opens are notified, and the tray waits for the core to read it.
  let alerts: AlertDesktop | null = null;
  const core = new CoreClient(() => createCoreWorker({ workerData: data }), {
    onEvent: (name, payload) => {
      // The window shows the data set on screen: another set's alerts are the tray's alone.
      if (name === 'alerts-elsewhere')
        return alerts?.handleElsewhere(payload as PushedEvents['alerts-elsewhere']);
      send(name, payload);
      if (name === 'alerts') void alerts?.handle(payload as AlertsEvent);
      // Another user signed in, or a sync read alerts elsewhere: the count follows.
      else if (name === 'data-changed') void alerts?.refresh();
    },
    onSecret: (op, value) => vault.handle(op, value),
    log: (message) => console.warn(message),
  });
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    // Only our own page, in its top frame, may call the core; the worker validates the input.
    const frame = event.senderFrame;
    const sender = { url: frame?.url ?? '', isMainFrame: frame === event.sender.mainFrame };
    if (!isTrustedSender(sender, devServer()))
      return { ok: false, error: 'Refused: call from an unknown page.' };
    if (typeof method !== 'string')
      return { ok: false, error: 'Refused: method must be a string.' };
    return core.call(method, input);
  });
  // Quitting waits for the core to close its files, so a sync is never cut mid-page.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void core.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
  alerts = startAlertTray(core);
  // The window opens at once and shows "Loading…" (or the progress of an update of the
  // database's layout); its first calls wait in the worker's queue while the core opens the
  // database (and writes the demo organisation on a first start).
  openWindow();
  try {
    await core.ready;
  } catch (error) {
    // Quitting while the core was still starting stops it: that is no database problem.
    if (quitting) return;
    const { dialog } = await import('electron');
    dialog.showErrorBox('Contact Window cannot open its database', (error as Error).message);
    closed = true;
    app.quit();
    return;
  }
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

/** The tray and native notifications of hot-visitor alerts (VT-7): glue only, see alertTray.ts. */
function startAlertTray(core: CoreClient): AlertDesktop {
  // The core answers each of these with an 'alerts' event, which redraws the tray.
  const call = (method: string, input: unknown): void => {
    void core.call(method, input).then((result) => {
      if (!result.ok) console.warn(`${method}: ${result.error}`);
    });
  };
  // The window may be one the tray has just opened for this page (macOS): it gets it once loaded.
  const open = (page: PushedEvents['open-page']): void => {
    for (const window of BrowserWindow.getAllWindows())
      whenLoaded(window, () => window.webContents.send(IPC_EVENT_CHANNEL, 'open-page', page));
  };
  const tray = new AlertTray(electronDesktopShell(openWindow), {
    openPerson: (id) => open({ page: 'person', id }),
    // The window's route for everyone's visits (visitsOfEveryone in the renderer's routeStore).
    openVisits: (visitId) =>
      open({ page: 'visits', id: 'everyone', ...(visitId ? { focus: visitId } : {}) }),
    openExternal: (url) => {
      const target = externalTarget(url);
      if (target) void shell.openExternal(target);
    },
    markRead: (ids, dataSet) => call('markAlertsRead', trayReadInput(ids, dataSet)),
    markAllRead: (dataSet) => call('markAlertsRead', trayReadAllInput(dataSet)),
    pause: (minutes) => call('pauseAlerts', { minutes }),
    resume: () => call('resumeAlerts', {}),
    shownDataSet: async () => {
      const result = await core.call('getCrmAccount', {});
      return result.ok ? (result.value as CrmAccount).activeDataSet : null;
    },
    showDataSet: async (dataSet) => {
      const result = await core.call('useDataSet', { dataSet });
      if (!result.ok) console.warn(`useDataSet: ${result.error}`);
      return result.ok;
    },
  });
  const desktop = new AlertDesktop(
    tray,
    async () => {
      const result = await core.call('listAlerts', { limit: 5 });
      if (!result.ok) throw new Error(result.error);
      return result.value as AlertFeed;
    },
    (message) => console.warn(message),
  );
  trayShown = () => tray.trayShown;
  app.on('before-quit', () => tray.dispose());
  // Answered once the core is ready (the worker keeps early calls); a core that cannot open
  // answers with an error, and no tray is drawn.
  void desktop.refresh();
  return desktop;
}
