import {
  memo,
  useCallback,
  useImperativeHandle,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  type Ref,
} from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PlannerRow } from '@shared/contract';
import type { DayMark } from '@shared/dayMarks';
import { PlanRow, rowLabelIds, type RowCommand } from './PlanRow';
import type { SnoozeOffer } from '../plan/snoozeChoices';
import { groupLabel, type GroupId, type PlanItem } from '../plan/planItems';
import { useNarrowerThan } from '../hooks/useNarrowerThan';

/**
 * Heights fixed in CSS (.plan-slot, .plan-slot.expanded, .now-divider, .plan-group): nothing is
 * measured while scrolling. Compact rows: ten and more fit a 1440×900 screen.
 */
const ROW_HEIGHT = 50;
const SELECTED_HEIGHT = 86;
/**
 * A list this narrow (a 640-px window, 200 % zoom) gives each row three lines: time and name,
 * state and reason, side line and buttons (styles.css, `@container plan-list (max-width: 800px)`).
 */
const NARROW_LIST = 800;
const NARROW_ROW_HEIGHT = 72;
const NARROW_SELECTED_HEIGHT = 108;
const DIVIDER_HEIGHT = 24;
const GROUP_HEIGHT = 32;
/**
 * Rows kept mounted beyond each edge: enough for the compositor's share of a wheel step, and few,
 * because a jump of a screen or more (a scrollbar drag) renders every mounted row anew.
 */
const OVERSCAN = 2;

export interface PlanListHandle {
  /** Brings a row (an index into the rows shown) into view, if it is not already. */
  scrollToRow(index: number): void;
  /**
   * Gives the keyboard's focus to the selected row, brought into view, unless something else has
   * it: where it goes back to when what held it (a dialog) goes, and j and k go on from there.
   */
  focusSelectedRow(scroll?: boolean): void;
  /**
   * The keyboard's focus goes with the selection the keys just moved (j, k): to that row (its
   * `rowKey`) once it is selected and rendered (it may be out of view until the list has scrolled
   * to it).
   */
  focusWithSelection(key: string): void;
  /** The row of `key` was just marked: if the focus is in it, it goes to the row selected next. */
  focusAfterMark(key: string): void;
  /** How far down the list is scrolled, in pixels: kept as a person is opened, for Back. */
  scrollOffset(): number;
  /** Scrolls the list to where it was (`scrollOffset`). */
  scrollToOffset(top: number): void;
  /** Whether the node is in the list (a row, its links and buttons, a group's toggle). */
  contains(node: Node): boolean;
}

/** A person's channel and window: a person's channel can have an ended window and the next. */
export function rowKey(row: PlannerRow): string {
  return `${row.personId}|${row.channel}|${row.start ?? ''}`;
}

/**
 * The plan's rows, virtualised (PL-5), with the current-time divider and the collapsed groups'
 * headers among them. Its own component so that scrolling re-renders this list and not the
 * page's header and filters.
 */
