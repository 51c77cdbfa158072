import { describe, expect, it, vi } from 'vitest';
import type { AlertItem, AlertFeed } from '../../../src/shared/alertsContract';
import type { CrmAccount, PushedEvents } from '../../../src/shared/contract';

/**
 * The store against a scripted core: `answers` says what each listAlerts returns (in order), the
 * core's clock is taken when the test says so, and pushed events are sent by hand.
 */
const core = vi.hoisted(() => ({
  answers: [] as (() => Promise<unknown>)[],
  handlers: new Map<string, (event: unknown) => void>(),
  taken: Promise.resolve(),
  takeClock: (): void => {},
  /** Every call but listAlerts, in order: what the page told the core. */
  told: [] as { method: string; input: unknown }[],
  /** What listAlerts was asked, in order. */
  asked: [] as unknown[],
  /** The core's answer to every call but listAlerts: refused with these words, when set. */
  refusal: null as string | null,
  /** The refusal's code (the core's, for a data set it no longer shows), when it has one. */
  refusalCode: undefined as string | undefined,
  /** What every call but listAlerts waits for before answering (a slow core). */
  slow: Promise.resolve(),
  /** Where the page went (a person, the visits), in order. */
  went: [] as unknown[],
  /** The page on screen: `go` changes it, and so may the rep (a test) by hand. */
  route: { page: 'planner' } as unknown,
}));

vi.mock('../../../src/renderer/src/api/client', () => ({
  hasDesktopShell: false,
  call: (method: string, input: unknown) => {
    if (method === 'listAlerts') {
      core.asked.push(input);
      const next = core.answers.shift();
      if (!next) throw new Error('no listAlerts answer scripted');
      return next();
    }
    core.told.push({ method, input });
    return core.slow.then(() => {
      if (core.refusal !== null)
        throw Object.assign(new Error(core.refusal), { code: core.refusalCode });
      return { unread: 0 };
    });
  },
  onEvent: (name: string, handler: (event: unknown) => void) => {
    core.handlers.set(name, handler);
    return () => core.handlers.delete(name);
  },
}));

vi.mock('../../../src/renderer/src/stores/routeStore', () => ({
  useRoute: {
    getState: () => ({
      route: core.route,
      go: (route: unknown) => {
        core.went.push(route);
        core.route = route;
      },
    }),
  },
  visitsOfEveryone: () => ({ page: 'visits' }),
}));

vi.mock('../../../src/renderer/src/clock/coreClock', () => ({
  coreClockTaken: () => core.taken,
  coreNow: () => Date.now(),
}));

const NOW = Date.now();

function alert(id: number, more: Partial<AlertItem> = {}): AlertItem {
  return {
    id,
    personId: `p${id}`,
    visitId: `v${id}`,
    visitorId: `p${id}`,
    name: `Person ${id}`,
    company: null,
    email: null,
    phone: null,
    category: 'customer',
    rule: 'Mine',
    score: null,
    pages: ['/pricing'],
    visitStartedAt: NOW - 60_000,
    alertAt: NOW - 2_000,
    delivery: 'now',
    holdReason: null,
    deliverAt: NOW - 2_000,
    deliveredAt: NOW - 2_000,
    readAt: null,
    toastDismissedAt: null,
    bestWindow: null,
    title: `Person ${id} is on the website`,
    body: 'Customer · reading /pricing',
    ...more,
  };
}

const feed = (recent: AlertItem[]): AlertFeed => ({
  unread: recent.filter((a) => a.readAt === null).length,
  held: 0,
  heldAlerts: [],
  pausedUntil: null,
  timeZone: 'Europe/Berlin',
  recent,
});

