import { app, BrowserWindow, Menu, nativeImage, Notification, Tray } from 'electron';
import { join } from 'node:path';
import type { DesktopShell, TrayHandle, TrayIconKind } from './alertTray';

// The tray images ship inside app.asar (electron-builder.ts `files`), which nativeImage reads;
// in development the app path is the project.
function resource(...parts: string[]): string {
  return join(app.getAppPath(), 'resources', ...parts);
}

// macOS draws a monochrome "Template" image in the menu bar's own colours.
const TRAY_IMAGES: Record<'darwin' | 'other', Record<TrayIconKind, string>> = {
  darwin: {
    idle: 'trayTemplate.png',
    unread: 'trayUnreadTemplate.png',
    paused: 'trayPausedTemplate.png',
  },
  other: { idle: 'tray.png', unread: 'tray-unread.png', paused: 'tray-paused.png' },
};

function trayImage(kind: TrayIconKind): Electron.NativeImage {
  const names = TRAY_IMAGES[process.platform === 'darwin' ? 'darwin' : 'other'];
  return nativeImage.createFromPath(resource('tray', names[kind]));
}

/**
 * The real shell behind `AlertTray`: thin enough that only its wiring is untested.
 * `openWindow` makes the main window, or answers null when none may open (quitting).
 */
export function electronDesktopShell(openWindow: () => BrowserWindow | null): DesktopShell {
  const mainWindow = (): BrowserWindow | undefined => BrowserWindow.getAllWindows()[0];
  const showWindow = (): boolean => {
    const window = mainWindow();
    // A new window shows itself once it has painted (openMainWindow's ready-to-show).
    if (!window) return openWindow() !== null;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    return true;
  };
  return {
    platform: process.platform,
    createTray(kind): TrayHandle {
      const tray = new Tray(trayImage(kind));
      tray.on('click', () => {
        // Windows and Linux open the app on a click; macOS shows the menu.
        if (process.platform !== 'darwin') showWindow();
      });
      return {
        setIcon: (k) => tray.setImage(trayImage(k)),
        setToolTip: (text) => tray.setToolTip(text),
        setTitle: (text) => {
          if (process.platform === 'darwin') tray.setTitle(text);
        },
        setMenu: (items) =>
          tray.setContextMenu(
            Menu.buildFromTemplate(
              items.map((item) =>
                'type' in item
                  ? { type: 'separator' as const }
                  : { label: item.label, enabled: item.enabled ?? true, click: item.click },
              ),
            ),
          ),
        destroy: () => tray.destroy(),
      };
    },
    setBadgeCount: (count) => void app.setBadgeCount(count),
    setOverlay: (kind, description) =>
      mainWindow()?.setOverlayIcon(
        kind ? nativeImage.createFromPath(resource('tray', 'overlay-unread.png')) : null,
        description,
      ),
    notificationsSupported: () => Notification.isSupported(),
    notify(spec, handlers) {
      const notice = new Notification({
        title: spec.title,
        body: spec.body,
        actions: spec.actions.map((text) => ({ type: 'button' as const, text })),
      });
      notice.on('click', handlers.click);
      notice.on('action', (_event, index) => handlers.action(index));
      notice.on('close', handlers.closed);
      notice.show();
      return { close: () => notice.close() };
    },
    showWindow,
    quit: () => app.quit(),
  };
}
