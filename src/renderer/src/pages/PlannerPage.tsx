import { useEffect, useState } from 'react';
import type { Planner } from '@shared/contract';
import { call } from '../api/client';
import { formatClock, formatDay, zoneAbbreviation } from '../format/time';
import { hrefFor } from '../stores/routeStore';
import { useSession } from '../stores/sessionStore';

export function PlannerPage(): React.JSX.Element {
  const userId = useSession((s) => s.session?.currentUser?.id);
  const [plan, setPlan] = useState<Planner | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('getPlanner', {}).then(
      (p) => live && setPlan(p),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [userId]);

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!plan) return <p className="loading">Loading today’s plan…</p>;
  return (
    <section className="page">
      <header className="page-head">
        <h1>Planner</h1>
        <p className="subtle">
          {formatDay(plan.date, plan.repTz)} · {plan.rows.length}{' '}
          {plan.rows.length === 1 ? 'person' : 'people'} · times in {plan.repTz}
        </p>
      </header>
      {plan.rows.length === 0 ? (
        <div className="empty">Nothing planned for today.</div>
      ) : (
        <ol className="plan-list" aria-label="Today’s people">
          {plan.rows.map((row, i) => (
            <li key={`${row.personId}-${i}`} className="plan-row">
              <div className="plan-time">
                {row.next && (
                  <span className="clock">{formatClock(row.next.startAt, plan.repTz)}</span>
                )}
                {row.next && (
                  <span className="contact-time" title={`Contact's local time (${row.contactTz})`}>
                    {formatClock(row.next.startAt, row.contactTz)}{' '}
                    {zoneAbbreviation(row.next.startAt, row.contactTz)}
                  </span>
                )}
              </div>
              <div className="plan-who">
                <a href={hrefFor({ page: 'person', id: row.personId })} className="person-link">
                  {row.name}
                </a>
                <span className="subtle">{row.company}</span>
              </div>
              <div className="plan-what">
                <span className={`chip chip-${row.next?.kind ?? 'none'}`}>{row.next?.kind}</span>{' '}
                {row.next?.subject}
              </div>
              <div className="plan-deal">
                {row.dealStage && <span className="chip chip-deal">{row.dealStage}</span>}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
