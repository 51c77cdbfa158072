import { useAlerts } from '../stores/alertsStore';
import { useSession } from '../stores/sessionStore';

/**
 * Why something the user just asked for did not happen (another user, a setting, pausing or
 * reading alerts): said at the top of the page until dismissed, instead of nothing happening.
 */
export function ActionError(): React.JSX.Element | null {
  const sessionError = useSession((s) => s.actionError);
  const alertsError = useAlerts((s) => s.error);
  const message = sessionError ?? alertsError;
  if (!message) return null;
  return (
    <div className="error action-error" role="alert">
      <span>{message}</span>{' '}
      <button
        type="button"
        onClick={() => {
          useSession.getState().clearActionError();
          useAlerts.getState().clearError();
        }}
      >
        Dismiss
      </button>
    </div>
  );
}
