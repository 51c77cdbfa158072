import type { AlertFeed, AlertItem, AlertsEvent } from '../../shared/alertsContract';
import type { DataSet } from '../../shared/contract';
import { telUri } from '../../shared/telUri';
import { trayClock, trayMenu, type TrayMenuItem } from './trayMenu';

export type { TrayMenuItem };

/**
 * The tray and the native notifications of hot-visitor alerts (VT-7, VT-9). The rules that decide
 * whether and when an alert is delivered live in the core; this only shows what the core
 * delivered, through a `DesktopShell` so the behaviour is tested without Electron.
 */

export type TrayIconKind = 'idle' | 'unread' | 'paused';

export interface TrayHandle {
  setIcon(kind: TrayIconKind): void;
  setToolTip(text: string): void;
  /** macOS shows text beside the menu-bar icon; elsewhere it is ignored. */
  setTitle(text: string): void;
  setMenu(items: TrayMenuItem[]): void;
  destroy(): void;
}

export interface NoticeSpec {
  title: string;
  body: string;
  /** Button labels; only shown where the OS has notification buttons (macOS). */
  actions: string[];
}

export interface NoticeHandlers {
  click(): void;
  action(index: number): void;
  closed(): void;
}

export interface DesktopShell {
  readonly platform: NodeJS.Platform;
  createTray(kind: TrayIconKind): TrayHandle;
  /** The dock / launcher count (macOS and Linux desktops that show one). */
  setBadgeCount(count: number): void;
  /** The taskbar overlay icon (Windows), null to clear. */
  setOverlay(kind: 'unread' | null, description: string): void;
  notificationsSupported(): boolean;
  notify(spec: NoticeSpec, handlers: NoticeHandlers): { close(): void };
  /**
   * Brings the window to the front, or opens one where there is none (macOS keeps running with
   * its windows closed). False when no window will show anything (the app is quitting).
   */
  showWindow(): boolean;
  quit(): void;
}

/** One delivered alert as the desktop shows it; the text is written by the core. */
export interface DesktopAlert {
  id: number;
  personId: string | null;
  /** The visit an alert about an unknown visitor points out on the Visits page. */
  visitId: string | null;
  title: string;
  body: string;
  phone: string | null;
  email: string | null;
  /** Alerts a click marks read: this one, or every alert of a digest. */
  readIds?: number[];
  /**
   * The data set it came from: a click shows that one first, as the screen may have switched
   * since (each set numbers its alerts from 1).
   */
  dataSet?: DataSet;
}

export interface AlertTrayState {
  unread: number;
  /** Newest first. */
  recent: DesktopAlert[];
  /** While paused, the core holds alerts; UTC epoch ms, null when not paused. */
  pausedUntil: number | null;
  /**
   * The rep's zone, as the core reads it with each feed: the tray's times match the window's,
   * wherever the computer's clock is set (a rep abroad, another rep signed in).
   */
  timeZone: string;
  /** The data set the feed is of, when the core said: its menu's clicks name it. */
  dataSet?: DataSet;
}

export interface AlertTrayActions {
  openPerson(personId: string): void;
  /**
   * Everyone's visits (an unknown visitor is nobody's; a digest may name other reps' people),
   * `visitId` pointed out when one visit is meant.
   */
  openVisits(visitId: string | null): void;
  openExternal(url: string): void;
  /** `dataSet`: the set the alert came from, which the core checks is still the one shown. */
  markRead(ids: number[], dataSet?: DataSet): void;
  /**
   * Every unread alert, also those older than the few the menu lists (the core's `{ all: true }`),
   * of `dataSet`: the set the menu listed, which the core checks is still the one shown.
   */
  markAllRead(dataSet?: DataSet): void;
  pause(minutes: number): void;
  resume(): void;
  /** Shows the data set's data in the window; false when it cannot (the CRM was disconnected). */
  showDataSet(set: DataSet): Promise<boolean>;
  /** The data set on screen now (null when the core cannot say). */
  shownDataSet(): Promise<DataSet | null>;
}

export class AlertTray {
  private tray: TrayHandle | null = null;
  // A notification the app no longer references can be collected before it is clicked.
  // Keyed by data set and id: the demo and the CRM number their alerts each from 1.
  private readonly shown = new Map<string, { close(): void }>();
  private state: AlertTrayState = { unread: 0, recent: [], pausedUntil: null, timeZone: 'UTC' };

  constructor(
    private readonly shell: DesktopShell,
    private readonly actions: AlertTrayActions,
  ) {}

  /** Whether the tray icon exists (after the first render): the app can be reached from it. */
  get trayShown(): boolean {
    return this.tray !== null;
  }

  /** Redraws icon, count and menu from the core's state; cheap enough to call on every change. */
  render(state: AlertTrayState): void {
    this.state = state;
    const kind: TrayIconKind =
      state.pausedUntil !== null ? 'paused' : state.unread > 0 ? 'unread' : 'idle';
    this.tray ??= this.shell.createTray(kind);
    this.tray.setIcon(kind);
    this.tray.setToolTip(this.toolTip());
    this.tray.setTitle(state.unread > 0 ? String(state.unread) : '');
    this.tray.setMenu(
      trayMenu(state, {
        showWindow: () => void this.shell.showWindow(),
        open: (alert) => void this.open(alert),
        markAllRead: (dataSet) => this.actions.markAllRead(dataSet),
        pause: (minutes) => this.actions.pause(minutes),
        resume: () => this.actions.resume(),
        quit: () => this.shell.quit(),
      }),
    );
    if (this.shell.platform === 'win32')
      this.shell.setOverlay(
        state.unread > 0 ? 'unread' : null,
        state.unread > 0 ? unreadText(state.unread) : '',
      );
    else this.shell.setBadgeCount(state.unread);
  }

