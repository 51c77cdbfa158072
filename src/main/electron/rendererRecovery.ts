/**
 * What to do when the window's page crashes or fails to load, so the user never faces a blank or
 * never-shown window. Pure: `mainWindow.ts` shows the dialogs these describe.
 */

/** Within this time of the last crash, a crash is not reloaded again but asked about. */
const CRASH_WINDOW_MS = 60_000;

export interface CrashDecision {
  action: 'reload' | 'ask';
  /** The crash times to keep for the next decision (this one included). */
  crashes: number[];
}

/**
 * A page that crashed is reloaded once; crashing again within a minute, it would most likely
 * crash on every reload, so the user is asked (Reload or Quit) instead of watching a loop.
 */
export function afterRendererGone(previous: readonly number[], now: number): CrashDecision {
  const recent = previous.filter((at) => now - at < CRASH_WINDOW_MS && at <= now);
  return { action: recent.length > 0 ? 'ask' : 'reload', crashes: [...recent, now] };
}

// Chromium's net::ERR_ABORTED: a load replaced by another one, or one the app itself stopped.
const ERR_ABORTED = -3;

/** Whether a failed load leaves the user without the app: the page itself, not a part of it. */
export function loadFailureShown(errorCode: number, isMainFrame: boolean): boolean {
  return isMainFrame && errorCode !== ERR_ABORTED;
}

export interface ProblemDialog {
  type: 'error';
  title: string;
  message: string;
  detail: string;
  /** The first button is the default and what Escape or closing the dialog answers. */
  buttons: [string, 'Quit'];
}

export function crashedAgainDialog(reason: string): ProblemDialog {
  return {
    type: 'error',
    title: 'Contact Window',
    message: "Contact Window's window stopped working twice within a minute.",
    detail:
      `The page stopped (${reason}) and stopped again after reloading. Your data is safe: ` +
      'it is kept apart from the window. Reload to try again, or quit and start Contact Window again.',
    buttons: ['Reload', 'Quit'],
  };
}

export function loadFailedDialog(
  errorCode: number,
  errorDescription: string,
  url: string,
): ProblemDialog {
  return {
    type: 'error',
    title: 'Contact Window',
    message: 'Contact Window could not load its window.',
    detail:
      `${errorDescription || 'Unknown error'} (${errorCode}) loading ${url}. ` +
      'Retry, or quit and start Contact Window again; if it keeps happening, reinstall it.',
    buttons: ['Retry', 'Quit'],
  };
}

/** The dialog's answer: its first button (also Escape) tries again, the second quits. */
export function dialogAnswer(response: number): 'again' | 'quit' {
  return response === 1 ? 'quit' : 'again';
}
