import { DateTime } from 'luxon';
import { useEffect, useState } from 'react';
import type { AlertItem } from '@shared/alertsContract';
import { telUri } from '@shared/telUri';
import { call, onEvent } from '../../api/client';
import { formatAgo, formatClock, formatWeekdayClock } from '../../format/time';
import { useAlerts, usePauseShown } from '../../stores/alertsStore';
import { useSession } from '../../stores/sessionStore';
import { heldHeading } from './heldHeading';

/**
 * Whether visit alerts are on for the organisation (the admin switch), null until known. Read
 * again when data changes: the switch is flipped in Settings, or comes with a sync from the CRM.
 */
function useAlertsOnForEveryone(): boolean | null {
  const userId = useSession((s) => s.session?.currentUser?.id);
  const [on, setOn] = useState<boolean | null>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(
    () =>
      onEvent('data-changed', ({ entities }) => {
        if (entities.some((e) => e !== 'plan' && e !== 'outbox')) setReloads((n) => n + 1);
      }),
    [],
  );
  useEffect(() => {
    let live = true;
    call('getAlertSettings', {}).then(
      (s) => live && setOn(s.enabledForEveryone),
      // A database with no users yet has no settings: nothing to say about the switch.
      () => live && setOn(null),
    );
    return () => {
      live = false;
    };
  }, [userId, reloads]);
  return on;
}

/**
 * The alerts delivered lately (what the toasts and the tray said), unread first in bold; a click
 * opens the person and marks it read, and Call and E-mail stay one click away after the toast has
 * gone (VT-9). Pause and resume sit in the card's head, in reach while the list is folded (VT-8);
 * while an admin has turned alerts off, the head says so instead.
 */
export function RecentAlerts({ zone, now }: { zone: string; now: number }): React.JSX.Element {
  const { recent, unread, held, heldAlerts, pausedUntil, error } = useAlerts();
  const { open, markAllRead, markRead, pause, resume } = useAlerts.getState();
  const onForEveryone = useAlertsOnForEveryone();
  const paused = pausedUntil !== null && pausedUntil > now;
  // Right after a switch of user, the pause shown is the one before's: no button until it is theirs.
  const pauseShown = usePauseShown();
  return (
    <section className="card recent-alerts" aria-label="Recent alerts">
      <div className="recent-alerts-head">
        <h2>Recent alerts</h2>
        <span className="subtle" aria-live="polite">
          {unread === 0 ? 'none unread' : unread === 1 ? '1 unread' : `${unread} unread`}
          {held > 0 ? ` · ${held} held` : ''}
          {paused && pauseShown && onForEveryone !== false
            ? ` · paused until ${formatClock(pausedUntil, zone)}`
            : ''}
        </span>
        <div className="recent-alerts-controls">
          {onForEveryone === false ? (
            <span className="notice" role="note">
              Visit alerts are off: an admin turned them off for everyone.
            </span>
          ) : !pauseShown ? null : paused ? (
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
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {heldAlerts.length > 0 && (
        <HeldAlerts alerts={heldAlerts} held={held} zone={zone} now={now} />
      )}
      {recent.length === 0 ? (
        // Held alerts are alerts: "none yet" beside them would say the rules picked nothing.
        held > 0 ? null : (
          <p className="subtle">No alerts yet: they appear here when your rules pick a visit.</p>
        )
      ) : (
        <details open={unread > 0}>
          <summary>
            {recent.length === 1 ? 'The latest alert' : `The ${recent.length} latest alerts`}
          </summary>
          <ul className="recent-alert-list">
            {recent.map((a) => (
              <RecentAlert
                key={a.id}
                alert={a}
                now={now}
                onOpen={() => void open(a)}
                onReached={() => void markRead([a.id])}
              />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** Why an alert waits, and until when, in the rep's words. */
function heldWhy(alert: AlertItem, zone: string, now: number): string {
  if (alert.holdReason === 'call')
    return 'held while you are on a call: it comes when you save or cancel Log call';
  const why =
    alert.holdReason === 'paused'
      ? 'held while alerts are paused'
      : 'held outside your working hours';
  if (alert.deliverAt === null) return why;
  const today = DateTime.fromMillis(now, { zone }).hasSame(
    DateTime.fromMillis(alert.deliverAt, { zone }),
    'day',
  );
  const at = today ? formatClock(alert.deliverAt, zone) : formatWeekdayClock(alert.deliverAt, zone);
  return `${why}: it comes at ${at}`;
}

/**
 * Alerts raised and not delivered yet (VT-8): named here with why they wait, so a count of held
 * alerts is never alone beside an empty list. No toast or unread mark until they are delivered.
 */
function HeldAlerts({
  alerts,
  held,
  zone,
  now,
}: {
  alerts: AlertItem[];
  /** Every held alert, the list naming the first of them. */
  held: number;
  zone: string;
  now: number;
}): React.JSX.Element {
  return (
    <div className="held-alerts">
      <h3>{heldHeading(Math.max(held, alerts.length), alerts.length)}</h3>
      <ul className="recent-alert-list" aria-label="Held alerts">
        {alerts.map((a) => (
          <li key={a.id}>
            <span>{a.title}</span>
            <span className="subtle">{heldWhy(a, zone, now)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function RecentAlert({
  alert,
  now,
  onOpen,
  onReached,
}: {
  alert: AlertItem;
  now: number;
  onOpen: () => void;
  /** A call or an e-mail started from here: the alert is dealt with, as from its toast. */
  onReached: () => void;
}): React.JSX.Element {
  const tel = alert.phone ? telUri(alert.phone) : null;
  return (
    <li className={alert.readAt === null ? 'unread' : ''}>
      <button type="button" className="link-button" onClick={onOpen}>
        {alert.title}
      </button>
      <span className="subtle">
        {alert.body.replace('\n', ' · ')} ·{' '}
        {alert.deliveredAt !== null ? formatAgo(alert.deliveredAt, now) : ''}
      </span>
      {(tel || alert.email) && (
        <span className="recent-alert-actions">
          {tel && (
            <a href={tel} onClick={onReached}>
              Call
            </a>
          )}
          {alert.email && (
            <a href={`mailto:${alert.email}`} onClick={onReached}>
              Email
            </a>
          )}
        </span>
      )}
    </li>
  );
}
