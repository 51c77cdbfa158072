import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DateTime } from 'luxon';
import type { Planner, PlannerRow } from '@shared/contract';
import { isLowConfidence, nextChange, sortPlanRows } from '@shared/slotStates';
import { offeredMarks, planDay, type DayMark } from '@shared/dayMarks';
import { reportsBelow } from '@shared/reportingLine';
import { closedPlan } from '@shared/closedPlan';
import { call, callOpening, changesMoreThanSettings, onEvent } from '../api/client';
import { FIRST_ROWS } from '../plan/firstRows';
import { PlanList, rowKey, type PlanListHandle } from '../components/PlanList';
import type { RowCommand } from '../components/PlanRow';
import { rowsAt } from '../plan/planRowOrder';
import { dayClockAt } from '../plan/planRowText';
import {
  snoozeAtOnceTo,
  snoozeChoices,
  snoozedText,
  targetWords,
  type SnoozeOffer,
  type SnoozeTarget,
} from '../plan/snoozeChoices';
import { inDoneToday, planItems, type GroupId } from '../plan/planItems';
import { countParts, planCounts } from '../plan/planCounts';
import { useHeldRows } from '../plan/useHeldRows';
import {
  FIRST_ROW,
  keptSelection,
  selectedIndex,
  selectRow,
  type PlanSelection,
} from '../plan/planSelection';
import { LogCallDialog } from '../components/LogCallDialog';
import { BookCallDialog } from '../components/BookCallDialog';
import { ComputerZoneNote } from '../components/ComputerZoneNote';
import { TaskDialog } from '../components/TaskDialog';
import { TasksWithoutRow } from '../components/TasksWithoutRow';
import { saveLoggedCall, saveRowMark } from '../plan/rowMarks';
import { PlanFilterBar } from '../components/PlanFilterBar';
import { PlanLoadError } from '../components/PlanLoadError';
import { ClosedDay, EmptyPlan } from '../components/PlanEmpty';
import { filterRows, isFiltered, NO_FILTERS, type PlanFilters } from '../plan/planFilters';
import { hrefFor, parseHash, useRoute } from '../stores/routeStore';
import { PLANNER_VIEW_DEFAULT, type PlannerView } from '../route/plannerView';
import { NoSuchDateNote } from '../components/NoSuchDateNote';
import { plannerReturnFrom, plannerReturnState } from '../route/plannerReturn';
import { pickableDays } from '@shared/pickableDays';
import { dayZoneLabel, formatClock, formatDayInYear } from '../format/time';
import { warmTimeFormatsSoon } from '../format/warmTimeFormats';
import { useNow } from '../hooks/useNow';
import { coreNow } from '../clock/coreClock';
import { useOnline } from '../hooks/useOnline';
import { dataAgeText, dataSourceOf } from '../plan/dataAgeText';
import { useSession } from '../stores/sessionStore';
import { telUri } from '@shared/telUri';
import { taskName } from '@shared/taskName';
import { dayName } from '@shared/taskMovePicks';
import { CALL_OUTCOME_LABEL, isUnanswered } from '@shared/callOutcome';
import { afterColon } from '../format/afterColon';

const ALL_GROUPS: ReadonlySet<GroupId> = new Set<GroupId>([
  'now-low',
  'upcoming-low',
  'passed-low',
  'struck-low',
  'done',
]);

/** After a window ends, the core is asked again this much later: its next window joins the list. */
const AFTER_END_MS = 1_000;

// While the plan asked for at opening (`openingReads`) is on its way.
if (parseHash(window.location.hash).page === 'planner') warmTimeFormatsSoon();

/** Longest the rest of the plan waits for a frame: a hidden window draws none. */
const REST_AFTER_MS = 100;

/**
 * Runs `ask` once the first rows' frame is painted (or soon, in a window that paints nothing). The
 * whole plan is megabytes to parse: its answer arriving before that frame held the first rows
 * back, and the core now answers it at once (the plan the first rows came from).
 */
function afterFirstRowsPainted(ask: () => void): void {
  let asked = false;
  const once = (): void => {
    if (asked) return;
    asked = true;
    ask();
  };
  requestAnimationFrame(() => setTimeout(once));
  setTimeout(once, REST_AFTER_MS);
}

/** Elements that act on Enter themselves; a row (`li`) is not one of them. */
const INTERACTIVE =
  'button, a[href], summary, [role="button"], [role="link"], [role="menuitem"], [role="tab"], [role="checkbox"], [role="radio"], [role="switch"], [contenteditable="true"]';

/** Keys that move the selection or close its offer rather than act on the selected row. */
const ROW_MOVES: ReadonlySet<string> = new Set(['j', 'k', 'ArrowDown', 'ArrowUp', 'Escape']);

/** The focus is in the plan's list, or on nothing (the page's body, as the page opens). */
function onTheRows(target: HTMLElement | null, list: PlanListHandle | null): boolean {
  if (!target || target === document.body || target === document.documentElement) return true;
  return list?.contains(target) ?? false;
}

/**
 * The user whose landing on the planner is decided: where no page was asked for (the address names
 * none), a manager with no people of their own goes to Team, whether the app opened as them or
 * they were chosen in "Signed in as". Once per user, so that Back from Team stays here.
 */
let landedFor: string | undefined;

