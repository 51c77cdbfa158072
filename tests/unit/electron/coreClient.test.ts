import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { CoreClient } from '../../../src/main/electron/coreClient';

// A stand-in core: answers "echo", dies on "crash", says nothing to "hang", sleeps on "slow",
// and on "close" takes a moment to finish (as a sync finishing its page would) before exiting.
const FAKE_CORE = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData && workerData.failAtStart) process.exit(9);
// Alerts that fell due while the core was down are delivered as it opens, before 'ready'.
if (workerData && workerData.alertAtStart)
  parentPort.postMessage({ type: 'event', name: 'alerts', payload: { delivered: [{ id: 1 }] } });
// A core that cannot open its database says so and stays, as the real one does.
if (workerData && workerData.fatalAtStart) {
  parentPort.postMessage({ type: 'fatal', error: 'The disk is full.' });
  setInterval(() => undefined, 60_000);
} else {
parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (m) => {
  if (m.type === 'close') return setTimeout(() => process.exit(0), 150);
  if (m.method === 'echo') parentPort.postMessage({ type: 'result', id: m.id, result: { ok: true, value: m.input } });
  if (m.method === 'slow') setTimeout(() => parentPort.postMessage({ type: 'result', id: m.id, result: { ok: true, value: null } }), 80);
  if (m.method === 'crash') process.exit(3);
});
}
`;

function fakeClient(
  options: { failAfterFirst?: boolean; fatalAfterFirst?: boolean; alertAtStart?: boolean } = {},
) {
  const events: string[] = [];
  const logs: string[] = [];
  let started = 0;
  const workers: Worker[] = [];
  const client = new CoreClient(
    () => {
      started += 1;
      const worker = new Worker(FAKE_CORE, {
        eval: true,
        workerData: {
          failAtStart: options.failAfterFirst === true && started > 1,
          fatalAtStart: options.fatalAfterFirst === true && started > 1,
          alertAtStart: options.alertAtStart === true,
        },
      });
      workers.push(worker);
      return worker;
    },
    {
      onEvent: (name, payload) => events.push(`${name} ${JSON.stringify(payload)}`),
      log: (m) => logs.push(m),
      restartDelayMs: 10,
    },
  );
  return { client, events, logs, starts: () => started, workers };
}

describe('the main-process side of the core worker', () => {
  it('passes results back by call, and fails pending calls when the core dies', async () => {
    const { client } = fakeClient();
    await client.ready;
    expect(await client.call('echo', { a: 1 })).toEqual({ ok: true, value: { a: 1 } });
    const waiting = client.call('hang', {});
    void client.call('crash', {});
    expect(await waiting).toEqual({
      ok: false,
      error: expect.stringContaining('The core stopped (exit code 3)'),
    });
    await client.close();
  });

  it('fails new calls at once while the core is down, restarts it and tells the window', async () => {
    const { client, events, starts } = fakeClient();
    await client.ready;
    await client.call('crash', {}).catch(() => undefined);
    // The exit is seen before the restart's delay has passed: a call now must not hang.
    await expect.poll(() => client.call('echo', 1)).toMatchObject({ ok: false });
    const during = await Promise.race([
      client.call('echo', 2),
      new Promise((ok) => setTimeout(() => ok('hung'), 1_000)),
    ]);
    expect(during).not.toBe('hung');
    await expect.poll(() => events).toContain('data-changed {"entities":["all"]}');
    expect(starts()).toBe(2);
    expect(await client.call('echo', 3)).toEqual({ ok: true, value: 3 });
    await client.close();
  });

  it('tells the window of a restart before the alerts the new core delivered as it opened', async () => {
    const { client, events } = fakeClient({ alertAtStart: true });
    await client.ready;
    expect(events).toEqual(['alerts {"delivered":[{"id":1}]}']);
    await client.call('crash', {}).catch(() => undefined);
    await expect.poll(() => events).toHaveLength(3);
    // The reload clears the toasts shown before the restart, not those of the alert after it.
    expect(events.slice(1)).toEqual([
      'data-changed {"entities":["all"]}',
      'alerts {"delivered":[{"id":1}]}',
    ]);
    await client.close();
  });

  it('gives up on a core that keeps dying, and says to restart the app', async () => {
    const { client, starts } = fakeClient({ failAfterFirst: true });
    await client.ready;
    void client.call('crash', {});
    await expect
      .poll(async () => (await client.call('echo', 1)) as { ok: boolean; error?: string })
      .toMatchObject({ ok: false, error: expect.stringContaining('restart Contact Window') });
    expect(starts()).toBe(4);
    await client.close();
  });

  it('does not keep restarting a core that cannot open its data, and says so', async () => {
    const { client, starts } = fakeClient({ fatalAfterFirst: true });
    await client.ready;
    void client.call('crash', {});
    await expect
      .poll(async () => (await client.call('echo', 1)) as { ok: boolean; error?: string })
      .toEqual({
        ok: false,
        error: 'The core cannot open its data: The disk is full. Restart Contact Window.',
      });
    expect(starts()).toBe(2);
    await client.close();
  });

  it('waits on close until the core has finished and stopped', async () => {
    const { client, workers } = fakeClient();
    await client.ready;
    let exited = false;
    workers[0]?.once('exit', () => (exited = true));
    await client.close();
    expect(exited).toBe(true);
    expect(await client.call('echo', 1)).toEqual({
      ok: false,
      error: 'Contact Window is closing.',
    });
  });

  it('passes on the progress of a database update at once, while the core is still opening', async () => {
    // A core updating its database: it says so, an alert falls due, and it is ready when told.
    const worker = new Worker(
      `
