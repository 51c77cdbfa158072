import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  parseWindowState,
  WINDOW_STATE_FILE,
  WindowStateFile,
} from '../../../src/main/electron/windowStateFile';

const placement = {
  bounds: { x: 100, y: 80, width: 1200, height: 800 },
  maximized: true,
  fullScreen: false,
};

describe('the window state file in userData', () => {
  let dir: string;
  let path: string;
  const logged: string[] = [];
  const log = (message: string): void => void logged.push(message);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cw-window-state-'));
    path = join(dir, WINDOW_STATE_FILE);
    logged.length = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads back the placement and the tray notice after a restart', async () => {
    const first = new WindowStateFile(path, log);
    await first.place(placement);
    await first.rememberTrayNotice();
    const next = new WindowStateFile(path, log);
    expect(next.current).toEqual({ placement, trayNoticeShown: true });
    expect(logged).toEqual([]);
    // Written whole, with no temporary file left beside it.
    expect(readdirSync(dir)).toEqual([WINDOW_STATE_FILE]);
  });

  it('starts empty, without a word, when there is no file yet', () => {
    expect(new WindowStateFile(path, log).current).toEqual({});
    expect(logged).toEqual([]);
  });

  it('starts empty from a damaged file, and replaces it at the next save', async () => {
    writeFileSync(path, '{"placement": {"bounds": {"x": 1');
    const file = new WindowStateFile(path, log);
    expect(file.current).toEqual({});
    await file.place(placement);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ placement });
  });

  it('logs, and starts empty, when the file cannot be read', () => {
    // A folder where the file should be: EISDIR.
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    expect(new WindowStateFile(folder, log).current).toEqual({});
    expect(logged).toEqual([expect.stringContaining('defaults used')]);
  });

  it('logs a save that fails instead of throwing', async () => {
    const file = new WindowStateFile(join(dir, 'missing-folder', WINDOW_STATE_FILE), log);
    await expect(file.place(placement)).resolves.toBeUndefined();
    expect(logged).toEqual([expect.stringContaining('could not be saved')]);
  });

  it('writes moves and resizes once they settle, the last one', async () => {
    vi.useFakeTimers();
    const file = new WindowStateFile(path, log);
    for (let x = 0; x < 20; x++)
      file.placeSoon({ ...placement, bounds: { ...placement.bounds, x } });
    expect(readdirSync(dir)).toEqual([]);
    await vi.advanceTimersByTimeAsync(600);
    vi.useRealTimers();
    await file.flush();
    expect(JSON.parse(readFileSync(path, 'utf8')).placement.bounds.x).toBe(19);
  });

  it('keeps the tray notice when the placement is saved, and the other way round', async () => {
    const file = new WindowStateFile(path, log);
    await file.rememberTrayNotice();
    await file.place(placement);
    expect(new WindowStateFile(path, log).current.trayNoticeShown).toBe(true);
  });
});

describe('reading the state file', () => {
  it.each([
    ['nothing', null],
    ['not JSON', 'not json at all'],
    ['a number', '42'],
    ['null', 'null'],
    ['an array', '[1,2]'],
  ])('reads %s as empty', (_case, text) => {
    expect(parseWindowState(text)).toEqual({});
  });

  it('takes only `true` as the tray notice shown', () => {
    expect(parseWindowState('{"trayNoticeShown": "yes"}')).toEqual({});
    expect(parseWindowState('{"trayNoticeShown": true}')).toEqual({ trayNoticeShown: true });
  });

  it('passes the placement on unchecked, for restoredBounds to judge', () => {
    expect(parseWindowState('{"placement": "garbage"}')).toEqual({ placement: 'garbage' });
  });
});