export function PlannerPage(): React.JSX.Element {
  const userId = useSession((s) => s.session?.currentUser?.id);
  // A read asked for before a switch of user ended is dropped and asked again.
  const switched = useSession((s) => s.switched);
  // The only settings a plan is made with: which channels get rows. The session's settings object
  // is new at every session reload (any data change, any setting saved, an alerts rule
  // included): asking again for thousands of rows then is work the rep sees as a flicker. A new
  // slot length is no exception: its relearned windows arrive as their own data change.
  const callSuggestions = useSession((s) => s.settings?.callSuggestions);
  const emailSuggestions = useSession((s) => s.settings?.emailSuggestions);
  const [plan, setPlan] = useState<Planner | null>(null);
  /** Why the plan asked for last did not come: the page keeps what it shows and says so. */
  const [error, setError] = useState<string | null>(null);
  /** The plan on screen is not the one asked for (another day's or rep's failed to load). */
  const [stale, setStale] = useState(false);
  /** Why a mark or a logged call did not reach the core; the row is back as it was. */
  const [actionError, setActionError] = useState<string | null>(null);
  /**
   * What the last done, skip, snooze or logged call did, said in the page's one status region
   * (a screen reader hears it; the newest replaces the last), with Undo where the mark has one: a
   * row snoozed to a window under 2★ goes under the collapsed "Low confidence" group, out of sight.
   */
  const [note, setNote] = useState<{
    row: PlannerRow;
    text: string;
    undo: boolean;
    /** The next day's window offered by Snooze on the day's last one: gone with the offer. */
    offer?: true;
  } | null>(null);
  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(() => setNote(null), 10_000);
    return () => clearTimeout(timer);
  }, [note]);
  const [reloads, setReloads] = useState(0);
  const [openGroups, setOpenGroups] = useState<ReadonlySet<GroupId>>(new Set());
  const [offerKey, setOfferKey] = useState<string | null>(null);
  /** The counts' explanations, open below them: a tooltip alone is for a mouse. */
  const [countsHelp, setCountsHelp] = useState(false);
  const session = useSession((s) => s.session);
  // The reps whose plans the user may open: everyone below them in the reporting line.
  const team = useMemo(() => {
    const me = session?.currentUser;
    if (!me) return [];
    const users = session.users;
    const below = me.role === 'admin' ? users : reportsBelow(users, me.id);
    return below.filter((u) => u.role === 'rep' && u.id !== me.id);
  }, [session]);
  // The day, whose plan and the filters live in the address (#/planner?day=…&channel=…), so Back
  // from a person, a reload or a shared link shows the plan as it was left; each change replaces
  // the address. One edited by hand into a rep not of the user's team is their own plan, and a day
  // that cannot be picked (before the plans kept, over a year ahead) is today.
  const view = useRoute((s) => s.route.planner) ?? PLANNER_VIEW_DEFAULT;
  const { filters } = view;
  const repId =
    view.repId !== undefined && team.some((u) => u.id === view.repId) ? view.repId : undefined;
  const viewedZone =
    (repId ? team.find((u) => u.id === repId) : session?.currentUser)?.timeZone ?? null;
  const { date, far } = dayAsked(view.date, viewedZone);
  const viewRef = useRef({ ...view, repId, date });
  viewRef.current = { ...view, repId, date };
  // What a mark did is said of the plan it was made on: another day's or rep's plan does not
  // carry the note, nor its Undo (Friday's plan offered to undo today's snooze).
  useEffect(() => setNote(null), [date, repId]);
  const show = useCallback((change: Partial<PlannerView>): void => {
    const next: PlannerView = { ...viewRef.current, ...change };
    // The address is written anew: a day it named that is not shown goes, and its note with it.
    delete next.badDate;
    if (next.date === undefined) delete next.date;
    if (next.repId === undefined) delete next.repId;
    useRoute.getState().replace({ page: 'planner', planner: next });
  }, []);
  const setFilters = useCallback((f: PlanFilters) => show({ filters: f }), [show]);
  const setDate = useCallback((d: string | undefined) => show({ date: d }), [show]);
  const setRepId = useCallback((r: string | undefined) => show({ repId: r }), [show]);
  // Another signed-in user starts on their own plan (not the first user: a shared link's rep stays).
  const lastUser = useRef(userId);
  useEffect(() => {
    if (lastUser.current === userId) return;
    lastUser.current = userId;
    // Only when a rep is chosen: writing the address would make "no page asked for" a page
    // asked for, and a manager who owns no one would not land on the Team page.
    if (useRoute.getState().route.planner?.repId !== undefined) setRepId(undefined);
  }, [userId, setRepId]);
  // A manager who owns no one has nothing to plan, but a team to look at: open on it (#16).
  useEffect(() => {
    // Decided on the user's own plan: just after a switch, the previous user's is still here.
    if (!plan || !userId || plan.repId !== userId || landedFor === userId) return;
    landedFor = userId;
    const pageAskedFor = window.location.hash.replace(/^#\/?/, '') !== '';
    // A day picked before the switch was asked for too.
    if (!pageAskedFor && !repId && !date && plan.owned === 0 && team.length > 0)
      useRoute.getState().go({ page: 'team' });
  }, [plan, userId, team, repId, date]);

  // A change of settings alone changes no row: the ones that do are read above.
  useEffect(
    () =>
      onEvent('data-changed', (change) => {
        if (changesMoreThanSettings(change)) setReloads((n) => n + 1);
      }),
    [],
  );
  const shownView = useRef<string | null>(null);
  useEffect(() => {
    let live = true;
    const params = { ...(date ? { date } : {}), ...(repId ? { repId } : {}) };
    const view = JSON.stringify([userId, params]);
    // A reload of the list on screen asks for all of it at once: a shorter list for a moment
    // would pull the rows from under a rep scrolled further down.
    const sameView = shownView.current === view;
    const failed = (e: Error): void => {
      if (!live) return;
      setError(e.message);
      setStale(shownView.current !== null && shownView.current !== view);
    };
    // Opening the app on the planner (on no day or rep of the address) asked for today's first
    // rows as the app's script started (`openingReads`): the page's first list takes that answer.
    const asked =
      shownView.current === null && !date && !repId
        ? callOpening('getPlanner', { first: FIRST_ROWS })
        : call('getPlanner', sameView ? params : { ...params, first: FIRST_ROWS });
    asked.then((p) => {
      if (!live) return;
      setPlan(p);
      setError(null);
      setStale(false);
      // A refused mark is of the plan it was made on.
      if (shownView.current !== view) setActionError(null);
      shownView.current = view;
      if (p.rows.length < p.total)
        afterFirstRowsPainted(() => {
          if (!live) return;
          call('getPlanner', params).then((whole) => {
            if (live) setPlan(whole);
          }, failed);
        });
    }, failed);
    return () => {
      live = false;
    };
  }, [userId, switched, callSuggestions, emailSuggestions, reloads, date, repId]);

  // States follow the clock here, so windows open, close and strike through with no reload.
  const rows = plan?.rows;
  // And at the rep's midnight: the day shown is over then (its rows take other marks), and an
  // open today's plan turns to the new day.
  const repTz = plan?.repTz;
  const nextWake = useCallback(
    (at: number) => {
      let soonest = repTz
        ? DateTime.fromMillis(at, { zone: repTz }).plus({ days: 1 }).startOf('day').toMillis()
        : null;
      for (const r of rows ?? []) {
        if (r.start === null || r.end === null) continue;
        const c = nextChange(r.start, r.end, at);
        if (c !== null && (soonest === null || c < soonest)) soonest = c;
      }
      return soonest;
    },
    [rows, repTz],
  );
  const now = useNow(30_000, nextWake);
  const online = useOnline();

  // When a window with a later one that day ends, the core adds that later window as its own row
  // (the ended one stays, struck through in time): ask for the plan again just after.
  useEffect(() => {
    let soonest = Infinity;
    const at = coreNow();
    for (const r of rows ?? [])
      if (r.end !== null && r.end > at && r.alternatives.some((a) => a.start >= (r.end ?? 0)))
        soonest = Math.min(soonest, r.end);
    if (soonest === Infinity) return;
    const timer = setTimeout(() => setReloads((n) => n + 1), soonest - at + AFTER_END_MS);
    return () => clearTimeout(timer);
  }, [rows]);

  // A tick that changes no row's state keeps the same array, so the list does not re-render.
  const stated = useRef<{ rows: readonly PlannerRow[]; at: readonly PlannerRow[] } | null>(null);
  const rowsNow = useMemo(() => {
    if (!rows) return [];
    const previous = stated.current?.rows === rows ? stated.current.at : null;
    const at = rowsAt(rows, now, previous);
    stated.current = { rows, at };
    return at;
  }, [rows, now]);
  const { marked, isHeld, active, mark, unmark } = useHeldRows(
    rowsNow,
    plan ? `${plan.repId}|${plan.date}` : '',
  );
  // Rows just finished with stay where they were for a few seconds (useHeldRows).
  const ordered = useMemo(
    () => (active ? sortPlanRows(marked, false, isHeld) : marked),
    [marked, active, isHeld],
  );
  const live = useMemo(() => filterRows(ordered, filters), [ordered, filters]);
  const stages = useMemo(
    () =>
      [
        ...new Set((rows ?? []).map((r) => r.dealStage).filter((x): x is string => x !== null)),
      ].sort(),
    [rows],
  );

  const today = plan ? DateTime.fromMillis(now, { zone: plan.repTz }).toISODate() : null;
  // The soft current-time marker (PL-1) sits in today's list only.
  const isToday = plan !== null && today === plan.date;
  // Past the rep's midnight, today's plan is another day's: an app left open overnight would
  // otherwise show yesterday's list, struck through, under a day picker saying today, until
  // something in the data changed. Once per new day: the core's clock decides what today is.
  const shownDay = useRef({ date, planDate: plan?.date });
  shownDay.current = { date, planDate: plan?.date };
  useEffect(() => {
    const { date: picked, planDate } = shownDay.current;
    if (picked === undefined && today && planDate && planDate !== today) setReloads((n) => n + 1);
  }, [today]);
  // A name looked for is shown wherever it is listed, collapsed groups included.
  const searching = filters.query.trim() !== '';
  const { items, visible } = useMemo(
    () => planItems(live, searching ? ALL_GROUPS : openGroups, isHeld, isToday),
    [live, openGroups, isHeld, isToday, searching],
  );
  const counts = useMemo(
    () =>
      plan && today
        ? planCounts(live, plan.date, today, plan.repTz, now, plan, isFiltered(filters))
        : [],
    [live, plan, today, now, filters],
  );
  const explained = counts.filter((c) => c.title);
  const toggleGroup = useCallback(
    (id: GroupId) =>
      setOpenGroups((open) => {
        const next = new Set(open);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );

  const [selection, setSelection] = useState<PlanSelection>(FIRST_ROW);
  const finished = useCallback((row: PlannerRow) => inDoneToday(row, isHeld(row)), [isHeld]);
  // Out of the to-do for the keys: a row just marked (done, skipped, snoozed, a call logged) is
  // as finished with while it waits in place for its Undo as once it is under Done today, so the
  // selection and the focus go on to the next row at once, and s right after x is not for the
  // row just skipped (audit49 1).
  const doneWith = useCallback(
    (row: PlannerRow) => inDoneToday(row, false) || (isHeld(row) && row.action !== null),
    [isHeld],
  );
  const selected = useMemo(
    () => selectedIndex(visible, selection, doneWith),
    [visible, selection, doneWith],
  );
  // With Done today open, a row the rep finishes with moves there when its hold ends: the
  // selection stays with the list still to do instead of following it to the bottom.
  useEffect(() => setSelection((s) => keptSelection(visible, s, doneWith)), [visible, doneWith]);
  // Another day's or rep's plan starts at its first row.
  useEffect(() => setSelection(FIRST_ROW), [date, repId, userId]);
  const [logging, setLogging] = useState<PlannerRow | null>(null);
  const [booking, setBooking] = useState<PlannerRow | null>(null);
  // The row whose open task (its side line) is being done or moved (TaskDialog).
  const [tasking, setTasking] = useState<PlannerRow | null>(null);
  // A rep's plan opened by their manager is for looking at (TM-1): its rows are the rep's to mark.
  const readOnly = plan !== null && plan.repId !== userId;
  const day = plan && today ? planDay(plan.date, today) : 'today';
  const offered = useMemo(() => (readOnly ? NO_MARKS : offeredMarks(day)), [readOnly, day]);
  // A row under Done today that stays finished (a skipped one marked done) stays there: held in
  // its old place, it would come back up into the list for ten seconds and drop down again.
  const markRow = (row: PlannerRow, action: PlannerRow['action']): void =>
    mark(row, action, !(finished(row) && (action === 'done' || action === 'skipped')));
  /** `shownOffer`: the offer a button of it was pressed on, as it was drawn. */
  const act = async (
    row: PlannerRow,
    command: RowCommand,
    shownOffer?: SnoozeOffer,
  ): Promise<void> => {
    if (!plan) return;
    if (command === 'cancel') {
      setOfferKey(null);
      setNote((n) => (n?.offer ? null : n));
      return;
    }
    // s on a row skipped or done (x on one done) would undo that mark unseen, the row dropping
    // back into the list or under Low confidence: say so, with the Undo that does it on purpose.
    if (
      (row.action === 'skipped' || row.action === 'done') &&
      (command === 'snoozed' ||
        command === 'snooze-confirmed' ||
        command === 'snooze-sooner' ||
        (command === 'skipped' && row.action === 'done'))
    ) {
      setNote({ row, text: settledText(row, command), undo: offered.has('clear') });
      return;
    }
    // A row under Done today is finished with (its buttons offer only Undo): s there would pull it
    // back into the list, as d on a row already done would, so it does nothing.
    const snoozing =
      command === 'snoozed' || command === 'snooze-confirmed' || command === 'snooze-sooner';
    if (snoozing && finished(row)) return;
    // A row done (a call logged from it) offers only Undo, even while it waits in place: s or x
    // there would overwrite the done mark, as the row's buttons cannot.
    if (row.action === 'done' && command !== 'clear' && command !== 'done') return;
    if (command === 'snoozed' && !offered.has('snoozed')) return;
    // Snooze moves to the day's next window; with none left, say so and offer the next day's; on a
    // sure row with only a ½★ hour next, offer the next sure window first (snoozeChoices).
    const at = coreNow();
    // An offer's button takes what it named: read again now, a window that began since the offer
    // was drawn would be left out and another taken (review53 5).
    const choices = snoozing
      ? shownOffer !== undefined
        ? shownOffer
        : snoozeChoices(row, at)
      : null;
    if (command === 'snoozed' && choices) {
      setOfferKey(rowKey(row));
      // Heard as well as shown: the row's offer takes the focus, and this says what it is.
      setNote({ row, text: offerText(row, plan.repTz, at), undo: false, offer: true });
      return;
    }
    setOfferKey(null);
    // The window chosen: the sure one (today's, or null for the next day's), or the ½★ hour;
    // with no offer, the row's next window that day.
    const target = command === 'snooze-sooner' ? choices?.sooner : choices?.sooner && choices.sure;
    const snoozeTo = target
      ? target.today
        ? target.start
        : null
      : snoozing
        ? snoozeAtOnceTo(row, at)
        : undefined;
    const action = snoozing ? 'snoozed' : (command as 'done' | 'skipped' | 'clear');
    if (!offered.has(action)) return;
    const shown = action === 'clear' ? null : action;
    // d on a row already done (x on one skipped) is what the row already says: nothing to do.
    if ((shown === 'done' || shown === 'skipped') && row.action === shown) return;
    markRow(row, shown);
    if (shown !== null) list.current?.focusAfterMark(rowKey(row));
    setActionError(null);
    setNote(null);
    try {
      await saveRowMark(row, plan.date, action, snoozeTo);
      setNote({
        row,
        text: target
          ? snoozedToText(row, target, plan.repTz)
          : markedText(row, action, plan.repTz, at),
        undo: action !== 'clear',
      });
    } catch (e) {
      unmark(row, shown);
      setActionError(afterColon(`${row.name} is not marked`, (e as Error).message));
    }
  };

  const actRef = useRef(act);
  actRef.current = act;
  const onRowAction = useCallback(
    (row: PlannerRow, command: RowCommand, shownOffer?: SnoozeOffer) =>
      void actRef.current(row, command, shownOffer),
    [],
  );

  const leaveRef = useRef<(row: PlannerRow) => void>(() => undefined);
  // Keyboard flow (PL-5): j/k move, enter opens, c calls, e emails, d done, s snooze, x skip,
  // b books a call. The keys that act on the selected row do so only from the list, or from the
  // page with nothing focused (where the page opens): with the focus on a filter, the day's
  // arrows or a toast, d would mark a row the rep is not looking at. j and k move from anywhere
  // but a field: they take the focus back to the list.
  const keys = {
    visible,
    selected,
    finished: doneWith,
    logging,
    tasking,
    booking,
    offerKey,
    offered,
  };
  const keyState = useRef(keys);
  keyState.current = keys;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      // Enter on a focused button or link is that control's own (Next day, a toast's Open person):
      // opening the selected row's person instead would cancel it.
      if (e.key === 'Enter' && target?.closest(INTERACTIVE)) return;
      const {
        visible: shown,
        selected: index,
        finished: isFinished,
        logging: open,
        tasking: taskOpen,
        booking: bookOpen,
        offerKey: offer,
        offered: marks,
      } = keyState.current;
      if (open || taskOpen || bookOpen) return;
      if (!ROW_MOVES.has(e.key) && !onTheRows(target, list.current)) return;
      const row = shown[index];
      // The focus goes along (the README promises it): a screen reader says the row landed on,
      // and Tab goes on into that row's links and buttons, not the ones of the row left.
      const move = (to: number): void => {
        const next = selectRow(shown, to, isFinished);
        const landed = shown[next.index];
        setSelection(next);
        if (landed) list.current?.focusWithSelection(rowKey(landed));
        list.current?.scrollToRow(next.index);
      };
      if (e.key === 'j' || e.key === 'ArrowDown') move(index + 1);
      else if (e.key === 'k' || e.key === 'ArrowUp') move(index - 1);
      else if (e.key === 'Escape' && offer) {
        setOfferKey(null);
        setNote((n) => (n?.offer ? null : n));
      } else if (!row) return;
      // The offer open on this row and the focus fallen from it: Enter takes the offer, as s
      // again does, rather than leaving the page and losing it.
      else if (e.key === 'Enter' && offer === rowKey(row))
        void actRef.current(row, 'snooze-confirmed');
      else if (e.key === 'Enter') {
        leaveRef.current(row);
        window.location.hash = hrefFor({ page: 'person', id: row.personId });
      } else if (e.key === 'c' && row.phone) {
        const tel = telUri(row.phone);
        if (tel) window.location.href = tel;
      } else if (e.key === 'e' && row.email) window.location.href = `mailto:${row.email}`;
      else if (e.key === 'd') void actRef.current(row, 'done');
      else if (e.key === 's')
        void actRef.current(row, offer === rowKey(row) ? 'snooze-confirmed' : 'snoozed');
      else if (e.key === 'x') void actRef.current(row, 'skipped');
      else if (e.key === 'l' && row.channel === 'call' && marks.has('log')) setLogging(row);
      else if (e.key === 'b' && row.channel === 'call' && marks.has('book')) setBooking(row);
      // t: the row's open task (its side line), done or moved as on the person page.
      else if (e.key === 't' && row.next?.taskId && marks.size > 0) setTasking(row);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const list = useRef<PlanListHandle>(null);
  // Focus in a row (Tab, a click on its button) makes it the one the keys act on.
  const selectFocused = useCallback((index: number): void => {
    const { visible: shown, finished: isFinished } = keyState.current;
    setSelection(selectRow(shown, index, isFinished));
  }, []);
  // Kept in this page's history entry as a person is opened, for Back to find: where the list was
  // scrolled and the row the person was opened from.
  const leaveFor = useCallback((row: PlannerRow): void => {
    window.history.replaceState(
      plannerReturnState({
        top: list.current?.scrollOffset() ?? 0,
        row: { personId: row.personId, channel: row.channel, start: row.start },
      }),
      '',
    );
  }, []);
  leaveRef.current = leaveFor;
  // Back from a person opened here: once the whole plan is in, the same rows on screen, and the
  // row the person was opened from selected and focused, for j/k and the keys to go on from.
  const [back] = useState(() => plannerReturnFrom(window.history.state));
  const restored = useRef(back === null);
  const focusOn = useRef<number | null>(null);
  const complete = plan !== null && plan.rows.length === plan.total;
  useEffect(() => {
    if (restored.current || !back || !complete || stale) return;
    restored.current = true;
    const same = (r: PlannerRow): boolean =>
      r.personId === back.row.personId && r.channel === back.row.channel;
    let at = visible.findIndex((r) => same(r) && r.start === back.row.start);
    if (at < 0) at = visible.findIndex(same);
    if (at >= 0) {
      setSelection(selectRow(visible, at, doneWith));
      focusOn.current = at;
    }
    list.current?.scrollToOffset(back.top);
  }, [back, complete, stale, visible, doneWith]);
  useEffect(() => {
    if (focusOn.current === null || focusOn.current !== selected) return;
    focusOn.current = null;
    list.current?.focusSelectedRow(false);
  });

  const retry = (): void => setReloads((n) => n + 1);
  // With no plan at all there are no controls to keep: the reason is all there is to show.
  if (error && !plan)
    return (
      <PlanLoadError
        message={afterColon('Today’s plan could not be loaded', error)}
        onRetry={retry}
      />
    );
  if (!plan || !today) return <p className="loading">Loading today’s plan…</p>;
  // Counts of the first rows alone would be wrong, and would jump when the rest arrives (complete).
  // While another day's plan fails to load, nothing of the old day is listed: the header names
  // the day picked (as the picker and the error do), not the one whose plan is still held.
  // With its year when not this year's, as the Team page names a day (a year ahead is pickable).
  const dayName = formatDayInYear(stale ? (date ?? today) : plan.date, plan.repTz, now);
  const closed = closedPlan(plan);
  const rep = repId ? team.find((u) => u.id === repId) : null;
  const loadError =
    error === null
      ? null
      : stale
        ? afterColon(
            `The plan for ${dayName}${rep ? ` (${rep.name})` : ''} could not be loaded`,
            error,
          )
        : !complete
          ? `The plan could not be loaded completely: only its first ${plan.rows.length.toLocaleString()} of ${plan.total.toLocaleString()} rows are shown. ${error}`
          : afterColon('The plan could not be brought up to date', error);
  const ageText = dataAgeText(
    session ? session.dataAsOf : undefined,
    dataSourceOf(session),
    online,
    now,
    plan.repTz,
  );
  const viewed = readOnly ? (session?.users.find((u) => u.id === plan.repId) ?? null) : null;
  return (
    <section className="page page-fill planner-page">
      <header className="page-head">
        <div className="head-line">
          <h1>Planner</h1>
          <span className="now-marker" aria-label="Current time">
            now {formatClock(now, plan.repTz)}
          </span>
          <span className="subtle">
            {dayName} · times in {dayZoneLabel(plan.date, plan.repTz)}
          </span>
          {/* Not live: "Last synced 3 min ago" changes every minute. The sidebar says what of the
              sync must be heard; the page says when it goes offline. */}
          <span className="subtle data-age">{ageText}</span>
          <span className="visually-hidden" role="status" aria-label="Connection">
            {online ? '' : ageText}
          </span>
        </div>
        {!stale && !closed && plan.total > 0 && (
          <div
            className="counts"
            aria-label={plan.date === today ? "Today's counts" : `Counts for ${dayName}`}
          >
            {complete ? (
              // Each part keeps to its line: too narrow for both (200 % zoom), the day's progress
              // goes under what is open, not one count or the "?" alone on a line.
              countParts(counts).map((part, i, parts) => (
                <span key={part[0]?.key ?? i} className="counts-part">
                  {part.map((c) => (
                    <span
                      key={c.key}
                      className={`count count-${c.key}`}
                      title={c.short ? [c.text, c.title].filter(Boolean).join(': ') : c.title}
                      // Under 1300 px wide, the short words stand in for the whole (styles.css).
                      data-short={c.short}
                    >
                      {c.short ? <span className="count-full">{c.text}</span> : c.text}
                    </span>
                  ))}
                  {i === parts.length - 1 && explained.length > 0 && (
                    <button
                      type="button"
                      className="counts-info"
                      aria-expanded={countsHelp}
                      aria-controls="counts-help"
                      title="What the counts mean"
                      aria-label="What the counts mean"
                      onClick={() => setCountsHelp((open) => !open)}
                    >
                      ?
                    </button>
                  )}
                </span>
              ))
            ) : error ? (
              <span className="count">
                {plan.rows.length.toLocaleString()} of {plan.total.toLocaleString()} rows loaded
              </span>
            ) : (
              <span className="count">Counting {plan.total.toLocaleString()} rows…</span>
            )}
          </div>
        )}
        {!stale && !closed && complete && countsHelp && explained.length > 0 && (
          <ul id="counts-help" className="counts-help" aria-label="What the counts mean">
            {explained.map((c) => (
              <li key={c.key}>
                <strong>{c.text}</strong>: {c.title}
              </li>
            ))}
          </ul>
        )}
        <PlanFilterBar
          filters={filters}
          onFilters={setFilters}
          team={team}
          repId={repId}
          onRep={setRepId}
          // The day asked for, not the one on screen: Next clicked again while a day loads steps
          // on from the day asked for, and a day that failed to load is still the one picked.
          date={date ?? today}
          zone={plan.repTz}
          isToday={date === undefined}
          today={today}
          onDate={(d) => setDate(d === today ? undefined : d)}
          stages={stages}
        />
        {/* An address edited by hand, or an old link: the page says the day it names is not shown. */}
        {view.badDate !== undefined && view.date === undefined && (
          <NoSuchDateNote unit="day" text={view.badDate} />
        )}
        {far !== undefined && view.date !== undefined && (
          <NoSuchDateNote unit="day" text={view.date} far={far} />
        )}
        {loadError ? (
          <PlanLoadError message={loadError} onRetry={retry} />
        ) : (
          actionError && (
            <p className="error" role="alert">
              {actionError}
            </p>
          )
        )}
        {note && (
          <p className="plan-note" role="status">
            {note.text}
            {note.undo && (
              <>
                {' '}
                <button
                  type="button"
                  onClick={() => {
                    const { row } = note;
                    setNote(null);
                    void actRef.current(row, 'clear');
                  }}
                >
                  Undo
                </button>
              </>
            )}
          </p>
        )}
        {!readOnly && (
          <ComputerZoneNote repZone={plan.repTz} now={now} demo={session?.org.isDemo ?? false} />
        )}
        {readOnly ? (
          <p className="read-only-note" role="note">
            Viewing {viewed?.name ?? 'a rep'}’s plan — read only
          </p>
        ) : (
          day !== 'today' &&
          !stale &&
          !closed && (
            <p className="read-only-note" role="note">
              {day === 'past'
                ? `${dayName} is over: its rows can still be marked done.`
                : `${dayName} is still to come: its rows can be skipped ahead of time.`}
            </p>
          )
        )}
      </header>
      {!stale && plan.tasksWithoutRow && (
        <TasksWithoutRow
          tasks={plan.tasksWithoutRow}
          query={filters.query}
          now={now}
          planDate={plan.date}
          repTz={plan.repTz}
          canChange={offered.size > 0}
          closed={closed}
          onFocusGone={() => list.current?.focusSelectedRow()}
        />
      )}
      {stale ? null : closed ? (
        <ClosedDay
          plan={plan}
          repName={rep?.name ?? null}
          onDate={(d) => setDate(d === today ? undefined : d)}
        />
      ) : live.length === 0 ? (
        <EmptyPlan
          plan={plan}
          settings={
            callSuggestions === undefined || emailSuggestions === undefined
              ? null
              : { callSuggestions, emailSuggestions }
          }
          filtered={isFiltered(filters)}
          restFailed={error !== null}
          repName={rep?.name ?? null}
          hasTeam={team.length > 0}
          onClearFilters={() => setFilters(NO_FILTERS)}
        />
      ) : (
        <PlanList
          ref={list}
          items={items}
          now={now}
          repTz={plan.repTz}
          selected={selected}
          offerKey={offerKey}
          dividerText={`now ${formatClock(now, plan.repTz)}`}
          isToday={plan.date === today}
          offered={offered}
          onAction={onRowAction}
          onLogCall={setLogging}
          onTask={setTasking}
          onBook={setBooking}
          onToggleGroup={toggleGroup}
          onOpenPerson={leaveFor}
          onSelectRow={selectFocused}
        />
      )}
      {tasking?.next?.taskId && (
        <TaskDialog
          task={{
            id: tasking.next.taskId,
            subject: tasking.next.subject,
            startAt: tasking.next.startAt,
            ...(tasking.next.dueDate ? { dueDate: tasking.next.dueDate } : {}),
          }}
          personName={tasking.name}
          now={now}
          repTz={plan.repTz}
          onClose={() => {
            setTasking(null);
            // As after logging a call: the focus goes back to the row, not to the page, when
            // what had it went (the task done, its button gone with the side line's part).
            const active = document.activeElement;
            if (!active || active === document.body || active.closest('dialog'))
              list.current?.focusSelectedRow();
          }}
          onChanged={(change, kept) =>
            // The plan is read again as the core says the activities changed: the side line
            // loses the task done, or shows it at its new time when that is still today.
            setNote({
              row: tasking,
              text: `${taskChangedText(tasking, change, plan.repTz)}${kept ? ` ${kept}` : ''}`,
              undo: false,
            })
          }
        />
      )}
      {booking && (
        <BookCallDialog
          personId={booking.personId}
          name={booking.name}
          repTz={plan.repTz}
          rowStart={booking.start}
          onClose={() => {
            setBooking(null);
            const active = document.activeElement;
            if (!active || active === document.body || active.closest('dialog'))
              list.current?.focusSelectedRow();
          }}
          onBooked={(booked) =>
            // The plan is read again as the core says the activities changed: the row's side
            // line shows the call booked, as it shows one booked in Zoho.
            setNote({
              row: booking,
              text: `${booking.name}: call booked for ${dayClockAt(booked.startAt, plan.repTz)}.${booked.kept ? ` ${booked.kept}` : ''}`,
              undo: false,
            })
          }
        />
      )}
      {logging && (
        <LogCallDialog
          name={logging.name}
          repTz={plan.repTz}
          onClose={() => {
            setLogging(null);
            // The dialog gives the focus back to what had it when it opened. After l nothing did
            // (the keys are the page's): it stays in the closed dialog, then falls to the page as
            // that goes. It goes to the row the rep was on instead, or to the one in its place if
            // the call moved that row away.
            const active = document.activeElement;
            if (!active || active === document.body || active.closest('dialog'))
              list.current?.focusSelectedRow();
          }}
          onSave={async (c) => {
            const kept = await saveLoggedCall(logging.personId, c);
            // What the call did is said in the status region; the call itself has no Undo (the
            // row's Undo takes back its done mark, not the call). The demo's first call says
            // once that it is kept here (the demo has no CRM).
            const said = `${logging.name}: call logged: ${CALL_OUTCOME_LABEL[c.outcome].toLowerCase()}`;
            const keptText = kept ? ` ${kept}` : '';
            // An unanswered call leaves the row to call again: the plan is read again, and the
            // row says how the call went ("No answer at 10:01") where it is.
            if (isUnanswered(c.outcome)) {
              setReloads((n) => n + 1);
              const at = formatClock(c.endedAt ?? coreNow(), plan.repTz);
              setNote({
                row: logging,
                text: `${said} at ${at}; stays on the plan to try again.${keptText}`,
                undo: false,
              });
            }
            // Any other logged call marks the row done: it stays in place a moment, as Done does
            // (in the list of the day the call went on; another day's row keeps what it had).
            else if (
              DateTime.fromMillis(coreNow(), { zone: plan.repTz }).toISODate() === plan.date
            ) {
              markRow(logging, 'done');
              setNote({ row: logging, text: `${said}, done.${keptText}`, undo: false });
            } else setNote({ row: logging, text: `${said}.${keptText}`, undo: false });
          }}
        />
      )}
      <p className="subtle keys">{keysText(offered)}</p>
    </section>
  );
}

/** Why a key did nothing to a row already finished with: "Lukas Walsh is skipped for the day:
 * Undo first to snooze it." */
function settledText(row: PlannerRow, command: RowCommand): string {
  const is = row.action === 'done' ? 'is done' : 'is skipped for the day';
  const verb = command === 'skipped' ? 'skip' : 'snooze';
  return `${row.name} ${is}: Undo first to ${verb} it.`;
}

/** What a mark did to the row, for the status region: "Lukas Walsh: done." */
function markedText(
  row: PlannerRow,
  action: 'done' | 'snoozed' | 'skipped' | 'clear',
  zone: string,
  /** When the rep snoozed: the note names the window the mark was sent with, read at that instant. */
  at: number,
): string {
  if (action === 'snoozed') return snoozedText(row, zone, at);
  if (action === 'done') return `${row.name}: done.`;
  if (action === 'skipped') return `${row.name}: skipped.`;
  return `${row.name}: back on the plan.`;
}

/** A task changed from the row, for the status region: "Lukas Walsh: task “Send offer” done." */
function taskChangedText(
  row: PlannerRow,
  change: { action: 'done' } | { action: 'move'; dueDate: string },
  zone: string,
): string {
  const task = taskName(row.next?.subject);
  const today = DateTime.fromMillis(coreNow(), { zone }).toISODate() ?? '';
  return change.action === 'done'
    ? `${row.name}: ${task} done.`
    : `${row.name}: ${task} moved to ${dayName(change.dueDate, today)}.`;
}

/** What Snooze on the day's last window offers, said as the row shows it. */
function offerText(row: PlannerRow, zone: string, now: number): string {
  const choices = snoozeChoices(row, now);
  if (choices?.sure && choices.sooner)
    return `${row.name}: the next window today is under 2★. Snooze to ${targetWords(choices.sure, zone)}, to ${targetWords(choices.sooner, zone)} sooner, or Cancel (Escape).`;
  const to = row.nextWindow
    ? `Snooze to ${dayClockAt(row.nextWindow.start, zone)}`
    : 'Snooze for today';
  return `${row.name}: no later window today. ${to}, or Cancel (Escape).`;
}

/** A snooze chosen from the offer: "Emma Tanaka: snoozed to Tue 10:00–11:00 5★." */
function snoozedToText(row: PlannerRow, target: SnoozeTarget, zone: string): string {
  const low = isLowConfidence(target.stars)
    ? ' That window is under 2★: the row waits under “Low confidence”.'
    : '';
  return `${row.name}: snoozed to ${targetWords(target, zone)}.${low}`;
}

const NO_MARKS: ReadonlySet<DayMark> = new Set();

/**
 * The day an address asks for, as the plan is asked for it: undefined (today) for today itself,
 * so the plan still turns to the new day at midnight, and for a day the day picker could not
 * pick (an address edited by hand, or one kept longer than plans are), which is `far` on its side
 * of the days shown, for the page to say it shows today instead.
 */
function dayAsked(
  day: string | undefined,
  zone: string | null,
): { date?: string; far?: 'past' | 'ahead' } {
  if (day === undefined || zone === null) return day === undefined ? {} : { date: day };
  const today = DateTime.fromMillis(coreNow(), { zone }).toISODate();
  if (!today || day === today) return {};
  const { earliest, latest } = pickableDays(today, zone);
  if (earliest !== undefined && day < earliest) return { far: 'past' };
  if (latest !== undefined && day > latest) return { far: 'ahead' };
  return { date: day };
}

const MARK_KEYS: readonly [DayMark, string][] = [
  ['log', 'l log a call'],
  ['book', 'b book a call'],
  ['done', 'd done'],
  ['snoozed', 's snooze'],
  ['skipped', 'x skip'],
];

/** The keys that do something on this plan: the marks it takes, and moving and opening always. */
function keysText(offered: ReadonlySet<DayMark>): string {
  const marks = MARK_KEYS.filter(([mark]) => offered.has(mark)).map(([, text]) => text);
  return ['Keys: j/k move · enter open · c call · e email', ...marks].join(' · ');
}