export const PlanList = memo(function PlanList({
  items,
  now,
  repTz,
  selected,
  offerKey,
  dividerText,
  isToday,
  offered,
  onAction,
  onLogCall,
  onBook,
  onTask,
  onToggleGroup,
  onOpenPerson,
  onSelectRow,
  ref,
}: {
  items: readonly PlanItem[];
  now: number;
  repTz: string;
  /** The focused row, an index into the rows shown. */
  selected: number;
  /** The row (`rowKey`) offering to snooze past the day's last window, if any. */
  offerKey: string | null;
  dividerText: string;
  /** Whether the plan is of the rep's today: another day's finished rows are not "done today". */
  isToday: boolean;
  /** The marks the rows offer: none on another rep's plan (TM-1), fewer on another day's. */
  offered: ReadonlySet<DayMark>;
  onAction: (row: PlannerRow, command: RowCommand, shownOffer?: SnoozeOffer) => void;
  onLogCall: (row: PlannerRow) => void;
  /** A row's open task is to be done or moved (its side line's button). */
  onTask?: (row: PlannerRow) => void;
  /** Book a call in the row's person's window (BookCallDialog). */
  onBook?: (row: PlannerRow) => void;
  onToggleGroup: (id: GroupId) => void;
  /** A row's person is being opened from its name (a click, or Enter on the link). */
  onOpenPerson: (row: PlannerRow) => void;
  /** The focus went into a row that is not the selected one (Tab, a click on its button). */
  onSelectRow: (index: number) => void;
  ref?: Ref<PlanListHandle>;
}): React.JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const listId = useId();
  // Where each shown row sits among the items.
  const itemOfRow = useMemo(() => {
    const out: number[] = [];
    items.forEach((item, i) => {
      if (item.kind === 'row') out.push(i);
    });
    return out;
  }, [items]);
  const narrow = useNarrowerThan(scroller, NARROW_LIST);
  const selectedItem = itemOfRow[selected] ?? -1;
  const selectedEntry = items[selectedItem];
  const selectedKey = selectedEntry?.kind === 'row' ? rowKey(selectedEntry.row) : null;
  const getItemKey = useCallback(
    (i: number) => {
      const item = items[i];
      if (!item) return i;
      if (item.kind === 'divider') return 'now-divider';
      if (item.kind === 'group') return `group-${item.id}`;
      return rowKey(item.row);
    },
    // A new key function when the items, the focused row or the rows' height change makes the
    // list re-place every item, with the focused row's taller size.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, selectedItem, narrow],
  );
  const virtual = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => {
      const item = items[i];
      if (item?.kind === 'divider') return DIVIDER_HEIGHT;
      if (item?.kind === 'group') return GROUP_HEIGHT;
      if (narrow) return i === selectedItem ? NARROW_SELECTED_HEIGHT : NARROW_ROW_HEIGHT;
      return i === selectedItem ? SELECTED_HEIGHT : ROW_HEIGHT;
    },
    getItemKey,
    overscan: OVERSCAN,
  });
  // Jumps of more than a screen per frame show light rows (see PlanRow); the virtualiser renders
  // once more when scrolling stops, and that render brings the full rows.
  const lastOffset = useRef(0);
  const offset = virtual.scrollOffset ?? 0;
  const light =
    virtual.isScrolling &&
    Math.abs(offset - lastOffset.current) > (virtual.scrollRect?.height ?? Infinity);
  lastOffset.current = offset;
  // The keyboard's focus stays in the list when what held it goes: a row finished with that moves
  // into a collapsed group (or is filtered out) is unmounted, and the focus would fall to the page.
  // It goes to the selected row, the one that took that row's place, so the rep goes on from there.
  const lostFocus = useRef(false);
  const onFocusGone = useCallback(() => {
    lostFocus.current = true;
  }, []);
  /** The selected row itself holds the focus: it follows the selection as j and k move it. */
  const slotFocused = useRef(false);
  const focusSelected = (): void => {
    const active = document.activeElement;
    const free = !active || active === document.body || !active.isConnected;
    if (!free && !(slotFocused.current && active.classList.contains('plan-slot'))) return;
    scroller.current?.querySelector<HTMLElement>('.plan-slot.expanded')?.focus({
      preventScroll: true,
    });
  };
  // The selection j or k moved to, not yet focused: the row may still be out of view, unmounted,
  // and takes the focus once the list has scrolled to it and rendered it.
  const followFocus = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (followFocus.current === null || followFocus.current !== selectedKey) return;
    const slot = scroller.current?.querySelector<HTMLElement>('.plan-slot.expanded');
    if (!slot) return;
    followFocus.current = null;
    slot.focus({ preventScroll: true });
  });
  // A row marked from a control inside it (its name link, after Tab) keeps the focus while it waits
  // for its Undo; the keys act on the selected row, the next one, so the focus goes there.
  const leaveMarked = useRef<string | null>(null);
  useLayoutEffect(() => {
    const from = leaveMarked.current;
    if (from === null || selectedKey === null || selectedKey === from) return;
    leaveMarked.current = null;
    if (!scroller.current?.contains(document.activeElement)) return;
    scroller.current.querySelector<HTMLElement>('.plan-slot.expanded')?.focus({
      preventScroll: true,
    });
  });
  // Moved into an open Done today far down, the row is unmounted as well: out of view.
  useLayoutEffect(() => {
    if (!lostFocus.current) return;
    lostFocus.current = false;
    focusSelected();
  });
  // Also when another row takes the selected one's place (it went into Done today): the row that
  // had the focus is gone, and the focus goes to the one the keys now act on.
  useLayoutEffect(() => {
    if (slotFocused.current) focusSelected();
  }, [selectedItem, selectedKey]);
  useImperativeHandle(
    ref,
    () => ({
      scrollToRow: (index) => {
        const item = itemOfRow[index];
        if (item !== undefined) virtual.scrollToIndex(item, { align: 'auto' });
      },
      // `scroll` false: the list was just put back where it was, with the row on screen, and the
      // virtualiser, which has not heard that scroll yet, would take the row for one out of view.
      focusSelectedRow: (scroll = true) => {
        const item = itemOfRow[selected];
        if (item === undefined) return;
        if (scroll) virtual.scrollToIndex(item, { align: 'auto' });
        const slot = scroller.current?.querySelector<HTMLElement>('.plan-slot.expanded');
        if (slot) slot.focus({ preventScroll: true });
        // Out of view, the row is not in the document yet: it takes the focus once rendered.
        else lostFocus.current = true;
      },
      // By the row's key: the page's new selection has not reached this list yet.
      focusWithSelection: (key) => {
        followFocus.current = key;
      },
      focusAfterMark: (key) => {
        leaveMarked.current = scroller.current?.contains(document.activeElement) ? key : null;
      },
      scrollOffset: () => scroller.current?.scrollTop ?? 0,
      // Through the virtualiser, which then knows the rows on screen before its scroll event.
      scrollToOffset: (top) => virtual.scrollToOffset(top),
      contains: (node) => scroller.current?.contains(node) ?? false,
    }),
    [virtual, itemOfRow, selected],
  );

  return (
    <div
      className="plan-scroll"
      ref={scroller}
      onFocus={(e) => {
        slotFocused.current = e.target.classList.contains('plan-slot');
      }}
    >
      <div
        className="plan-list"
        role="list"
        aria-label="Today’s people"
        style={{ height: virtual.getTotalSize() }}
      >
        {virtual.getVirtualItems().map((v) => {
          const item = items[v.index];
          if (!item) return null;
          const place = { transform: `translateY(${v.start}px)` };
          if (item.kind === 'divider')
            return (
              // The header's clock is the one read aloud; this is a visual place-keeper.
              <div key="now-divider" className="now-divider" aria-hidden style={place}>
                <span className="now-divider-label">{dividerText}</span>
              </div>
            );
          if (item.kind === 'group') {
            const { title, detail } = groupLabel(item.id, item.count, isToday);
            return (
              <div key={v.key} className={`plan-group group-${item.id}`} style={place}>
                <button
                  type="button"
                  className="plan-group-toggle"
                  aria-expanded={item.open}
                  onClick={() => onToggleGroup(item.id)}
                >
                  <span aria-hidden>{item.open ? '▾' : '▸'}</span> {title}
                </button>
                <span className="subtle">{detail}</span>
              </div>
            );
          }
          const isSelected = item.index === selected;
          return (
            <div
              key={v.key}
              role="listitem"
              className={isSelected ? 'plan-slot expanded' : 'plan-slot'}
              // Focusable from script only: where the focus goes when the row it was on goes.
              tabIndex={isSelected ? -1 : undefined}
              // Focused, the row is named by its time, person, channel and state, as it reads.
              aria-labelledby={isSelected ? rowLabelIds(`${listId}-${v.index}`) : undefined}
              style={place}
              // The keys act on the row the focus is in: Tab into a row selects it, so d marks
              // the row with the focus ring, not another. A pointer's focus waits for its click
              // (below): the row selected grows, and the button would move from under a press.
              onFocus={
                isSelected
                  ? undefined
                  : (e) => {
                      if (e.target.matches(':focus-visible')) onSelectRow(item.index);
                    }
              }
              // A click anywhere on another row selects it, on its text as on its buttons, so the
              // keys then act on the row the rep pointed at. A click on text focuses nothing: the
              // focus follows the selection to the row (a button keeps the focus it took).
              onClick={(e) => {
                if ((e.target as Element).closest('a.person-link')) onOpenPerson(item.row);
                else if (!isSelected) {
                  if (!e.currentTarget.contains(document.activeElement))
                    followFocus.current = rowKey(item.row);
                  onSelectRow(item.index);
                }
              }}
            >
              <PlanRow
                row={item.row}
                now={now}
                repTz={repTz}
                selected={isSelected}
                light={light}
                offer={offerKey === rowKey(item.row)}
                offered={offered}
                onAction={onAction}
                onLogCall={onLogCall}
                {...(onTask ? { onTask } : {})}
                {...(onBook ? { onBook } : {})}
                onFocusGone={onFocusGone}
                labelId={`${listId}-${v.index}`}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
});
