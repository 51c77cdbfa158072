import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  handleLastWindowClosed,
  onLastWindowClosed,
  STILL_RUNNING_NOTICE,
  type LastWindowShell,
} from '../../../src/main/electron/lastWindowClosed';
import { WINDOW_STATE_FILE, WindowStateFile } from '../../../src/main/electron/windowStateFile';

describe('closing the last window', () => {
  it('keeps running on macOS, tray or not (the dock stays)', () => {
    expect(onLastWindowClosed('darwin', true)).toBe('keep-running');
    expect(onLastWindowClosed('darwin', false)).toBe('keep-running');
  });

  it('keeps running in the tray on Windows, and quits there without a tray', () => {
    expect(onLastWindowClosed('win32', true)).toBe('keep-running');
    expect(onLastWindowClosed('win32', false)).toBe('quit');
  });

  it('quits on Linux, where Electron cannot tell whether the tray is shown', () => {
    expect(onLastWindowClosed('linux', true)).toBe('quit');
    expect(onLastWindowClosed('linux', false)).toBe('quit');
    expect(onLastWindowClosed('freebsd', true)).toBe('quit');
  });
});

describe('the "still running in the tray" notice', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  // The real state file in a temporary userData folder; a fake app and notifications.
  function desktop(
    platform: NodeJS.Platform,
    options: { tray?: boolean; canNotify?: boolean } = {},
  ) {
    const dir = mkdtempSync(join(tmpdir(), 'cw-last-window-'));
    dirs.push(dir);
    const path = join(dir, WINDOW_STATE_FILE);
    const seen = {
      notices: [] as { title: string; body: string }[],
      quit: 0,
      saves: [] as Promise<void>[],
    };
    let state = new WindowStateFile(path, () => undefined);
    const shell: LastWindowShell = {
      platform,
      trayShown: () => options.tray ?? true,
      noticeShownBefore: () => state.current.trayNoticeShown === true,
      notify: (notice) => {
        if (options.canNotify === false) return false;
        seen.notices.push(notice);
        return true;
      },
      rememberNoticeShown: () => void seen.saves.push(state.rememberTrayNotice()),
      quit: () => void seen.quit++,
    };
    const restart = async (): Promise<void> => {
      await Promise.all(seen.saves);
      state = new WindowStateFile(path, () => undefined);
    };
    return { shell, seen, restart };
  }

  it('says once on Windows where the app went, also after a restart', async () => {
    const win = desktop('win32');
    expect(handleLastWindowClosed(win.shell)).toBe('keep-running');
    expect(win.seen.notices).toEqual([STILL_RUNNING_NOTICE]);
    expect(STILL_RUNNING_NOTICE.body).toContain('quit it from the tray menu');
    handleLastWindowClosed(win.shell);
    await win.restart();
    handleLastWindowClosed(win.shell);
    expect(win.seen.notices).toHaveLength(1);
    expect(win.seen.quit).toBe(0);
  });

  it('says it at the next close when the OS could not show it', async () => {
    const win = desktop('win32', { canNotify: false });
    handleLastWindowClosed(win.shell);
    await win.restart();
    expect(win.shell.noticeShownBefore()).toBe(false);
  });

  it('quits on Windows before the tray exists, without a notice', () => {
    const win = desktop('win32', { tray: false });
    expect(handleLastWindowClosed(win.shell)).toBe('quit');
    expect(win.seen).toMatchObject({ quit: 1, notices: [] });
  });

  it('shows no notice on macOS (the app stays in the dock, as Mac apps do) and quits on Linux', () => {
    const mac = desktop('darwin');
    expect(handleLastWindowClosed(mac.shell)).toBe('keep-running');
    expect(mac.seen).toMatchObject({ quit: 0, notices: [] });
    const linux = desktop('linux');
    expect(handleLastWindowClosed(linux.shell)).toBe('quit');
    expect(linux.seen).toMatchObject({ quit: 1, notices: [] });
  });
});
