import type { Bridge, EventName } from './contract';

export type EventHandler = (name: string, payload: unknown) => void;

/**
 * The events pushed to the page, as a transport brings them, before `on` hands them out: the
 * desktop shell's IPC channel (adapted in the preload) or the web host's event stream (in the
 * renderer's client).
 */
interface EventChannel {
  on(handler: EventHandler): void;
  off(handler: EventHandler): void;
}

/** More alert pushes than this before the app listens are more than its toasts could show. */
const ALERTS_KEPT = 20;

/** Pushes of which only the latest still means anything to a listener that comes late. */
const LATEST_ONLY: readonly string[] = ['open-page', 'database-update'];

/**
 * `Bridge['on']` over a channel. The pushes named in `kept` can come before the app's script
 * listens, and wait for its first listener of their name:
 * - the page a window was opened for by the tray or a notification (macOS keeps running with
 *   none), sent as soon as the window has loaded: the latest one waits;
 * - alerts delivered while the window was loading (those that fell due while the app was closed
 *   are delivered at start; in the browser, any raised after the page opened its event stream
 *   and before the app listened for them): each waits, so the window shows their toasts;
 * - the progress of an update of the database, which starts as the window loads: the latest
 *   waits, so the window says at once where the update is.
 */
export function pushedEvents(channel: EventChannel, kept: readonly EventName[]): Bridge['on'] {
  const waiting = new Map<string, unknown[]>();
  const unclaimed = new Set<string>(kept);
  const keep: EventHandler = (name, payload) => {
    if (!unclaimed.has(name)) return;
    if (LATEST_ONLY.includes(name)) {
      waiting.set(name, [payload]);
      return;
    }
    const list = waiting.get(name) ?? [];
    waiting.set(name, list);
    if (list.push(payload) > ALERTS_KEPT) list.shift();
  };
  channel.on(keep);
  /** What waited for the first listener of `event`; later listeners get nothing stale again. */
  const claim = (event: string): unknown[] => {
    if (!unclaimed.delete(event)) return [];
    if (unclaimed.size === 0) channel.off(keep);
    const list = waiting.get(event) ?? [];
    waiting.delete(event);
    return list;
  };
  return (event, listener) => {
    const handler: EventHandler = (name, payload) => {
      if (name === event) (listener as (p: unknown) => void)(payload);
    };
    channel.on(handler);
    for (const payload of claim(event)) (listener as (p: unknown) => void)(payload);
    return () => channel.off(handler);
  };
}
