import { memo, useLayoutEffect, useRef } from 'react';
import type { PlannerRow } from '@shared/contract';
import { isSettled, isWorkedInWindow, type SlotState } from '@shared/slotStates';
import type { DayMark } from '@shared/dayMarks';
import { hrefFor } from '../stores/routeStore';
import { telUri } from '@shared/telUri';
import { CALL_OUTCOME_LABEL } from '@shared/callOutcome';
import { taskDueText, taskOverdue } from '@shared/taskDue';
import { Stars } from './Stars';
import { ON_WEBSITE_RULE } from '../format/onWebsiteText';
import { clockAt, dayClockAt, lastTouchText, rowTimes, zoneLabelAt } from '../plan/planRowText';
import { snoozeChoices, starsWords, targetWords, type SnoozeOffer } from '../plan/snoozeChoices';

/** What a row's buttons ask of the page; the page decides what Snooze does (see PlannerPage). */
export type RowCommand =
  'done' | 'snoozed' | 'skipped' | 'clear' | 'snooze-confirmed' | 'snooze-sooner' | 'cancel';

/**
 * What names a row when it has the focus (`aria-labelledby`): its window, person, channel and
 * state or mark, in the order they are shown; `labelId` is the row's (see PlanRow).
 */
export function rowLabelIds(labelId: string): string {
  return ['time', 'who', 'channel', 'state'].map((part) => `${labelId}-${part}`).join(' ');
}

/** PL-4's marks, as the row's buttons offer them. */
const ROW_ACTIONS = [
  { action: 'done', label: 'Done', title: undefined },
  { action: 'snoozed', label: 'Snooze', title: 'Snooze to the next window' },
  { action: 'skipped', label: 'Skip', title: 'Skip for the day' },
] as const;

/** VT-2 visitor categories, as the CRM names them. */
const CATEGORY_LABEL: Record<PlannerRow['category'], string> = {
  customer: 'Customer',
  customer_open_deal: 'Customer with open deal',
  lead_contact: 'Lead/Contact',
};

/** Work already booked in the CRM for the day (activities' kinds). */
const SCHEDULED_LABEL: Record<string, string> = {
  call: 'call booked',
  meeting: 'meeting',
  task: 'task due',
};

/** A refused booking's words: the head is shown whole, the pointer gives way in a narrow list. */
const refusedHead = (at: string): string => `booking at ${at} refused by Zoho`;
const REFUSED_TAIL = ': see Settings › CRM account';

/**
 * Booked work in the side line. A call the CRM still holds as open after its time, or a task after
 * the day it was due, was not done then: it says so, rather than read as booked work still to come.
 */
function scheduledText(next: NonNullable<PlannerRow['next']>, now: number, repTz: string): string {
  const at = clockAt(next.startAt, repTz);
  // Booked here, refused by Zoho: no call exists there, so it is not booked (nor overdue) work.
  if (next.refused) return `${refusedHead(at)}${REFUSED_TAIL}`;
  // A task due on a date is due all that day on the rep's clock, not from the hour it is placed at.
  if (next.kind === 'task' && next.dueDate) return taskDueText(next.dueDate, now, repTz);
  const label = SCHEDULED_LABEL[next.kind] ?? next.kind;
  // A task with a time only is still due all that day (Zoho's rule: overdue once the day is
  // over), so one placed at 08:45 this morning does not turn red at 08:46; a call is due at its time.
  const overdue =
    next.kind === 'task'
      ? taskOverdue(next, now, repTz)
      : next.kind !== 'meeting' && next.startAt < now;
  return overdue ? `overdue: ${label} at ${at}` : `${label} at ${at}`;
}

/**
 * The side line's booked work: the call booked (or the booking Zoho refused), and the other work
 * of the day, such as an open task (a day's to-do) or a meeting.
 */
function scheduledParts(
  next: NonNullable<PlannerRow['next']>,
  now: number,
  repTz: string,
): { booking?: string; work?: string } {
  const work = scheduledText(next, now, repTz);
  if (next.kind === 'call') return { booking: work };
  if (next.callAt === undefined) return { work };
  const at = clockAt(next.callAt, repTz);
  const booking = next.callRefused
    ? `${refusedHead(at)}${REFUSED_TAIL}`
    : `${SCHEDULED_LABEL['call'] ?? 'call booked'} at ${at}`;
  return { booking, work };
}

