import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertFeed, AlertsEvent } from '../../src/shared/alertsContract';
import type { DataSet, PushedEvents } from '../../src/shared/contract';
import { trayReadAllInput, trayReadInput } from '../../src/main/alerts/trayReadMarks';
import {
  AlertDesktop,
  AlertTray,
  type DesktopShell,
  type TrayMenuItem,
} from '../../src/main/electron/alertTray';
import { openDataSets, type DataSets } from '../../src/main/core/dataSets';
import type { Core } from '../../src/main/core/createCore';
import { createCore } from '../../src/main/core/createCore';
import { openDatabase } from '../../src/main/db/openDatabase';
import { readSetting, writeSetting } from '../../src/main/settings/settingsStore';
import { startWebHost } from '../../src/main/web/webHost';
import { isDataSetGone } from '../../src/shared/dataSetGone';
import { makeTempDir, type TempDir } from '../fixtures/tempDb';
import { addVisit, alertsOrgDb, MIN, MONDAY_10 } from '../fixtures/alertsOrg';

// The demo and the CRM's copy, each an organisation of its own file, as the app opens them.
let dir: TempDir;
let data: DataSets;
let crm: Core;
let now: number;
let pushed: { name: string; payload: unknown }[];
/** What the window hears. */
let hub: EventEmitter;

beforeEach(async () => {
  dir = makeTempDir('cw-alerts-sets-');
  now = MONDAY_10;
  for (const name of ['demo.db', 'crm.db']) await (await alertsOrgDb(dir, name)).close();
  await openSets();
});
afterEach(async () => {
  await data.close();
  dir.remove();
});

/** Opens both as the app starts: the demo, then the CRM's copy (CrmConnection.resume). */
async function openSets(): Promise<void> {
  const events = new EventEmitter();
  hub = events;
  pushed = [];
  for (const name of ['alerts', 'alerts-elsewhere'])
    events.on(name, (payload: unknown) => pushed.push({ name, payload }));
  data = await openDataSets(
    {
      demoPath: dir.file('demo.db'),
      crmPath: dir.file('crm.db'),
      clock: () => now,
      scheduled: false,
      demoLive: false,
      demoPeople: 0,
    },
    events,
  );
  crm = await data.openCrm();
}

/** A visitor on the website now, as a sync stores one. */
function visitor(core: Core, id: string): void {
  addVisit(core.db, { id, personId: 'p-cust', start: now - MIN });
  core.emit('data-changed', { entities: ['visits'] });
}

function visitIds(name: string): string[][] {
  return pushed
    .filter((p) => p.name === name)
    .map((p) => (p.payload as AlertsEvent).delivered.map((a) => a.visitId ?? ''));
}

describe('alerts of the data set not on screen', () => {
  it('notifies a real prospect on the website while the demo is on screen, saying it is the CRM’s', async () => {
    expect(data.shown()).toBe('demo');
    visitor(crm, 'crm-1');
    expect(visitIds('alerts')).toEqual([]);
    expect(visitIds('alerts-elsewhere')).toEqual([['crm-1']]);
    const event = pushed[0]?.payload as PushedEvents['alerts-elsewhere'];
    expect(event.dataSet).toBe('crm');
    // Reading it goes to the CRM's feed, once its data is shown.
    await data.show('crm');
    expect((await crm.handlers.listAlerts({ limit: 5 })).unread).toBe(1);
  });

  it('keeps the demo quiet while the CRM’s data is shown: no notice, nothing unread piling up', async () => {
    await data.show('crm');
    visitor(data.demo, 'demo-1');
    expect(pushed).toEqual([]);
    expect((await data.demo.handlers.listAlerts({ limit: 5 })).unread).toBe(0);
    // Back on the demo, a sample visitor still on the website is news again.
    await data.show('demo');
    now += MIN;
    data.demo.emit('data-changed', { entities: ['visits'] });
    expect(visitIds('alerts')).toEqual([['demo-1']]);
  });

  it('says which data set the alerts on screen are of, and a switch to the one shown reloads nothing', async () => {
    await data.show('crm');
    const changes: unknown[] = [];
    visitor(crm, 'crm-3');
    expect((pushed.at(-1)?.payload as PushedEvents['alerts']).dataSet).toBe('crm');
    hub.on('data-changed', (c: unknown) => changes.push(c));
    await data.show('crm');
    expect(data.shown()).toBe('crm');
    expect(changes).toEqual([]);
    // Chosen again while a start fell back to it, the choice is kept for the next start.
    writeSetting(data.demo.db, 'active_data_set', 'demo');
    await data.show('crm');
    expect(readSetting(data.demo.db, 'active_data_set')).toBe('crm');
  });

  it('switches nothing when the switch fails: the demo stays on screen and its visitors still notify', async () => {
    crm.refreshStaleSuggestions = () => Promise.reject(new Error('database is locked'));
    await expect(data.show('crm')).rejects.toThrow('database is locked');
    expect(data.shown()).toBe('demo');
    visitor(data.demo, 'demo-2');
    expect(visitIds('alerts')).toEqual([['demo-2']]);
  });

  it('shows the CRM’s alerts as before when its data is on screen', async () => {
    await data.show('crm');
    visitor(crm, 'crm-2');
    expect(visitIds('alerts')).toEqual([['crm-2']]);
    expect(visitIds('alerts-elsewhere')).toEqual([]);
  });
});

