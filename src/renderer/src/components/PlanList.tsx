import { memo, useCallback, useImperativeHandle, useRef, type Ref } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PlannerRow } from '@shared/contract';
import { PlanRow } from './PlanRow';

/** Heights fixed in CSS (.plan-slot, .now-divider): nothing is measured while scrolling. */
const ROW_HEIGHT = 76;
const DIVIDER_HEIGHT = 28;
/**
 * Rows kept mounted beyond each edge: enough for the compositor's share of a wheel step, and few,
 * because a jump of a screen or more (a scrollbar drag) renders every mounted row anew.
 */
const OVERSCAN = 2;

export interface PlanListHandle {
  /** Brings a row (an index into `rows`) into view, if it is not already. */
  scrollToRow(index: number): void;
}

/**
 * The plan's rows, virtualised (PL-5), with the current-time divider among them. Its own component
 * so that scrolling re-renders this list and not the page's header and filters.
 */
export const PlanList = memo(function PlanList({
  rows,
  now,
  repTz,
  selected,
  dividerAt,
  dividerText,
  onAction,
  onLogCall,
  ref,
}: {
  rows: readonly PlannerRow[];
  now: number;
  repTz: string;
  selected: number;
  /** The current-time divider's place (before rows[dividerAt]), or null on another day. */
  dividerAt: number | null;
  dividerText: string;
  onAction: (row: PlannerRow, action: 'done' | 'snoozed' | 'skipped' | 'clear') => void;
  onLogCall: (row: PlannerRow) => void;
  ref?: Ref<PlanListHandle>;
}): React.JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const at = dividerAt ?? -1;
  const rowOf = (item: number): number => (at >= 0 && item > at ? item - 1 : item);
  const getItemKey = useCallback(
    (item: number) => {
      if (item === at) return 'now-divider';
      const row = rows[at >= 0 && item > at ? item - 1 : item];
      return row ? `${row.personId}-${row.channel}` : item;
    },
    [rows, at],
  );
  const virtual = useVirtualizer({
    count: rows.length + (at >= 0 ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: (item) => (item === at ? DIVIDER_HEIGHT : ROW_HEIGHT),
    // A new key function when the rows or the divider move makes the list re-place every item.
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
  useImperativeHandle(
    ref,
    () => ({
      scrollToRow: (index) =>
        virtual.scrollToIndex(at >= 0 && index >= at ? index + 1 : index, { align: 'auto' }),
    }),
    [virtual, at],
  );

  return (
    <div className="plan-scroll" ref={scroller}>
      <div
        className="plan-list"
        role="list"
        aria-label="Today’s people"
        style={{ height: virtual.getTotalSize() }}
      >
        {virtual.getVirtualItems().map((item) => {
          if (item.index === at)
            return (
              // The header's clock is the one read aloud; this is a visual place-keeper.
              <div
                key="now-divider"
                className="now-divider"
                aria-hidden
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <span className="now-divider-label">{dividerText}</span>
              </div>
            );
          const index = rowOf(item.index);
          const row = rows[index];
          if (!row) return null;
          return (
            <div
              key={item.key}
              role="listitem"
              className="plan-slot"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <PlanRow
                row={row}
                state={row.state}
                now={now}
                repTz={repTz}
                selected={index === selected}
                light={light}
                onAction={onAction}
                onLogCall={onLogCall}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
});
