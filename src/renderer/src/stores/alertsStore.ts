import { create } from 'zustand';
import type { AlertItem, AlertsEvent } from '@shared/alertsContract';
import type { DataSet, PushedEvents } from '@shared/contract';
import { call, hasDesktopShell, onEvent } from '../api/client';
import {
  nextRecent,
  nextToasts,
  toastAlertIds,
  toastsOnOpen,
  withoutSettled,
  withoutToastOf,
  type AlertToast,
} from '../components/alerts/toastQueue';
import { useRoute, visitsOfEveryone } from './routeStore';
import { useSession } from './sessionStore';
import { useCrm } from './crmStore';
import { coreClockTaken, coreNow } from '../clock/coreClock';
import { afterColon } from '../format/afterColon';
import { isDataSetGone } from '@shared/dataSetGone';

/** At most this many toasts on screen; older ones leave the screen but stay unread. */
const MAX_TOASTS = 3;
const RECENT = 50;
/** The contract's most ids a feed read asks about (toasts stand for 3 alerts, or a digest's). */
const MOST_TOAST_IDS = 1000;

export type { AlertToast };

interface AlertsState {
  unread: number;
  held: number;
  pausedUntil: number | null;
  /**
   * Another user is signed in and their feed not read yet: the counts and the pause are still the
   * one before's.
   */
  feedStale: boolean;
  /** Delivered alerts, newest first. */
  recent: AlertItem[];
  /** Held alerts, the first raised first (each says why and until when). */
  heldAlerts: AlertItem[];
  /** Newest first. */
  toasts: AlertToast[];
  /** Why the rep's last action on alerts (pause, resume, mark read) did not happen. */
  error: string | null;
  clearError(): void;
  load(): Promise<void>;
  /**
   * The rep's Dismiss: the toast leaves and the core keeps that it was dismissed, so neither a
   * reload nor another window toasts it again. It stays unread.
   */
  dismiss(key: string): void;
  /** The toast leaves this screen only (its time is up, or the rep opened what it named). */
  leave(key: string): void;
  /**
   * Marks the alert read in `dataSet` (a toast's own; by default the feed's) and, once the core
   * has answered, opens the person (everyone's visits, with theirs pointed out, for an unknown
   * visitor): not if the core refused for that set, nor if the rep went elsewhere meanwhile.
   */
  open(alert: AlertItem, dataSet?: DataSet): Promise<void>;
  /** A digest opens everyone's visits (where all it named are) and marks what it named read. */
  openDigest(toast: Extract<AlertToast, { kind: 'digest' }>): void;
  /** A toast of the data set not on screen: shows that set, then opens what the toast named. */
  openElsewhere(toast: AlertToast): Promise<void>;
  /**
   * Marks read in `dataSet`, by default the one the feed shown is of; false when not marked, said
   * after `failed`.
   */
  markRead(ids: number[], dataSet?: DataSet, failed?: string): Promise<boolean>;
  markAllRead(): Promise<void>;
  pause(minutes?: number): Promise<void>;
  resume(): Promise<void>;
}

function withRead(recent: AlertItem[], ids: readonly number[] | 'all'): AlertItem[] {
  const now = coreNow();
  return recent.map((a) =>
    a.readAt === null && (ids === 'all' || ids.includes(a.id)) ? { ...a, readAt: now } : a,
  );
}

/** Asks of the feed so far: only the answer to the latest is shown (a user switch may be between). */
let feedAsked = 0;

/** Loads of the feed so far (opening, another user, another data set, a stream back without replay). */
let feedsLoaded = 0;
/**
 * The load whose feed has not yet toasted what it missed (0: none): the first feed read shown
 * after it does, be it its own or one a push asked for meanwhile (which drops the load's answer).
 */
let toastsOwed = 0;

/**
 * The alerts the rep has had a toast for, dismissed or read since the page opened, as
 * `<data set>-<id>` (ids are per data set). A feed read on opening, a switch or a reload may have
 * been asked before the read reached the core, and a switch clears the toasts: either would
 * otherwise bring the same visitor back.
 */
const seen = new Set<string>();
/** Per data set, when the rep last marked all read: nothing delivered before is toasted again. */
const allReadAt = new Map<DataSet, number>();

