import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TeamBlock, TeamDay, TeamLane } from '@shared/teamContract';
import { isStruck, teamBlockState, type TeamBlockState } from '@shared/teamBlockState';
import { clockAt as formatClock } from '../../plan/planRowText';
import { spanOnDay } from '../../team/spanOnDay';
import { formatShortDay } from '../../format/time';
import { hrefFor } from '../../stores/routeStore';
import { blockOutcome } from '../../team/blockTipText';
import {
  axisDayAt,
  axisWidth,
  hourTicks,
  openingOn,
  placeBlocks,
  xOf,
  MAX_TRACKS,
  HOUR_PX,
} from '../../team/teamLayout';
import { Stars } from '../Stars';

const STATE_LABEL: Record<TeamBlockState, string> = {
  now: 'in window now',
  upcoming: 'upcoming',
  worked: 'worked in window',
  already: 'already worked',
  skipped: 'skipped',
  snoozed: 'snoozed past',
  missed: 'missed',
};

interface Shown {
  lane: TeamLane;
  block: TeamBlock;
  /** Where the tip goes, in pixels from the canvas's corner: under the block. */
  x: number;
  y: number;
}

type OnShow = (lane: TeamLane, block: TeamBlock, element: HTMLElement | null) => void;

/** The tip's width: it stays inside what the board shows. */
const TIP_WIDTH = 380;

/**
 * Blocks are drawn only around the part of the axis in view: the view moves in steps of this many
 * pixels (four hours), with a step drawn on each side, so scrolling redraws the lanes now and then
 * rather than every frame, and a day of a follow-the-sun team draws a third of its blocks.
 */
const VIEW_STEP = 4 * HOUR_PX;
/** Before the board has been measured: a wide screen. */
const ASSUMED_WIDTH = 1600;

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
export function TeamBoard({ day, now }: { day: TeamDay; now: number }): React.JSX.Element {
  const zone = day.manager.timeZone;
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
  const opened = useRef<number | null>(null);
  useEffect(() => {
    const element = board.current;
    if (!element || opened.current === axisFrom) return;
    opened.current = axisFrom;
    element.scrollLeft = opening;
    showEdgeDay(element);
    requestAnimationFrame(() =>
      setTimeout(() => setView(viewAt(element.scrollLeft, element.clientWidth))),
    );
  }, [axisFrom, opening, showEdgeDay]);
  const onScroll = (): void => {
    const kept = focused.current;
    if (kept && kept.element.isConnected && kept.element === document.activeElement)
      onShow(kept.lane, kept.block, kept.element);
    else setShown(null);
    const element = board.current;
    if (!element) return;
    showEdgeDay(element);
    const next = viewAt(element.scrollLeft, element.clientWidth);
    setView((v) => (v.from === next.from && v.to === next.to ? v : next));
  };
  return (
    <div className="team-board-wrap" ref={wrap} onMouseLeave={() => setShown(null)}>
      <div
        className="team-board"
        ref={board}
        role="region"
        aria-label="The team's day"
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
          {day.reps.map((lane) => (
            <Lane
              key={lane.repId}
              lane={lane}
              day={day}
              now={now}
              zone={zone}
              viewFrom={view.from}
              viewTo={view.to}
              onShow={onShow}
            />
          ))}
          {nowInside && (
            <div
              className="team-now"
              aria-label={`Current time, ${formatClock(now, zone)}`}
              style={{ left: `calc(var(--lane-head) + ${nowX}px)` }}
            >
              <span>now {formatClock(now, zone)}</span>
            </div>
          )}
        </div>
      </div>
      {shown && <BlockTip shown={shown} now={now} zone={zone} date={day.date} />}
    </div>
  );
}

const Lane = memo(function Lane({
  lane,
  day,
  now,
  zone,
  viewFrom,
  viewTo,
  onShow,
}: {
  lane: TeamLane;
  day: TeamDay;
  now: number;
  zone: string;
  /** The part of the axis drawn, in pixels. */
  viewFrom: number;
  viewTo: number;
  onShow: OnShow;
}): React.JSX.Element {
  const { placed, overflow } = useMemo(
    () => placeBlocks(lane.blocks, day.axis.from),
    [lane.blocks, day.axis.from],
  );
  const tracks = Math.max(1, Math.min(MAX_TRACKS, 1 + Math.max(-1, ...placed.map((p) => p.track))));
  const maxDensity = Math.max(1, ...lane.density);
  return (
    <div
      className="team-lane"
      role="group"
      aria-label={`${lane.name}'s day`}
      style={{ ['--tracks' as string]: tracks }}
    >
      <div className="lane-head">
        <span className="lane-name">
          <strong>{lane.name}</strong>
          {/* A rep in another zone may still be on (or already past) another day than the board. */}
          {lane.date !== day.date && (
            <span className="lane-date" title={`${lane.name}'s own day in ${lane.timeZone}`}>
              {' '}
              · {formatShortDay(lane.date)}
            </span>
          )}
        </span>
        {/* Each part stays whole and goes to a line of its own when the two do not fit. */}
        <span className="subtle lane-zone">
          <span>{lane.timeZone},</span> <span>{formatClock(now, lane.timeZone)} there</span>
        </span>
        <span className="subtle lane-count">
          <span>
            {lane.coverage.worked} of {lane.coverage.windows} worked{lane.hiddenBlocks > 0 && ','}
          </span>
          {lane.hiddenBlocks > 0 && (
            <>
              {' '}
              <span
                title={`The ${lane.blocks.length} best-rated of ${lane.blocks.length + lane.hiddenBlocks} windows are drawn; the strip under the lane counts them all per hour`}
              >
                best {lane.blocks.length} drawn
              </span>
            </>
          )}
        </span>
      </div>
      <div className="lane-track">
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
                title={`${n} windows open`}
                style={{ left: h * HOUR_PX, width: HOUR_PX }}
              />
            ) : null,
          )}
        </div>
        {placed.map(({ block, track }) => {
          const left = xOf(block.start, day.axis);
          const width = Math.max(6, xOf(block.end, day.axis) - left - 1);
          if (left > viewTo || left + width < viewFrom) return null;
          const state = teamBlockState(block, now);
          const show = (e: React.SyntheticEvent<HTMLElement>): void =>
            onShow(lane, block, e.currentTarget);
          return (
            <a
              key={`${block.personId}|${block.channel}|${block.start}`}
              href={hrefFor({ page: 'person', id: block.personId })}
              className={`team-block tb-${state}${state === 'missed' && isStruck(block.end, now) ? ' struck' : ''} chan-${block.channel}`}
              data-state={state}
              style={{ left, width, top: `calc(${track} * var(--track))` }}
              aria-label={`${block.name}, ${block.channel} ${spanOnDay(block.start, block.end, zone, day.date)}, ${block.stars} of 5 stars, ${STATE_LABEL[state]}`}
              onMouseEnter={show}
              onFocus={show}
              onBlur={() => onShow(lane, block, null)}
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
              title={`${list.length} more windows from this hour: ${list
                .slice(0, 8)
                .map((b) => b.name)
                .join(', ')}${list.length > 8 ? ', …' : ''}`}
            >
              +{list.length}
            </span>
          ),
        )}
      </div>
    </div>
  );
});

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
      <div className={`tip-outcome tb-${state}`}>{blockOutcome(block, state, zone)}</div>
    </div>
  );
}
