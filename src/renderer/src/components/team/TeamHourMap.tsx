import type { TeamDay } from '@shared/teamContract';

/**
 * TM-3: the manager's day hour by hour, windows open across the team against reps working; an
 * hour with windows open and no one working is marked, so the unanswered hours stand out.
 */
export function TeamHourMap({ day }: { day: TeamDay }): React.JSX.Element {
  const most = Math.max(1, ...day.byHour.map((h) => h.windowsOpen));
  return (
    <table className="heatmap team-hours" aria-label="Coverage by hour">
      <thead>
        <tr>
          <th />
          {day.byHour.map((h) => (
            <th key={h.start} scope="col">
              {h.hour.slice(0, 2)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Windows open</th>
          {day.byHour.map((h) => (
            <td
              key={h.start}
              className={`${h.windowsOpen ? `heat heat-${Math.min(4, Math.ceil((h.windowsOpen / most) * 4))}` : 'heat'}${h.windowsOpen > 0 && h.repsWorking === 0 ? ' unanswered' : ''}`}
              title={`${h.hour}: ${h.windowsOpen} ${h.windowsOpen === 1 ? 'window' : 'windows'} open, ${h.repsWorking} ${h.repsWorking === 1 ? 'rep' : 'reps'} working`}
            >
              {h.windowsOpen || ''}
            </td>
          ))}
        </tr>
        <tr>
          <th scope="row">Reps working</th>
          {day.byHour.map((h) => (
            <td key={h.start} className="reps">
              {h.repsWorking || ''}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
