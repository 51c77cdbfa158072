import type { EmailResponsiveness as Responsiveness } from '@shared/contract';
import { emailResponseText } from '../format/emailResponseText';

/**
 * BT-2 on the person page, beside the e-mail windows: how soon the contact opens and answers the
 * reps' e-mails. Nothing when the model knows too few of them to say.
 */
export function EmailResponsiveness({
  value,
}: {
  value: Responsiveness | null;
}): React.JSX.Element | null {
  const text = value ? emailResponseText(value) : null;
  if (!text) return null;
  return (
    <p
      className="email-response"
      title="Medians over the last year: from your team's e-mail to their first open or click, and to their next e-mail within 7 days of your last one."
    >
      <span className="chip chip-email">✉ email</span> {text}
    </p>
  );
}
