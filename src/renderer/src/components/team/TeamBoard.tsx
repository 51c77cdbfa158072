import { Fragment, memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TeamBlock, TeamDay, TeamLane } from '@shared/teamContract';
import { teamBlockState, type TeamBlockState } from '@shared/teamBlockState';
import { clockAt as formatClock } from '../../plan/planRowText';
import { spanOnDay } from '../../team/spanOnDay';
import { formatShortDay, zoneLabel } from '../../format/time';
import { hrefFor } from '../../stores/routeStore';
import { blockOutcome } from '../../team/blockTipText';
import { emptyLaneText } from '../../team/emptyLaneText';
import { laneAway, type LaneAway } from '../../team/laneAway';
import { laneCountParts } from '../../team/laneCountText';
import { dayWorkLines } from '../../team/dayWorkText';
import { weekCellLines, weekLineTitle, type WeekChannel } from '../../team/weekCellText';
import { BOARD_KEYS, moveOnBoard } from '../../team/boardKeys';
import {
  axisDayAt,
  axisWidth,
  hourTicks,
  openingOn,
  placeBlocks,
  xOf,
  MAX_TRACKS,
  HOUR_PX,
  type Placed,
} from '../../team/teamLayout';
import { Stars } from '../Stars';
import { usePrinting } from '../../hooks/usePrinting';
import { useScrollEdges } from '../../hooks/useScrollEdges';

const STATE_LABEL: Record<TeamBlockState, string> = {
  now: 'in window now',
  upcoming: 'upcoming',
  worked: 'worked in window',
  outside: 'reached outside the window',
  already: 'already worked',
  skipped: 'skipped',
  snoozed: 'snoozed past',
  'just-ended': 'just ended',
  missed: 'missed',
  passed: 'passed, not counted',
};

interface Shown {
  lane: TeamLane;
  block: TeamBlock;
  /** Where the tip goes, in pixels from the canvas's corner: under the block. */
  x: number;
  y: number;
}

type OnShow = (lane: TeamLane, block: TeamBlock, element: HTMLElement | null) => void;
/** A key pressed on a block (`BOARD_KEYS`), or the block focused (key null). */
type OnKey = (repId: string, blockKey: string, key: string | null) => void;

/** A block's key in its lane: its person, channel and window. */
const blockKey = (b: TeamBlock): string => `${b.personId}|${b.channel}|${b.start}`;

/** The tip's width: it stays inside what the board shows. */
const TIP_WIDTH = 380;

/**
 * Blocks are drawn only around the part of the axis in view: the view moves in steps of this many
 * pixels (four hours), with a step drawn on each side, so scrolling redraws the lanes now and then
 * rather than every frame, and a day of a follow-the-sun team draws a third of its blocks.
 */
const VIEW_STEP = 4 * HOUR_PX;
/** "← earlier" goes back three hours: the hours before the ones in sight at 1024 px. */
const EARLIER_STEP = 3 * HOUR_PX;
/** Before the board has been measured: a wide screen. */
const ASSUMED_WIDTH = 1600;

/**
 * A printout holds the whole day across a landscape page: the hours are scaled to what is left of
 * this width (Letter's and A4's, less margins) beside the names, which keep their size.
 */
const PRINT_WIDTH = 960;
const PRINT_LANE_HEAD = 170;

function viewAt(scrollLeft: number, width: number): { from: number; to: number } {
  const step = Math.floor(scrollLeft / VIEW_STEP);
  return { from: (step - 1) * VIEW_STEP, to: (step + 2) * VIEW_STEP + width };
}

/**
 * TM-1: one lane per rep on a shared time axis in the manager's zone (an hour a fixed width, the
 * board scrolls sideways, the rep's name stays), each planned row a block at its window, coloured
 * by its state at `now`; hover or focus names the person, the reason and what became of it; a
 * click opens the person. Read-only: nothing here marks a row.
 */