/** Null until the account is read: then a mark counts for either set (ids are rarely shared). */
function shownSet(): DataSet | null {
  return useCrm.getState().account?.activeDataSet ?? null;
}

/**
 * The data set the feed shown is of, as the core said when it was read: the account may still
 * name the set before a switch while the feed is already the new one's, or the reverse.
 */
let feedSet: DataSet | undefined;

/** A read or a dismissal names the set its ids are of: the core marks nothing in another. */
function naming(dataSet: DataSet | undefined): { dataSet?: DataSet } {
  return dataSet ? { dataSet } : {};
}

/** What a feed read asks besides the newest alerts: whether the toasts up are settled. */
function feedAsk(toasts: readonly AlertToast[]): { limit: number; toastIds?: number[] } {
  const ids = toastAlertIds(toasts, MOST_TOAST_IDS);
  return ids.length > 0 ? { limit: RECENT, toastIds: ids } : { limit: RECENT };
}

function markSeen(set: DataSet | null, ids: readonly number[]): void {
  for (const id of ids) {
    if (set !== 'crm') seen.add(`demo-${id}`);
    if (set !== 'demo') seen.add(`crm-${id}`);
  }
}

function wasSeen(alert: AlertItem): boolean {
  const set = feedSet ?? shownSet();
  if (set === null) return seen.has(`demo-${alert.id}`) || seen.has(`crm-${alert.id}`);
  const readAll = allReadAt.get(set);
  return (
    seen.has(`${set}-${alert.id}`) ||
    (readAll !== undefined && alert.deliveredAt !== null && alert.deliveredAt <= readAll)
  );
}

/**
 * Toasts for the alerts delivered while no page listened (an opening, a reload) or for another
 * user or data set, once: their pushes came before the page could show them.
 */
async function toastMissed(): Promise<void> {
  const owed = toastsOwed;
  if (owed === 0) return;
  // Whether an alert is still within its toast's time is judged by the core's clock.
  await coreClockTaken();
  if (owed !== toastsOwed) return;
  toastsOwed = 0;
  // The feed as it stands now, not as it was before the wait: a later read, a dismissal or Mark
  // all as read meanwhile must count.
  useAlerts.setState((s) => ({
    toasts: toastsOnOpen(s.toasts, s.recent, coreNow(), MAX_TOASTS, wasSeen, feedSet),
  }));
}

