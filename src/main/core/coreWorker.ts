import { parentPort, workerData } from 'node:worker_threads';
import { EVENT_NAMES } from '../../shared/contract';
import type { CoreWorkerData, FromWorker, ToWorker } from './coreWorkerProtocol';
import { WorkerSecretStore } from './workerSecretStore';
import { openWorkspace } from './workspace';

// The core runs here, off Electron's main thread, so SQL, syncs and recomputes never stall the
// tray or IPC.
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('coreWorker must run as a worker thread');
  const data = workerData as CoreWorkerData;
  const post = (message: FromWorker): void => port.postMessage(message);
  try {
    const workspace = await openWorkspace({
      demoPath: data.dbPath,
      secrets: new WorkerSecretStore(port),
      ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
    });
    for (const name of EVENT_NAMES)
      workspace.on(name, (payload) => post({ type: 'event', name, payload }));
    port.on('message', (message: ToWorker) => {
      if (message.type === 'call') {
        void workspace
          .dispatch(message.method, message.input)
          .then((result) => post({ type: 'result', id: message.id, result }));
      } else if (message.type === 'close') {
        void workspace.close().then(() => process.exit(0));
      }
    });
    post({ type: 'ready' });
  } catch (error) {
    post({ type: 'fatal', error: (error as Error).message });
  }
}

void main();
