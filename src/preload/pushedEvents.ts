import type { Bridge, PushedEvents } from '../shared/contract';

export type EventHandler = (name: string, payload: unknown) => void;

/** The IPC event channel from main, without Electron (ipcRenderer.on/off adapted in index.ts). */
export interface EventChannel {
  on(handler: EventHandler): void;
  off(handler: EventHandler): void;
}

/**
 * `window.api.on` over the channel. A window the tray or a notification opened for a page
 * (macOS keeps running with none) is sent that page as soon as it has loaded, which can be
 * before the app's script listens: the latest such page waits here for the first listener.
 */
export function pushedEvents(channel: EventChannel): Bridge['on'] {
  let waitingPage: PushedEvents['open-page'] | null = null;
  const keepPage: EventHandler = (name, payload) => {
    if (name === 'open-page') waitingPage = payload as PushedEvents['open-page'];
  };
  channel.on(keepPage);
  return (event, listener) => {
    const handler: EventHandler = (name, payload) => {
      if (name === event) (listener as (p: unknown) => void)(payload);
    };
    channel.on(handler);
    if (event === 'open-page') {
      // Only the first listener: a page must not open again when the app listens anew.
      channel.off(keepPage);
      const page = waitingPage;
      waitingPage = null;
      if (page) (listener as (p: PushedEvents['open-page']) => void)(page);
    }
    return () => channel.off(handler);
  };
}
