/**
 * Where the main window opens: the bounds and state it had when last closed, as long as they still
 * fit a connected display. Pure, so every case (a monitor unplugged, a damaged file) is tested
 * without Electron; `mainWindow.ts` hands in `screen`'s displays.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface WindowPlacement {
  bounds: Rect;
  maximized: boolean;
  fullScreen: boolean;
}

/** How the placement was reached, for the log: a window that moved is worth a line. */
export type PlacementSource = 'saved' | 'moved-on-screen' | 'default';

const DEFAULT_WINDOW_SIZE: Size = { width: 1280, height: 820 };

/** A window of `size` centred in the work area (of the primary display), shrunk to fit it. */
export function centredIn(workArea: Rect, size: Size = DEFAULT_WINDOW_SIZE): Rect {
  const width = Math.min(size.width, workArea.width);
  const height = Math.min(size.height, workArea.height);
  return {
    x: Math.round(workArea.x + (workArea.width - width) / 2),
    y: Math.round(workArea.y + (workArea.height - height) / 2),
    width: Math.round(width),
    height: Math.round(height),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const finite = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** The saved bounds, or null when the file's `bounds` is missing or not four finite numbers. */
function savedRect(value: unknown): Rect | null {
  if (!isRecord(value)) return null;
  const { x, y, width, height } = value;
  if (!finite(x) || !finite(y) || !finite(width) || !finite(height)) return null;
  if (width <= 0 || height <= 0) return null;
  return { x, y, width, height };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** `rect` shrunk to the work area and moved wholly inside it. */
function fitInside(rect: Rect, area: Rect, minimum: Size): Rect {
  // Electron would enlarge a window below its minimum size, possibly off the screen again.
  const width = Math.min(Math.max(rect.width, minimum.width), area.width);
  const height = Math.min(Math.max(rect.height, minimum.height), area.height);
  const x = Math.min(Math.max(rect.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(rect.y, area.y), area.y + area.height - height);
  return {
    x: Math.round(x),
    y: Math.round(y),
    width: Math.round(width),
    height: Math.round(height),
  };
}

/**
 * The placement for the next window from what the state file held (`saved`, anything at all: it
 * may be damaged), on the displays connected now. Saved bounds on no display (a monitor unplugged
 * since) give `fallback`; bounds partly off-screen are moved inside the display they overlap most,
 * and shrunk to its work area. A damaged or missing file gives `fallback`, not maximized.
 */
export function restoredBounds(
  saved: unknown,
  displays: readonly { workArea: Rect }[],
  fallback: Rect,
  minimum: Size = { width: 0, height: 0 },
): WindowPlacement & { source: PlacementSource } {
  const byDefault = {
    bounds: fallback,
    maximized: false,
    fullScreen: false,
    source: 'default' as const,
  };
  if (!isRecord(saved)) return byDefault;
  const rect = savedRect(saved.bounds);
  if (!rect) return byDefault;
  const maximized = saved.maximized === true;
  const fullScreen = saved.fullScreen === true;
  let best: { area: Rect; shared: number } | null = null;
  for (const { workArea } of displays) {
    const shared = overlap(rect, workArea);
    if (shared > 0 && (!best || shared > best.shared)) best = { area: workArea, shared };
  }
  // Maximized or full screen still makes sense on the primary display the fallback is on.
  if (!best) return { bounds: fallback, maximized, fullScreen, source: 'default' };
  const bounds = fitInside(rect, best.area, minimum);
  const moved =
    bounds.x !== rect.x ||
    bounds.y !== rect.y ||
    bounds.width !== rect.width ||
    bounds.height !== rect.height;
  return { bounds, maximized, fullScreen, source: moved ? 'moved-on-screen' : 'saved' };
}

/** What the window looks like at a moment, as `BrowserWindow` reports it. */
export interface WindowSnapshot {
  /** `getBounds()`: while maximized, the maximized frame. */
  bounds: Rect;
  maximized: boolean;
  minimized: boolean;
  fullScreen: boolean;
}

/**
 * What to remember of the window now. Only a normal window's bounds are kept, so un-maximizing
 * after the next start goes back to the size the user gave it; a minimized window changes nothing
 * (Windows reports it at -32000, and whether it was maximized underneath is not reliable).
 */
export function placementToSave(
  previous: WindowPlacement | null,
  now: WindowSnapshot,
): WindowPlacement | null {
  if (now.minimized) return previous;
  if (now.maximized || now.fullScreen) {
    if (!previous)
      return { bounds: now.bounds, maximized: now.maximized, fullScreen: now.fullScreen };
    return { bounds: previous.bounds, maximized: now.maximized, fullScreen: now.fullScreen };
  }
  return { bounds: now.bounds, maximized: false, fullScreen: false };
}
