import type { AlertItem, AlertsEvent } from '@shared/alertsContract';
import type { DataSet } from '@shared/contract';

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
