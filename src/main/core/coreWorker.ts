import { parentPort, workerData } from 'node:worker_threads';
import type { CoreWorkerData, FromWorker, ToWorker } from './coreWorkerProtocol';
import { WorkerSecretStore } from './workerSecretStore';
import { openWorkspace, type Workspace } from './workspace';

// The core runs here, off Electron's main thread, so SQL, syncs and recomputes never stall the
// tray or IPC.
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('coreWorker must run as a worker thread');
  const data = workerData as CoreWorkerData;
  const post = (message: FromWorker): void => port.postMessage(message);
  let workspace: Workspace | null = null;
  let closing = false;
  // The window opens before the core is ready: its first calls wait here instead of being lost.
  const early: Extract<ToWorker, { type: 'call' }>[] = [];
  const answer = (ws: Workspace, message: Extract<ToWorker, { type: 'call' }>): void => {
    void ws
      .dispatch(message.method, message.input)
      .then((result) => post({ type: 'result', id: message.id, result }))
      // An answer that cannot cross to the main thread still answers, instead of ending the worker.
      .catch((error: unknown) =>
        post({ type: 'result', id: message.id, result: { ok: false, error: String(error) } }),
      );
  };
  port.on('message', (message: ToWorker) => {
    if (message.type === 'call') {
      if (workspace) answer(workspace, message);
      else early.push(message);
    } else if (message.type === 'close') {
      closing = true;
      void (workspace?.close() ?? Promise.resolve()).then(() => process.exit(0));
    }
  });
  try {
    const ws = await openWorkspace({
      demoPath: data.dbPath,
      secrets: new WorkerSecretStore(port),
      ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
      // Heard from the start: an alert delivered while the workspace opens reaches the window.
      listen: (name, payload) => post({ type: 'event', name, payload }),
    });
    if (closing) return void ws.close().then(() => process.exit(0));
    workspace = ws;
    for (const message of early.splice(0)) answer(ws, message);
    post({ type: 'ready' });
  } catch (error) {
    post({ type: 'fatal', error: (error as Error).message });
  }
}

void main();
