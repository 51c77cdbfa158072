import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { AlertFeed, AlertItem } from '../../../src/shared/alertsContract';
import type { DataSet } from '../../../src/shared/contract';
import {
  AlertDesktop,
  AlertTray,
  type AlertTrayActions,
  type DesktopAlert,
  type DesktopShell,
  type NoticeHandlers,
  type NoticeSpec,
  type TrayIconKind,
  type TrayMenuItem,
} from '../../../src/main/electron/alertTray';
import { externalTarget } from '../../../src/main/electron/externalLinks';

// A fake desktop: records what the OS would show, and lets a test click it.
function fakeDesktop(
  platform: NodeJS.Platform,
  supported = true,
  windowPossible = true,
  dataSetShown = true,
) {
  const seen = {
    trays: 0,
    icon: null as TrayIconKind | null,
    toolTip: '',
    title: '',
    menu: [] as TrayMenuItem[],
    badge: null as number | null,
    overlay: undefined as 'unread' | null | undefined,
    notices: [] as { spec: NoticeSpec; on: NoticeHandlers; closed: boolean }[],
    windowShown: 0,
    quit: 0,
    destroyed: 0,
  };
  const shell: DesktopShell = {
    platform,
    createTray(kind) {
      seen.trays++;
      seen.icon = kind;
      return {
        setIcon: (k) => void (seen.icon = k),
        setToolTip: (t) => void (seen.toolTip = t),
        setTitle: (t) => void (seen.title = t),
        setMenu: (items) => void (seen.menu = items),
        destroy: () => void seen.destroyed++,
      };
    },
    setBadgeCount: (n) => void (seen.badge = n),
    setOverlay: (kind) => void (seen.overlay = kind),
    notificationsSupported: () => supported,
    notify(spec, on) {
      const entry = { spec, on, closed: false };
      seen.notices.push(entry);
      return { close: () => void (entry.closed = true) };
    },
    showWindow: () => {
      seen.windowShown++;
      return windowPossible;
    },
    quit: () => void seen.quit++,
  };
  const calls: string[] = [];
  let onScreen: DataSet = 'demo';
  const actions: AlertTrayActions = {
    openPerson: (id) => calls.push(`person ${id}`),
    openVisits: (visitId) => calls.push(visitId ? `visits, pointing out ${visitId}` : 'visits'),
    openExternal: (url) => calls.push(`external ${url}`),
    markRead: (ids, dataSet) =>
      calls.push(`read ${ids.join(',')}${dataSet ? ` in ${dataSet}` : ''}`),
    markAllRead: (dataSet) => calls.push(`read all${dataSet ? ` in ${dataSet}` : ''}`),
    pause: (minutes) => calls.push(`pause ${minutes}`),
    resume: () => calls.push('resume'),
    showDataSet: async (set) => {
      calls.push(`show ${set}`);
      if (dataSetShown) onScreen = set;
      return dataSetShown;
    },
    shownDataSet: async () => onScreen,
  };
  return { shell, seen, calls, actions };
}

function notice<T>(seen: { notices: T[] }, index: number): T {
  const entry = seen.notices[index];
  if (!entry) throw new Error(`no notification ${index}`);
  return entry;
}

const ALERT: DesktopAlert = {
  id: 7,
  personId: 'p-42',
  visitId: 'v-42',
  title: 'Mika Tanaka (Kobe Steel) is on your website',
  body: 'Customer with open deal · reading /pricing · score 48 · in their call window now ★★★★',
  phone: '+81 3 1234 5678',
  email: 'mika@example.co.jp',
};

function labels(menu: TrayMenuItem[]): string[] {
  return menu.map((item) => ('type' in item ? '—' : item.label));
}

function click(menu: TrayMenuItem[], label: string): void {
  const item = menu.find((i) => !('type' in i) && i.label.startsWith(label));
  if (!item || 'type' in item || !item.click) throw new Error(`no menu item ${label}`);
  item.click();
}

