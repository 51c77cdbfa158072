import { contextBridge, ipcRenderer } from 'electron';
import type { Bridge, EventName } from '../shared/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/ipcChannels';

// Exposes the one contract and nothing else: no ipcRenderer, no arbitrary channels.
const bridge: Bridge = {
  call: (method, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input),
  on: (event, listener) => {
    const handler = (_e: Electron.IpcRendererEvent, name: EventName, payload: unknown): void => {
      if (name === event) (listener as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.off(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('api', bridge);
