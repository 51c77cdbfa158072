/** A window as the single-instance rule handles it (Electron's BrowserWindow has these). */
interface InstanceWindow {
  isMinimized(): boolean;
  restore(): void;
  isVisible(): boolean;
  show(): void;
  focus(): void;
}

/** What the single-instance rule needs of Electron's `app`; index.ts gives the real one. */
export interface InstanceShell {
  /** `app.requestSingleInstanceLock()`: false when another copy of the app holds it. */
  requestLock(): boolean;
  quit(): void;
  /** Another start of the app was refused and handed over to this one ('second-instance'). */
  onSecondInstance(listener: () => void): void;
  whenReady(): Promise<void>;
  firstWindow(): InstanceWindow | null;
  createWindow(): void;
  /** Quit has begun (it waits for the core to close its files before the app ends). */
  isQuitting(): boolean;
  log(message: string): void;
}

/**
 * One copy of the app per user: a second start would sync the same files a second time. False
 * when another copy runs: this one quits before making any window. Otherwise a later start
 * brings this copy's window to the front instead.
 */
export function holdSingleInstance(shell: InstanceShell): boolean {
  if (!shell.requestLock()) {
    shell.quit();
    return false;
  }
  // A second start can come before this one is ready: focus (or open) the window once it is.
  shell.onSecondInstance(() => void shell.whenReady().then(() => bringToFront(shell)));
  return true;
}

function bringToFront(shell: InstanceShell): void {
  // A window opened or brought back now would vanish with the app a moment later.
  if (shell.isQuitting())
    return shell.log('Another start of Contact Window came while it was quitting: ignored.');
  const window = shell.firstWindow();
  if (!window) return shell.createWindow();
  if (window.isMinimized()) window.restore();
  // A window whose page never painted is still hidden (shown on 'ready-to-show'): focus alone
  // would leave the user with nothing on screen.
  if (!window.isVisible()) window.show();
  window.focus();
}