describe('the tray (VT-7)', () => {
  it('shows the unread count on the icon, the dock badge and the menu, and clears it', () => {
    const { shell, seen, actions } = fakeDesktop('linux');
    const tray = new AlertTray(shell, actions);
    tray.render({ unread: 0, recent: [], pausedUntil: null, timeZone: 'UTC' });
    expect(seen.icon).toBe('idle');
    expect(seen.badge).toBe(0);
    expect(labels(seen.menu)).toEqual([
      'Open Contact Window',
      '—',
      'No recent alerts',
      '—',
      'Pause alerts for 1 hour',
      '—',
      'Quit Contact Window',
    ]);

    tray.render({
      unread: 2,
      recent: [ALERT, { ...ALERT, id: 8, title: 'Unknown visitor' }],
      pausedUntil: null,
      timeZone: 'UTC',
    });
    expect(seen.trays).toBe(1);
    expect(seen.icon).toBe('unread');
    expect(seen.badge).toBe(2);
    expect(seen.title).toBe('2');
    expect(seen.toolTip).toBe('Contact Window · 2 unread alerts');
    expect(labels(seen.menu)).toContain('Recent alerts (2 unread)');
    expect(labels(seen.menu)).toContain(ALERT.title);

    tray.render({ unread: 0, recent: [ALERT], pausedUntil: null, timeZone: 'UTC' });
    expect(seen.icon).toBe('idle');
    expect(seen.badge).toBe(0);
    expect(seen.title).toBe('');
  });

  it('uses the taskbar overlay on Windows instead of a badge', () => {
    const { shell, seen, actions } = fakeDesktop('win32');
    const tray = new AlertTray(shell, actions);
    tray.render({ unread: 3, recent: [ALERT], pausedUntil: null, timeZone: 'UTC' });
    expect(seen.overlay).toBe('unread');
    expect(seen.badge).toBeNull();
    tray.render({ unread: 0, recent: [ALERT], pausedUntil: null, timeZone: 'UTC' });
    expect(seen.overlay).toBeNull();
  });

  it('pauses for an hour from the menu and says until when, in the rep’s zone', () => {
    const { shell, seen, calls, actions } = fakeDesktop('linux');
    const tray = new AlertTray(shell, actions);
    tray.render({ unread: 0, recent: [], pausedUntil: null, timeZone: 'UTC' });
    click(seen.menu, 'Pause alerts for 1 hour');
    expect(calls).toEqual(['pause 60']);

    // 2026-03-08 is the spring-forward day in New York: 15:30 UTC is 11:30 EDT, not 10:30.
    const until = DateTime.fromISO('2026-03-08T15:30:00Z').toMillis();
    tray.render({ unread: 0, recent: [], pausedUntil: until, timeZone: 'America/New_York' });
    expect(seen.icon).toBe('paused');
    expect(seen.toolTip).toBe('Contact Window · alerts paused until 11:30');
    click(seen.menu, 'Resume alerts');
    expect(calls).toEqual(['pause 60', 'resume']);
  });

  it('opens a recent alert’s person (or the unknown visitor’s visit) from the menu and marks everything read', () => {
    const { shell, seen, calls, actions } = fakeDesktop('linux');
    const tray = new AlertTray(shell, actions);
    const unknown = {
      ...ALERT,
      id: 9,
      personId: null,
      visitId: 'v-9',
      title: 'Unknown visitor on /pricing',
    };
    tray.render({ unread: 2, recent: [ALERT, unknown], pausedUntil: null, timeZone: 'UTC' });
    click(seen.menu, ALERT.title);
    click(seen.menu, unknown.title);
    click(seen.menu, 'Mark all as read');
    // An unknown visitor is nobody's: everyone's visits open, theirs pointed out.
    expect(calls).toEqual([
      'read 7',
      'person p-42',
      'read 9',
      'visits, pointing out v-9',
      'read all',
    ]);
    expect(seen.windowShown).toBe(2);
  });

  it('marks every unread alert read, not only the five the menu lists', () => {
    const { shell, seen, calls, actions } = fakeDesktop('linux');
    const tray = new AlertTray(shell, actions);
    const recent = [1, 2, 3, 4, 5].map((id) => ({ ...ALERT, id, title: `Alert ${id}` }));
    tray.render({ unread: 12, recent, pausedUntil: null, timeZone: 'UTC' });
    expect(labels(seen.menu)).toContain('Recent alerts (12 unread)');
    click(seen.menu, 'Mark all as read');
    expect(calls).toEqual(['read all']);
  });

  it('quits from the menu and removes its icon when disposed', () => {
    const { shell, seen, actions } = fakeDesktop('darwin');
    const tray = new AlertTray(shell, actions);
    tray.render({ unread: 0, recent: [], pausedUntil: null, timeZone: 'UTC' });
    click(seen.menu, 'Quit');
    expect(seen.quit).toBe(1);
    tray.dispose();
    expect(seen.destroyed).toBe(1);
  });
});