const { parentPort } = require('node:worker_threads');
parentPort.postMessage({ type: 'event', name: 'database-update', payload: { dataSet: 'crm', done: 1, total: 3 } });
parentPort.postMessage({ type: 'event', name: 'alerts', payload: { delivered: [{ id: 1 }] } });
parentPort.on('message', (m) => {
  if (m.type === 'close') process.exit(0);
  if (m.method === 'finish') parentPort.postMessage({ type: 'ready' });
});`,
      { eval: true },
    );
    const events: string[] = [];
    const client = new CoreClient(() => worker, {
      onEvent: (name, payload) => events.push(`${name} ${JSON.stringify(payload)}`),
    });
    let ready = false;
    void client.ready.then(() => (ready = true));
    const update = 'database-update {"dataSet":"crm","done":1,"total":3}';
    // The window has no session to show yet: the update is what it can say.
    await expect.poll(() => events).toEqual([update]);
    expect(ready).toBe(false);
    void client.call('finish', {});
    await client.ready;
    expect(events).toEqual([update, 'alerts {"delivered":[{"id":1}]}']);
    await client.close();
  });

  it('answers the window’s first calls with why an update failed', async () => {
    const worker = new Worker(
      `
const { parentPort } = require('node:worker_threads');
parentPort.postMessage({ type: 'event', name: 'database-update', payload: { dataSet: 'demo', done: 0, total: 1 } });
parentPort.on('message', (m) => {
  if (m.type === 'call') parentPort.postMessage({ type: 'fatal', error: 'Cannot update the database at /x.db: disk I/O error. The failed step was rolled back; nothing stored was lost.' });
});
setInterval(() => undefined, 60_000);`,
      { eval: true },
    );
    const events: string[] = [];
    const client = new CoreClient(() => worker, { onEvent: (name) => events.push(name) });
    const failed = client.ready.catch((error: unknown) => (error as Error).message);
    await expect.poll(() => events).toEqual(['database-update']);
    // The window's getSession, sent while the progress was on screen.
    expect(await client.call('getSession', {})).toEqual({
      ok: false,
      error:
        'The core cannot open its data: Cannot update the database at /x.db: disk I/O error. The failed step was rolled back; nothing stored was lost. Restart Contact Window.',
    });
    expect(await failed).toContain('nothing stored was lost');
    await client.close();
  });

  it('logs calls slower than 40 ms by name', async () => {
    const { client, logs } = fakeClient();
    await client.ready;
    await client.call('echo', 1);
    await client.call('slow', null);
    expect(logs.filter((l) => l.startsWith('Slow core call'))).toEqual([
      expect.stringMatching(/^Slow core call: slow took \d+ ms$/),
    ]);
    await client.close();
  });
});
