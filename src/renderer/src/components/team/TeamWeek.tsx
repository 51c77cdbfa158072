import { useEffect, useState } from 'react';
import { DateTime } from 'luxon';
import { sumWeekCells, type TeamWeek as Week, type TeamWeekCell } from '@shared/teamContract';
import { call } from '../../api/client';
import { coreNow } from '../../clock/coreClock';
import { weekZoneLabel } from '../../format/time';
import { wakeDelay } from '../../hooks/useNow';
import { useTeamReloads } from '../../hooks/useTeamReloads';
import { useSession } from '../../stores/sessionStore';
import { nextMidnight } from '../../team/teamReload';
import {
  weekCellEmpty,
  weekCellLines,
  weekLineTitle,
  type WeekChannel,
} from '../../team/weekCellText';
import { AHEAD_DAYS, PAST_DAYS, pickableDays } from '@shared/pickableDays';
import { NoSuchDateNote } from '../NoSuchDateNote';
import type { FarDate } from '../../route/teamView';
import './teamWeek.css';

/**
 * The manager's week (Day / Week on the Team page): a row per rep, a column per date Monday to
 * Sunday in the manager's zone, each cell what the rep had scheduled and did that date, counted
 * by the core from stored activities (no day plan made, so a week is as quick as a list). A cell
 * opens that date in the day view.
 */