describe('the native notification (VT-9)', () => {
  it('opens the person on a click and marks the alert read', () => {
    const { shell, seen, calls, actions } = fakeDesktop('linux');
    new AlertTray(shell, actions).notify(ALERT);
    expect(seen.notices).toHaveLength(1);
    expect(notice(seen, 0).spec).toEqual({ title: ALERT.title, body: ALERT.body, actions: [] });
    notice(seen, 0).on.click();
    expect(calls).toEqual(['read 7', 'person p-42']);
    expect(seen.windowShown).toBe(1);
  });

  it('leaves the alert unread when no window can show it (the app is quitting)', () => {
    const { shell, seen, calls, actions } = fakeDesktop('darwin', true, false);
    const tray = new AlertTray(shell, actions);
    tray.notify(ALERT);
    notice(seen, 0).on.click();
    tray.render({ unread: 1, recent: [ALERT], pausedUntil: null, timeZone: 'UTC' });
    click(seen.menu, ALERT.title);
    // A window was asked for each time; nothing said it would show the alert, so it stays unread.
    expect(seen.windowShown).toBe(2);
    expect(calls).toEqual([]);
  });

  it('offers Call and Email where the OS has buttons, and they go to the OS', () => {
    const { shell, seen, calls, actions } = fakeDesktop('darwin');
    new AlertTray(shell, actions).notify(ALERT);
    expect(notice(seen, 0).spec.actions).toEqual(['Call', 'Email']);
    notice(seen, 0).on.action(0);
    notice(seen, 0).on.action(1);
    expect(calls).toEqual([
      'external tel:+81312345678',
      'read 7',
      'external mailto:mika@example.co.jp',
      'read 7',
    ]);
    expect(seen.windowShown).toBe(0);
  });

  it.each([
    ['+44 (0)20 7946 0958', 'tel:+442079460958'],
    ['+1 415 555 0100 ext. 23', 'tel:+14155550100;ext=23'],
    ['030/1234567 x12', 'tel:0301234567;ext=12'],
  ])('dials %s as the toast does (%s), a number the OS is handed', (phone, tel) => {
    const { shell, seen, calls, actions } = fakeDesktop('darwin');
    new AlertTray(shell, actions).notify({ ...ALERT, phone, email: null });
    expect(notice(seen, 0).spec.actions).toEqual(['Call']);
    notice(seen, 0).on.action(0);
    expect(calls[0]).toBe(`external ${tel}`);
    // The app's glue hands a Call button's URL to the OS only through this check.
    expect(externalTarget(tel)).toBe(tel);
  });

  it('offers no Call button for a phone field that holds no number', () => {
    const { shell, seen, actions } = fakeDesktop('darwin');
    new AlertTray(shell, actions).notify({ ...ALERT, phone: 'ask reception' });
    expect(notice(seen, 0).spec.actions).toEqual(['Email']);
  });

  it('offers no button for a visitor without a number or address', () => {
    const { shell, seen, actions } = fakeDesktop('darwin');
    new AlertTray(shell, actions).notify({ ...ALERT, phone: null, email: null });
    expect(notice(seen, 0).spec.actions).toEqual([]);
  });

  it('shows nothing where the OS has no notifications, and replaces an alert shown again', () => {
    const none = fakeDesktop('linux', false);
    new AlertTray(none.shell, none.actions).notify(ALERT);
    expect(none.seen.notices).toHaveLength(0);

    const { shell, seen, actions } = fakeDesktop('linux');
    const tray = new AlertTray(shell, actions);
    tray.notify(ALERT);
    tray.notify({ ...ALERT, body: 'now reading /pricing/enterprise' });
    expect(seen.notices.map((n) => n.closed)).toEqual([true, false]);
    tray.dispose();
    expect(notice(seen, 1).closed).toBe(true);
  });
});

const NO_FEED: AlertFeed = {
  unread: 0,
  held: 0,
  heldAlerts: [],
  pausedUntil: null,
  recent: [],
  timeZone: 'UTC',
};

/** The desktop follower over a fake desktop, reading `feed` each time it redraws. */
function desktopOver(
  shell: DesktopShell,
  actions: AlertTrayActions,
  feed: AlertFeed,
): AlertDesktop {
  return new AlertDesktop(
    new AlertTray(shell, actions),
    async () => feed,
    () => {},
  );
}

