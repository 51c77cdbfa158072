import { useEffect, useRef, useState } from 'react';
import { CATEGORY_LABELS } from '@shared/visitorCategories';
import { useAlerts, type AlertToast } from '../../stores/alertsStore';
import { telUri } from '@shared/telUri';
import { isLowConfidence } from '@shared/slotStates';
import { SHOWN_MS } from './toastQueue';
import { useToastRoom } from './toastRoom';
import './alerts.css';

/**
 * Hot-visitor alerts as the app shows them anywhere (VT-7, VT-9): a toast per delivered alert, or
 * one for a digest of held ones, stacked in a strip under the page (covering no row), three at
 * most. A toast stays while the pointer or the keyboard is on it. When the last goes, its room
 * may stay a while, blank (useToastRoom), so a list scrolled to its end does not move.
 */
export function AlertToasts(): React.JSX.Element | null {
  const toasts = useAlerts((s) => s.toasts);
  const strip = useRef<HTMLElement>(null);
  const room = useToastRoom(strip, toasts.length > 0);
  if (toasts.length === 0)
    return room > 0 ? (
      <div className="alert-toasts alert-toasts-room" style={{ height: room }} aria-hidden />
    ) : null;
  return (
    <section ref={strip} className="alert-toasts" aria-label="Visit alerts">
      {toasts.map((t) => (
        <ToastCard key={t.key} toast={t} />
      ))}
    </section>
  );
}

function ToastCard({ toast }: { toast: AlertToast }): React.JSX.Element {
  const dismiss = useAlerts((s) => s.dismiss);
  const leave = useAlerts((s) => s.leave);
  const [held, setHeld] = useState(false);
  const left = useRef(SHOWN_MS);
  useEffect(() => {
    if (held) return;
    const started = Date.now();
    // Its time up is not a dismissal: a window opened meanwhile still shows its own 10 seconds.
    const timer = setTimeout(() => leave(toast.key), left.current);
    return () => {
      clearTimeout(timer);
      left.current = Math.max(2_000, left.current - (Date.now() - started));
    };
  }, [held, leave, toast.key]);
  const titleId = `${toast.key}-title`;
  return (
    <div
      className="alert-toast"
      role="status"
      aria-labelledby={titleId}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      {toast.elsewhere && (
        <span className="alert-toast-set">
          {toast.elsewhere === 'crm' ? 'In your CRM data (the demo is shown)' : 'In the demo data'}
        </span>
      )}
      {toast.kind === 'alert' ? (
        <AlertContent toast={toast} titleId={titleId} />
      ) : (
        <DigestContent toast={toast} titleId={titleId} />
      )}
      <button
        type="button"
        className="alert-toast-close"
        aria-label="Dismiss"
        title="Dismiss (stays unread)"
        onClick={() => dismiss(toast.key)}
      >
        ×
      </button>
    </div>
  );
}

/** `lowWindow`: the last line names a window under 2★, said plainly, not as a call to act. */
function BodyLines({
  text,
  lowWindow = false,
}: {
  text: string;
  lowWindow?: boolean;
}): React.JSX.Element {
  return (
    <span className={`alert-toast-body${lowWindow ? ' low-window' : ''}`}>
      {text.split('\n').map((line, i) => (
        <span key={i} className="alert-toast-line">
          {line}
        </span>
      ))}
    </span>
  );
}

/** Opens what the toast names; another data set's toast shows that set first. */
function useOpenToast(toast: AlertToast): () => void {
  const open = useAlerts((s) => s.open);
  const openDigest = useAlerts((s) => s.openDigest);
  const openElsewhere = useAlerts((s) => s.openElsewhere);
  if (toast.elsewhere) return () => void openElsewhere(toast);
  return toast.kind === 'alert'
    ? () => void open(toast.alert, toast.dataSet)
    : () => openDigest(toast);
}

function AlertContent({
  toast,
  titleId,
}: {
  toast: Extract<AlertToast, { kind: 'alert' }>;
  titleId: string;
}): React.JSX.Element {
  const { alert, elsewhere } = toast;
  const openIt = useOpenToast(toast);
  const markRead = useAlerts((s) => s.markRead);
  // Its id is another set's while that set is not shown: reading it there marks it read.
  const markThisRead = (): void => {
    if (!elsewhere) void markRead([alert.id], toast.dataSet);
  };
  const target = `${alert.personId ? 'Open person' : 'Open visits'}${elsewhere ? ' there' : ''}`;
  const tel = alert.phone ? telUri(alert.phone) : null;
  return (
    <>
      <button type="button" className="alert-toast-main" onClick={openIt}>
        <span className={`chip cat-chip cat-${alert.category}`}>
          {CATEGORY_LABELS[alert.category]}
        </span>
        <strong id={titleId} className="alert-toast-title">
          {alert.title}
        </strong>
        <BodyLines
          text={alert.body}
          lowWindow={alert.bestWindow !== null && isLowConfidence(alert.bestWindow.stars)}
        />
      </button>
      <div className="alert-toast-actions">
        {tel && (
          <a href={tel} onClick={markThisRead}>
            Call
          </a>
        )}
        {alert.email && (
          <a href={`mailto:${alert.email}`} onClick={markThisRead}>
            Email
          </a>
        )}
        <button type="button" onClick={openIt}>
          {target}
        </button>
      </div>
    </>
  );
}

function DigestContent({
  toast,
  titleId,
}: {
  toast: Extract<AlertToast, { kind: 'digest' }>;
  titleId: string;
}): React.JSX.Element {
  const openIt = useOpenToast(toast);
  return (
    <>
      <button type="button" className="alert-toast-main" onClick={openIt}>
        <strong id={titleId} className="alert-toast-title">
          {toast.title}
        </strong>
        <BodyLines text={toast.body} />
      </button>
      <div className="alert-toast-actions">
        <button type="button" onClick={openIt}>
          {toast.elsewhere ? 'Open visits there' : 'Open visits'}
        </button>
      </div>
    </>
  );
}
