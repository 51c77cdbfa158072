import { describe, expect, it } from 'vitest';
import {
  centredIn,
  placementToSave,
  restoredBounds,
  type Rect,
  type WindowPlacement,
} from '../../../src/main/electron/windowPlacement';

const rect = (x: number, y: number, width: number, height: number): Rect => ({
  x,
  y,
  width,
  height,
});
// A laptop (its work area below a 25 px menu bar) with a second monitor to its right.
const laptop = { workArea: rect(0, 25, 1440, 875) };
const monitor = { workArea: rect(1440, 0, 2560, 1400) };
const fallback = centredIn(laptop.workArea);
const minimum = { width: 900, height: 600 };
const saved = (bounds: unknown, more: Record<string, unknown> = {}): unknown => ({
  bounds,
  ...more,
});

describe('the window opens where it was last closed', () => {
  it('reopens at the saved bounds when they are still on a display', () => {
    expect(restoredBounds(saved(rect(1600, 100, 1300, 900)), [laptop, monitor], fallback)).toEqual({
      bounds: rect(1600, 100, 1300, 900),
      maximized: false,
      fullScreen: false,
      source: 'saved',
    });
  });

  it('reopens maximized or full screen, over the bounds it had before', () => {
    const placement = restoredBounds(
      saved(rect(100, 100, 1000, 700), { maximized: true, fullScreen: false }),
      [laptop],
      fallback,
    );
    expect(placement).toMatchObject({ bounds: rect(100, 100, 1000, 700), maximized: true });
    expect(
      restoredBounds(saved(rect(100, 100, 1000, 700), { fullScreen: true }), [laptop], fallback)
        .fullScreen,
    ).toBe(true);
  });

  it('opens centred on the primary display when the saved one was unplugged', () => {
    // Closed on the monitor, which is gone at the next start.
    const placement = restoredBounds(saved(rect(1600, 100, 1300, 900)), [laptop], fallback);
    expect(placement).toEqual({
      bounds: fallback,
      maximized: false,
      fullScreen: false,
      source: 'default',
    });
    expect(fallback).toEqual(rect(80, 53, 1280, 820));
  });

  it('stays maximized on the primary display when the saved one was unplugged', () => {
    const placement = restoredBounds(
      saved(rect(1600, 100, 1300, 900), { maximized: true }),
      [laptop],
      fallback,
    );
    expect(placement).toMatchObject({ bounds: fallback, maximized: true, source: 'default' });
  });

  it('moves a window hanging off the edge of the screen inside the work area', () => {
    // Dragged mostly off the laptop's right edge (no monitor now), and up under the menu bar.
    const placement = restoredBounds(saved(rect(1200, 0, 1000, 700)), [laptop], fallback, minimum);
    expect(placement).toMatchObject({
      bounds: rect(440, 25, 1000, 700),
      source: 'moved-on-screen',
    });
  });

  it('moves it onto the display it overlaps most', () => {
    // Straddles both, mostly on the monitor: it lands on the monitor.
    const placement = restoredBounds(
      saved(rect(1300, -50, 1200, 800)),
      [laptop, monitor],
      fallback,
    );
    expect(placement.bounds).toEqual(rect(1440, 0, 1200, 800));
  });

  it('shrinks a window larger than the work area to fit it', () => {
    // Saved on a 4K monitor, restored on the laptop it was moved to before closing.
    const placement = restoredBounds(saved(rect(10, 30, 3000, 2000)), [laptop], fallback, minimum);
    expect(placement).toMatchObject({ bounds: rect(0, 25, 1440, 875), source: 'moved-on-screen' });
  });

  it('enlarges a window below the minimum size, so Electron does not push it off-screen', () => {
    const placement = restoredBounds(saved(rect(1000, 500, 200, 100)), [laptop], fallback, minimum);
    expect(placement.bounds).toEqual(rect(540, 300, 900, 600));
  });

  it('rounds fractional bounds (scaled displays) to whole pixels', () => {
    const placement = restoredBounds(saved(rect(10.4, 30.6, 1000.5, 700.2)), [laptop], fallback);
    expect(placement.bounds).toEqual(rect(10, 31, 1001, 700));
  });

  it.each([
    ['no file', undefined],
    ['a file that is not an object', 'hello'],
    ['an array', [1, 2, 3, 4]],
    ['no bounds', { maximized: true }],
    ['bounds of strings', saved({ x: '1', y: '2', width: '800', height: '600' })],
    ['a missing height', saved({ x: 1, y: 2, width: 800 })],
    ['a zero width', saved(rect(0, 30, 0, 600))],
    ['a negative height', saved(rect(0, 30, 800, -600))],
    ['an infinite width (1e999 in JSON)', saved(rect(0, 30, Infinity, 600))],
    ['null', null],
  ])('opens at the default for %s, not maximized', (_case, value) => {
    expect(restoredBounds(value, [laptop, monitor], fallback)).toEqual({
      bounds: fallback,
      maximized: false,
      fullScreen: false,
      source: 'default',
    });
  });

  it('takes only `true` as maximized, not a truthy string', () => {
    const placement = restoredBounds(
      saved(rect(100, 100, 1000, 700), { maximized: 'yes', fullScreen: 1 }),
      [laptop],
      fallback,
    );
    expect(placement).toMatchObject({ maximized: false, fullScreen: false });
  });

  it('opens at the default when no display is reported', () => {
    expect(restoredBounds(saved(rect(100, 100, 1000, 700)), [], fallback).bounds).toEqual(fallback);
  });

  it('centres the default in a small work area, shrunk to it', () => {
    expect(centredIn(rect(0, 0, 1024, 768))).toEqual(rect(0, 0, 1024, 768));
    expect(centredIn(rect(1920, 0, 1920, 1040))).toEqual(rect(2240, 110, 1280, 820));
  });
});

describe('what is remembered of the window', () => {
  const before: WindowPlacement = {
    bounds: rect(100, 100, 1000, 700),
    maximized: false,
    fullScreen: false,
  };
  const now = (
    bounds: Rect,
    state: Partial<{ maximized: boolean; minimized: boolean; fullScreen: boolean }> = {},
  ) => ({
    bounds,
    maximized: false,
    minimized: false,
    fullScreen: false,
    ...state,
  });

  it('keeps the bounds of a window moved or resized', () => {
    expect(placementToSave(before, now(rect(200, 150, 1100, 750)))).toEqual({
      bounds: rect(200, 150, 1100, 750),
      maximized: false,
      fullScreen: false,
    });
  });

  it('keeps the size from before maximizing, so un-maximizing after a restart goes back to it', () => {
    expect(placementToSave(before, now(rect(0, 25, 1440, 875), { maximized: true }))).toEqual({
      ...before,
      maximized: true,
    });
    expect(placementToSave(before, now(rect(0, 0, 1440, 900), { fullScreen: true }))).toEqual({
      ...before,
      fullScreen: true,
    });
  });

  it('changes nothing while minimized (Windows reports it at -32000)', () => {
    const maximized = { ...before, maximized: true };
    expect(
      placementToSave(maximized, now(rect(-32000, -32000, 160, 28), { minimized: true })),
    ).toBe(maximized);
  });
});
