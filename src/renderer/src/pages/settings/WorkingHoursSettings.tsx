import { forwardRef, useEffect, useState } from 'react';
import type { PlanHours } from '@shared/contract';
import { call, onEvent } from '../../api/client';
import { zoneLabel } from '../../format/time';
import { holidayText, weekdayHoursText } from '../../format/workingHoursText';
import { useNow } from '../../hooks/useNow';
import { CRM_ACCOUNT, WORKING_HOURS, hrefFor, useRoute } from '../../stores/routeStore';
import { useSession } from '../../stores/sessionStore';

/**
 * Settings › Working hours: the hours and holidays the signed-in user's plan is held to, read by
 * the core where the planner reads them, so a rep whose Saturday is closed can see why. Read
 * only: they are the CRM's (or the demo organisation's), and the app has no editor for them.
 */
export const WorkingHoursSettings = forwardRef<HTMLHeadingElement>(
  function WorkingHoursSettings(_props, heading) {
    const userId = useSession((s) => s.session?.currentUser?.id);
    const switched = useSession((s) => s.switched);
    const isDemo = useSession((s) => s.session?.org.isDemo ?? false);
    const [hours, setHours] = useState<{ for: string; hours: PlanHours } | null>(null);
    const [error, setError] = useState<string | null>(null);
    const [reloads, setReloads] = useState(0);
    // A holiday listed drops off once over: the page's clock, not the reading's.
    const now = useNow(60_000);
    // The closed day a plan's link came from (#/settings/working-hours/2026-11-26): its holiday is named.
    const day = useRoute((s) =>
      s.route.id === WORKING_HOURS && s.route.focus && /^\d{4}-\d{2}-\d{2}$/.test(s.route.focus)
        ? s.route.focus
        : undefined,
    );
    // A manager come from a rep's closed day reads that rep's hours (the plan's own), named.
    const repId = useRoute((s) =>
      s.route.id === WORKING_HOURS && s.route.rep && s.route.rep !== userId
        ? s.route.rep
        : undefined,
    );
    const repName = useSession(
      (s) => (repId && s.session?.users.find((u) => u.id === repId)?.name) || null,
    );
    const whose = `${switched}:${userId ?? ''}:${day ?? ''}:${repId ?? ''}`;

    // A sync may bring other hours, shifts or holidays from the CRM.
    useEffect(() => onEvent('data-changed', () => setReloads((n) => n + 1)), []);
    useEffect(() => {
      let live = true;
      call('getPlanHours', { ...(day ? { day } : {}), ...(repId ? { repId } : {}) }).then(
        (h) => {
          if (!live) return;
          setHours({ for: whose, hours: h });
          setError(null);
        },
        (e: Error) => live && setError(e.message),
      );
      return () => {
        live = false;
      };
    }, [whose, day, repId, reloads]);

    const title = (
      <h2 ref={heading} tabIndex={-1}>
        Working hours
      </h2>
    );
    if (error)
      return (
        <article className="card" aria-label="Working hours">
          {title}
          <p className="error" role="alert">
            {error}
          </p>
        </article>
      );
    // Another user's hours (the one before a switch) are not shown as this one's.
    if (!hours || hours.for !== whose)
      return (
        <article className="card" aria-label="Working hours">
          {title}
          <p className="loading">Loading…</p>
        </article>
      );
    const h = hours.hours;
    const from = isDemo
      ? 'the demo organisation’s settings (sample data)'
      : h.source === 'shift'
        ? 'Zoho CRM’s shift hours'
        : 'Zoho CRM’s business hours';
    // The signed-in user's own words, or the rep's named (a manager reading them).
    const who = repId
      ? {
          plan: `${repName ?? 'The rep'}’s plan`,
          shift: `${repName ?? 'the rep'}’s shift`,
          time: `${repName ?? 'The rep'}’s time`,
          profile: 'their CRM profile’s zone',
          time2: `${repName ?? 'the rep'}’s time`,
        }
      : {
          plan: 'Your plan',
          shift: 'your shift',
          time: 'Your time',
          profile: 'your CRM profile’s zone',
          time2: 'your time',
        };
    const whoseHours =
      h.source === 'shift'
        ? `the hours of ${who.shift}, ${h.shift ?? ''}`
        : 'the organisation’s business hours';
    const zone = h.zone ?? h.repTz;
    const otherClock = h.zone !== null && h.zone !== h.repTz;
    const days = h.week ? weekdayHoursText(h.week, zone, h.repTz, now) : [];
    const holidays = h.holidays.filter((d) => d.to > now);
    return (
      <article className="card working-hours" aria-label="Working hours">
        {title}
        {h.source === 'none' ? (
          <p>
            No working hours are known yet (
            {isDemo
              ? 'the demo organisation has none'
              : 'Zoho CRM’s business hours are read at each sync'}
            ): every hour of every day can be planned.
          </p>
        ) : (
          <>
            <p>
              {who.plan}, its windows and its closed days follow {whoseHours}, from {from}, in{' '}
              {zoneLabel(zone, now)}.
              {otherClock && ` “${who.time}” is ${who.profile}, ${zoneLabel(h.repTz, now)}.`}
            </p>
            <table className="working-hours-week">
              <caption className="visually-hidden">Working hours by weekday</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Hours</th>
                  {otherClock && <th scope="col">{who.time}</th>}
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr key={d.weekday}>
                    <th scope="row">{d.weekday}</th>
                    <td>{d.hours}</td>
                    {otherClock && <td>{d.yours ?? (d.hours === 'closed' ? '' : 'the same')}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {h.holiday && (
          <CameFrom
            holiday={h.holiday}
            zone={zone}
            repTz={h.repTz}
            now={now}
            yourTime={who.time2}
          />
        )}
        <h3 className="settings-sub">Coming holidays</h3>
        {holidays.length === 0 ? (
          <p className="subtle">
            No holidays ahead{isDemo ? ' in the demo organisation' : ' in Zoho CRM'}
            {h.source === 'shift' ? ` for ${who.shift}` : ''}.
          </p>
        ) : (
          <ul className="working-hours-holidays" aria-label="Coming holidays">
            {holidays.map((d) => {
              const text = holidayText(d, zone, h.repTz, now);
              return (
                <li key={d.date}>
                  <strong>{text.day}</strong>: {text.name}
                  {text.yours && (
                    <span className="subtle">
                      {' '}
                      ({who.time2} {text.yours})
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <p className="subtle">
          {isDemo ? (
            <>
              The demo organisation’s hours and holidays cannot be changed. With your CRM connected
              (<a href={hrefFor({ page: 'settings', id: CRM_ACCOUNT })}>Settings › CRM account</a>),
              the plan follows its hours.
            </>
          ) : (
            'They are changed in Zoho CRM, by an administrator (business hours, shifts and holidays are in its company settings), and read here at the next sync.'
          )}{' '}
          Your own hours under Alerts, below, change when alerts reach you, not the plan.
        </p>
      </article>
    );
  },
);

/** The holiday of the closed day the user came from, named first whether or not it is to come. */
function CameFrom({
  holiday,
  zone,
  repTz,
  now,
  yourTime,
}: {
  holiday: PlanHours['holidays'][number];
  zone: string;
  repTz: string;
  now: number;
  /** "your time", or the rep's named ("Diego Alvarez’s time"). */
  yourTime: string;
}): React.JSX.Element {
  const text = holidayText(holiday, zone, repTz, now);
  return (
    <p className="working-hours-came-from">
      The day you came from, <strong>{text.day}</strong>, is a holiday: {text.name}
      {text.yours && (
        <span className="subtle">
          {' '}
          ({yourTime} {text.yours})
        </span>
      )}
      .
    </p>
  );
}