export function TeamWeekView({
  week,
  channel,
  onWeek,
  onChannel,
  onOpenDay,
  viewSwitch,
  badWeek,
  farWeek,
}: {
  /** A date of the week to show; undefined for this week. */
  week: string | undefined;
  channel: WeekChannel;
  onWeek: (week: string | undefined) => void;
  onChannel: (channel: WeekChannel) => void;
  /** Opens the day view on `date`; undefined for the manager's today. */
  /** A cell's date (undefined: the manager's today) and the Monday of the week it is in. */
  onOpenDay: (date: string | undefined, week: string) => void;
  viewSwitch: React.JSX.Element;
  /** A `week=` in the address that is no date: this week is shown, and the page says why. */
  badWeek?: string;
  /** A `week=` with no day the planner shows: this week is shown, and the page says why. */
  farWeek?: FarDate | undefined;
}): React.JSX.Element {
  const role = useSession((s) => s.session?.currentUser?.role);
  // Today, the days past and this week are the core's at the time it was asked: read again as the
  // day view is, and at the manager's midnight, so a week left open overnight moves on to today.
  const { reloads, reload, userId, switched } = useTeamReloads();
  const [data, setData] = useState<Week | null>(null);
  const [error, setError] = useState<string | null>(null);
  const managerZone = data?.manager.timeZone;
  const askedAt = data?.now;
  useEffect(() => {
    if (!managerZone || askedAt === undefined) return;
    // The midnight after the core's answer: one read a moment before it (the page's clock a
    // little ahead of the core's) is asked again a second on, not a day on.
    const wait = Math.max(nextMidnight(askedAt, managerZone) - coreNow(), 1_000);
    const timer = setTimeout(reload, wakeDelay(wait) ?? 1_000);
    return () => clearTimeout(timer);
  }, [managerZone, askedAt, reload]);
  useEffect(() => {
    let live = true;
    call('getTeamWeek', week ? { week } : {}).then(
      (w) => {
        if (!live) return;
        setData(w);
        setError(null);
      },
      (e: Error) => {
        if (live) setError(e.message);
      },
    );
    return () => {
      live = false;
    };
  }, [userId, switched, week, reloads]);

  if (error)
    return (
      <section className="page team-page team-week-page">
        <header className="page-head">
          <h1>Team</h1>
          <div className="filters">{viewSwitch}</div>
        </header>
        <div className="empty" role="note">
          {error}
        </div>
      </section>
    );
  if (!data)
    return (
      <section className="page team-page team-week-page">
        <header className="page-head">
          <h1>Team</h1>
          <div className="filters">{viewSwitch}</div>
        </header>
        <p className="loading">Loading the team’s week…</p>
      </section>
    );
  const zone = data.manager.timeZone;
  const monday = DateTime.fromISO(data.week, { zone });
  const thisWeek = DateTime.fromMillis(data.now, { zone }).startOf('week').toISODate();
  const step = (weeks: number): void => {
    const next = monday.plus({ weeks }).toISODate() ?? undefined;
    onWeek(next === thisWeek ? undefined : next);
  };
  const sunday = monday.plus({ days: 6 });
  // The days the planner shows, as the day view does: a week beyond them is no step away, and a
  // day beyond them has no plan to open.
  const { earliest, latest } = pickableDays(
    DateTime.fromMillis(data.now, { zone }).toISODate() ?? '',
    zone,
  );
  const beyond = (date: string): boolean =>
    (earliest !== undefined && date < earliest) || (latest !== undefined && date > latest);
  const unopened = (date: string): string | undefined =>
    !beyond(date)
      ? undefined
      : earliest !== undefined && date < earliest
        ? `No plan is kept for this day: plans are kept ${PAST_DAYS} days`
        : `No plan is made for this day yet: plans are made up to ${AHEAD_DAYS} days ahead`;
  const title = `${monday.toFormat('d LLLL')} to ${sunday.toFormat('d LLLL yyyy')}`;
  const dayTotals = data.days.map((d, i) =>
    sumWeekCells(
      data.reps.map((r) => r.cells[i]).filter((c): c is TeamWeekCell => c !== undefined),
      d.date,
    ),
  );
  // The open tasks due before a rep's today, on that date's cell and its column's total, as the
  // rep's plan of today and its Team day carry them; not in a week's total, which counts each task
  // once, on its own date.
  const carriedOn = (r: Week['reps'][number], date: string): number =>
    r.tasksCarried?.date === date ? r.tasksCarried.n : 0;
  const dayCarried = data.days.map((d) => data.reps.reduce((n, r) => n + carriedOn(r, d.date), 0));
  const quiet = dayTotals.every((t, i) => weekCellLines(t, channel, dayCarried[i]).length === 0);
  return (
    <section className="page team-page team-week-page">
      <header className="page-head">
        <h1>Team</h1>
        <p className="subtle">
          {/* An admin's team is everyone, not people who report to them (as the day says). */}
          {role === 'admin' && data.manager.id === userId
            ? 'The whole organisation'
            : `${data.manager.name}'s team`}{' '}
          · week of {title} · days in {weekZoneLabel(data.week, zone)}, each rep's on their own
          clock · {data.reps.length} reps
        </p>
        <div className="filters">
          {viewSwitch}
          <span className="week-picker" role="group" aria-label="Week">
            <button
              type="button"
              aria-label="Previous week"
              disabled={beyond(monday.minus({ days: 1 }).toISODate() ?? '')}
              onClick={() => step(-1)}
            >
              ‹
            </button>
            <button
              type="button"
              disabled={week === undefined}
              onClick={() => onWeek(undefined)}
              title="The week of today"
            >
              This week
            </button>
            <button
              type="button"
              aria-label="Next week"
              disabled={beyond(sunday.plus({ days: 1 }).toISODate() ?? '')}
              onClick={() => step(1)}
            >
              ›
            </button>
          </span>
          <select
            aria-label="Channel"
            value={channel}
            onChange={(e) => onChannel(e.target.value as WeekChannel)}
          >
            <option value="all">Calls and emails</option>
            <option value="call">Calls</option>
            <option value="email">Emails</option>
          </select>
        </div>
        <p className="subtle week-what">
          Calls logged in Zoho (made, on the plan or not), and calls still scheduled, in Zoho or
          booked here: not done once their time has passed on the rep's own clock. Tasks: on the day
          they are due (one with no due date on the day of its time), with how many of them are done
          (whenever that was), and overdue ones still open; the rep's today also counts those
          overdue from earlier days, as their plan does. Alerts are hot-visitor alerts about the
          rep's people. Grey: not a working day. Open a cell for that day's plans.
        </p>
        {badWeek !== undefined && week === undefined && (
          <NoSuchDateNote unit="week" text={badWeek} />
        )}
        {farWeek !== undefined && week === undefined && (
          <NoSuchDateNote unit="week" text={farWeek.date} far={farWeek.side} />
        )}
        {quiet && (
          <p className="notice" role="note">
            Nothing scheduled, logged or alerted for the team{' '}
            {data.days.every((d) => d.past) ? 'that' : 'this'} week.
          </p>
        )}
      </header>
      <div className="team-week-wrap">
        <table className="team-week" aria-label="The team's week">
          <thead>
            <tr>
              <th scope="col">Rep</th>
              {data.days.map((d) => (
                <th
                  scope="col"
                  key={d.date}
                  className={d.today ? 'today' : undefined}
                  aria-current={d.today ? 'date' : undefined}
                >
                  {DateTime.fromISO(d.date, { zone }).toFormat('ccc d LLL')}
                  {/* A day of a clock change is not 24 hours: the manager is told. */}
                  {Math.round((d.to - d.from) / 3_600_000) !== 24 && (
                    <span className="subtle"> ({Math.round((d.to - d.from) / 3_600_000)} h)</span>
                  )}
                </th>
              ))}
              <th scope="col">Week</th>
            </tr>
          </thead>
          <tbody>
            {data.reps.map((r) => (
              <tr key={r.repId}>
                <th scope="row" title={r.name}>
                  <strong>{r.name}</strong>
                  <div className="subtle">{r.team ?? ''}</div>
                </th>
                {r.cells.map((c, i) => (
                  <td key={c.date} className={c.working ? undefined : 'off'}>
                    <WeekCellButton
                      cell={c}
                      carried={carriedOn(r, c.date)}
                      channel={channel}
                      label={`${r.name}, ${DateTime.fromISO(c.date, { zone }).toFormat('cccc d LLLL')}`}
                      unopened={unopened(c.date)}
                      onOpen={() => onOpenDay(data.days[i]?.today ? undefined : c.date, data.week)}
                    />
                  </td>
                ))}
                <td className="total">
                  <CellLines cell={sumWeekCells(r.cells)} channel={channel} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Team</th>
              {dayTotals.map((t, i) => (
                <td key={t.date} className="total">
                  <CellLines cell={t} channel={channel} carried={dayCarried[i]} />
                </td>
              ))}
              <td className="total">
                <CellLines cell={sumWeekCells(dayTotals)} channel={channel} />
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function CellLines({
  cell,
  channel,
  carried = 0,
}: {
  cell: TeamWeekCell;
  channel: WeekChannel;
  carried?: number | undefined;
}): React.JSX.Element {
  const lines = weekCellLines(cell, channel, carried);
  return lines.length === 0 ? (
    <span className="subtle">None</span>
  ) : (
    <>
      {lines.map((l) => (
        <div key={l} title={weekLineTitle(l)}>
          {l}
        </div>
      ))}
    </>
  );
}

/** A cell as a button: focusable, read out whole, and opening the day, if its plan can be shown. */
function WeekCellButton({
  cell,
  carried,
  channel,
  label,
  onOpen,
  unopened,
}: {
  cell: TeamWeekCell;
  /** The open tasks due before this date that the rep's plan of it carries (their today only). */
  carried: number;
  channel: WeekChannel;
  label: string;
  onOpen: () => void;
  /** Why the day does not open: it is beyond the days the planner shows. */
  unopened?: string | undefined;
}): React.JSX.Element {
  const lines = weekCellLines(cell, channel, carried);
  const off = cell.working ? null : weekCellEmpty(cell);
  const words = lines.length > 0 ? lines : [weekCellEmpty(cell)];
  const spoken = [label, ...(off && lines.length > 0 ? [off] : []), ...words].join('. ');
  return (
    <button
      type="button"
      className="week-cell"
      aria-label={unopened ? `${spoken}. ${unopened}` : `${spoken}. Open the day`}
      disabled={unopened !== undefined}
      title={unopened}
      onClick={onOpen}
    >
      {off && lines.length > 0 && <div className="subtle">{off}</div>}
      {words.map((l) => (
        <div key={l} className={lines.length === 0 ? 'subtle' : undefined} title={weekLineTitle(l)}>
          {l}
        </div>
      ))}
    </button>
  );
}
