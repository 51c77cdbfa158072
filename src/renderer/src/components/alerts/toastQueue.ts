import type { AlertItem, AlertsEvent } from '@shared/alertsContract';
import type { DataSet } from '@shared/contract';

/** A toast leaves the screen after this long (it stays in the unread count). */
export const SHOWN_MS = 10_000;

export type AlertToast = (
  | { key: string; kind: 'alert'; alert: AlertItem }
  | { key: string; kind: 'digest'; title: string; body: string; ids: number[] }
) & {
  /** Of a data set not on screen (the CRM's while the demo is shown): its ids are that set's. */
  elsewhere?: DataSet;
};

/**
 * Newest first: the core sends a push's alerts in the order it raised them (oldest first), but
 * the newest visitor is the one worth calling now, so a batch larger than the screen must not
 * drop them. The id breaks ties the way the stored feed does.
 */
function newestFirst(alerts: readonly AlertItem[]): AlertItem[] {
  return [...alerts].sort((a, b) => b.alertAt - a.alertAt || b.id - a.id);
}

/**
 * The toasts after a push, newest first across and within pushes: one for a digest of held
 * alerts (not one per alert it names), one per alert delivered on its own; at most `max` on
 * screen, the oldest leaving first. An alert delivered again (a read or a repeat push) replaces
 * its toast instead of doubling it.
 */
export function nextToasts(
  current: readonly AlertToast[],
  event: AlertsEvent,
  max: number,
  elsewhere?: DataSet,
): AlertToast[] {
  const inDigest = new Set(event.digest?.ids ?? []);
  // Ids are per data set: the other set's alert 7 is not the shown set's alert 7.
  const prefix = elsewhere ? `${elsewhere}-` : '';
  const tag = elsewhere ? { elsewhere } : {};
  const fresh: AlertToast[] = newestFirst(event.delivered)
    .filter((a) => !inDigest.has(a.id))
    .map((alert) => ({ key: `${prefix}alert-${alert.id}`, kind: 'alert', alert, ...tag }));
  if (event.digest)
    fresh.unshift({
      key: `${prefix}digest-${event.digest.ids.join('-')}`,
      kind: 'digest',
      ...event.digest,
      ...tag,
    });
  const keys = new Set(fresh.map((t) => t.key));
  return [...fresh, ...current.filter((t) => !keys.has(t.key))].slice(0, max);
}

/** The feed after a push: what was delivered on top, each alert once, at most `max`. */
export function nextRecent(
  current: readonly AlertItem[],
  delivered: readonly AlertItem[],
  max: number,
): AlertItem[] {
  const ids = new Set(delivered.map((a) => a.id));
  return [...newestFirst(delivered), ...current.filter((a) => !ids.has(a.id))].slice(0, max);
}

/**
 * The toasts once the feed is read (the app opening or reloading, another user, another data
 * set, a stream that came back without replay): an alert delivered while no page listened would
 * otherwise be only a count, though its toast would still be on screen had the page been open.
 * So the unread ones delivered within a toast's time on screen before `now` are added, newest
 * first after those already shown, at most `max` in all. Held alerts came in a digest, or alone
 * long after the visit: neither is brought back, nor is one whose toast the rep dismissed in any
 * window (the core keeps when), nor one this page has already had a toast for, dismissed or read
 * (`seen`): a feed asked before that read or dismissal reached the core may still call it unread.
 */
export function toastsOnOpen(
  current: readonly AlertToast[],
  recent: readonly AlertItem[],
  now: number,
  max: number,
  seen: (alert: AlertItem) => boolean,
): AlertToast[] {
  const shown = new Set(current.map((t) => t.key));
  const missed: AlertToast[] = newestFirst(
    recent.filter(
      (a) =>
        a.delivery === 'now' &&
        a.readAt === null &&
        a.toastDismissedAt === null &&
        a.deliveredAt !== null &&
        a.deliveredAt >= now - SHOWN_MS &&
        !shown.has(`alert-${a.id}`) &&
        !seen(a),
    ),
  ).map((alert) => ({ key: `alert-${alert.id}`, kind: 'alert', alert }));
  return [...current, ...missed].slice(0, max);
}

/** Read, or its toast dismissed, in this window or another: no toast of it stays up. */
function settled(alert: AlertItem): boolean {
  return alert.readAt !== null || alert.toastDismissedAt !== null;
}

/**
 * The toasts once the feed is read again: one whose alert the feed says was read or dismissed
 * (Mark all as read or Dismiss in another tab, the tray, a notification clicked) leaves, and a
 * digest leaves once every alert it named has. A toast of an alert the feed does not list (a
 * push newer than the read, another data set's) stays: the feed knows nothing of it.
 */
export function withoutSettled(current: AlertToast[], recent: readonly AlertItem[]): AlertToast[] {
  const byId = new Map(recent.map((a) => [a.id, a]));
  const gone = (id: number): boolean => {
    const alert = byId.get(id);
    return alert !== undefined && settled(alert);
  };
  const kept = current.filter(
    (t) =>
      t.elsewhere !== undefined || !(t.kind === 'alert' ? gone(t.alert.id) : t.ids.every(gone)),
  );
  // The same list when nothing left: nothing on screen changes.
  return kept.length === current.length ? current : kept;
}
