import { app, BrowserWindow, ipcMain } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/ipcChannels';
import createCoreWorker from './core/coreWorker?nodeWorker';
import type { CoreWorkerData } from './core/coreWorkerProtocol';
import { CoreClient } from './electron/coreClient';
import { SecretVault } from './electron/secretVault';
import { createMainWindow, lockDownNavigation } from './electron/secureWindow';

// Electron entry: window and IPC wiring only; everything else runs in the core worker.
function databasePath(): string {
  const flag = process.argv.find((a) => a.startsWith('--db='));
  return flag ? flag.slice('--db='.length) : join(app.getPath('userData'), 'contact-window.db');
}

lockDownNavigation();

void app.whenReady().then(async () => {
  // In development the Electron build of better-sqlite3 sits beside the Node one (scripts/native-deps.mjs);
  // a packaged app carries its own, rebuilt by electron-builder.
  const devBinding = join(app.getAppPath(), 'node_modules/.cw-electron/better_sqlite3.node');
  const data: CoreWorkerData = {
    dbPath: databasePath(),
    ...(!app.isPackaged && existsSync(devBinding) ? { nativeBinding: devBinding } : {}),
  };
  // The CRM sign-in is encrypted here with the OS keychain (safeStorage works in main only).
  const vault = new SecretVault(join(app.getPath('userData'), 'crm-sign-in.bin'));
  const core = new CoreClient(
    createCoreWorker({ workerData: data }),
    (name, payload) => {
      for (const window of BrowserWindow.getAllWindows())
        window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
    },
    (op, value) => vault.handle(op, value),
  );
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    // Only our own page may call the core; the worker validates the input itself.
    const url = event.senderFrame?.url ?? '';
    if (
      !url.startsWith('file://') &&
      !url.startsWith(process.env['ELECTRON_RENDERER_URL'] ?? '\0')
    ) {
      return { ok: false, error: 'Refused: call from an unknown page.' };
    }
    if (typeof method !== 'string')
      return { ok: false, error: 'Refused: method must be a string.' };
    return core.call(method, input);
  });
  // The window opens at once and shows "Loading…"; its first calls wait in the worker's queue
  // while the core opens the database (and writes the demo organisation on a first start).
  createMainWindow();
  try {
    await core.ready;
  } catch (error) {
    const { dialog } = await import('electron');
    dialog.showErrorBox('Contact Window cannot open its database', (error as Error).message);
    app.quit();
    return;
  }
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
  app.on('before-quit', () => core.close());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