export function TeamBoard({
  day,
  filteredOut = NO_FILTERED,
  now,
  channel,
  onExport,
}: {
  day: TeamDay;
  /** By rep: the windows the page's filters took from the lane (said apart from the limit's). */
  filteredOut?: ReadonlyMap<string, number>;
  now: number;
  /** The page's channel: the calls and tasks line reads as the week's cells do for it. */
  channel: WeekChannel;
  /** Downloads a rep's day as CSV, as the page's Export does: every window, drawn or not. */
  onExport?: (repId: string) => void;
}): React.JSX.Element {
  const zone = day.manager.timeZone;
  const printing = usePrinting();
  const ticks = useMemo(() => hourTicks(day.axis, zone), [day.axis, zone]);
  const [shown, setShown] = useState<Shown | null>(null);
  const board = useRef<HTMLDivElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  // The block the tip is for, while it has the keyboard's focus: focusing one partly out of
  // sight scrolls the board, and that scroll must move its tip, not take it away.
  const focused = useRef<{ lane: TeamLane; block: TeamBlock; element: HTMLElement } | null>(null);
  const onShow = useCallback<OnShow>((lane, block, element) => {
    const frame = wrap.current?.getBoundingClientRect();
    const at = element?.getBoundingClientRect();
    if (element && element === document.activeElement) focused.current = { lane, block, element };
    else if (!element || focused.current?.element !== element) focused.current = null;
    if (!frame || !at) return setShown(null);
    // Under the block, kept inside the board's width; outside the scrolling part, so the last
    // lane's tip is not cut off.
    const left = Math.max(frame.left, Math.min(at.left, frame.right - TIP_WIDTH - 8));
    setShown({ lane, block, x: left - frame.left, y: at.bottom - frame.top + 4 });
  }, []);
  // Each lane's blocks in tracks, in time order: Tab, the arrow keys and a screen reader go
  // through a rep's day as it runs, not by stars.
  const placements = useMemo(
    () =>
      day.reps.map((lane) => {
        const { placed, overflow } = placeBlocks(lane.blocks, day.axis.from);
        placed.sort((a, b) => a.block.start - b.block.start || a.track - b.track);
        return { placed, overflow };
      }),
    [day.reps, day.axis.from],
  );
  // The block that is its lane's Tab stop (the last one focused), and one a key moved to, which
  // its lane focuses once drawn (it may have been out of view).
  const [active, setActive] = useState<{ repId: string; key: string } | null>(null);
  const moveTo = useRef<string | null>(null);
  const onKey = useCallback<OnKey>(
    (repId, key, pressed) => {
      if (pressed === null) {
        setActive((a) => (a?.repId === repId && a.key === key ? a : { repId, key }));
        return;
      }
      const lane = day.reps.findIndex((r) => r.repId === repId);
      const index = placements[lane]?.placed.findIndex((p) => blockKey(p.block) === key) ?? -1;
      const lanes = placements.map((p) => p.placed.map((q) => q.block));
      const to = moveOnBoard(lanes, { lane, index }, pressed);
      const block = to && placements[to.lane]?.placed[to.index]?.block;
      const rep = to && day.reps[to.lane];
      if (!block || !rep) return;
      moveTo.current = `${rep.repId}/${blockKey(block)}`;
      setActive({ repId: rep.repId, key: blockKey(block) });
    },
    [day.reps, placements],
  );
  const nowInside = now >= day.axis.from && now < day.axis.to;
  const nowX = xOf(now, day.axis);
  // Today opens on the current time; another day where its work starts.
  const axisFrom = day.axis.from;
  const morning = useMemo(() => openingOn(day, zone), [day, zone]);
  const opening = nowInside ? Math.max(0, nowX - 3 * HOUR_PX) : morning;
  // The day at the board's left edge, in its corner: a tick alone says "14:00", not whose.
  const [edgeDay, setEdgeDay] = useState<string | null>(null);
  const showEdgeDay = useCallback(
    (element: HTMLElement) =>
      setEdgeDay(axisDayAt(day.axis.from + (element.scrollLeft / HOUR_PX) * 3_600_000, zone)),
    [day.axis.from, zone],
  );
  // On opening, the blocks in sight (the board is no wider than the window) are drawn first, and
  // those a step either side once they have been painted: half a follow-the-sun day is off screen.
  const [view, setView] = useState(() => ({
    from: opening,
    to: opening + (window.innerWidth || ASSUMED_WIDTH),
  }));
  // Each lane whose windows are all out of sight says where they are (`laneAway`), by rep; a
  // lane's list is the same object while it says the same, so scrolling redraws no lane for it.
  const [away, setAway] = useState<ReadonlyMap<string, readonly LaneAway[]>>(NO_AWAY);
  const lookAround = useCallback(
    (element: HTMLElement) => {
      // The names stay over the track's left part: what is in sight starts right of them.
      const head = element.querySelector<HTMLElement>('.team-axis .lane-head')?.offsetWidth ?? 0;
      const from = axisFrom + (element.scrollLeft / HOUR_PX) * 3_600_000;
      const seen = {
        from,
        to: from + (Math.max(0, element.clientWidth - head) / HOUR_PX) * 3_600_000,
      };
      setAway((before) => {
        let changed = before.size !== day.reps.length;
        const next = new Map<string, readonly LaneAway[]>();
        for (const lane of day.reps) {
          const says = laneAway(lane, axisFrom, seen);
          const was = before.get(lane.repId);
          const same = was !== undefined && JSON.stringify(was) === JSON.stringify(says);
          if (!same) changed = true;
          next.set(lane.repId, same ? was : says);
        }
        return changed ? next : before;
      });
    },
    [axisFrom, day.reps],
  );
  useEffect(() => {
    if (board.current) lookAround(board.current);
  }, [lookAround]);
  const scrollTo = useCallback(
    (at: number) => board.current?.scrollTo({ left: Math.max(0, xOf(at, day.axis) - HOUR_PX) }),
    [day.axis],
  );
  // A board opened part way into the day (today at the current time) cuts the blocks at its left
  // edge: a fade there, and a button that goes back, say that the lanes scroll.
  const edges = useScrollEdges(board);
  const earlier = useCallback(() => {
    const element = board.current;
    if (!element) return;
    const left = Math.max(0, element.scrollLeft - EARLIER_STEP);
    // At the day's start the button goes away: the focus it had goes to the board, not the page.
    if (left === 0) element.focus({ preventScroll: true });
    element.scrollTo({ left });
  }, []);
  const opened = useRef<number | null>(null);
  useEffect(() => {
    const element = board.current;
    if (!element || opened.current === axisFrom) return;
    opened.current = axisFrom;
    element.scrollLeft = opening;
    showEdgeDay(element);
    lookAround(element);
    requestAnimationFrame(() =>
      setTimeout(() => setView(viewAt(element.scrollLeft, element.clientWidth))),
    );
  }, [axisFrom, opening, showEdgeDay, lookAround]);
  // What is in sight moves when the board's width does (a window resized, the sidebar becoming a
  // top bar), not only when it scrolls: the lanes' "Windows 15:00–23:00 →" and the blocks drawn
  // around the view followed only the next scroll.
  useEffect(() => {
    const element = board.current;
    if (!element) return;
    // The observer reports the size it starts with too: that one is the opening's, which draws
    // the blocks in sight first and the steps either side once painted.
    let width = element.clientWidth;
    const resized = new ResizeObserver(() => {
      if (element.clientWidth === width) return;
      width = element.clientWidth;
      lookAround(element);
      const next = viewAt(element.scrollLeft, element.clientWidth);
      setView((v) => (v.from === next.from && v.to === next.to ? v : next));
    });
    resized.observe(element);
    return () => resized.disconnect();
  }, [lookAround]);
  const onScroll = (): void => {
    const kept = focused.current;
    if (kept && kept.element.isConnected && kept.element === document.activeElement)
      onShow(kept.lane, kept.block, kept.element);
    else setShown(null);
    const element = board.current;
    if (!element) return;
    showEdgeDay(element);
    lookAround(element);
    const next = viewAt(element.scrollLeft, element.clientWidth);
    setView((v) => (v.from === next.from && v.to === next.to ? v : next));
  };
  return (
    <div
      className="team-board-wrap"
      ref={wrap}
      onMouseLeave={() => setShown(null)}
      style={{
        ['--print-zoom' as string]: (PRINT_WIDTH - PRINT_LANE_HEAD) / axisWidth(day.axis),
        ['--print-lane-head' as string]: `${PRINT_LANE_HEAD}px`,
      }}
    >
      <div className="team-board-frame">
        <div
          className="team-board"
          ref={board}
          role="region"
          aria-label="The team's day"
          aria-describedby="team-board-keys"
          tabIndex={-1}
          onScroll={onScroll}
        >
          <div
            className="team-canvas"
            style={{ width: `calc(var(--lane-head) + ${axisWidth(day.axis)}px)` }}
          >
            <div className="team-axis" aria-hidden>
              <div className="lane-head axis-day">{edgeDay}</div>
              <div className="lane-track">
                {ticks.map((t, i) => (
                  <span
                    key={t.at}
                    // The first and last labels stay inside the axis rather than centred on their
                    // marks, half under the names or past the end.
                    className={`tick${i === 0 ? ' tick-first' : i === ticks.length - 1 ? ' tick-last' : ''}${t.newDay ? ' tick-day' : ''}`}
                    style={{ left: xOf(t.at, day.axis) }}
                  >
                    {t.label}
                  </span>
                ))}
              </div>
            </div>
            {/* On the axis only: each lane draws the line on its own track, under its sticky name. */}
            {nowInside && (
              <div
                className="team-now"
                aria-label={`Current time, ${formatClock(now, zone)}`}
                style={{ left: `calc(var(--lane-head) + ${nowX}px)` }}
              >
                <span>now {formatClock(now, zone)}</span>
              </div>
            )}
            {day.reps.map((lane, i) => (
              <Lane
                key={lane.repId}
                lane={lane}
                placed={placements[i]?.placed ?? []}
                overflow={placements[i]?.overflow ?? NO_OVERFLOW}
                activeKey={active?.repId === lane.repId ? active.key : null}
                moveTo={moveTo}
                day={day}
                now={now}
                zone={zone}
                channel={channel}
                // Printed, the whole day: the part in view is only the screen's.
                viewFrom={printing ? -Infinity : view.from}
                viewTo={printing ? Infinity : view.to}
                onShow={onShow}
                onKey={onKey}
                away={printing ? NO_LANE_AWAY : (away.get(lane.repId) ?? NO_LANE_AWAY)}
                filteredOut={filteredOut.get(lane.repId) ?? 0}
                onLook={scrollTo}
                onExport={onExport}
              />
            ))}
          </div>
        </div>
        {edges.left && !printing && (
          <>
            <div className="board-fade" aria-hidden />
            <button
              type="button"
              className="board-earlier"
              title="Earlier in the day: the lanes scroll sideways"
              onClick={earlier}
            >
              ← earlier
            </button>
          </>
        )}
      </div>
      {shown && <BlockTip shown={shown} now={now} zone={zone} date={day.date} />}
      <p className="subtle team-keys" id="team-board-keys">
        Tab goes from rep to rep; ← → move through a rep&apos;s windows, ↑ ↓ to the rep above or
        below, Enter opens the person.
      </p>
    </div>
  );
}