/**
 * The side line's booking, first and whole: a refused one's pointer to Settings (in the line's
 * title too) gives way before anything else when the list is narrow.
 */
function BookingPart({ booking, more }: { booking: string; more: boolean }): React.JSX.Element {
  const sep = more ? ' · ' : '';
  if (!booking.endsWith(REFUSED_TAIL))
    return <span className="side-booking">{`${booking}${sep}`}</span>;
  return (
    <>
      <span className="side-booking">{booking.slice(0, -REFUSED_TAIL.length)}</span>
      <span className="side-pointer">{`${REFUSED_TAIL}${sep}`}</span>
    </>
  );
}

const STATE_LABEL: Record<SlotState, string> = {
  now: 'In window now',
  upcoming: 'Upcoming',
  none: 'No window today',
  passed: 'Window just ended',
  struck: 'Window passed',
};

/** The row's mark in words: finished rows are checked ("✓ Done"). */
function markLabel(row: PlannerRow, repTz: string): string | null {
  if (row.action === 'done') return '✓ Done';
  if (row.action === 'skipped') return '✓ Skipped for the day';
  if (row.action === 'snoozed')
    return isSettled(row)
      ? `✓ Snoozed to ${row.nextWindow ? dayClockAt(row.nextWindow.start, repTz) : 'another day'}`
      : 'Snoozed';
  return null;
}

/**
 * An ended window's contact with the person that day, from the CRM or logged here (a row still to
 * come says so in its side line, when they were last touched), and an open window's call in it:
 * "✓ Called 09:31" in the window, "Called 08:15" before it (reached already), "Called 11:20, after
 * the window" once it ended unworked (the Team page's reading of the same call).
 */
function reachedLabel(row: PlannerRow, repTz: string): React.JSX.Element | string | null {
  const reached = row.reached;
  if (!reached) return null;
  const said = `${row.channel === 'email' ? 'Emailed' : 'Called'} ${clockAt(reached.at, repTz)}`;
  if (reached.inWindow) return `✓ ${said}`;
  if (row.end === null || reached.at < row.end) return said;
  // In a narrow reason column ", after the window" beside five stars pushed them out of the row:
  // there it is seen as ", late", the whole words in the title and read by a screen reader.
  return (
    <span title={`${said}, after the window`}>
      {said}
      <span className="late-long">, after the window</span>
      <span className="late-short" aria-hidden>
        , late
      </span>
    </span>
  );
}

/**
 * A call that did not reach the person, the row still to call: "In window now · No answer at
 * 10:01", said at the call's end. In a narrow reason column the state's words give way to how
 * the call went (the row's colour and strike-through still say the state; a screen reader and the
 * title have it whole), so the time is never cut off.
 */
function triedLabel(row: PlannerRow, state: SlotState, repTz: string): React.JSX.Element | null {
  if (!row.tried) return null;
  const tried = `${CALL_OUTCOME_LABEL[row.tried.outcome]} at ${clockAt(row.tried.at, repTz)}`;
  return (
    <span title={`${STATE_LABEL[state]} · ${tried}`}>
      <span className="tried-state">{STATE_LABEL[state]} · </span>
      {tried}
    </span>
  );
}

