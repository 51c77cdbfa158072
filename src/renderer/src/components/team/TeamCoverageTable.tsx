import { sumWeekCells, type TeamDay, type TeamTrend } from '@shared/teamContract';
import { useRef } from 'react';
import { zoneLabel } from '../../format/time';
import { useScrollEdges } from '../../hooks/useScrollEdges';
import { dayWorkLines } from '../../team/dayWorkText';
import type { WeekChannel } from '../../team/weekCellText';

const percent = (share: number): string => `${Math.round(share * 100)} %`;
/** The share worked of the windows due: none due is no share at all, not 0 % worked. */
const shareOf = (share: number, due: number): string => (due === 0 ? '–' : percent(share));
/** Counted windows due so far: worked, reached outside or missed (not those to come or set aside). */
const dueOf = (c: { worked: number; outside: number; missed: number }): number =>
  c.worked + c.outside + c.missed;

/** The share worked over the last working days, as a line: oldest on the left. */
function Sparkline({ days }: { days: TeamTrend['reps'][number]['days'] }): React.JSX.Element {
  const width = 100;
  const height = 22;
  const step = days.length > 1 ? width / (days.length - 1) : width;
  const points = days.map(
    (d, i) => `${(i * step).toFixed(1)},${(height - 2 - d.shareWorked * (height - 4)).toFixed(1)}`,
  );
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={`Share worked on the last ${days.length} working days: ${days
        .map((d) => percent(d.shareWorked))
        .join(', ')}`}
    >
      <title>
        {days.map((d) => `${d.date}: ${percent(d.shareWorked)} of ${d.windows}`).join('\n')}
      </title>
      <polyline points={points.join(' ')} />
      {days.length > 0 && (
        <circle
          cx={((days.length - 1) * step).toFixed(1)}
          cy={(height - 2 - (days.at(-1)?.shareWorked ?? 0) * (height - 4)).toFixed(1)}
          r={2}
        />
      )}
    </svg>
  );
}

/**
 * TM-2 per rep: the counted windows (one per person and channel planned), the good ones, worked
 * in their window, reached outside it, missed, the share worked of those due so far, and those
 * to come with a call booked in them (after the share: they are not due yet).
 */
/**
 * The calls and tasks in a narrow column: a line breaks only after its label or between its figures
 * ("Calls:", "23 made", "6 not done"), never inside one, so the table fits a 1024-pixel window.
 */
function WorkLines({ lines }: { lines: string[] }): React.JSX.Element {
  return (
    <>
      {lines.map((line) => (
        // A line with no label ("1 hot-visitor alert") may wrap inside: it is one part, and kept
        // whole it widened the column past a 1024-pixel window's card.
        <div key={line} className={line.includes(':') ? undefined : 'work-free'}>
          {line.split(/(?<=:) | · /).map((part, i, parts) => (
            <span key={i}>
              <span className="work-part">
                {part}
                {i < parts.length - 1 && !part.endsWith(':') && ' ·'}
              </span>
              {i < parts.length - 1 && ' '}
            </span>
          ))}
        </div>
      ))}
    </>
  );
}

/**
 * Missed, and beside it the windows that just ended, in the planner header's words ("0 · 3 just
 * ended" where the rep's planner reads "0 missed · 3 just ended"): neither is due yet.
 */
function MissedCell({
  missed,
  justEnded,
}: {
  missed: number;
  justEnded: number;
}): React.JSX.Element {
  if (justEnded === 0) return <>{missed}</>;
  return (
    <>
      {missed} <span className="subtle missed-just-ended">· {justEnded} just ended</span>
    </>
  );
}

