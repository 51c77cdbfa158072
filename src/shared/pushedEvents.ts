import type { Bridge, EventName, PushedEvents } from './contract';

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

/**
 * `Bridge['on']` over a channel. The pushes named in `kept` can come before the app's script
 * listens, and wait for its first listener of their name:
 * - the page a window was opened for by the tray or a notification (macOS keeps running with
 *   none), sent as soon as the window has loaded: the latest one waits;
 * - alerts delivered while the window was loading (those that fell due while the app was closed
 *   are delivered at start; in the browser, any raised after the page opened its event stream
 *   and before the app listened for them): each waits, so the window shows their toasts.
 */
export function pushedEvents(channel: EventChannel, kept: readonly EventName[]): Bridge['on'] {
  let waitingPage: PushedEvents['open-page'] | null = null;
  const waiting = new Map<string, unknown[]>();
  const unclaimed = new Set<string>(kept);
  const keep: EventHandler = (name, payload) => {
    if (!unclaimed.has(name)) return;
    if (name === 'open-page') {
      waitingPage = payload as PushedEvents['open-page'];
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
    if (event !== 'open-page') {
      const list = waiting.get(event) ?? [];
      waiting.delete(event);
      return list;
    }
    const page = waitingPage;
    waitingPage = null;
    return page ? [page] : [];
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