function item(id: number, patch: Partial<AlertItem> = {}): AlertItem {
  return {
    id,
    personId: `p-${id}`,
    visitId: `v-${id}`,
    visitorId: `p-${id}`,
    name: 'Mika Tanaka',
    company: 'Kobe Steel',
    email: 'mika@example.co.jp',
    phone: null,
    category: 'customer_open_deal',
    rule: 'My people',
    score: 48,
    pages: ['/pricing'],
    visitStartedAt: 0,
    alertAt: 0,
    delivery: 'now',
    holdReason: null,
    deliverAt: null,
    deliveredAt: 0,
    readAt: null,
    toastDismissedAt: null,
    bestWindow: null,
    title: `Alert ${id}`,
    body: 'reading /pricing',
    ...patch,
  };
}

describe('following the core’s alert events', () => {
  it('says until when a pause lasts in the zone the feed names, following a change of rep or zone', async () => {
    const { shell, seen, actions } = fakeDesktop('linux');
    // 2026-10-25 01:30 UTC: Berlin has just gone back to winter time (02:30 CET), Tokyo 10:30.
    const until = DateTime.fromISO('2026-10-25T01:30:00Z').toMillis();
    let feed: AlertFeed = { ...NO_FEED, pausedUntil: until, timeZone: 'Asia/Tokyo' };
    const desktop = new AlertDesktop(
      new AlertTray(shell, actions),
      async () => feed,
      () => {},
    );
    await desktop.refresh();
    expect(seen.toolTip).toBe('Contact Window · alerts paused until 10:30');
    feed = { ...feed, timeZone: 'Europe/Berlin' };
    await desktop.refresh();
    expect(seen.toolTip).toBe('Contact Window · alerts paused until 02:30');
  });

  it('shows each delivered alert and redraws the tray from the feed', async () => {
    const { shell, seen, actions } = fakeDesktop('linux');
    const feed: AlertFeed = {
      unread: 2,
      held: 0,
      heldAlerts: [],
      pausedUntil: null,
      recent: [item(2), item(1)],
      timeZone: 'UTC',
    };
    const desktop = desktopOver(shell, actions, feed);
    await desktop.handle({
      delivered: [item(1), item(2)],
      digest: null,
      unread: 2,
      pausedUntil: null,
    });
    expect(seen.notices.map((n) => n.spec.title)).toEqual(['Alert 1', 'Alert 2']);
    expect(seen.badge).toBe(2);
    expect(labels(seen.menu)).toContain('Alert 2');
  });

  it('shows a digest of held alerts as one notification that marks them all read', async () => {
    const { shell, seen, calls, actions } = fakeDesktop('linux');
    const feed: AlertFeed = {
      unread: 3,
      held: 0,
      heldAlerts: [],
      pausedUntil: null,
      recent: [item(3), item(4), item(5)],
      timeZone: 'UTC',
    };
    const desktop = desktopOver(shell, actions, feed);
    await desktop.handle({
      delivered: [item(3), item(4), item(5)],
      digest: { title: '3 visitors while you were away', body: 'Mika Tanaka, …', ids: [3, 4, 5] },
      unread: 3,
      pausedUntil: null,
    });
    expect(seen.notices).toHaveLength(1);
    notice(seen, 0).on.click();
    expect(calls).toEqual(['read 3,4,5', 'visits']);
  });

  it('shows an alert raised now beside the digest delivered in the same push', async () => {
    const { shell, seen, calls, actions } = fakeDesktop('linux');
    const feed: AlertFeed = {
      unread: 3,
      held: 0,
      heldAlerts: [],
      pausedUntil: null,
      recent: [item(1), item(3), item(4)],
      timeZone: 'UTC',
    };
    const desktop = desktopOver(shell, actions, feed);
    await desktop.handle({
      delivered: [item(1), item(3), item(4)],
      digest: { title: '2 visitors while you were away', body: 'Mika Tanaka, …', ids: [3, 4] },
      unread: 3,
      pausedUntil: null,
    });
    expect(seen.notices.map((n) => n.spec.title)).toEqual([
      'Alert 1',
      '2 visitors while you were away',
    ]);
    notice(seen, 0).on.click();
    notice(seen, 1).on.click();
    expect(calls).toEqual(['read 1', 'person p-1', 'read 3,4', 'visits']);
  });

  it('notifies a real prospect while the demo is on screen; a click shows the CRM, then the person', async () => {
    const { shell, seen, calls, actions } = fakeDesktop('linux');
    let feedRead = 0;
    const desktop = new AlertDesktop(
      new AlertTray(shell, actions),
      async () => {
        feedRead++;
        return {
          unread: 0,
          held: 0,
          heldAlerts: [],
          pausedUntil: null,
          recent: [],
          timeZone: 'UTC',
        };
      },
      () => {},
    );
    desktop.handleElsewhere({
      dataSet: 'crm',
      delivered: [item(5)],
      digest: null,
      unread: 1,
      pausedUntil: null,
    });
    // The demo's own alert 5, shown too, is another notification (each set counts from 1).
    await desktop.handle({ delivered: [item(5)], digest: null, unread: 1, pausedUntil: null });
    expect(seen.notices.map((n) => [n.spec.title, n.closed])).toEqual([
      ['Alert 5', false],
      ['Alert 5', false],
    ]);
    notice(seen, 0).on.click();
    await Promise.resolve();
    expect(calls).toEqual(['show crm', 'read 5 in crm', 'person p-5']);
    // The tray shows the feed of the data set on screen: the CRM's alert did not redraw it.
    expect(feedRead).toBe(1);
  });

  it('marks a notification read in the data set it came from, after the screen switched to the other', async () => {
    const { shell, seen, calls, actions } = fakeDesktop('darwin');
    const desktop = desktopOver(shell, actions, { ...NO_FEED, unread: 1 });
    // The demo's alert 5, on screen when it came; the CRM's alert 5 a moment later.
    const demo5 = { ...item(5), phone: '+49 30 1' };
    await desktop.handle({
      dataSet: 'demo',
      delivered: [demo5],
      digest: null,
      unread: 1,
      pausedUntil: null,
    });
    desktop.handleElsewhere({
      dataSet: 'crm',
      delivered: [item(5)],
      digest: null,
      unread: 1,
      pausedUntil: null,
    });
    // The CRM's notice does not close the demo's: ids are per data set.
    expect(seen.notices.map((n) => n.closed)).toEqual([false, false]);
    notice(seen, 1).on.click();
    await Promise.resolve();
    // The CRM is on screen now; the demo's notice still reads and opens in the demo.
    notice(seen, 0).on.click();
    await Promise.resolve();
    notice(seen, 0).on.action?.(0);
    await Promise.resolve();
    // A Call button reads the alert where it lives, without switching the screen for it.
    notice(seen, 1).on.action?.(0);
    await Promise.resolve();
    expect(calls).toEqual([
      'show crm',
      'read 5 in crm',
      'person p-5',
      'show demo',
      'read 5 in demo',
      'person p-5',
      'external tel:+49301',
      // Named for its set, so a core switched in the meantime refuses it instead of marking
      // the other set's alert 5.
      'read 5 in demo',
      'external mailto:mika@example.co.jp',
    ]);
  });

  it('the menu read from the demo’s feed marks all read in the demo, and opens its alerts there', async () => {
    const { shell, seen, calls, actions } = fakeDesktop('linux');
    const desktop = desktopOver(shell, actions, {
      ...NO_FEED,
      unread: 1,
      recent: [item(5)],
      dataSet: 'demo',
    });
    await desktop.refresh();
    // Clicked after the window switched to the CRM's data, before the menu was redrawn.
    click(seen.menu, 'Mark all as read');
    click(seen.menu, 'Alert 5');
    await Promise.resolve();
    expect(calls).toEqual(['read all in demo', 'show demo', 'read 5 in demo', 'person p-5']);
  });

  it('leaves an alert of the CRM unread when its data cannot be shown (disconnected since)', async () => {
    const { shell, seen, calls, actions } = fakeDesktop('linux', true, true, false);
    const desktop = desktopOver(shell, actions, NO_FEED);
    desktop.handleElsewhere({
      dataSet: 'crm',
      delivered: [item(3), item(4)],
      digest: { title: '2 visitors while you were away', body: '…', ids: [3, 4] },
      unread: 2,
      pausedUntil: null,
    });
    expect(seen.notices.map((n) => n.spec.title)).toEqual(['2 visitors while you were away']);
    notice(seen, 0).on.click();
    await Promise.resolve();
    expect(calls).toEqual(['show crm']);
  });

  it('keeps the last picture and says why when the feed cannot be read', async () => {
    const { shell, seen, actions } = fakeDesktop('linux');
    const logged: string[] = [];
    const tray = new AlertTray(shell, actions);
    tray.render({ unread: 1, recent: [ALERT], pausedUntil: null, timeZone: 'UTC' });
    const desktop = new AlertDesktop(
      tray,
      () => Promise.reject(new Error('The core restarted.')),
      (m) => logged.push(m),
    );
    await desktop.handle({ delivered: [item(9)], digest: null, unread: 2, pausedUntil: null });
    expect(seen.notices).toHaveLength(1);
    expect(seen.badge).toBe(1);
    expect(logged).toEqual(['The tray could not read the alerts: The core restarted.']);
  });
});
