import { useAlerts } from '../../stores/alertsStore';

/** The nav's count of unread visit alerts (VT-7), as the tray shows it. */
export function UnreadBadge(): React.JSX.Element | null {
  const unread = useAlerts((s) => s.unread);
  if (unread === 0) return null;
  const text = unread === 1 ? '1 unread alert' : `${unread} unread alerts`;
  return (
    <span className="nav-count" aria-label={text} title={text}>
      {unread > 99 ? '99+' : unread}
    </span>
  );
}