export const useAlerts = create<AlertsState>()((set, get) => {
  const report = (what: string, error: unknown): void =>
    set({ error: afterColon(what, (error as Error).message) });
  /** Marks `ids` read in `dataSet`; says how it went (a refusal for the set apart). */
  const readMarked = async (
    ids: number[],
    dataSet: DataSet | undefined,
    failed: string,
    refused = failed,
  ): Promise<'read' | 'failed' | 'data-set-gone'> => {
    if (ids.length === 0) return 'read';
    markSeen(dataSet ?? shownSet(), ids);
    // The list on screen is the feed's: another set's alert of the same id is another visitor.
    if (dataSet === undefined || dataSet === feedSet) set({ recent: withRead(get().recent, ids) });
    try {
      set({ unread: (await call('markAlertsRead', { ids, ...naming(dataSet) })).unread });
      return 'read';
    } catch (error) {
      const gone = isDataSetGone(error);
      report(gone ? refused : failed, error);
      return gone ? 'data-set-gone' : 'failed';
    }
  };
  return {
    unread: 0,
    held: 0,
    pausedUntil: null,
    feedStale: false,
    recent: [],
    heldAlerts: [],
    toasts: [],
    error: null,
    async load() {
      const asked = ++feedAsked;
      const loaded = ++feedsLoaded;
      toastsOwed = loaded;
      try {
        const feed = await call('listAlerts', feedAsk(get().toasts));
        if (asked !== feedAsked) return;
        feedSet = feed.dataSet;
        set({
          unread: feed.unread,
          held: feed.held,
          pausedUntil: feed.pausedUntil,
          feedStale: false,
          recent: feed.recent,
          heldAlerts: feed.heldAlerts,
          toasts: withoutSettled(get().toasts, feed.recent, feed),
          error: null,
        });
        void toastMissed();
      } catch {
        // A database with no users yet has no alerts: nothing to count, nothing to say. Nor is a
        // toast owed: a refresh minutes later would show alerts long since seen.
        if (toastsOwed === loaded) toastsOwed = 0;
        if (asked === feedAsked)
          set({ unread: 0, held: 0, recent: [], heldAlerts: [], feedStale: false });
      }
    },
    clearError() {
      set({ error: null });
    },
    dismiss(key) {
      const toast = get().toasts.find((t) => t.key === key);
      get().leave(key);
      // Another data set's ids are not the shown set's, which the core would mark: that toast is
      // dismissed on this page only. So is one whose set a switch has just hidden (the core says).
      if (!toast || toast.elsewhere) return;
      const ids = toast.kind === 'alert' ? [toast.alert.id] : toast.ids;
      call('dismissAlertToasts', { ids, ...naming(toast.dataSet) }).catch((error: unknown) =>
        report('Dismissed in this window only', error),
      );
    },
    leave(key) {
      set({ toasts: get().toasts.filter((t) => t.key !== key) });
    },
    async open(alert, dataSet = feedSet) {
      set((s) => ({ toasts: withoutToastOf(s.toasts, alert.id, dataSet) }));
      const clickedOn = useRoute.getState().route;
      const read = readMarked([alert.id], dataSet, 'Opened, not marked read', 'Not opened');
      if (dataSet !== undefined) {
        // The core refuses a read of a set it no longer shows: a switch the page has not heard of
        // yet. The person's id is of that set too, so nothing opens rather than someone else. Any
        // other failure (a core restarting) still opens the person, as the read's words say.
        if ((await read) === 'data-set-gone') return;
        // The rep went elsewhere while a slow core answered: they are not pulled back.
        if (useRoute.getState().route !== clickedOn) return;
      }
      // An unknown visitor is nobody's: the rep's own visits would not list them.
      useRoute
        .getState()
        .go(
          alert.personId ? { page: 'person', id: alert.personId } : visitsOfEveryone(alert.visitId),
        );
    },
    openDigest(toast) {
      get().leave(toast.key);
      void get().markRead(toast.ids, toast.dataSet);
      // Held alerts may be about unknown visitors or other reps' people ("anyone" rules).
      useRoute.getState().go(visitsOfEveryone());
    },
    async openElsewhere(toast) {
      get().leave(toast.key);
      const set = toast.elsewhere;
      // The switch reloads every page and clears the toasts; the person opens after it.
      if (set && !(await useCrm.getState().showDataSet(set))) {
        const why = useCrm.getState().error;
        report(
          `The ${set === 'crm' ? "CRM's" : "demo's"} data could not be shown`,
          new Error(why ?? 'no reason given'),
        );
        return;
      }
      // The set is shown now: the toast's ids are its own.
      if (toast.kind === 'alert') await get().open(toast.alert, set);
      else get().openDigest(toast);
    },
    async markRead(ids, dataSet = feedSet, failed = 'Alerts not marked read') {
      return (await readMarked(ids, dataSet, failed)) === 'read';
    },
    async markAllRead() {
      // The feed on screen is what the rep marks, whichever set the core shows by now.
      const of = feedSet;
      const shown = of ?? shownSet();
      markSeen(
        shown,
        get().recent.map((a) => a.id),
      );
      if (shown) allReadAt.set(shown, coreNow());
      set({ recent: withRead(get().recent, 'all'), toasts: [] });
      try {
        set({ unread: (await call('markAlertsRead', { all: true, ...naming(of) })).unread });
      } catch (error) {
        report('Alerts not marked read', error);
      }
    },
    async pause(minutes = 60) {
      try {
        set({ pausedUntil: (await call('pauseAlerts', { minutes })).pausedUntil, error: null });
      } catch (error) {
        report('Alerts not paused', error);
      }
    },
    async resume() {
      try {
        set({ pausedUntil: (await call('resumeAlerts', {})).pausedUntil, error: null });
      } catch (error) {
        report('Alerts not resumed', error);
      }
    },
  };
});

