import type { EmailResponsiveness as Responsiveness } from '@shared/contract';
import { emailResponseText } from '../format/emailResponseText';

/**
 * BT-2 on the person page, beside the e-mail windows: how soon the contact opens and answers the
 * reps' e-mails. Nothing when the model knows too few of them to say. Worded for who is looking:
 * "your e-mails" to the person's owner, "e-mails" to a manager or an admin, who sent none.
 */
export function EmailResponsiveness({
  value,
  ownersView,
}: {
  value: Responsiveness | null;
  /** The signed-in user owns the person. */
  ownersView: boolean;
}): React.JSX.Element | null {
  const text = value ? emailResponseText(value, ownersView) : null;
  if (!text) return null;
  return (
    <p
      className="email-response"
      title={
        ownersView
          ? "Medians over the last year: from your team's e-mail to their first open or click, and to their next e-mail within 7 days of your last one."
          : "Medians over the last year: from a rep's e-mail to their first open or click, and to their next e-mail within 7 days of the last one sent to them."
      }
    >
      <span className="chip chip-email">✉ email</span> {text}
    </p>
  );
}
