import { app, type BrowserWindow, dialog, screen } from 'electron';
import {
  afterRendererGone,
  crashedAgainDialog,
  dialogAnswer,
  loadFailedDialog,
  loadFailureShown,
  type ProblemDialog,
} from './rendererRecovery';
import { createMainWindow, loadApp, MAIN_WINDOW_MINIMUM } from './secureWindow';
import {
  centredIn,
  placementToSave,
  restoredBounds,
  type WindowPlacement,
} from './windowPlacement';
import type { WindowStateFile } from './windowStateFile';

// Electron glue only: every decision is a pure function in windowPlacement.ts and rendererRecovery.ts.

/** The main window where it was last closed (if that still fits a display), kept alive by recovery. */
export function openMainWindow(
  state: WindowStateFile,
  log: (message: string) => void,
): BrowserWindow {
  const fallback = centredIn(screen.getPrimaryDisplay().workArea);
  const placement = restoredBounds(
    state.current.placement,
    screen.getAllDisplays(),
    fallback,
    MAIN_WINDOW_MINIMUM,
  );
  if (placement.source === 'moved-on-screen')
    log('The window was moved onto a connected display: its saved place is off-screen now.');
  const window = createMainWindow(placement.bounds);
  window.once('ready-to-show', () => {
    // maximize() also shows a hidden window; full screen is entered once it is visible.
    if (placement.maximized) window.maximize();
    window.show();
    if (placement.fullScreen) window.setFullScreen(true);
  });
  rememberPlacement(window, state, placement);
  recoverFromFailures(window, log);
  return window;
}

function rememberPlacement(
  window: BrowserWindow,
  state: WindowStateFile,
  opened: WindowPlacement,
): void {
  let last: WindowPlacement | null = opened;
  const snapshot = (): WindowPlacement | null => {
    last = placementToSave(last, {
      bounds: window.getBounds(),
      maximized: window.isMaximized(),
      minimized: window.isMinimized(),
      fullScreen: window.isFullScreen(),
    });
    return last;
  };
  const soon = (): void => {
    const placement = snapshot();
    if (placement) state.placeSoon(placement);
  };
  window.on('resize', soon);
  window.on('move', soon);
  window.on('maximize', soon);
  window.on('unmaximize', soon);
  window.on('enter-full-screen', soon);
  window.on('leave-full-screen', soon);
  window.on('close', () => {
    const placement = snapshot();
    if (placement) void state.place(placement);
  });
}

function recoverFromFailures(window: BrowserWindow, log: (message: string) => void): void {
  let crashes: number[] = [];
  let asking = false;
  // A page that goes with its closing window is no crash to recover from.
  let closing = false;
  window.on('close', () => (closing = true));
  const ask = (spec: ProblemDialog): void => {
    if (asking || closing || window.isDestroyed()) return;
    asking = true;
    // A page that never painted left the window hidden (show: false): the message needs it seen.
    window.show();
    void dialog
      .showMessageBox(window, { ...spec, defaultId: 0, cancelId: 0, noLink: true })
      .then(({ response }) => {
        asking = false;
        if (dialogAnswer(response) === 'quit') app.quit();
        else if (!window.isDestroyed()) loadApp(window);
      });
  };
  window.webContents.on('render-process-gone', (_event, details) => {
    if (closing || window.isDestroyed()) return;
    const decision = afterRendererGone(crashes, Date.now());
    crashes = decision.crashes;
    log(`The window's page stopped (${details.reason}, exit code ${details.exitCode}).`);
    if (decision.action === 'reload') loadApp(window);
    else ask(crashedAgainDialog(details.reason));
  });
  window.webContents.on(
    'did-fail-load',
    (_event, errorCode, errorDescription, url, isMainFrame) => {
      if (!loadFailureShown(errorCode, isMainFrame)) return;
      log(`The window's page failed to load: ${errorDescription} (${errorCode}) ${url}`);
      ask(loadFailedDialog(errorCode, errorDescription, url));
    },
  );
}
