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
  /**
   * The data set it came from, when the core said (ids are per set): its Dismiss and its read
   * name that set, and a switch the page has not heard of yet marks nothing in the other.
   */
  dataSet?: DataSet;
};

/**
 * A toast's key, which React, the dedup of pushes and Dismiss go by: ids are per data set (each
 * counts from 1), so after a switch the other set's alert 7, another visitor, is another toast.
 * None for a core that names no set (a command's).
 */
function toastKey(
  kind: 'alert' | 'digest',
  id: number | readonly number[],
  set?: DataSet,
): string {
  const ids = typeof id === 'number' ? String(id) : id.join('-');
  return `${set ? `${set}-` : ''}${kind}-${ids}`;
}

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
  event: AlertsEvent & { dataSet?: DataSet },
  max: number,
  elsewhere?: DataSet,
): AlertToast[] {
  const inDigest = new Set(event.digest?.ids ?? []);
  const from = elsewhere ?? event.dataSet;
  const tag = { ...(elsewhere ? { elsewhere } : {}), ...(from ? { dataSet: from } : {}) };
  const fresh: AlertToast[] = newestFirst(event.delivered)
    .filter((a) => !inDigest.has(a.id))
    .map((alert) => ({ key: toastKey('alert', alert.id, from), kind: 'alert', alert, ...tag }));
  if (event.digest)
    fresh.unshift({
      key: toastKey('digest', event.digest.ids, from),
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
  dataSet?: DataSet,
): AlertToast[] {
  const shown = new Set(current.map((t) => t.key));
  const tag = dataSet ? { dataSet } : {};
  const missed: AlertToast[] = newestFirst(
    recent.filter(
      (a) =>
        a.delivery === 'now' &&
        a.readAt === null &&
        a.toastDismissedAt === null &&
        a.deliveredAt !== null &&
        a.deliveredAt >= now - SHOWN_MS &&
        !shown.has(toastKey('alert', a.id, dataSet)) &&
        !seen(a),
    ),
  ).map((alert) => ({ key: toastKey('alert', alert.id, dataSet), kind: 'alert', alert, ...tag }));
  return [...current, ...missed].slice(0, max);
}

/**
 * The toasts once alert `id` of `set` is opened: its toast leaves, another set's alert of that
 * number stays. A toast or a feed that names no set (a command's core, an older push) is taken to
 * be of the set opened, as before sets were named.
 */
export function withoutToastOf(
  current: AlertToast[],
  id: number,
  set: DataSet | undefined,
): AlertToast[] {
  const kept = current.filter(
    (t) =>
      t.kind !== 'alert' ||
      t.alert.id !== id ||
      (t.dataSet !== undefined && set !== undefined && t.dataSet !== set),
  );
  return kept.length === current.length ? current : kept;
}

/** Read, or its toast dismissed, in this window or another: no toast of it stays up. */
function settled(alert: AlertItem): boolean {
  return alert.readAt !== null || alert.toastDismissedAt !== null;
}

/** The ids of the alerts these toasts stand for: the feed is asked which of them are settled. */
export function toastAlertIds(toasts: readonly AlertToast[], max: number): number[] {
  const ids = new Set<number>();
  for (const t of toasts)
    if (t.elsewhere === undefined)
      for (const id of t.kind === 'alert' ? [t.alert.id] : t.ids) ids.add(id);
  return [...ids].slice(0, max);
}

/** What a read of the feed says besides its newest page. */
export interface FeedRead {
  /** Of the ids asked about (toastAlertIds), those read or dismissed, however old. */
  settled?: readonly number[] | undefined;
  /** The data set the feed is of, when the core said. */
  dataSet?: DataSet | undefined;
}

/**
 * The toasts once the feed is read again: one whose alert the feed says was read or dismissed
 * (Mark all as read or Dismiss in another tab, the tray, a notification clicked) leaves, and a
 * digest leaves once every alert it named has. The newest page of the feed says so, and so does
 * `settled` for toasts older than that page (more alerts at once than a page holds). A toast of an
 * alert the feed says nothing of (a push newer than the read) or of another data set stays.
 */
export function withoutSettled(
  current: AlertToast[],
  recent: readonly AlertItem[],
  read: FeedRead = {},
): AlertToast[] {
  const byId = new Map(recent.map((a) => [a.id, a]));
  const settledIds = new Set(read.settled ?? []);
  const gone = (id: number): boolean => {
    const alert = byId.get(id);
    return settledIds.has(id) || (alert !== undefined && settled(alert));
  };
  const otherSet = (t: AlertToast): boolean =>
    t.elsewhere !== undefined ||
    (t.dataSet !== undefined && read.dataSet !== undefined && t.dataSet !== read.dataSet);
  const kept = current.filter(
    (t) => otherSet(t) || !(t.kind === 'alert' ? gone(t.alert.id) : t.ids.every(gone)),
  );
  // The same list when nothing left: nothing on screen changes.
  return kept.length === current.length ? current : kept;
}
