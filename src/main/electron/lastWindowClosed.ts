/**
 * What closing the last window does, as each desktop OS's users expect: the app keeps running
 * where its tray (or dock) stays reachable, so hot-visitor notifications go on arriving.
 */
export type LastWindowAction = 'quit' | 'keep-running';

export function onLastWindowClosed(
  platform: NodeJS.Platform,
  trayAvailable: boolean,
): LastWindowAction {
  // macOS apps live on in the dock and menu bar until Quit.
  if (platform === 'darwin') return 'keep-running';
  // Windows tray apps keep running when their window closes; without a tray nothing would be
  // left to reopen or quit the app from.
  if (platform === 'win32') return trayAvailable ? 'keep-running' : 'quit';
  // Linux: Electron cannot tell whether the desktop shows tray icons at all (GNOME hides them
  // without an extension, and Tray is created all the same), so an app kept running there could
  // be invisible and unquittable. It quits, as before.
  return 'quit';
}

export const STILL_RUNNING_NOTICE = {
  title: 'Contact Window is still running',
  body: 'Contact Window is still running in the tray, so visit alerts keep coming; quit it from the tray menu.',
};

/** What handling the event needs; index.ts gives Electron's app, the tray and the state file. */
export interface LastWindowShell {
  platform: NodeJS.Platform;
  trayShown(): boolean;
  noticeShownBefore(): boolean;
  /** Shows a desktop notification; false where the OS shows none. */
  notify(notice: { title: string; body: string }): boolean;
  rememberNoticeShown(): void;
  quit(): void;
}

/**
 * 'window-all-closed': quits, or keeps running and, on Windows the first time ever, says where
 * the app went. Not called when the app is quitting (Electron does not emit the event then), so
 * the tray's and the menu's Quit still quit.
 */
export function handleLastWindowClosed(shell: LastWindowShell): LastWindowAction {
  const action = onLastWindowClosed(shell.platform, shell.trayShown());
  if (action === 'quit') {
    shell.quit();
    return action;
  }
  // A notice the OS could not show is tried again at the next close.
  if (
    shell.platform === 'win32' &&
    !shell.noticeShownBefore() &&
    shell.notify(STILL_RUNNING_NOTICE)
  )
    shell.rememberNoticeShown();
  return action;
}