// Every toast ever shown is seen, the way it was shown (its own set, or the one on screen).
useAlerts.subscribe((s, before) => {
  if (s.toasts === before.toasts) return;
  for (const toast of s.toasts)
    markSeen(
      toast.elsewhere ?? toast.dataSet ?? shownSet(),
      toast.kind === 'alert' ? [toast.alert.id] : toast.ids,
    );
});

/**
 * Whether the pause on screen is the shown user's own, so that Pause and Resume act for them: not
 * while another user is being switched to (the core acts for whoever it has signed in, which may
 * already be the next), nor before the new user's feed is read.
 */
export function usePauseShown(): boolean {
  const choosing = useSession((s) => s.choosing !== null);
  const stale = useAlerts((s) => s.feedStale);
  return !choosing && !stale;
}

/** What the core pushed: the count and pause as they stand, and a toast per delivery. */
function receiveAlerts(event: AlertsEvent): void {
  const state = useAlerts.getState();
  useAlerts.setState({
    unread: event.unread,
    pausedUntil: event.pausedUntil,
    recent: nextRecent(state.recent, event.delivered, RECENT),
    toasts: nextToasts(state.toasts, event, MAX_TOASTS),
  });
  // An event says how many are unread, not which (the tray's Mark all as read, a notification
  // clicked), nor how many are held: the list is read again so its rows and counts agree.
  void refreshFeed();
}

/**
 * The CRM's alerts while the demo is on screen: the desktop app's tray tells of them; in the
 * browser version only the page can, as toasts that say whose they are (the feed, the count and
 * the ids shown are the shown set's, so nothing else changes).
 */
function receiveElsewhere(event: PushedEvents['alerts-elsewhere']): void {
  if (event.delivered.length === 0) return;
  useAlerts.setState({
    toasts: nextToasts(useAlerts.getState().toasts, event, MAX_TOASTS, event.dataSet),
  });
}

/** The feed read again behind what is shown; an answer older than a later ask is dropped. */
async function refreshFeed(): Promise<void> {
  const asked = ++feedAsked;
  try {
    const feed = await call('listAlerts', feedAsk(useAlerts.getState().toasts));
    if (asked !== feedAsked) return;
    feedSet = feed.dataSet;
    useAlerts.setState((s) => ({
      unread: feed.unread,
      held: feed.held,
      pausedUntil: feed.pausedUntil,
      recent: feed.recent,
      heldAlerts: feed.heldAlerts,
      // A read or a dismissal in another window comes as an event, and this read says which.
      toasts: withoutSettled(s.toasts, feed.recent, feed),
    }));
    void toastMissed();
  } catch {
    // The next event or load tries again; what is shown stays.
  }
}

/**
 * Keeps the store in step with the core: the feed at start, for another signed-in user and for
 * another data set; every delivery and read as it is pushed.
 */
export function followAlerts(): () => void {
  void useAlerts.getState().load();
  const stopAlerts = onEvent('alerts', receiveAlerts);
  const stopElsewhere = hasDesktopShell ? () => {} : onEvent('alerts-elsewhere', receiveElsewhere);
  const stopData = onEvent('data-changed', ({ entities }) => {
    if (entities.includes('all')) {
      useAlerts.setState({ toasts: [] });
      void useAlerts.getState().load();
    } else if (entities.includes('visits')) {
      // Stored visits may have raised alerts that are held (nothing delivered, no alerts event).
      void refreshFeed();
    }
  });
  const stopSession = useSession.subscribe((s, before) => {
    const otherUser = s.session?.currentUser?.id !== before.session?.currentUser?.id;
    // A switch that ended with the user from before (chosen away and back) is read again too: a
    // feed asked while it was on its way may be the other user's.
    if (!otherUser && s.switched === before.switched) return;
    // The first reading of the session says who is signed in, not that someone else now is: the
    // feed read above is theirs (the core answers for its user), and so are toasts of alerts
    // pushed while the app opened, which the rep has not seen yet.
    if (before.session === null) return;
    useAlerts.setState({ ...(otherUser ? { toasts: [] } : {}), feedStale: true });
    void useAlerts.getState().load();
  });
  return () => {
    stopAlerts();
    stopElsewhere();
    stopData();
    stopSession();
  };
}
