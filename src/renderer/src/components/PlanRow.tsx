import { memo } from 'react';
import type { PlannerRow } from '@shared/contract';
import type { SlotState } from '@shared/slotStates';
import { formatAgo, formatClock, zoneAbbreviation } from '../format/time';
import { hrefFor } from '../stores/routeStore';
import { Stars } from './Stars';

const ACTION_LABEL = { done: 'Done', snoozed: 'Snoozed', skipped: 'Skipped today' } as const;

const STATE_LABEL: Record<SlotState, string> = {
  now: 'In window now',
  upcoming: 'Upcoming',
  none: 'No window today',
  passed: 'Window just ended',
  struck: 'Window passed',
};

// Memoised: while the list scrolls, rows already on screen keep their rendering.
export const PlanRow = memo(function PlanRow({
  row,
  state,
  now,
  repTz,
  selected,
  onAction,
  onLogCall,
}: {
  row: PlannerRow;
  state: SlotState;
  now: number;
  repTz: string;
  selected: boolean;
  onAction: (row: PlannerRow, action: 'done' | 'snoozed' | 'skipped' | 'clear') => void;
  onLogCall: (row: PlannerRow) => void;
}): React.JSX.Element {
  const at = row.start ?? now;
  return (
    <div
      className={`plan-row state-${state}${selected ? ' selected' : ''}${row.action ? ` action-${row.action}` : ''}`}
      data-state={state}
      data-action={row.action ?? ''}
      aria-current={selected ? 'true' : undefined}
    >
      <div className="plan-time">
        {row.start !== null && row.end !== null ? (
          <>
            <span className="clock window-time">
              {formatClock(row.start, repTz)}–{formatClock(row.end, repTz)}
            </span>
            <span className="contact-time" title={`Their local time (${row.contactTz})`}>
              {formatClock(row.start, row.contactTz)}–{formatClock(row.end, row.contactTz)}{' '}
              {zoneAbbreviation(at, row.contactTz)}
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
        {row.onSiteNow && <span className="chip chip-onsite">on the website now</span>}
      </div>
      <div className="plan-why">
        <span
          className={`chip chip-${row.channel}`}
          aria-label={row.channel === 'call' ? 'Call' : 'Email'}
        >
          {row.channel === 'call' ? '☎ call' : '✉ email'}
        </span>{' '}
        <span className="state-label">
          {row.action ? ACTION_LABEL[row.action] : STATE_LABEL[state]}
        </span>
        {row.stars !== null && <Stars value={row.stars} />}
        <div className="subtle ellipsis reason" title={row.reason ?? undefined}>
          {row.reason ?? 'No suggested window on this day.'}
        </div>
      </div>
      <div className="plan-side">
        <span className="subtle">
          {row.lastTouchAt ? `last touch ${formatAgo(row.lastTouchAt, now)}` : 'never touched'}
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
            <>
              <button type="button" onClick={() => onAction(row, 'done')}>
                Done
              </button>
              <button
                type="button"
                onClick={() => onAction(row, 'snoozed')}
                title="Snooze to the next window"
              >
                Snooze
              </button>
              <button type="button" onClick={() => onAction(row, 'skipped')} title="Skip for today">
                Skip
              </button>
            </>
          )}
        </span>
      </div>
    </div>
  );
});
