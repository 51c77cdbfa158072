import { parentPort, workerData } from 'node:worker_threads';
import { generateDemo } from '../crm/demo/generateDemo';
import { openDatabase } from '../db/openDatabase';
import { EVENT_NAMES } from '../../shared/contract';
import { createCore } from './createCore';
import type { CoreWorkerData, FromWorker, ToWorker } from './coreWorkerProtocol';

// The core runs here, off Electron's main thread, so SQL and recomputes never stall the tray or IPC.
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('coreWorker must run as a worker thread');
  const data = workerData as CoreWorkerData;
  const post = (message: FromWorker): void => port.postMessage(message);
  try {
    const db = await openDatabase(
      data.dbPath,
      data.nativeBinding ? { nativeBinding: data.nativeBinding } : {},
    );
    if (!db.raw.prepare('select 1 from organisation').get()) {
      generateDemo(db, { seed: 1, people: 400, now: Date.now() });
    }
    const core = createCore(db);
    await core.refreshStaleSuggestions();
    for (const name of EVENT_NAMES)
      core.on(name, (payload) => post({ type: 'event', name, payload }));
    port.on('message', (message: ToWorker) => {
      if (message.type === 'call') {
        void core
          .dispatch(message.method, message.input)
          .then((result) => post({ type: 'result', id: message.id, result }));
      } else if (message.type === 'close') {
        void db.close().then(() => process.exit(0));
      }
    });
    post({ type: 'ready' });
  } catch (error) {
    post({ type: 'fatal', error: (error as Error).message });
  }
}

void main();
