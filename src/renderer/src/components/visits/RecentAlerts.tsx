import { formatAgo, formatClock } from '../../format/time';
import { useAlerts } from '../../stores/alertsStore';

/**
 * The alerts delivered lately (what the toasts and the tray said), unread first in bold; a click
 * opens the person and marks it read. Pause and resume sit here too (VT-8).
 */
export function RecentAlerts({ zone, now }: { zone: string; now: number }): React.JSX.Element {
  const { recent, unread, held, pausedUntil, error } = useAlerts();
  const { open, markAllRead, pause, resume } = useAlerts.getState();
  const paused = pausedUntil !== null && pausedUntil > now;
  return (
    <details className="card recent-alerts" open={unread > 0} aria-label="Recent alerts">
      <summary>
        <h2>Recent alerts</h2>
        <span className="subtle" aria-live="polite">
          {unread === 0 ? 'none unread' : unread === 1 ? '1 unread' : `${unread} unread`}
          {held > 0 ? ` · ${held} held` : ''}
          {paused ? ` · paused until ${formatClock(pausedUntil, zone)}` : ''}
        </span>
      </summary>
      <div className="recent-alerts-controls">
        {paused ? (
          <button type="button" onClick={() => void resume()}>
            Resume alerts
          </button>
        ) : (
          <button type="button" onClick={() => void pause(60)}>
            Pause alerts for 1 hour
          </button>
        )}
        {unread > 0 && (
          <button type="button" onClick={() => void markAllRead()}>
            Mark all as read
          </button>
        )}
        <a href="#/settings">Alert rules…</a>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {recent.length === 0 ? (
        <p className="subtle">No alerts yet: they appear here when your rules pick a visit.</p>
      ) : (
        <ul className="recent-alert-list">
          {recent.map((a) => (
            <li key={a.id} className={a.readAt === null ? 'unread' : ''}>
              <button type="button" className="link-button" onClick={() => open(a)}>
                {a.title}
              </button>
              <span className="subtle">
                {a.body.replace('\n', ' · ')} ·{' '}
                {a.deliveredAt !== null ? formatAgo(a.deliveredAt, now) : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