// Memoised: while the list scrolls, rows already on screen keep their rendering, and a row new on
// screen reads its clock texts from a cache instead of formatting them.
export const PlanRow = memo(function PlanRow({
  row,
  now,
  repTz,
  selected,
  light,
  offer,
  offered,
  onAction,
  onLogCall,
  onTask,
  onBook,
  onFocusGone,
  labelId,
}: {
  row: PlannerRow;
  now: number;
  repTz: string;
  /** The focused row: it shows its whole reason and the day's windows. */
  selected: boolean;
  /**
   * Only the time, the person and the state: for rows passing by while the list jumps more than
   * a screen a frame (a scrollbar drag), too fast to read. The full row follows when it slows.
   */
  light: boolean;
  /**
   * Snooze was asked for and offers a choice (`snoozeChoices`): the day has no later window, or
   * only an hour under 2★ before the next sure one.
   */
  offer: boolean;
  /**
   * The marks this plan's rows take: none on another rep's plan (TM-1), where the row shows its
   * mark only; fewer on a past or later day (see dayMarks).
   */
  offered: ReadonlySet<DayMark>;
  onAction: (row: PlannerRow, command: RowCommand, shownOffer?: SnoozeOffer) => void;
  onLogCall: (row: PlannerRow) => void;
  /** The side line's task (one the CRM holds open) asked to be done or moved (TaskDialog). */
  onTask?: (row: PlannerRow) => void;
  /** Book a call with the person in one of their windows (BookCallDialog). */
  onBook?: (row: PlannerRow) => void;
  /** The row is going with the keyboard's focus in it (its list says where the focus goes). */
  onFocusGone?: () => void;
  /** Where the ids of the parts that name the row start (`rowLabelIds`). */
  labelId?: string;
}): React.JSX.Element {
  const part = (name: string): string | undefined => labelId && `${labelId}-${name}`;
  const state = row.state;
  const times = rowTimes(row, repTz);
  const mark = markLabel(row, repTz);
  const moved =
    row.movedFrom && row.start !== null && row.end !== null
      ? row.movedFrom.start !== row.start
        ? `moved from ${clockAt(row.movedFrom.start, repTz)}`
        : `was until ${clockAt(row.movedFrom.end, repTz)}`
      : null;
  // Most needed first: a narrow window cuts the end of the line. The call booked (or refused by
  // Zoho) leads, then the day's other work (an open task, a meeting), then the last touch and the
  // other windows.
  const scheduled = !light && !offer && row.next ? scheduledParts(row.next, now, repTz) : {};
  const choices = offer ? snoozeChoices(row, now) : null;
  const sideLine = light
    ? []
    : offer
      ? [choices?.sooner ? 'The next window today is under 2★.' : 'No later window today.']
      : [
          ...(scheduled.booking ? [scheduled.booking] : []),
          ...(scheduled.work ? [scheduled.work] : []),
          lastTouchText(row, now, repTz),
          // Beside a window of the row's own they are others; without one (snoozed to another
          // day) they are all the day had.
          ...(row.alternatives.length > 0
            ? [
                `${row.start === null ? 'the day’s windows' : 'also'} ${row.alternatives.map((a) => clockAt(a.start, repTz)).join(', ')}`,
              ]
            : []),
        ];
  // The CRM's open task, on the rep's own plan (marks offered), is a button: done or moved from
  // here as on the person page.
  const taskPart = row.next?.taskId && onTask && offered.size > 0 ? scheduled.work : undefined;
  // The booking and the task's button are never cut: the parts after them give way ("…") in a
  // narrow list (the title has the line whole).
  const lead = [scheduled.booking, taskPart].filter((p): p is string => p !== undefined);
  const rest = sideLine.slice(lead.length).join(' · ');
  const tel = row.phone ? telUri(row.phone) : null;
  const windowsText = selected && !light ? dayWindows(row, repTz) : null;
  // The button pressed goes away (Done turns into Undo, Snooze into its offer, Undo back into
  // Done): the focus moves to the first mark button in its place instead of falling to the page,
  // so a keyboard user can undo at once, or go on from this row.
  const actions = useRef<HTMLSpanElement>(null);
  const refocus = useRef(false);
  const press = (command: RowCommand): void => {
    refocus.current = actions.current?.contains(document.activeElement) ?? false;
    // An offer's button takes the window it names, though the clock has turned since it was drawn.
    onAction(
      row,
      command,
      command === 'snooze-confirmed' || command === 'snooze-sooner' ? choices : undefined,
    );
  };
  useLayoutEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    actions.current?.querySelector<HTMLButtonElement>('button[data-mark]')?.focus();
  }, [row.action, offer]);
  // An offer opened from the keyboard (s) takes the focus as one opened by its button does, so
  // Enter takes it and Tab does not start from the top of the page; closed without a mark
  // (Cancel, Escape), the focus goes back to Snooze, where it came from.
  const offerWas = useRef(offer);
  useLayoutEffect(() => {
    const was = offerWas.current;
    offerWas.current = offer;
    if (offer === was) return;
    const buttons = actions.current;
    if (!buttons) return;
    if (offer) {
      if (selected) buttons.querySelector<HTMLButtonElement>('button[data-mark]')?.focus();
      return;
    }
    if (row.action) return;
    const active = document.activeElement;
    const lost = !active || active === document.body || !active.isConnected;
    if (!lost && !buttons.contains(active)) return;
    const snooze = [...buttons.querySelectorAll<HTMLButtonElement>('button[data-mark]')].find(
      (b) => b.textContent === 'Snooze',
    );
    snooze?.focus();
  }, [offer, selected, row.action]);
  // A layout effect's cleanup runs while the row is still in the document, with the focus in it.
  const root = useRef<HTMLDivElement>(null);
  const gone = useRef(onFocusGone);
  gone.current = onFocusGone;
  useLayoutEffect(() => {
    const element = root.current;
    return () => {
      if (element?.contains(document.activeElement)) gone.current?.();
    };
  }, []);
  // A moved window and a visitor on the site now: beside the stars, or where a narrow list has
  // no room for them there, before the reason.
  const notes =
    moved || row.onSiteNow ? (
      <>
        {moved && (
          <span className="chip chip-moved" title="A relearn today moved this window">
            {moved}
          </span>
        )}
        {row.onSiteNow && (
          <span
            className="chip chip-onsite"
            title={`On the website now, ${ON_WEBSITE_RULE} · ${CATEGORY_LABEL[row.category]}`}
          >
            on the website<span className="onsite-category"> · {CATEGORY_LABEL[row.category]}</span>
          </span>
        )}
      </>
    ) : null;
  return (
    <div
      ref={root}
      className={`plan-row state-${state}${selected ? ' selected' : ''}${row.action ? ` action-${row.action}` : ''}${isSettled(row) ? ' settled' : ''}`}
      data-state={state}
      data-action={row.action ?? ''}
      aria-current={selected ? 'true' : undefined}
    >
      <div className="plan-time">
        {times ? (
          <>
            <span className="clock window-time" id={part('time')}>
              {times.rep}
            </span>
            <span
              className="contact-time"
              title={`Their local time, ${zoneLabelAt(row.start ?? row.nextWindow?.start ?? now, row.contactTz)}`}
            >
              {times.contact}
            </span>
          </>
        ) : (
          <span className="subtle">—</span>
        )}
      </div>
      <div className="plan-who">
        <a
          href={hrefFor({ page: 'person', id: row.personId })}
          className="person-link ellipsis"
          id={part('who')}
          title={row.name}
        >
          {row.name}
        </a>
        <span
          className="subtle ellipsis"
          title={[row.company, row.dealStage].filter(Boolean).join(' · ') || undefined}
        >
          {row.company}
          {row.dealStage ? ` · ${row.dealStage}` : ''}
        </span>
      </div>
      <div className="plan-why">
        <div className="plan-why-head">
          <span
            className={`chip chip-${row.channel}`}
            id={part('channel')}
            aria-label={row.channel === 'call' ? 'Call' : 'Email'}
          >
            {row.channel === 'call' ? '☎ call' : '✉ email'}
          </span>
          <span className="state-label" id={part('state')}>
            {(mark ??
              ((state === 'passed' || state === 'struck' || isWorkedInWindow(row)) &&
                reachedLabel(row, repTz))) ||
              triedLabel(row, state, repTz) ||
              STATE_LABEL[state]}
          </span>
          {!light && row.stars !== null && <Stars value={row.stars} />}
          {notes && <span className="row-notes in-head">{notes}</span>}
        </div>
        {!light && !selected && (
          <div className="subtle ellipsis reason" title={row.reason ?? undefined}>
            {notes && <span className="row-notes in-reason">{notes}</span>}
            <span className="reason-text">{reasonText(row)}</span>
          </div>
        )}
      </div>
      {light ? (
        <div className="plan-side" />
      ) : (
        <div className="plan-side">
          <span className="subtle ellipsis side-line" title={sideLine.join(' · ')}>
            {lead.length > 0 ? (
              <>
                {scheduled.booking && (
                  <BookingPart booking={scheduled.booking} more={sideLine.length > 1} />
                )}
                {taskPart !== undefined && onTask && (
                  <button
                    type="button"
                    className="side-task"
                    aria-haspopup="dialog"
                    aria-label={`${row.next?.subject ? `Task “${row.next.subject}”, ` : ''}${taskPart}: mark done or move (t)`}
                    title="Mark done or move this task (t)"
                    onClick={() => onTask(row)}
                  >
                    {taskPart}
                  </button>
                )}
                {rest && (
                  <span className="side-rest">{taskPart !== undefined ? ` · ${rest}` : rest}</span>
                )}
              </>
            ) : (
              sideLine.join(' · ')
            )}
          </span>
          <span className="plan-actions" ref={actions}>
            {row.channel === 'call' && tel && (
              <a className="call-link" href={tel}>
                Call
              </a>
            )}
            {row.channel === 'email' && row.email && (
              <a className="email-link" href={`mailto:${row.email}`}>
                Email
              </a>
            )}
            {offered.has('log') && row.channel === 'call' && !offer && (
              <button type="button" onClick={() => onLogCall(row)}>
                Log
              </button>
            )}
            {offered.has('book') && row.channel === 'call' && !offer && onBook && (
              <button
                type="button"
                aria-haspopup="dialog"
                title="Book a call in their window (b)"
                onClick={() => onBook(row)}
              >
                Book
              </button>
            )}
            {offer ? (
              <>
                <button type="button" data-mark onClick={() => press('snooze-confirmed')}>
                  {choices?.sure
                    ? `Snooze to ${targetWords(choices.sure, repTz)}`
                    : 'Snooze for today'}
                </button>
                {choices?.sooner && (
                  <button type="button" data-mark onClick={() => press('snooze-sooner')}>
                    {`Snooze to ${targetWords(choices.sooner, repTz)}`}
                  </button>
                )}
                <button type="button" data-mark onClick={() => press('cancel')}>
                  Cancel
                </button>
              </>
            ) : row.action ? (
              offered.has('clear') && (
                <button type="button" data-mark onClick={() => press('clear')}>
                  Undo
                </button>
              )
            ) : (
              ROW_ACTIONS.filter(({ action }) => offered.has(action)).map(
                ({ action, label, title }) => (
                  <button
                    key={action}
                    type="button"
                    data-mark
                    onClick={() => press(action)}
                    title={title}
                  >
                    {label}
                  </button>
                ),
              )
            )}
          </span>
        </div>
      )}
      {windowsText !== null && (
        <div className="plan-more">
          <div className="reason-full" title={row.reason ?? undefined}>
            {notes && <span className="row-notes in-reason">{notes}</span>}
            <span className="reason-text">{reasonText(row)}</span>
          </div>
          <div className="subtle day-windows" title={windowsText}>
            {windowsText}
          </div>
        </div>
      )}
    </div>
  );
});

