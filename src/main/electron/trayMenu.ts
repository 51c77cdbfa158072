import { DateTime } from 'luxon';
import type { DataSet } from '../../shared/contract';

export type TrayMenuItem =
  { type: 'separator' } | { label: string; enabled?: boolean; click?: () => void };

/** What the tray menu lists: one read of the core's feed, so one data set's alerts. */
export interface TrayMenuFeed<A extends { title: string }> {
  unread: number;
  /** Newest first. */
  recent: A[];
  /** UTC epoch ms, null when not paused. */
  pausedUntil: number | null;
  /** The rep's zone (IANA): "paused until" is said in it. */
  timeZone: string;
  /** The data set the feed is of, when the core said. */
  dataSet?: DataSet;
}

export interface TrayMenuActions<A> {
  showWindow(): void;
  open(alert: A): void;
  /**
   * Every unread alert of `dataSet`, the set the menu listed: a core switched to the other set
   * since refuses (each set numbers its alerts from 1, so "all" would be other visitors).
   */
  markAllRead(dataSet: DataSet | undefined): void;
  pause(minutes: number): void;
  resume(): void;
  quit(): void;
}

const RECENT_IN_MENU = 5;
const PAUSE_MINUTES = 60;

/** The tray's menu as the feed stands; a click acts for the data set the menu was built from. */
export function trayMenu<A extends { title: string }>(
  feed: TrayMenuFeed<A>,
  on: TrayMenuActions<A>,
): TrayMenuItem[] {
  const { recent, pausedUntil, unread, dataSet } = feed;
  const items: TrayMenuItem[] = [{ label: 'Open Contact Window', click: () => on.showWindow() }];
  items.push({ type: 'separator' });
  if (recent.length === 0) items.push({ label: 'No recent alerts', enabled: false });
  else {
    items.push({
      label: unread > 0 ? `Recent alerts (${unread} unread)` : 'Recent alerts',
      enabled: false,
    });
    for (const alert of recent.slice(0, RECENT_IN_MENU))
      items.push({ label: alert.title, click: () => on.open(alert) });
    if (unread > 0) items.push({ label: 'Mark all as read', click: () => on.markAllRead(dataSet) });
  }
  items.push({ type: 'separator' });
  items.push(
    pausedUntil !== null
      ? {
          label: `Resume alerts (paused until ${trayClock(pausedUntil, feed.timeZone)})`,
          click: () => on.resume(),
        }
      : { label: 'Pause alerts for 1 hour', click: () => on.pause(PAUSE_MINUTES) },
  );
  items.push({ type: 'separator' });
  items.push({ label: 'Quit Contact Window', click: () => on.quit() });
  return items;
}

/** A time as the tray says it, in the rep's zone. */
export function trayClock(at: number, timeZone: string): string {
  return DateTime.fromMillis(at, { zone: timeZone }).toFormat('HH:mm');
}
