import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { CoreClient } from '../../../src/main/electron/coreClient';

// A stand-in core: answers "echo" and "slow" (how long it took is the test's clock's say), dies on
// "crash", says nothing to "hang", and on "close" takes a moment to finish (as a sync finishing its
// page would) before exiting. Started again with `holdReady`, it opens only when told "go".
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
if (!(workerData && workerData.holdReady)) parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (m) => {
  if (m.type === 'go') return parentPort.postMessage({ type: 'ready' });
  if (m.type === 'close') return setTimeout(() => process.exit(0), 150);
  if (m.method === 'echo' || m.method === 'slow') parentPort.postMessage({ type: 'result', id: m.id, result: { ok: true, value: m.input } });
  if (m.method === 'crash') process.exit(3);
});
}
`;

/**
 * Waits for what the workers do, not for a clock: a worker starts in tens of milliseconds on an
 * idle machine and in seconds on a loaded one. `until` resolves once `holds()` is true, checked
 * again at every `changed()`; the test's own timeout ends a wait for what never happens.
 */
function happenings() {
  const waiting = new Set<() => void>();
  return {
    changed: () => {
      for (const check of [...waiting]) check();
    },
    until: (holds: () => boolean) =>
      new Promise<void>((ok) => {
        const check = () => {
          if (!holds()) return;
          waiting.delete(check);
          ok();
        };
        waiting.add(check);
        check();
      }),
  };
}

function fakeClient(
  options: {
    failAfterFirst?: boolean;
    fatalAfterFirst?: boolean;
    alertAtStart?: boolean;
    holdRestart?: boolean;
    callClock?: () => number;
  } = {},
) {
  const events: string[] = [];
  const logs: string[] = [];
  let started = 0;
  let exited = 0;
  const workers: Worker[] = [];
  const { changed, until } = happenings();
  const client = new CoreClient(
    () => {
      started += 1;
      const worker = new Worker(FAKE_CORE, {
        eval: true,
        workerData: {
          failAtStart: options.failAfterFirst === true && started > 1,
          fatalAtStart: options.fatalAfterFirst === true && started > 1,
          alertAtStart: options.alertAtStart === true,
          holdReady: options.holdRestart === true && started > 1,
        },
      });
      // Heard before the client's own listener: a wait it ends resumes after the client's turn.
      worker.once('exit', () => {
        exited += 1;
        changed();
      });
      workers.push(worker);
      changed();
      return worker;
    },
    {
      onEvent: (name, payload) => {
        events.push(`${name} ${JSON.stringify(payload)}`);
        changed();
      },
      log: (m) => logs.push(m),
      restartDelayMs: 10,
      ...(options.callClock ? { callClock: options.callClock } : {}),
    },
  );
  return {
    client,
    events,
    logs,
    starts: () => started,
    exits: () => exited,
    workers,
    until,
  };
}

/** A call's answer if it comes before any timer could fire: a call that must not wait on the core. */
const atOnce = (call: Promise<unknown>): Promise<unknown> =>
  Promise.race([call, new Promise((ok) => setImmediate(() => ok('waited')))]);

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
    const { client, events, starts, workers, until } = fakeClient({ holdRestart: true });
    await client.ready;
    await client.call('crash', {});
    // The exit is seen before the restart's delay has passed: a call now must not hang.
    const down = {
      ok: false,
      error: 'The core stopped (exit code 3) and is being restarted; try again in a moment.',
    };
    expect(await atOnce(client.call('echo', 1))).toEqual(down);
    // Started again, and still opening (held until told): calls fail at once all the same.
    await until(() => starts() === 2);
    expect(await atOnce(client.call('echo', 2))).toEqual(down);
    workers[1]?.postMessage({ type: 'go' });
    await until(() => events.includes('data-changed {"entities":["all"]}'));
    expect(starts()).toBe(2);
    expect(await client.call('echo', 3)).toEqual({ ok: true, value: 3 });
    await client.close();
  });

  it('tells the window of a restart before the alerts the new core delivered as it opened', async () => {
    const { client, events, until } = fakeClient({ alertAtStart: true });
    await client.ready;
    expect(events).toEqual(['alerts {"delivered":[{"id":1}]}']);
    await client.call('crash', {}).catch(() => undefined);
    await until(() => events.length >= 3);
    // The reload clears the toasts shown before the restart, not those of the alert after it.
    expect(events.slice(1)).toEqual([
      'data-changed {"entities":["all"]}',
      'alerts {"delivered":[{"id":1}]}',
    ]);
    await client.close();
  });

  it('gives up on a core that keeps dying, and says to restart the app', async () => {
    const { client, starts, exits, until } = fakeClient({ failAfterFirst: true });
    await client.ready;
    void client.call('crash', {});
    // The first core crashes; the three started after it in the minute die as they open.
    await until(() => exits() === 4);
    expect(await client.call('echo', 1)).toEqual({
      ok: false,
      error: 'The core stopped (exit code 9) again; restart Contact Window.',
    });
    expect(starts()).toBe(4);
    await client.close();
  });

  it('does not keep restarting a core that cannot open its data, and says so', async () => {
    const { client, starts, exits, until } = fakeClient({ fatalAfterFirst: true });
    await client.ready;
    void client.call('crash', {});
    // The second core says it cannot open its data, and is stopped.
    await until(() => exits() === 2);
    expect(await client.call('echo', 1)).toEqual({
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
    const { changed, until } = happenings();
    const client = new CoreClient(() => worker, {
      onEvent: (name, payload) => {
        events.push(`${name} ${JSON.stringify(payload)}`);
        changed();
      },
    });
    let ready = false;
    void client.ready.then(() => (ready = true));
    const update = 'database-update {"dataSet":"crm","done":1,"total":3}';
    // The window has no session to show yet: the update is what it can say.
    await until(() => events.length > 0);
    expect(events).toEqual([update]);
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
    const { changed, until } = happenings();
    const client = new CoreClient(() => worker, {
      onEvent: (name) => {
        events.push(name);
        changed();
      },
    });
    const failed = client.ready.catch((error: unknown) => (error as Error).message);
    await until(() => events.length > 0);
    expect(events).toEqual(['database-update']);
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
    // The test's clock says how long each call took: on a loaded machine a quick call is slow too.
    let now = 0;
    const { client, logs } = fakeClient({ callClock: () => now });
    await client.ready;
    const quick = client.call('echo', 1);
    now += 40;
    await quick;
    const slow = client.call('slow', null);
    now += 41;
    await slow;
    expect(logs.filter((l) => l.startsWith('Slow core call'))).toEqual([
      'Slow core call: slow took 41 ms',
    ]);
    await client.close();
  });
});
