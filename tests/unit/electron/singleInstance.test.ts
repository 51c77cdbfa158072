import { describe, expect, it } from 'vitest';
import { holdSingleInstance, type InstanceShell } from '../../../src/main/electron/singleInstance';

// A fake Electron app: another copy may hold the lock, and a test starts the app a second time.
function fakeApp(options: {
  lockHeldElsewhere?: boolean;
  window?: 'open' | 'minimized' | 'hidden' | null;
}) {
  const seen = { quit: 0, created: 0, restored: 0, shown: 0, focused: 0 };
  const state = { quitting: false, logged: [] as string[] };
  let minimized = options.window === 'minimized';
  let visible = options.window !== 'hidden';
  const listeners: (() => void)[] = [];
  let ready!: () => void;
  const whenReady = new Promise<void>((ok) => (ready = ok));
  const shell: InstanceShell = {
    requestLock: () => !options.lockHeldElsewhere,
    quit: () => void seen.quit++,
    onSecondInstance: (listener) => void listeners.push(listener),
    whenReady: () => whenReady,
    firstWindow: () =>
      options.window === null || options.window === undefined
        ? null
        : {
            isMinimized: () => minimized,
            restore: () => {
              minimized = false;
              seen.restored++;
            },
            isVisible: () => visible,
            show: () => {
              visible = true;
              seen.shown++;
            },
            focus: () => void seen.focused++,
          },
    createWindow: () => void seen.created++,
    isQuitting: () => state.quitting,
    log: (message) => void state.logged.push(message),
  };
  const secondStart = async (): Promise<void> => {
    for (const listener of listeners) listener();
    await new Promise((ok) => setImmediate(ok));
  };
  return { shell, seen, state, secondStart, ready: () => ready(), listeners };
}

describe('one copy of the app per user', () => {
  it('brings the minimized window back and focuses it when the app is started again', async () => {
    const app = fakeApp({ window: 'minimized' });
    expect(holdSingleInstance(app.shell)).toBe(true);
    app.ready();
    await app.secondStart();
    expect(app.seen).toEqual({ quit: 0, created: 0, restored: 1, shown: 0, focused: 1 });
    await app.secondStart();
    // Not minimized any more: focused only.
    expect(app.seen).toEqual({ quit: 0, created: 0, restored: 1, shown: 0, focused: 2 });
  });

  it('shows a window whose page never painted (still hidden) when the app is started again', async () => {
    const app = fakeApp({ window: 'hidden' });
    holdSingleInstance(app.shell);
    app.ready();
    await app.secondStart();
    expect(app.seen).toEqual({ quit: 0, created: 0, restored: 0, shown: 1, focused: 1 });
  });

  it('waits until the first copy is ready before focusing its window', async () => {
    const app = fakeApp({ window: 'open' });
    holdSingleInstance(app.shell);
    await app.secondStart();
    expect(app.seen.focused).toBe(0);
    app.ready();
    await new Promise((ok) => setImmediate(ok));
    expect(app.seen).toEqual({ quit: 0, created: 0, restored: 0, shown: 0, focused: 1 });
  });

  it('opens a window when the first copy has none (macOS, all windows closed)', async () => {
    const app = fakeApp({ window: null });
    holdSingleInstance(app.shell);
    app.ready();
    await app.secondStart();
    expect(app.seen).toEqual({ quit: 0, created: 1, restored: 0, shown: 0, focused: 0 });
  });

  it('opens no window for a start that comes while the app is quitting', async () => {
    // macOS: the window is closed and Quit waits (up to 15 s) for the core to close its files.
    const closed = fakeApp({ window: null });
    holdSingleInstance(closed.shell);
    closed.ready();
    closed.state.quitting = true;
    await closed.secondStart();
    expect(closed.seen).toEqual({ quit: 0, created: 0, restored: 0, shown: 0, focused: 0 });
    expect(closed.state.logged).toEqual([expect.stringContaining('quitting')]);
    // Nor does it bring back a window that is about to go.
    const open = fakeApp({ window: 'minimized' });
    holdSingleInstance(open.shell);
    open.ready();
    open.state.quitting = true;
    await open.secondStart();
    expect(open.seen).toEqual({ quit: 0, created: 0, restored: 0, shown: 0, focused: 0 });
  });

  it('quits without a window when another copy holds the lock', async () => {
    const app = fakeApp({ lockHeldElsewhere: true, window: null });
    expect(holdSingleInstance(app.shell)).toBe(false);
    app.ready();
    await app.secondStart();
    expect(app.seen).toEqual({ quit: 1, created: 0, restored: 0, shown: 0, focused: 0 });
    expect(app.listeners).toEqual([]);
  });
});