export function TeamCoverageTable({
  day,
  trend,
  channel,
}: {
  day: TeamDay;
  /** The page's channel: the calls and tasks read as the week's cells do for it. */
  channel: WeekChannel;
  /** Undefined while it is on its way; null when it could not be read. */
  trend: TeamTrend | null | undefined;
}): React.JSX.Element {
  const total = day.reps.reduce(
    (t, r) => ({
      windows: t.windows + r.coverage.windows,
      good: t.good + r.coverage.goodWindows,
      worked: t.worked + r.coverage.worked,
      outside: t.outside + r.coverage.outside,
      missed: t.missed + r.coverage.missed,
      justEnded: t.justEnded + r.coverage.justEnded,
      booked: t.booked + r.coverage.booked,
    }),
    { windows: 0, good: 0, worked: 0, outside: 0, missed: 0, justEnded: 0, booked: 0 },
  );
  const totalDue = dueOf(total);
  // The team's calls and tasks as the week's total of the day sums them.
  const teamWork = sumWeekCells(
    day.reps.map((r) => r.work),
    day.date,
  );
  const teamCarried = day.reps.reduce((n, r) => n + r.tasksCarried, 0);
  const wrap = useRef<HTMLDivElement>(null);
  const more = useScrollEdges(wrap);
  return (
    // On a narrow window the headers take a second line; narrower still, the table scrolls
    // inside its card rather than running past it, a shade on each side with more beyond it.
    <div
      className="team-table-frame"
      data-more-left={more.left || undefined}
      data-more-right={more.right || undefined}
    >
      <div className="team-table-wrap" ref={wrap}>
        <table className="team-table" aria-label="Coverage per rep">
          <thead>
            <tr>
              <th scope="col">Rep</th>
              <th
                scope="col"
                title="One window per person and channel on the rep's plan: of 2★ or more, on a channel the rep works (calls or emails logged in the last four weeks; both if neither). The one worked in, else the one the plan shows now. Other windows are drawn but not counted"
              >
                Planned windows
              </th>
              <th scope="col" title="Of the planned windows, the ones of 3 stars or more">
                Good (3★+)
              </th>
              <th
                scope="col"
                title="A call (an email) logged, or the row marked done, inside the person's planned window"
              >
                Worked in window
              </th>
              <th
                scope="col"
                title="The person was reached that day (a call, email or Done), but not in their planned window: before or after it"
              >
                Outside window
              </th>
              <th
                scope="col"
                title="The planned window ended with nothing reaching the person that day, and it was not skipped or snoozed past: missed once struck through, 30 minutes after its end, as on the planner; until then it just ended"
              >
                Missed
              </th>
              <th
                scope="col"
                title="Worked in window, of the planned windows due so far (worked, outside window or missed); windows still to come, skipped or snoozed past are left out"
              >
                Share worked
              </th>
              <th
                scope="col"
                title="Planned windows still open or to come with a call booked inside them: scheduled in Zoho, or booked from the planner (Book) and waiting for the next sync"
              >
                Call booked
              </th>
              <th scope="col">Last 10 working days</th>
              <th
                scope="col"
                title="Not windows: the rep's calls made, scheduled calls not done or still to come, and tasks due, done and overdue that day, as the Team week's cell counts them"
              >
                Calls and tasks
              </th>
            </tr>
          </thead>
          <tbody>
            {day.reps.map((r) => {
              const days = trend?.reps.find((t) => t.repId === r.repId)?.days;
              return (
                <tr key={r.repId}>
                  <th scope="row">
                    {r.name}{' '}
                    <span className="subtle rep-zone">
                      {/* The offset of the day shown, as the board's axis runs. */}
                      {zoneLabel(r.timeZone, (day.axis.from + day.axis.to) / 2)}
                    </span>
                  </th>
                  <td>{r.coverage.windows}</td>
                  <td>{r.coverage.goodWindows}</td>
                  <td>{r.coverage.worked}</td>
                  <td>{r.coverage.outside}</td>
                  <td>
                    <MissedCell missed={r.coverage.missed} justEnded={r.coverage.justEnded} />
                  </td>
                  <td>
                    <span className="share">
                      <span
                        className="share-bar"
                        style={{ width: `${r.coverage.shareWorked * 100}%` }}
                      />
                    </span>{' '}
                    {shareOf(r.coverage.shareWorked, dueOf(r.coverage))}
                  </td>
                  <td>{r.coverage.booked}</td>
                  <td>
                    {days ? (
                      <Sparkline days={days} />
                    ) : trend === null ? (
                      <span className="subtle">not available</span>
                    ) : (
                      <span className="subtle">…</span>
                    )}
                  </td>
                  <td className="work-cell">
                    <WorkLines lines={dayWorkLines(r.work, channel, r.tasksCarried)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Team</th>
              <td>{total.windows}</td>
              <td>{total.good}</td>
              <td>{total.worked}</td>
              <td>{total.outside}</td>
              <td>
                <MissedCell missed={total.missed} justEnded={total.justEnded} />
              </td>
              <td>{shareOf(totalDue ? total.worked / totalDue : 0, totalDue)}</td>
              <td>{total.booked}</td>
              <td />
              <td className="work-cell">
                <WorkLines lines={dayWorkLines(teamWork, channel, teamCarried)} />
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
