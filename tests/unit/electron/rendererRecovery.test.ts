import { describe, expect, it } from 'vitest';
import {
  afterRendererGone,
  crashedAgainDialog,
  dialogAnswer,
  loadFailedDialog,
  loadFailureShown,
} from '../../../src/main/electron/rendererRecovery';

const minute = 60_000;
const start = Date.UTC(2026, 11, 3, 9, 0);

describe("when the window's page crashes", () => {
  it('reloads the page after a first crash', () => {
    expect(afterRendererGone([], start)).toEqual({ action: 'reload', crashes: [start] });
  });

  it('asks (Reload or Quit) when it crashes again within a minute', () => {
    const first = afterRendererGone([], start);
    const second = afterRendererGone(first.crashes, start + 20_000);
    expect(second.action).toBe('ask');
    // Asked again, not reloaded, while the crashes keep coming.
    expect(afterRendererGone(second.crashes, start + 40_000).action).toBe('ask');
  });

  it('reloads again when the last crash is more than a minute ago', () => {
    const first = afterRendererGone([], start);
    const later = afterRendererGone(first.crashes, start + minute);
    expect(later).toEqual({ action: 'reload', crashes: [start + minute] });
  });

  it('forgets crashes older than a minute, so the list stays short', () => {
    const old = Array.from({ length: 50 }, (_, i) => start - 10 * minute + i);
    expect(afterRendererGone(old, start).crashes).toEqual([start]);
  });

  it('does not count a crash time ahead of the clock (the clock was set back)', () => {
    expect(afterRendererGone([start + 5 * minute], start).action).toBe('reload');
  });
});

describe('when the page fails to load', () => {
  it('tells the user when the page itself failed', () => {
    expect(loadFailureShown(-6, true)).toBe(true); // ERR_FILE_NOT_FOUND
    expect(loadFailureShown(-102, true)).toBe(true); // ERR_CONNECTION_REFUSED (dev server down)
  });

  it('says nothing for a part of the page, or a load replaced by another', () => {
    expect(loadFailureShown(-6, false)).toBe(false);
    expect(loadFailureShown(-3, true)).toBe(false);
  });

  it('names the error and the page, with Retry first and Quit second', () => {
    const dialog = loadFailedDialog(-6, 'ERR_FILE_NOT_FOUND', 'app://contact-window/index.html');
    expect(dialog.message).toBe('Contact Window could not load its window.');
    expect(dialog.detail).toContain(
      'ERR_FILE_NOT_FOUND (-6) loading app://contact-window/index.html',
    );
    expect(dialog.buttons).toEqual(['Retry', 'Quit']);
    expect(loadFailedDialog(-2, '', 'x').detail).toContain('Unknown error (-2)');
  });

  it('says the crash twice, its reason, that the data is safe, with Reload first', () => {
    const dialog = crashedAgainDialog('oom');
    expect(dialog.message).toContain('twice within a minute');
    expect(dialog.detail).toContain('(oom)');
    expect(dialog.detail).toContain('Your data is safe');
    expect(dialog.buttons).toEqual(['Reload', 'Quit']);
  });

  it('quits only on the second button; the first, Escape or a closed dialog try again', () => {
    expect(dialogAnswer(1)).toBe('quit');
    expect(dialogAnswer(0)).toBe('again');
  });
});
