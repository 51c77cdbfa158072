import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/shared/contract';
import type { SecretOp } from '../../src/main/core/coreWorkerProtocol';
import { CoreClient } from '../../src/main/electron/coreClient';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';

let dir: TempDir;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => dir.remove());

describe('the core worker as the desktop app starts it', () => {
  it('answers calls made before it is ready, and asks the main process for the sign-in', async () => {
    const asked: SecretOp[] = [];
    // The real worker module, loaded through tsx as electron-vite's bundle would load it built.
    const entry = new URL('../../src/main/core/coreWorker.ts', import.meta.url).href;
    const worker = new Worker(
      `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`,
      { eval: true, workerData: { dbPath: dir.file('app.db') } },
    );
    const client = new CoreClient(() => worker, {
      onEvent: () => undefined,
      onSecret: (op) => {
        asked.push(op);
        return op === 'read' ? { ok: true, value: null } : { ok: true, persistent: true };
      },
    });
    // The window's first call goes out while the demo organisation is still being written.
    const early = client.call('getSession', {});
    await client.ready;
    const session = await early;
    expect(session).toMatchObject({ ok: true });
    expect((session as { value: Session }).value.org.isDemo).toBe(true);
    expect(asked).toContain('read');
    expect(await client.call('getCrmAccount', {})).toMatchObject({
      ok: true,
      value: { activeDataSet: 'demo', crm: null },
    });
    const exited = new Promise<number>((ok) => worker.once('exit', ok));
    // Quitting waits for the core to close its database and stop.
    await client.close();
    await expect(exited).resolves.toBe(0);
  }, 60_000);
});
