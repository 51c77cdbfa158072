import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The web host's event stream as the page's EventSource sees it: an event goes to the listeners
 * of its name there are when it comes, and to nobody when there are none (as in a browser).
 */
class FakeStream {
  static opened: FakeStream[] = [];
  static readonly CLOSED = 2;
  readyState = 1;
  private readonly listeners = new Map<
    string,
    Set<(e: { data?: string; lastEventId?: string }) => void>
  >();
  constructor(readonly url: string) {
    FakeStream.opened.push(this);
  }
  addEventListener(
    type: string,
    listener: (e: { data?: string; lastEventId?: string }) => void,
  ): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }
  /** The host writes `event: NAME` and `data: JSON` on the stream. */
  send(name: string, payload: unknown, id?: string): void {
    const e = { data: JSON.stringify(payload), ...(id ? { lastEventId: id } : {}) };
    for (const l of this.listeners.get(name) ?? []) l(e);
  }
  /** The host answers with an error status: the browser closes the stream and never retries. */
  refuse(): void {
    this.readyState = FakeStream.CLOSED;
    for (const l of this.listeners.get('error') ?? []) l({});
  }
  open(): void {
    for (const l of this.listeners.get('open') ?? []) l({});
  }
  /** The connection drops, and the browser opens it again. */
  reconnect(): void {
    for (const type of ['error', 'open']) for (const l of this.listeners.get(type) ?? []) l({});
  }
}

function stream(): FakeStream {
  const [only] = FakeStream.opened;
  if (!only || FakeStream.opened.length !== 1) throw new Error('not one stream opened');
  return only;
}

/** The page's client as the browser version loads it: no desktop shell, a token in the URL. */
async function loadClient(): Promise<typeof import('../../../src/renderer/src/api/client')> {
  const stored = new Map<string, string>();
  vi.stubGlobal('window', {
    location: { search: '?token=t0k', pathname: '/', hash: '#/planner' },
    sessionStorage: {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
    },
    history: { replaceState: () => undefined },
    addEventListener: () => undefined,
  });
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal('EventSource', FakeStream);
  return import('../../../src/renderer/src/api/client');
}

const ALERT = { delivered: [{ id: 7 }], digest: null, unread: 1, pausedUntil: null };

describe('events from the web host to the page', () => {
  beforeEach(() => {
    vi.resetModules();
    FakeStream.opened = [];
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('shows an alert raised after the planner opened the stream and before the app listened for alerts', async () => {
    const { onEvent } = await loadClient();
    // The planner's script listens for data changes as it loads: the stream is open.
    onEvent('data-changed', () => undefined);
    stream().send('alerts', ALERT);
    stream().send('alerts-elsewhere', { ...ALERT, dataSet: 'crm' });
    // React has mounted: the app listens for alerts.
    const heard: unknown[] = [];
    onEvent('alerts', (e) => heard.push(e));
    onEvent('alerts-elsewhere', (e) => heard.push(e));
    expect(heard).toEqual([ALERT, { ...ALERT, dataSet: 'crm' }]);
    stream().send('alerts', { ...ALERT, unread: 2 });
    expect(heard).toHaveLength(3);
    // A second listener (React mounting twice) gets no toast a second time.
    const later: unknown[] = [];
    onEvent('alerts', (e) => later.push(e));
    expect(later).toEqual([]);
  });

  it('keeps no data change for later: a page reads its data when it mounts', async () => {
    const { onEvent } = await loadClient();
    onEvent('alerts', () => undefined);
    stream().send('data-changed', { entities: ['people'] });
    const changed: unknown[] = [];
    onEvent('data-changed', (c) => changed.push(c));
    stream().send('data-changed', { entities: ['visits'] });
    expect(changed).toEqual([{ entities: ['visits'] }]);
  });

  it('says everything changed when a broken stream comes back, and stops telling a listener that left', async () => {
    const { onEvent } = await loadClient();
    const changed: unknown[] = [];
    const stop = onEvent('data-changed', (c) => changed.push(c));
    stream().reconnect();
    expect(changed).toEqual([{ entities: ['all'] }]);
    expect(stream().url).toBe('/api/events?token=t0k');
    stop();
    stream().send('data-changed', { entities: ['people'] });
    expect(changed).toHaveLength(1);
  });

  it('keeps what is on screen when a broken stream comes back and the host replays what it missed', async () => {
    const { onEvent } = await loadClient();
    const changed: unknown[] = [];
    const heard: unknown[] = [];
    onEvent('data-changed', (c) => changed.push(c));
    onEvent('alerts', (e) => heard.push(e));
    // The host numbers the stream as it opens; the browser sends that number back on reconnecting.
    stream().send('stream-position', {}, 'run.4');
    stream().reconnect();
    stream().send('alerts', ALERT, 'run.5');
    expect(heard).toEqual([ALERT]);
    // No "everything changed": that would reload the feed and clear the toasts on screen.
    expect(changed).toEqual([]);
    // The host could not replay (it restarted, or the gap was too long): it says so itself.
    stream().reconnect();
    stream().send('data-changed', { entities: ['all'] }, 'other.0');
    expect(changed).toEqual([{ entities: ['all'] }]);
  });

  it('opens the stream again, later and later, while the host has too many open, and reads everything once it is', async () => {
    vi.useFakeTimers();
    const { onEvent } = await loadClient();
    // The host answers an API call with this token: the stream was refused for another reason.
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve({ status: 200 })),
    );
    const changed: unknown[] = [];
    onEvent('data-changed', (c) => changed.push(c));
    FakeStream.opened[0]?.refuse();
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeStream.opened).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeStream.opened).toHaveLength(2);
    FakeStream.opened[1]?.refuse();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(FakeStream.opened).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeStream.opened).toHaveLength(3);
    // What was pushed while no stream was open is lost: the pages read everything again.
    FakeStream.opened[2]?.open();
    expect(changed).toEqual([{ entities: ['all'] }]);
  });

  it('does not open the stream again when the host refuses the token', async () => {
    vi.useFakeTimers();
    await loadClient();
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve({ status: 401 })),
    );
    stream().refuse();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(FakeStream.opened).toHaveLength(1);
  });
});