  /** A native notification for a delivered alert; a click opens the person (or the Visits page). */
  notify(alert: DesktopAlert): void {
    if (!this.shell.notificationsSupported()) return;
    const buttons: { label: string; url: string }[] = [];
    if (this.shell.platform === 'darwin') {
      // The number as the toast and the planner dial it: "(0)" dropped, an extension as ";ext=".
      const tel = alert.phone ? telUri(alert.phone) : null;
      if (tel) buttons.push({ label: 'Call', url: tel });
      if (alert.email) buttons.push({ label: 'Email', url: `mailto:${alert.email}` });
    }
    const key = `${alert.dataSet ?? 'shown'} ${alert.id}`;
    this.shown.get(key)?.close();
    const handle = this.shell.notify(
      { title: alert.title, body: alert.body, actions: buttons.map((b) => b.label) },
      {
        click: () => void this.open(alert),
        action: (index) => {
          const button = buttons[index];
          if (!button) return;
          this.actions.openExternal(button.url);
          void this.markReadIfShown(alert);
        },
        closed: () => this.shown.delete(key),
      },
    );
    this.shown.set(key, handle);
  }

  dispose(): void {
    for (const handle of this.shown.values()) handle.close();
    this.shown.clear();
    this.tray?.destroy();
    this.tray = null;
  }

  private async open(alert: DesktopAlert): Promise<void> {
    // An alert no window will show stays unread, in the tray and the next window's list.
    if (!this.shell.showWindow()) return;
    // The person is in that data set, and the read mark goes to the one shown.
    if (alert.dataSet && !(await this.actions.showDataSet(alert.dataSet))) return;
    this.actions.markRead(alert.readIds ?? [alert.id], alert.dataSet);
    if (alert.personId) this.actions.openPerson(alert.personId);
    else this.actions.openVisits(alert.visitId);
  }

  /**
   * A Call or E-mail button: the read mark goes to the data set shown, so it is made only when
   * that is the alert's own (ids are per set); the screen is not switched for a phone call.
   */
  private async markReadIfShown(alert: DesktopAlert): Promise<void> {
    if (alert.dataSet && (await this.actions.shownDataSet()) !== alert.dataSet) return;
    this.actions.markRead(alert.readIds ?? [alert.id], alert.dataSet);
  }

  private toolTip(): string {
    const { unread, pausedUntil } = this.state;
    const parts = ['Contact Window'];
    if (pausedUntil !== null) parts.push(`alerts paused until ${this.clock(pausedUntil)}`);
    if (unread > 0) parts.push(unreadText(unread));
    return parts.join(' · ');
  }

  private clock(at: number): string {
    return trayClock(at, this.state.timeZone);
  }
}

function unreadText(count: number): string {
  return count === 1 ? '1 unread alert' : `${count} unread alerts`;
}

function desktopAlert(item: AlertItem): DesktopAlert {
  const { id, personId, visitId, title, body, phone, email } = item;
  return { id, personId, visitId, title, body, phone, email };
}

/**
 * Follows the core's alert events: one notification per alert delivered on its own, and one for a
 * digest of held ones (a morning's worth must not arrive as twenty), then redraws the tray from
 * the feed.
 */
export class AlertDesktop {
  constructor(
    private readonly tray: AlertTray,
    private readonly feed: () => Promise<AlertFeed>,
    private readonly log: (message: string) => void,
  ) {}

  async handle(event: AlertsEvent & { dataSet?: DataSet }): Promise<void> {
    this.notify(event, event.dataSet ? { dataSet: event.dataSet } : {});
    await this.refresh();
  }

  /**
   * Alerts of the data set not on screen (the CRM's while the demo is shown): notified, a click
   * shows that data set; the tray goes on showing the feed of the one on screen.
   */
  handleElsewhere(event: AlertsEvent & { dataSet: DataSet }): void {
    this.notify(event, { dataSet: event.dataSet });
  }

  private notify(event: AlertsEvent, of: { dataSet?: DataSet }): void {
    // One push may carry a digest of held alerts and alerts raised now: each of the latter is
    // news of its own (the window's toasts do the same).
    const inDigest = new Set(event.digest?.ids ?? []);
    for (const item of event.delivered)
      if (!inDigest.has(item.id)) this.tray.notify({ ...desktopAlert(item), ...of });
    if (event.digest) {
      const { title, body, ids } = event.digest;
      const first = ids[0];
      if (first !== undefined)
        this.tray.notify({
          id: first,
          personId: null,
          visitId: null,
          title,
          body,
          phone: null,
          email: null,
          readIds: ids,
          ...of,
        });
    }
  }

  /** The tray shows what the core holds; a failed read leaves the last picture and is logged. */
  async refresh(): Promise<void> {
    try {
      const feed = await this.feed();
      // The menu lists one set's alerts: a click on one shows that set first, as a
      // notification's does, and Mark all as read names it.
      const of = feed.dataSet ? { dataSet: feed.dataSet } : {};
      this.tray.render({
        unread: feed.unread,
        recent: feed.recent.map((item) => ({ ...desktopAlert(item), ...of })),
        pausedUntil: feed.pausedUntil,
        timeZone: feed.timeZone,
        ...of,
      });
    } catch (error) {
      this.log(`The tray could not read the alerts: ${(error as Error).message}`);
    }
  }
}
