import { memo } from 'react';
import type { PlannerRow } from '@shared/contract';
import type { SlotState } from '@shared/slotStates';
import { formatAgo } from '../format/time';
import { hrefFor } from '../stores/routeStore';
import { Stars } from './Stars';
import { clockAt, rowTimes } from '../plan/planRowText';

/** PL-4's marks, as the row's buttons offer them. */
const ROW_ACTIONS = [
  { action: 'done', label: 'Done', title: undefined },
  { action: 'snoozed', label: 'Snooze', title: 'Snooze to the next window' },
  { action: 'skipped', label: 'Skip', title: 'Skip for today' },
] as const;

const ACTION_LABEL = { done: 'Done', snoozed: 'Snoozed', skipped: 'Skipped today' } as const;

/** The last touch by what it was (activity kind and direction), as "emailed 3 d ago". */
const TOUCH_LABEL: Record<string, string> = {
  call_out: 'called',
  call_in: 'they called',
  email_out: 'emailed',
  email_in: 'they emailed',
  meeting_out: 'met',
  meeting_in: 'met',
  meeting: 'met',
  case_in: 'case opened',
  case_out: 'answered their case',
  form_in: 'web form',
  social_in: 'social',
  social_out: 'social',
  chat_in: 'chatted',
  chat_out: 'chatted',
  task_out: 'task done',
  task: 'task done',
};

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

const STATE_LABEL: Record<SlotState, string> = {
  now: 'In window now',
  upcoming: 'Upcoming',
  none: 'No window today',
  passed: 'Window just ended',
  struck: 'Window passed',
};

// Memoised: while the list scrolls, rows already on screen keep their rendering, and a row new on
// screen reads its clock texts from a cache instead of formatting them.
export const PlanRow = memo(function PlanRow({
  row,
  state,
  now,
  repTz,
  selected,
  light,
  onAction,
  onLogCall,
}: {
  row: PlannerRow;
  state: SlotState;
  now: number;
  repTz: string;
  selected: boolean;
  /**
   * Only the time, the person and the state: for rows passing by while the list jumps more than
   * a screen a frame (a scrollbar drag), too fast to read. The full row follows when it slows.
   */
  light: boolean;
  onAction: (row: PlannerRow, action: 'done' | 'snoozed' | 'skipped' | 'clear') => void;
  onLogCall: (row: PlannerRow) => void;
}): React.JSX.Element {
  const times = rowTimes(row, repTz);
  // Most needed first: a narrow window cuts the end of the line.
  const sideLine = light
    ? []
    : [
        row.lastTouchAt
          ? `${TOUCH_LABEL[row.lastTouch ?? ''] ?? 'last touch'} ${formatAgo(row.lastTouchAt, now)}`
          : 'never touched',
        ...(row.alternatives.length > 0
          ? [`also ${row.alternatives.map((a) => clockAt(a.start, repTz)).join(', ')}`]
          : []),
        ...(row.next
          ? [
              `${SCHEDULED_LABEL[row.next.kind] ?? row.next.kind} at ${clockAt(row.next.startAt, repTz)}`,
            ]
          : []),
      ];
  return (
    <div
      className={`plan-row state-${state}${selected ? ' selected' : ''}${row.action ? ` action-${row.action}` : ''}`}
      data-state={state}
      data-action={row.action ?? ''}
      aria-current={selected ? 'true' : undefined}
    >
      <div className="plan-time">
        {times ? (
          <>
            <span className="clock window-time">{times.rep}</span>
            <span className="contact-time" title={`Their local time (${row.contactTz})`}>
              {times.contact}
            </span>
          </>
        ) : (
          <span className="subtle">—</span>
        )}
      </div>
      <div className="plan-who">
        <a href={hrefFor({ page: 'person', id: row.personId })} className="person-link">
          {row.name}
        </a>
        <span className="subtle ellipsis">
          {row.company}
          {row.dealStage ? ` · ${row.dealStage}` : ''}
        </span>
      </div>
      <div className="plan-why">
        <div className="plan-why-head">
          <span
            className={`chip chip-${row.channel}`}
            aria-label={row.channel === 'call' ? 'Call' : 'Email'}
          >
            {row.channel === 'call' ? '☎ call' : '✉ email'}
          </span>
          <span className="state-label">
            {row.action ? ACTION_LABEL[row.action] : STATE_LABEL[state]}
          </span>
          {!light && row.stars !== null && <Stars value={row.stars} />}
          {row.onSiteNow && (
            <span
              className="chip chip-onsite"
              title="On the website now (a visit in the last 15 minutes)"
            >
              on the website · {CATEGORY_LABEL[row.category]}
            </span>
          )}
        </div>
        {!light && (
          <div className="subtle ellipsis reason" title={row.reason ?? undefined}>
            {row.reason ?? 'No suggested window on this day.'}
          </div>
        )}
      </div>
      {light ? (
        <div className="plan-side" />
      ) : (
        <div className="plan-side">
          <span className="subtle ellipsis side-line" title={sideLine.join(' · ')}>
            {sideLine.join(' · ')}
          </span>
          <span className="plan-actions">
            {row.channel === 'call' && row.phone && (
              <a className="call-link" href={`tel:${row.phone.replace(/\s/g, '')}`}>
                Call
              </a>
            )}
            {row.channel === 'email' && row.email && (
              <a className="email-link" href={`mailto:${row.email}`}>
                Email
              </a>
            )}
            {row.channel === 'call' && (
              <button type="button" onClick={() => onLogCall(row)}>
                Log
              </button>
            )}
            {row.action ? (
              <button type="button" onClick={() => onAction(row, 'clear')}>
                Undo
              </button>
            ) : (
              ROW_ACTIONS.map(({ action, label, title }) => (
                <button
                  key={action}
                  type="button"
                  onClick={() => onAction(row, action)}
                  title={title}
                >
                  {label}
                </button>
              ))
            )}
          </span>
        </div>
      )}
    </div>
  );
});
