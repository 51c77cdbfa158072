import type { Bridge, PushedEvents } from '../shared/contract';

export type EventHandler = (name: string, payload: unknown) => void;

/** The IPC event channel from main, without Electron (ipcRenderer.on/off adapted in index.ts). */
export interface EventChannel {
  on(handler: EventHandler): void;
  off(handler: EventHandler): void;
}

/** More alert pushes than this before the app listens are more than its toasts could show. */
const ALERTS_KEPT = 20;

/**
 * `window.api.on` over the channel. Two kinds of push can come before the app's script listens,
 * and wait here for its first listener:
 * - the page a window was opened for by the tray or a notification (macOS keeps running with
 *   none), sent as soon as the window has loaded: the latest one waits;
 * - alerts delivered while the window was loading (those that fell due while the app was
 *   closed are delivered at start): each waits, so the window shows their toasts.
 */
export function pushedEvents(channel: EventChannel): Bridge['on'] {
  let waitingPage: PushedEvents['open-page'] | null = null;
  const waitingAlerts: unknown[] = [];
  const unclaimed = new Set<string>(['open-page', 'alerts']);
  const keep: EventHandler = (name, payload) => {
    if (!unclaimed.has(name)) return;
    if (name === 'open-page') waitingPage = payload as PushedEvents['open-page'];
    else if (waitingAlerts.push(payload) > ALERTS_KEPT) waitingAlerts.shift();
  };
  channel.on(keep);
  /** What waited for the first listener of `event`; later listeners get nothing stale again. */
  const claim = (event: string): unknown[] => {
    if (!unclaimed.delete(event)) return [];
    if (unclaimed.size === 0) channel.off(keep);
    if (event === 'alerts') return waitingAlerts.splice(0);
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
