import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { CoreClient } from '../../../src/main/electron/coreClient';

// A stand-in core: answers "echo", dies on "crash", says nothing to "hang".
const FAKE_CORE = `
const { parentPort } = require('node:worker_threads');
parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (m) => {
  if (m.method === 'echo') parentPort.postMessage({ type: 'result', id: m.id, result: { ok: true, value: m.input } });
  if (m.method === 'crash') process.exit(3);
});
`;

describe('the main-process side of the core worker', () => {
  it('passes results back by call, and fails pending calls when the core dies', async () => {
    const client = new CoreClient(new Worker(FAKE_CORE, { eval: true }), () => undefined);
    await client.ready;
    expect(await client.call('echo', { a: 1 })).toEqual({ ok: true, value: { a: 1 } });
    const waiting = client.call('hang', {});
    void client.call('crash', {});
    expect(await waiting).toEqual({
      ok: false,
      error: expect.stringContaining('The core stopped (exit code 3)'),
    });
  });
});