const NO_OVERFLOW = new Map<number, TeamBlock[]>();
const NO_FILTERED: ReadonlyMap<string, number> = new Map();
const NO_AWAY = new Map<string, readonly LaneAway[]>();
const NO_LANE_AWAY: readonly LaneAway[] = [];

const Lane = memo(function Lane({
  lane,
  placed,
  overflow,
  activeKey,
  moveTo,
  day,
  now,
  zone,
  channel,
  viewFrom,
  viewTo,
  onShow,
  onKey,
  away,
  filteredOut,
  onLook,
  onExport,
}: {
  lane: TeamLane;
  /** The lane's blocks in tracks, in time order (`placeBlocks`), and those counted per hour. */
  placed: readonly Placed[];
  overflow: ReadonlyMap<number, TeamBlock[]>;
  /** The block that is the lane's Tab stop, if the keyboard was here; else the first in view. */
  activeKey: string | null;
  /** "repId/key" of a block a key moved to, focused once drawn. */
  moveTo: React.RefObject<string | null>;
  day: TeamDay;
  now: number;
  zone: string;
  channel: WeekChannel;
  /** The part of the axis drawn, in pixels. */
  viewFrom: number;
  viewTo: number;
  onShow: OnShow;
  onKey: OnKey;
  /** Where the lane's windows are when none is in sight, and scrolling the board to one. */
  away: readonly LaneAway[];
  /** The lane's windows the page's filters leave out. */
  filteredOut: number;
  onLook: (at: number) => void;
  onExport: ((repId: string) => void) | undefined;
}): React.JSX.Element {
  const track = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (activeKey === null || moveTo.current !== `${lane.repId}/${activeKey}`) return;
    moveTo.current = null;
    for (const element of track.current?.querySelectorAll<HTMLElement>('.team-block') ?? [])
      if (element.dataset['key'] === activeKey) element.focus();
  }, [activeKey, lane.repId, moveTo]);
  // Drawn: the blocks in view, and the lane's Tab stop wherever it is.
  const drawn = placed.filter(({ block }) => {
    const left = xOf(block.start, day.axis);
    const width = Math.max(6, xOf(block.end, day.axis) - left - 1);
    return (left <= viewTo && left + width >= viewFrom) || blockKey(block) === activeKey;
  });
  const tabStop =
    activeKey !== null && drawn.some((p) => blockKey(p.block) === activeKey)
      ? activeKey
      : drawn[0]
        ? blockKey(drawn[0].block)
        : null;
  const tracks = Math.max(1, Math.min(MAX_TRACKS, 1 + Math.max(-1, ...placed.map((p) => p.track))));
  const maxDensity = Math.max(1, ...lane.density);
  const counts = laneCountParts(lane.coverage);
  const more = lane.hiddenBlocks > 0 || filteredOut > 0;
  // A day off with nothing logged is said once, by "Off:", not again as the week's "Day off:".
  const work =
    lane.dayOff && weekCellLines(lane.work, channel, lane.tasksCarried).length === 0
      ? []
      : dayWorkLines(lane.work, channel, lane.tasksCarried);
  return (
    <div
      className="team-lane"
      role="group"
      aria-label={`${lane.name}'s day`}
      style={{ ['--tracks' as string]: tracks }}
    >
      <div className="lane-head">
        <span className="lane-name">
          <strong title={lane.name}>{lane.name}</strong>
          {/* A rep in another zone may still be on (or already past) another day than the board. */}
          {lane.date !== day.date && (
            <span
              className="lane-date"
              title={`${lane.name}'s own day in ${zoneLabel(lane.timeZone, now)}`}
            >
              {' '}
              · {formatShortDay(lane.date)}
            </span>
          )}
        </span>
        {/* Each part stays whole and goes to a line of its own when the two do not fit. */}
        <span className="subtle lane-zone">
          <span>{zoneLabel(lane.timeZone, now)},</span>{' '}
          <span>{formatClock(now, lane.timeZone)} there</span>
        </span>
        {/* A holiday: nothing was planned, so nothing was missed; the rep counts as not working. */}
        {lane.dayOff && (
          <span
            className="lane-off"
            title={`A holiday of ${lane.dayOff.shift ? `the shift ${lane.dayOff.shift}` : 'the organisation'} (Zoho's holidays): no windows planned, not counted as working`}
          >
            Off: {lane.dayOff.name}
          </span>
        )}
        {/* The week cell's figures (calls and tasks), named apart from the windows below them. */}
        {work.length > 0 && (
          <span
            className="lane-work"
            title="Calls and tasks of the rep's day, as the Team week's cell counts them"
          >
            {work.map((l) => (
              <span key={l} title={weekLineTitle(l)}>
                {l}
              </span>
            ))}
          </span>
        )}
        <span className="lane-windows" hidden={lane.dayOff !== null}>
          <span className="subtle">Windows:</span>{' '}
          <span className="subtle lane-count">
            {lane.empty ? (
              <span>
                {emptyLaneText(lane.empty, lane.date)}
                {more && ','}
              </span>
            ) : (
              counts.map((part, i) => (
                <Fragment key={part.text}>
                  {i > 0 && ' '}
                  <span title={part.title}>
                    {part.text}
                    {(i < counts.length - 1 || more) && ','}
                  </span>
                </Fragment>
              ))
            )}
            {lane.hiddenBlocks > 0 && (
              <>
                {' '}
                {/* The board's limit in a manager's words, and where the rest are: "150 of 204
                    drawn" read as 54 windows missing (audit49 #5). */}
                <span
                  title={`The board draws ${lane.blocks.length} of ${lane.name}'s ${lane.blocks.length + lane.hiddenBlocks} windows${filteredOut > 0 ? ' the filters leave in' : ''}: those the rep worked, reached or set aside first, then those the coverage counts, then the rest, the best-rated of each. The strip under the lane counts per hour those the filters leave in, drawn or not; the CSV lists every one the page's filters leave in.`}
                >
                  {lane.hiddenBlocks} more not shown{onExport ? ':' : ''}
                </span>
                {onExport && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="lane-csv"
                      aria-label={`${lane.name}'s windows in a CSV`}
                      title={`Download ${lane.name}'s day as CSV: every window, those not shown too`}
                      onClick={() => onExport(lane.repId)}
                    >
                      all in a CSV
                    </button>
                  </>
                )}
              </>
            )}
            {/* Said apart from the limit's: those are in the CSV, these are not (it holds what
                the filters leave in). */}
            {filteredOut > 0 && (
              <>
                {lane.hiddenBlocks > 0 ? ' · ' : ' '}
                <span
                  className="lane-filtered"
                  title={`${lane.name}'s windows that the Stars or Hide passed filter above leaves out, here and in the CSV`}
                >
                  {filteredOut} hidden by filters
                </span>
              </>
            )}
          </span>
        </span>
        {away.map((a) => {
          const span = spanOnDay(a.start, a.end, zone, day.date);
          const what =
            a.count === null ? 'Windows' : `${a.count} window${a.count === 1 ? '' : 's'}`;
          return (
            <button
              key={a.side}
              type="button"
              className="lane-away"
              data-side={a.side}
              title={`${lane.name}'s windows are ${span} (${zoneLabel(zone, a.start)}), ${a.side === 'left' ? 'earlier than' : 'later than'} the part of the day in sight: scroll there`}
              onClick={() => onLook(a.start)}
            >
              {a.side === 'left' ? `← ${what} ${span}` : `${what} ${span} →`}
            </button>
          );
        })}
      </div>
      <div className="lane-track" ref={track}>
        {now >= day.axis.from && now < day.axis.to && (
          <div className="lane-now" aria-hidden style={{ left: xOf(now, day.axis) }} />
        )}
        {lane.workingHours.map((w) => (
          <div
            key={w.start}
            className="lane-working"
            title={`${lane.name} works ${formatClock(w.start, zone)}–${formatClock(w.end, zone)}`}
            style={{
              left: xOf(w.start, day.axis),
              width: xOf(w.end, day.axis) - xOf(w.start, day.axis),
            }}
          />
        ))}
        <div className="lane-density" aria-hidden>
          {lane.density.map((n, h) =>
            n ? (
              <span
                key={h}
                className={`heat-${Math.min(4, Math.ceil((n / maxDensity) * 4))}`}
                title={`${n} window${n === 1 ? '' : 's'} open`}
                style={{ left: h * HOUR_PX, width: HOUR_PX }}
              />
            ) : null,
          )}
        </div>
        {drawn.map(({ block, track: row }) => {
          const left = xOf(block.start, day.axis);
          const width = Math.max(6, xOf(block.end, day.axis) - left - 1);
          const key = blockKey(block);
          const state = teamBlockState(block, now);
          const show = (e: React.SyntheticEvent<HTMLElement>): void =>
            onShow(lane, block, e.currentTarget);
          return (
            <a
              key={key}
              data-key={key}
              href={hrefFor({ page: 'person', id: block.personId })}
              tabIndex={key === tabStop ? 0 : -1}
              className={`team-block tb-${state}${state === 'missed' ? ' struck' : ''} chan-${block.channel}`}
              data-state={state}
              style={{ left, width, top: `calc(${row} * var(--track))` }}
              aria-label={`${block.name}, ${block.channel} ${spanOnDay(block.start, block.end, zone, day.date)}, ${block.stars} of 5 stars, ${STATE_LABEL[state]}`}
              onMouseEnter={show}
              onFocus={(e) => {
                show(e);
                onKey(lane.repId, key, null);
              }}
              onBlur={() => onShow(lane, block, null)}
              onKeyDown={(e) => {
                if (!BOARD_KEYS.includes(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
                e.preventDefault();
                onKey(lane.repId, key, e.key);
              }}
            >
              <span className="block-name">{block.name}</span>
              {block.stars > 0 && <span className="block-stars">{block.stars}★</span>}
            </a>
          );
        })}
        {[...overflow].map(([hour, list]) =>
          hour * HOUR_PX > viewTo || (hour + 1) * HOUR_PX < viewFrom ? null : (
            <span
              key={hour}
              className="lane-more"
              style={{ left: Math.max(0, hour) * HOUR_PX }}
              title={moreTitle(list, now)}
            >
              +{list.length}
            </span>
          ),
        )}
      </div>
    </div>
  );
});