/**
 * Why the row is worth a call. Only a day with no window at all on the channel says it has none:
 * on a day with windows that would contradict the row's own side line.
 */
function reasonText(row: PlannerRow): string {
  if (row.reason !== null) return row.reason;
  return row.start === null && row.alternatives.length === 0
    ? 'No suggested window on this day.'
    : '';
}

/** The focused row's day: every window of it on the channel, and what comes after the day. */
function dayWindows(row: PlannerRow, repTz: string): string {
  const all = [
    ...(row.start !== null && row.end !== null
      ? [{ start: row.start, end: row.end, stars: row.stars ?? 0 }]
      : []),
    ...row.alternatives,
  ].sort((a, b) => a.start - b.start);
  const list = all.map(
    (w) =>
      `${clockAt(w.start, repTz)}–${clockAt(w.end, repTz)} ${starsWords(w.stars)}${w.start === row.start ? ' (this row)' : ''}`,
  );
  const next = row.nextWindow
    ? `next: ${dayClockAt(row.nextWindow.start, repTz)} ${starsWords(row.nextWindow.stars)}`
    : null;
  return [
    list.length ? `The day’s ${row.channel} windows: ${list.join(' · ')}` : 'No window this day',
    ...(next ? [next] : []),
  ].join(' · ');
}
