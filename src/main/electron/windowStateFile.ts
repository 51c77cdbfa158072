import { readFileSync } from 'node:fs';
import type { WindowPlacement } from './windowPlacement';
import { writeAtomically } from '../files/atomicWrite';

/**
 * `window-state.json` in the userData folder: the main window's last placement and whether the
 * "still running in the tray" notice was shown. Nothing in it matters enough to stop the app: a
 * missing or damaged file reads as empty, and a failed write is logged.
 */
export interface WindowState {
  /** Unchecked: `restoredBounds` validates it against the displays of the day. */
  placement?: unknown;
  trayNoticeShown?: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';

/** The file's text as state; anything that is not a JSON object reads as empty. */
export function parseWindowState(text: string | null): WindowState {
  if (text === null) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const record = value as Record<string, unknown>;
  return {
    ...('placement' in record ? { placement: record.placement } : {}),
    ...(record.trayNoticeShown === true ? { trayNoticeShown: true } : {}),
  };
}

/** Moving or resizing fires many events a second; the file is written once they stop. */
const SAVE_DELAY_MS = 500;

export class WindowStateFile {
  private state: WindowState;
  private timer: ReturnType<typeof setTimeout> | null = null;
  // One write at a time, in order: a later state must never be overwritten by an earlier one.
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly log: (message: string) => void,
  ) {
    let text: string | null = null;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        log(
          `The window's saved state could not be read (${(error as Error).message}): defaults used.`,
        );
    }
    this.state = parseWindowState(text);
  }

  get current(): Readonly<WindowState> {
    return this.state;
  }

  /** Remembers `placement`, written to the file shortly (after moves and resizes settle). */
  placeSoon(placement: WindowPlacement): void {
    this.state = { ...this.state, placement };
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** Remembers `placement` and writes it now (the window is closing). */
  place(placement: WindowPlacement): Promise<void> {
    this.state = { ...this.state, placement };
    return this.flush();
  }

  rememberTrayNotice(): Promise<void> {
    this.state = { ...this.state, trayNoticeShown: true };
    return this.flush();
  }

  /** Writes the state as it is now; resolves once it is on disk (or the failure is logged). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const text = `${JSON.stringify(this.state, null, 2)}\n`;
    this.writing = this.writing.then(() =>
      writeAtomically(this.path, text).catch((error: unknown) =>
        this.log(`The window's state could not be saved: ${(error as Error).message}`),
      ),
    );
    return this.writing;
  }
}
