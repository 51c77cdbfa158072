import type { TeamDay, TeamTrend } from '@shared/teamContract';

const percent = (share: number): string => `${Math.round(share * 100)} %`;
/** The share worked of a count of windows: none is no share at all, not 0 % worked. */
const shareOf = (share: number, windows: number): string => (windows === 0 ? '–' : percent(share));

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

/** TM-2 per rep: the day's windows, the good ones, worked in their window, missed, the share. */
export function TeamCoverageTable({
  day,
  trend,
}: {
  day: TeamDay;
  /** Undefined while it is on its way; null when it could not be read. */
  trend: TeamTrend | null | undefined;
}): React.JSX.Element {
  const total = day.reps.reduce(
    (t, r) => ({
      windows: t.windows + r.coverage.windows,
      good: t.good + r.coverage.goodWindows,
      worked: t.worked + r.coverage.worked,
      missed: t.missed + r.coverage.missed,
    }),
    { windows: 0, good: 0, worked: 0, missed: 0 },
  );
  return (
    // On a narrow window the headers take a second line; narrower still, the table scrolls
    // inside its card rather than running past it.
    <div className="team-table-wrap">
      <table className="team-table" aria-label="Coverage per rep">
        <thead>
          <tr>
            <th scope="col">Rep</th>
            <th scope="col" title="Every window of the rep's day once, whatever rows show it">
              Windows
            </th>
            <th scope="col" title="Of those windows, the ones of 3 stars or more">
              Good (3★+)
            </th>
            <th
              scope="col"
              title="A call (an email) logged, or the row marked done, inside the window: each counts for one window. A later window of someone already reached that day is neither worked nor missed"
            >
              Worked in window
            </th>
            <th
              scope="col"
              title="Ended with no call (email) or Done mark in it or before it, and not skipped or snoozed past"
            >
              Missed
            </th>
            <th scope="col" title="Worked in window, of all the day's windows, good or not">
              Share worked
            </th>
            <th scope="col">Last 10 working days</th>
          </tr>
        </thead>
        <tbody>
          {day.reps.map((r) => {
            const days = trend?.reps.find((t) => t.repId === r.repId)?.days;
            return (
              <tr key={r.repId}>
                <th scope="row">
                  {r.name} <span className="subtle rep-zone">{r.timeZone}</span>
                </th>
                <td>{r.coverage.windows}</td>
                <td>{r.coverage.goodWindows}</td>
                <td>{r.coverage.worked}</td>
                <td>{r.coverage.missed}</td>
                <td>
                  <span className="share">
                    <span
                      className="share-bar"
                      style={{ width: `${r.coverage.shareWorked * 100}%` }}
                    />
                  </span>{' '}
                  {shareOf(r.coverage.shareWorked, r.coverage.windows)}
                </td>
                <td>
                  {days ? (
                    <Sparkline days={days} />
                  ) : trend === null ? (
                    <span className="subtle">not available</span>
                  ) : (
                    <span className="subtle">…</span>
                  )}
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
            <td>{total.missed}</td>
            <td>{shareOf(total.windows ? total.worked / total.windows : 0, total.windows)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