describe('the demo’s alerts due at start, when the CRM’s data was left on screen', () => {
  it('notify nothing then, and are delivered when the demo is shown again', async () => {
    await data.close();
    const db = await openDatabase(dir.file('demo.db'));
    now = Date.UTC(2026, 10, 28, 10, 0); // Saturday 11:00 in Berlin: held for working hours
    const demo = createCore(db, () => now);
    demo.alerts.start();
    addVisit(db, { id: 'w1', personId: 'p-cust', start: now - MIN });
    demo.emit('data-changed', { entities: ['visits'] });
    expect((await demo.handlers.listAlerts({ limit: 5 })).held).toBe(1);
    writeSetting(db, 'active_data_set', 'crm');
    demo.alerts.dispose();
    await db.close();

    now = Date.UTC(2026, 10, 30, 7, 5); // Monday 08:05: work has begun
    await openSets();
    await data.restoreShown();
    expect(data.shown()).toBe('crm');
    expect(pushed).toEqual([]);
    await data.show('demo');
    expect(visitIds('alerts')).toEqual([['w1']]);
  });
});

describe('the CRM’s alerts due at start, when its data was left on screen', () => {
  it('go to the window as well as the tray', async () => {
    await data.show('crm');
    await data.close();
    const db = await openDatabase(dir.file('crm.db'));
    now = Date.UTC(2026, 10, 28, 10, 0); // Saturday 11:00 in Berlin: held for working hours
    const copy = createCore(db, () => now);
    copy.alerts.start();
    addVisit(db, { id: 'w1', personId: 'p-cust', start: now - MIN });
    copy.emit('data-changed', { entities: ['visits'] });
    copy.alerts.dispose();
    await db.close();

    now = Date.UTC(2026, 10, 30, 7, 5); // Monday 08:05
    await openSets();
    await data.restoreShown();
    expect(visitIds('alerts')).toEqual([['w1']]);
    expect(visitIds('alerts-elsewhere')).toEqual([]);
  });
});

describe('a Dismiss or a read sent for the data set a switch has just hidden', () => {
  /**
   * Alert 1 in each file (ids are per file): the demo's delivered while it was shown, then the
   * CRM's once its data is. The page has not heard of the switch yet: its toast is the demo's.
   */
  async function alertOneInBoth(): Promise<void> {
    visitor(data.demo, 'demo-1');
    await data.show('crm');
    visitor(crm, 'crm-1');
    for (const core of [data.demo, crm])
      expect((await core.handlers.listAlerts({ limit: 5 })).recent.map((a) => a.id)).toEqual([1]);
  }

  /** What the workspace does with a page's call: the core of the data set shown answers it. */
  const send = (method: string, input: unknown) => data.current().dispatch(method, input);

  async function alertOne(core: Core) {
    const [alert] = (await core.handlers.listAlerts({ limit: 5 })).recent;
    if (!alert) throw new Error('no alert 1');
    return alert;
  }

  it('dismisses nothing in the CRM’s file for the demo’s toast, and says why', async () => {
    await alertOneInBoth();
    expect(await send('dismissAlertToasts', { ids: [1], dataSet: 'demo' })).toEqual({
      ok: false,
      error:
        "The demo's data is no longer on screen (the CRM's is now), so none of its alerts was marked.",
      // The page tells this refusal from any other failure by its code, not its words.
      code: 'data-set-gone',
    });
    expect((await alertOne(crm)).toastDismissedAt).toBeNull();
    expect((await alertOne(data.demo)).toastDismissedAt).toBeNull();
    // The CRM's own toast, named so, is dismissed as before.
    expect(await send('dismissAlertToasts', { ids: [1], dataSet: 'crm' })).toMatchObject({
      ok: true,
    });
    expect((await alertOne(crm)).toastDismissedAt).toBe(now);
  });

  it('says so by its code over the web host, as the browser page receives the answer', async () => {
    await alertOneInBoth();
    // The web host in front of the workspace's data set shown (`serve`), over real HTTP.
    mkdirSync(dir.file('static'));
    writeFileSync(dir.file('static/index.html'), '<!doctype html><title>Contact Window</title>');
    const host = await startWebHost({
      core: {
        dispatch: (method, input) => data.current().dispatch(method, input),
        on: (event, listener) => data.current().on(event, listener),
      },
      staticDir: dir.file('static'),
    });
    try {
      const answer = (await (
        await fetch(`${host.url}api/call/dismissAlertToasts`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
          body: JSON.stringify({ ids: [1], dataSet: 'demo' }),
        })
      ).json()) as { ok: boolean; error?: string; code?: string };
      expect(answer).toMatchObject({ ok: false, error: expect.stringContaining('no longer on') });
      // The page's client throws an error carrying the answer's code (api/client.ts): the store
      // tells this refusal from a failure by that code alone.
      expect(isDataSetGone({ code: answer.code })).toBe(true);
    } finally {
      await host.close();
    }
    expect((await alertOne(crm)).toastDismissedAt).toBeNull();
  });

  it('opening the demo’s alert or Mark all as read on its feed marks no CRM alert read', async () => {
    await alertOneInBoth();
    for (const which of [{ ids: [1] }, { all: true }]) {
      const answer = await send('markAlertsRead', { ...which, dataSet: 'demo' });
      expect(answer).toMatchObject({
        ok: false,
        error: expect.stringContaining('no longer on screen'),
        code: 'data-set-gone',
      });
    }
    expect((await alertOne(crm)).readAt).toBeNull();
    expect(await send('markAlertsRead', { ids: [1], dataSet: 'crm' })).toEqual({
      ok: true,
      value: { unread: 0 },
    });
    expect((await alertOne(crm)).readAt).toBe(now);
  });

  it('a call that names no data set (an older page, the tray) marks the one shown, as before', async () => {
    await alertOneInBoth();
    expect(await send('markAlertsRead', { all: true })).toEqual({ ok: true, value: { unread: 0 } });
    expect((await alertOne(crm)).readAt).toBe(now);
    expect((await alertOne(data.demo)).readAt).toBeNull();
  });

  it('the feed says which data set its alerts are of', async () => {
    await alertOneInBoth();
    expect(await send('listAlerts', { limit: 5 })).toMatchObject({
      ok: true,
      value: { dataSet: 'crm' },
    });
  });
});

