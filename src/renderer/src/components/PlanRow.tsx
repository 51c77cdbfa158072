import type { PlannerRow } from '@shared/contract';
import type { SlotState } from '@shared/slotStates';
import { formatAgo, formatClock, zoneAbbreviation } from '../format/time';
import { hrefFor } from '../stores/routeStore';
import { Stars } from './Stars';

const STATE_LABEL: Record<SlotState, string> = {
  now: 'In window now',
  upcoming: 'Upcoming',
  none: 'No window today',
  passed: 'Window just ended',
  struck: 'Window passed',
};

export function PlanRow({
  row,
  state,
  now,
  repTz,
  selected,
}: {
  row: PlannerRow;
  state: SlotState;
  now: number;
  repTz: string;
  selected: boolean;
}): React.JSX.Element {
  const at = row.start ?? now;
  return (
    <div
      className={`plan-row state-${state}${selected ? ' selected' : ''}`}
      data-state={state}
      aria-selected={selected}
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
      </div>
      <div className="plan-why">
        <span
          className={`chip chip-${row.channel}`}
          aria-label={row.channel === 'call' ? 'Call' : 'Email'}
        >
          {row.channel === 'call' ? '☎ call' : '✉ email'}
        </span>{' '}
        <span className="state-label">{STATE_LABEL[state]}</span>
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
            <a href={`tel:${row.phone.replace(/\s/g, '')}`}>Call</a>
          )}
          {row.channel === 'email' && row.email && <a href={`mailto:${row.email}`}>Email</a>}
        </span>
      </div>
    </div>
  );
}