/**
 * What an hour's "+N" holds: how many of each state (those that matter are drawn first, so these
 * are mostly windows the coverage does not count), and the first names.
 */
function moreTitle(list: readonly TeamBlock[], now: number): string {
  const byState = new Map<TeamBlockState, number>();
  for (const b of list) {
    const state = teamBlockState(b, now);
    byState.set(state, (byState.get(state) ?? 0) + 1);
  }
  const states = [...byState].map(([state, n]) => `${n} ${STATE_LABEL[state]}`).join('; ');
  const names = list
    .slice(0, 8)
    .map((b) => b.name)
    .join(', ');
  return `${list.length} more windows from this hour (${states}): ${names}${list.length > 8 ? ', …' : ''}`;
}

function BlockTip({
  shown,
  now,
  zone,
  date,
}: {
  shown: Shown;
  now: number;
  zone: string;
  /** The board's day: a block on another day in the manager's zone names its weekday. */
  date: string;
}): React.JSX.Element {
  const { block, lane } = shown;
  const state = teamBlockState(block, now);
  return (
    <div
      className="team-tip"
      role="tooltip"
      style={{ left: shown.x, top: shown.y, width: TIP_WIDTH }}
    >
      <strong>{block.name}</strong>
      {block.company && <span className="subtle">{block.company}</span>}
      <div>
        {block.channel === 'call' ? 'Call' : 'Email'}{' '}
        {spanOnDay(block.start, block.end, zone, date)} · their time{' '}
        {formatClock(block.start, block.contactTz)}–{formatClock(block.end, block.contactTz)} (
        {block.contactTz})
      </div>
      <div>
        <Stars value={block.stars} /> · {lane.name}&apos;s plan
      </div>
      {block.reason && <div className="reason">{block.reason}</div>}
      <div className={`tip-outcome tb-${state}`}>
        {blockOutcome(block, state, zone, lane.uncounted.includes(block.channel))}
      </div>
    </div>
  );
}