describe('the tray menu, drawn from the demo’s feed and clicked after a switch to the CRM’s data', () => {
  /** The tray as the app wires it (src/main/index.ts), its calls answered by the workspace. */
  function trayOverWorkspace() {
    let menu: TrayMenuItem[] = [];
    const told: string[] = [];
    const shell: DesktopShell = {
      platform: 'linux',
      createTray: () => ({
        setIcon: () => {},
        setToolTip: () => {},
        setTitle: () => {},
        setMenu: (items) => void (menu = items),
        destroy: () => {},
      }),
      setBadgeCount: () => {},
      setOverlay: () => {},
      notificationsSupported: () => false,
      notify: () => ({ close: () => {} }),
      showWindow: () => true,
      quit: () => {},
    };
    const call = (method: string, input: unknown): void => {
      void data
        .current()
        .dispatch(method, input)
        .then((r) => told.push(r.ok ? `${method} ok` : `${method}: ${r.error}`));
    };
    const tray = new AlertTray(shell, {
      openPerson: (id) => told.push(`person ${id}`),
      openVisits: () => told.push('visits'),
      openExternal: () => {},
      markRead: (ids, set) => call('markAlertsRead', trayReadInput(ids, set)),
      markAllRead: (set) => call('markAlertsRead', trayReadAllInput(set)),
      pause: () => {},
      resume: () => {},
      shownDataSet: async () => data.shown(),
      showDataSet: async (set: DataSet) => {
        await data.show(set);
        return true;
      },
    });
    const desktop = new AlertDesktop(
      tray,
      () => data.current().handlers.listAlerts({ limit: 5 }) as Promise<AlertFeed>,
      () => {},
    );
    const click = async (label: string): Promise<void> => {
      const item = menu.find((i) => !('type' in i) && i.label.startsWith(label));
      if (!item || 'type' in item || !item.click) throw new Error(`no menu item ${label}`);
      item.click();
      // The click's calls answered (a switch, then a read).
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    return { desktop, told, click };
  }

  async function unreadIds(set: DataSet): Promise<number[]> {
    const core = set === 'demo' ? data.demo : crm;
    const { recent } = await core.handlers.listAlerts({ limit: 5 });
    return recent.filter((a) => a.readAt === null).map((a) => a.id);
  }

  /** The demo's alert 1 in the menu; then the CRM's data shown, with its own alert 1. */
  async function staleMenu() {
    const tray = trayOverWorkspace();
    visitor(data.demo, 'demo-1');
    await tray.desktop.refresh();
    await data.show('crm');
    visitor(crm, 'crm-1');
    expect(await unreadIds('demo')).toEqual([1]);
    expect(await unreadIds('crm')).toEqual([1]);
    return tray;
  }

  it('Mark all as read marks none of the CRM’s alerts, and the core says why', async () => {
    const tray = await staleMenu();
    await tray.click('Mark all as read');
    expect(tray.told).toEqual([
      "markAlertsRead: The demo's data is no longer on screen (the CRM's is now), so none of its alerts was marked.",
    ]);
    expect(await unreadIds('crm')).toEqual([1]);
    expect(await unreadIds('demo')).toEqual([1]);
  });

  it('the demo’s alert listed shows the demo again, then is read and opened there', async () => {
    const tray = await staleMenu();
    const title = (await data.demo.handlers.listAlerts({ limit: 5 })).recent[0]?.title ?? '';
    await tray.click(title);
    expect(data.shown()).toBe('demo');
    expect(tray.told).toEqual(['person p-cust', 'markAlertsRead ok']);
    expect(await unreadIds('demo')).toEqual([]);
    expect(await unreadIds('crm')).toEqual([1]);
  });
});