/** A listAlerts answer the test sends when it wants. */
function heldAnswer(): { send(answer: AlertFeed | Error): void } {
  let send: (answer: AlertFeed | Error) => void = () => {};
  core.answers.push(
    () =>
      new Promise((resolve, reject) => {
        send = (answer) => (answer instanceof Error ? reject(answer) : resolve(answer));
      }),
  );
  return { send: (answer) => send(answer) };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function freshStore() {
  vi.resetModules();
  core.answers = [];
  core.handlers.clear();
  core.told = [];
  core.asked = [];
  core.refusal = null;
  core.refusalCode = undefined;
  core.slow = Promise.resolve();
  core.went = [];
  core.route = { page: 'planner' };
  // The clock is taken when the test says so (the session read may be slow).
  core.taken = new Promise<void>((resolve) => (core.takeClock = resolve));
  const alerts = await import('../../../src/renderer/src/stores/alertsStore');
  const { useCrm } = await import('../../../src/renderer/src/stores/crmStore');
  const showSet = (activeDataSet: 'demo' | 'crm'): void =>
    useCrm.setState({ account: { activeDataSet } as CrmAccount });
  const push = <E extends keyof PushedEvents>(name: E, event: PushedEvents[E]): void =>
    core.handlers.get(name)?.(event);
  const keys = (): string[] => alerts.useAlerts.getState().toasts.map((t) => t.key);
  return { ...alerts, showSet, push, keys };
}

describe('toasts of alerts missed while no page listened, never for one already seen', () => {
  it('after "Open person there" on a CRM toast, the CRM feed read on the switch does not toast that alert again', async () => {
    const s = await freshStore();
    s.showSet('demo');
    const opening = heldAnswer();
    s.followAlerts();
    core.takeClock();
    opening.send(feed([]));
    await settle();

    s.push('alerts-elsewhere', {
      dataSet: 'crm',
      delivered: [alert(7)],
      digest: null,
      unread: 1,
      pausedUntil: null,
    });
    expect(s.keys()).toEqual(['crm-alert-7']);

    // The switch: toasts cleared, the CRM's feed asked before the read reaches the core.
    const afterSwitch = heldAnswer();
    const toast = s.useAlerts.getState().toasts[0];
    if (!toast) throw new Error('no toast');
    s.push('data-changed', { entities: ['all'] });
    s.showSet('crm');
    s.useAlerts.getState().dismiss(toast.key);
    afterSwitch.send(feed([alert(7)]));
    await settle();
    expect(s.keys()).toEqual([]);
  });

  it('a toast dismissed while the core’s clock is awaited does not come back with the feed', async () => {
    const s = await freshStore();
    s.showSet('crm');
    const opening = heldAnswer();
    s.followAlerts();
    // A push reads the feed again: that newer read is the one that toasts what was missed.
    const refresh = heldAnswer();
    s.push('alerts', { delivered: [alert(9)], digest: null, unread: 1, pausedUntil: null });
    opening.send(feed([alert(9)]));
    refresh.send(feed([alert(9)]));
    await settle();
    expect(s.keys()).toEqual(['alert-9']);
    s.useAlerts.getState().dismiss('alert-9');
    core.takeClock();
    await settle();
    expect(s.keys()).toEqual([]);
  });

  it('Mark all as read while the core’s clock is awaited: the feed read before it toasts nothing', async () => {
    const s = await freshStore();
    s.showSet('crm');
    const opening = heldAnswer();
    s.followAlerts();
    opening.send(feed([alert(9)]));
    await settle();
    await s.useAlerts.getState().markAllRead();
    core.takeClock();
    await settle();
    expect(s.keys()).toEqual([]);
    expect(s.useAlerts.getState().recent[0]?.readAt).not.toBeNull();
  });

  it('a read pushed while the clock is awaited counts: the newer feed is the one applied', async () => {
    const s = await freshStore();
    s.showSet('crm');
    const opening = heldAnswer();
    s.followAlerts();
    opening.send(feed([alert(9)]));
    await settle();
    // The tray's Mark all as read: an event without deliveries, then the feed read again.
    const refresh = heldAnswer();
    s.push('alerts', { delivered: [], digest: null, unread: 0, pausedUntil: null });
    refresh.send(feed([alert(9, { readAt: NOW })]));
    await settle();
    core.takeClock();
    await settle();
    expect(s.keys()).toEqual([]);
  });

  it('a failed load owes no toasts: a refresh later does not toast what it missed', async () => {
    const s = await freshStore();
    s.showSet('crm');
    const opening = heldAnswer();
    s.followAlerts();
    core.takeClock();
    opening.send(new Error('no user yet'));
    await settle();
    const refresh = heldAnswer();
    s.push('data-changed', { entities: ['visits'] });
    refresh.send(feed([alert(4)]));
    await settle();
    expect(s.keys()).toEqual([]);
  });

  it('still toasts an unread alert delivered just before the page opened', async () => {
    const s = await freshStore();
    s.showSet('crm');
    const opening = heldAnswer();
    s.followAlerts();
    core.takeClock();
    opening.send(feed([alert(5)]));
    await settle();
    expect(s.keys()).toEqual(['alert-5']);
  });
});

describe('a toast read or dismissed in another window, or before a reload', () => {
  it('does not toast on opening an alert whose toast was dismissed before the reload', async () => {
    const s = await freshStore();
    s.showSet('crm');
    const opening = heldAnswer();
    s.followAlerts();
    core.takeClock();
    opening.send(feed([alert(5, { toastDismissedAt: NOW - 1_000 })]));
    await settle();
    expect(s.keys()).toEqual([]);
  });

  it('Dismiss tells the core, so that a reload or another window does not toast it again', async () => {
    const s = await freshStore();
    s.showSet('crm');
    const opening = heldAnswer();
    s.followAlerts();
    core.takeClock();
    opening.send(feed([alert(5)]));
    await settle();
    s.useAlerts.getState().dismiss('alert-5');
    expect(s.keys()).toEqual([]);
    expect(core.told).toEqual([{ method: 'dismissAlertToasts', input: { ids: [5] } }]);
  });

  it('a toast whose time is up leaves this screen only: the core is told nothing', async () => {
    const s = await freshStore();
    s.showSet('crm');
    const opening = heldAnswer();
    s.followAlerts();
    core.takeClock();
    opening.send(feed([alert(5)]));
    await settle();
    s.useAlerts.getState().leave('alert-5');
    expect(s.keys()).toEqual([]);
    expect(core.told).toEqual([]);
  });

  it('Mark all as read in another tab takes this tab’s toast down (its event, then the feed)', async () => {
    const s = await freshStore();
    s.showSet('crm');
    const opening = heldAnswer();
    s.followAlerts();
    core.takeClock();
    opening.send(feed([alert(5), alert(6)]));
    await settle();
    expect(s.keys()).toEqual(['alert-6', 'alert-5']);
    const refresh = heldAnswer();
    s.push('alerts', { delivered: [], digest: null, unread: 0, pausedUntil: null });
    refresh.send(feed([alert(5, { readAt: NOW }), alert(6, { readAt: NOW })]));
    await settle();
    expect(s.keys()).toEqual([]);
    expect(s.useAlerts.getState().unread).toBe(0);
  });

  it('a toast dismissed in another tab goes here too; the other toast stays', async () => {
    const s = await freshStore();
    s.showSet('crm');
    const opening = heldAnswer();
    s.followAlerts();
    core.takeClock();
    opening.send(feed([alert(5), alert(6)]));
    await settle();
    const refresh = heldAnswer();
    s.push('alerts', { delivered: [], digest: null, unread: 2, pausedUntil: null });
    refresh.send(feed([alert(5), alert(6, { toastDismissedAt: NOW })]));
    await settle();
    expect(s.keys()).toEqual(['alert-5']);
  });
});

describe('a toast’s Dismiss or read during a switch of data set names the set it came from', () => {
  /** The demo's alert 5 toasted from the feed the page read on opening. */
  async function demoToastUp() {
    const s = await freshStore();
    s.showSet('demo');
    const opening = heldAnswer();
    s.followAlerts();
    core.takeClock();
    opening.send({ ...feed([alert(5)]), dataSet: 'demo' });
    await settle();
    expect(s.keys()).toEqual(['demo-alert-5']);
    return s;
  }

  it('Dismiss tells the core the toast is the demo’s, so a switch under way marks nothing in the CRM’s file', async () => {
    const s = await demoToastUp();
    // The core has switched to the CRM's data; the page has not heard yet.
    core.refusal =
      "The demo's data is no longer on screen (the CRM's is now), so none of its alerts was marked.";
    s.useAlerts.getState().dismiss('demo-alert-5');
    await settle();
    expect(core.told).toEqual([
      { method: 'dismissAlertToasts', input: { ids: [5], dataSet: 'demo' } },
    ]);
    expect(s.keys()).toEqual([]);
    expect(s.useAlerts.getState().error).toBe(
      "Dismissed in this window only: the demo's data is no longer on screen (the CRM's is now), so none of its alerts was marked.",
    );
  });

  it('a pushed toast names the set the push said', async () => {
    const s = await demoToastUp();
    const refresh = heldAnswer();
    s.push('alerts', {
      dataSet: 'demo',
      delivered: [alert(6)],
      digest: null,
      unread: 2,
      pausedUntil: null,
    });
    s.useAlerts.getState().dismiss('demo-alert-6');
    expect(core.told).toEqual([
      { method: 'dismissAlertToasts', input: { ids: [6], dataSet: 'demo' } },
    ]);
    refresh.send({ ...feed([alert(6), alert(5)]), dataSet: 'demo' });
    await settle();
  });

  it('opening the toast’s person and Mark all as read name the demo too', async () => {
    const s = await demoToastUp();
    const toast = s.useAlerts.getState().toasts[0];
    if (toast?.kind !== 'alert') throw new Error('no alert toast');
    s.useAlerts.getState().open(toast.alert, toast.dataSet);
    await s.useAlerts.getState().markAllRead();
    expect(core.told).toEqual([
      { method: 'markAlertsRead', input: { ids: [5], dataSet: 'demo' } },
      { method: 'markAlertsRead', input: { all: true, dataSet: 'demo' } },
    ]);
  });

  it('opening the demo’s toast after a switch the page has not heard of opens nobody, and says why', async () => {
    const s = await demoToastUp();
    const toast = s.useAlerts.getState().toasts[0];
    if (toast?.kind !== 'alert') throw new Error('no alert toast');
    // The CRM's data is shown now, where the demo's person p5 is nobody (or someone else).
    core.refusal =
      "The demo's data is no longer on screen (the CRM's is now), so none of its alerts was marked.";
    core.refusalCode = 'data-set-gone';
    await s.useAlerts.getState().open(toast.alert, toast.dataSet);
    expect(core.went).toEqual([]);
    expect(s.useAlerts.getState().error).toBe(
      "Not opened: the demo's data is no longer on screen (the CRM's is now), so none of its alerts was marked.",
    );
  });

  it('a core restarting (no refusal for the set) still opens the toast’s person, and says it is not marked read', async () => {
    const s = await demoToastUp();
    const toast = s.useAlerts.getState().toasts[0];
    if (toast?.kind !== 'alert') throw new Error('no alert toast');
    core.refusal = 'The core is starting again; try again in a moment.';
    await s.useAlerts.getState().open(toast.alert, toast.dataSet);
    expect(core.went).toEqual([{ page: 'person', id: 'p5' }]);
    expect(s.useAlerts.getState().error).toBe(
      'Opened, not marked read: the core is starting again; try again in a moment.',
    );
  });

  it('a rep who went to another page while a slow core read the alert is not pulled back to the person', async () => {
    const s = await demoToastUp();
    const toast = s.useAlerts.getState().toasts[0];
    if (toast?.kind !== 'alert') throw new Error('no alert toast');
    let answer = (): void => {};
    core.slow = new Promise<void>((resolve) => (answer = resolve));
    const opening = s.useAlerts.getState().open(toast.alert, toast.dataSet);
    core.route = { page: 'team' };
    answer();
    await opening;
    expect(core.went).toEqual([]);
    expect(core.route).toEqual({ page: 'team' });
  });

  it('opens the toast’s person once the core has marked it read in the toast’s set', async () => {
    const s = await demoToastUp();
    const toast = s.useAlerts.getState().toasts[0];
    if (toast?.kind !== 'alert') throw new Error('no alert toast');
    await s.useAlerts.getState().open(toast.alert, toast.dataSet);
    expect(core.went).toEqual([{ page: 'person', id: 'p5' }]);
    expect(s.keys()).toEqual([]);
    expect(s.useAlerts.getState().recent.map((a) => a.readAt !== null)).toEqual([true]);
  });

  it('a feed row opened from the list is marked read in the set the feed is of', async () => {
    const s = await demoToastUp();
    const [row] = s.useAlerts.getState().recent;
    if (!row) throw new Error('no row');
    s.useAlerts.getState().open(row);
    expect(core.told).toEqual([{ method: 'markAlertsRead', input: { ids: [5], dataSet: 'demo' } }]);
  });
});

describe('more alerts at once than the feed’s newest page', () => {
  it('a digest of 60 read in another tab leaves, though its oldest ten are not on the page', async () => {
    const s = await freshStore();
    s.showSet('crm');
    const opening = heldAnswer();
    s.followAlerts();
    core.takeClock();
    opening.send(feed([]));
    await settle();
    const ids = Array.from({ length: 60 }, (_, i) => i + 1);
    const held = ids.map((id) => alert(id, { delivery: 'held', holdReason: 'hours' }));
    const digest = { title: '60 visitors while you were away', body: '…', ids };
    // The digest's own read of the feed changes nothing yet.
    heldAnswer().send(feed(held.slice(-50).reverse()));
    s.push('alerts', { delivered: held, digest, unread: 60, pausedUntil: null });
    await settle();
    expect(s.keys()).toEqual([`digest-${ids.join('-')}`]);

    // Mark all as read in another tab: an event, then the feed read again. It lists the newest
    // 50, and says of the toast's ids which are settled.
    const refresh = heldAnswer();
    s.push('alerts', { delivered: [], digest: null, unread: 0, pausedUntil: null });
    expect(core.asked.at(-1)).toEqual({ limit: 50, toastIds: ids });
    const read = held.map((a) => ({ ...a, readAt: NOW }));
    refresh.send({ ...feed(read.slice(-50).reverse()), settled: ids });
    await settle();
    expect(s.keys()).toEqual([]);
  });

  it('a toast of the other data set stays when the feed read is of the set now shown', async () => {
    const s = await freshStore();
    s.showSet('demo');
    const opening = heldAnswer();
    s.followAlerts();
    core.takeClock();
    opening.send({ ...feed([alert(5)]), dataSet: 'demo' });
    await settle();
    // Read after a switch the page has not heard of: the CRM's alert 5 is another visitor.
    const refresh = heldAnswer();
    s.push('data-changed', { entities: ['visits'] });
    refresh.send({ ...feed([alert(5, { readAt: NOW })]), dataSet: 'crm', settled: [5] });
    await settle();
    expect(s.keys()).toEqual(['demo-alert-5']);
  });
});
