import { contextBridge, ipcRenderer } from 'electron';
import type { Bridge } from '../shared/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/ipcChannels';
import { pushedEvents, type EventHandler } from '../shared/pushedEvents';

type IpcHandler = (event: Electron.IpcRendererEvent, name: string, payload: unknown) => void;
// One IPC listener per event handler, so that off() removes exactly the one on() added.
const ipcHandlers = new WeakMap<EventHandler, IpcHandler>();

// Exposes the one contract and nothing else: no ipcRenderer, no arbitrary channels.
const bridge: Bridge = {
  call: (method, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input),
  on: pushedEvents(
    {
      on: (handler) => {
        const ipc: IpcHandler = (_event, name, payload) => handler(name, payload);
        ipcHandlers.set(handler, ipc);
        ipcRenderer.on(IPC_EVENT_CHANNEL, ipc);
      },
      off: (handler) => {
        const ipc = ipcHandlers.get(handler);
        if (ipc) ipcRenderer.off(IPC_EVENT_CHANNEL, ipc);
      },
    },
    // 'alerts-elsewhere' are the tray's alone: main never sends them to the window.
    ['open-page', 'alerts', 'database-update'],
  ),
};

contextBridge.exposeInMainWorld('api', bridge);
