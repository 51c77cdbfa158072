import type {
  Bridge,
  EventName,
  MethodInput,
  MethodName,
  MethodOutputs,
  PushedEvents,
  Result,
} from '@shared/contract';
import { EVENT_NAMES } from '@shared/contract';
import { pushedEvents, type EventHandler } from '@shared/pushedEvents';
import { dropOpeningReads, takeOpeningRead, type Opening } from './openingReads';
import { webCall } from './webCall';
import { webHostToken } from './webHostToken';

/** The first wait before opening a stream the host refused again, doubled up to the last. */
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 60_000;

/**
 * Whether the host refuses this page's token (an EventSource does not say why it was refused):
 * then no stream will ever open, and the page's calls say so.
 */
async function tokenRefused(): Promise<boolean> {
  try {
    const response = await fetch('/api/call/getSession', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${webHostToken()}` },
      credentials: 'omit',
      body: '{}',
    });
    return response.status === 401;
  } catch {
    return false;
  }
}

/** The web host's transport: the same contract over fetch and server-sent events. */
function webBridge(): Bridge {
  const handlers = new Set<EventHandler>();
  const deliver = (event: EventName, payload: unknown): void =>
    [...handlers].forEach((h) => h(event, payload));
  /**
   * What changed while the page could not read it: offline, the stream still brings the host's
   * `data-changed` (it is on 127.0.0.1) but every read a page starts on it fails, and nothing asks
   * again once the connection is back. A stream that broke before the host numbered anything for
   * it lost what was sent meanwhile: 'all'.
   */
  const missed = new Set<string>();
  const announceMissed = (): void => {
    if (missed.size === 0) return;
    const entities = [...missed];
    missed.clear();
    deliver('data-changed', { entities });
  };
  window.addEventListener('online', announceMissed);
  let broken = false;
  /**
   * Whether the host has numbered what this stream read: then the browser sends that number when
   * it reconnects and the host replays what came meanwhile (or says 'all' changed when it cannot),
   * so the toasts on screen stay and alerts raised during the gap get theirs.
   */
  let resumable = false;
  const read = (e: Event): void => {
    if ((e as MessageEvent<string>).lastEventId) resumable = true;
  };
  let retryDelay = FIRST_RETRY_MS;
  // Opened as the app's script loads, before any page or store listens. EventSource sends no
  // headers: the stream's token goes in its URL.
  const openStream = (): void => {
    const es = new EventSource(`/api/events?token=${encodeURIComponent(webHostToken())}`);
    // A new EventSource sends no Last-Event-ID: nothing is replayed to it.
    resumable = false;
    es.addEventListener('stream-position', read);
    es.addEventListener('error', () => {
      broken = true;
      // The browser reconnects by itself after a dropped connection, never after the host refused
      // the stream: too many open (503) passes, so try again later; a wrong token does not.
      if (es.readyState !== EventSource.CLOSED) return;
      void tokenRefused().then((refused) => {
        if (refused) return;
        setTimeout(openStream, retryDelay);
        retryDelay = Math.min(retryDelay * 2, LAST_RETRY_MS);
      });
    });
    es.addEventListener('open', () => {
      retryDelay = FIRST_RETRY_MS;
      if (!broken) return;
      broken = false;
      if (resumable) return;
      missed.add('all');
      if (navigator.onLine) announceMissed();
    });
    // Every event the host sends is taken from the stream as it comes: the EventSource drops one
    // of a name nobody listens for yet.
    for (const event of EVENT_NAMES)
      es.addEventListener(event, (e) => {
        read(e);
        const payload: unknown = JSON.parse((e as MessageEvent<string>).data);
        if (event === 'data-changed' && !navigator.onLine)
          (payload as PushedEvents['data-changed']).entities.forEach((x) => missed.add(x));
        deliver(event, payload);
      });
  };
  openStream();
  // Alerts raised between the stream's opening and the app's listening for them (it does once
  // React has mounted) wait for it: the rep sees their toasts, as in the desktop app.
  const on = pushedEvents(
    { on: (handler) => handlers.add(handler), off: (handler) => handlers.delete(handler) },
    ['alerts', 'alerts-elsewhere'],
  );
  return {
    call: webCall,
    on,
  };
}

const bridge: Bridge = window.api ?? webBridge();

/**
 * Whether a desktop shell hosts the page (its tray notifies of what the window does not show);
 * the browser version has only the page.
 */
export const hasDesktopShell = window.api !== undefined;

class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    /** The answer's code, when the core named what failed (isDataSetGone reads it). */
    readonly code?: string,
  ) {
    super(message);
  }
}

export async function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutputs[M]> {
  return valueOf(await bridge.call(method, input));
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new ApiError(result.error, result.code);
  return result.value;
}

// An answer asked for at opening and not taken yet may be older than the change.
bridge.on('data-changed', dropOpeningReads);

/**
 * How long a page waits for a read asked for at opening before asking again itself, so that a read
 * the transport lost (a reply that never comes) does not leave the page waiting forever. A slow
 * answer may outlast it (the team's day of 12 reps over 50,000 people takes 10–14 s cold in the
 * core): the read asked again then waits behind it in the core and is answered warm, and the page
 * takes whichever value comes first.
 */
const OPENING_DEADLINE_MS = 10_000;

/**
 * The read asked for as the app started (`openingReads`), if nobody took it and nothing changed
 * since; else a new one. One that has not answered by its deadline is asked for again, and the
 * first value of the two is the answer: the page's own read, its failure the page's as ever.
 */
export async function callOpening<M extends Opening>(
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutputs[M]> {
  const opening = takeOpeningRead(method);
  if (!opening) return call(method, input);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const overdue = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), OPENING_DEADLINE_MS);
  });
  const first = await Promise.race([opening, overdue]);
  clearTimeout(timer);
  if (first) return valueOf(first);
  const again = call(method, input);
  // Late, the opening read still wins with a value; its failure leaves the answer to the new read.
  const late = opening.then((r) => (r.ok ? r.value : again));
  return Promise.race([late, again]);
}

export function onEvent<E extends EventName>(
  event: E,
  listener: (payload: PushedEvents[E]) => void,
): () => void {
  return bridge.on(event, listener);
}

/**
 * Whether a `data-changed` event can change what a page made from people, plans and activities
 * shows: a change of settings alone cannot (the settings such a page reads come with the session,
 * which reads them again on its own).
 */
export function changesMoreThanSettings({ entities }: PushedEvents['data-changed']): boolean {
  return entities.some((e) => e !== 'settings');
}
