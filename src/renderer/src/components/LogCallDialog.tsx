import { useEffect, useRef, useState } from 'react';
import { CALL_OUTCOME_LABEL, CALL_OUTCOMES, type CallOutcome } from '@shared/callOutcome';
import type { PlannerRow } from '@shared/contract';
import { call } from '../api/client';

// In order, one after the other: a quick open and close must not reach the core as close, open.
let alertHold: Promise<unknown> = Promise.resolve();
function holdAlerts(active: boolean): void {
  alertHold = alertHold
    .then(() => call('setCallInProgress', { active }))
    // Alerts are a nicety beside logging the call: a failure here must not get in its way.
    .catch(() => undefined);
}

export interface LoggedCall {
  outcome: CallOutcome;
  /** Only for an answered call: the others reached nobody to talk to. */
  durationMin?: number;
  note: string;
}

const LENGTH_ERROR = 'Enter how many minutes you talked (0 to 600).';

/**
 * Log a call (PL-4): stored locally at once, sent to the CRM by the outbox. How it went is asked,
 * never assumed, and so is the length of an answered call: the field starts empty because a
 * guessed length decides whether the model learns "answered here" (more than a minute, BT-1).
 * The app has no call timer to fill it from; the time since the tel: link was clicked would
 * count the ringing and the note-taking too. Keys: arrows or 1-5 pick the outcome, Enter saves.
 */
export function LogCallDialog({
  row,
  onSave,
  onClose,
}: {
  row: PlannerRow;
  onSave: (call: LoggedCall) => Promise<void>;
  onClose: () => void;
}): React.JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null);
  const lengthInput = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<CallOutcome | null>(null);
  const [minutes, setMinutes] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // A ref as well as state: a double-click's second submit comes before React re-renders.
  const savingNow = useRef(false);
  const answered = outcome === 'answered';

  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  // Visit alerts wait while a call is being logged, and come when the dialog closes (VT-8).
  useEffect(() => {
    holdAlerts(true);
    return () => holdAlerts(false);
  }, []);

  // Closed as Escape closes it, not just taken away: the browser then gives focus back to what had
  // it (the row's Log button), instead of dropping it on the page. `onClose` follows the close.
  const close = (): void => {
    if (dialog.current?.open) dialog.current.close();
    else onClose();
  };

  const choose = (next: CallOutcome): void => {
    setOutcome(next);
    setError(null);
  };

  const save = async (): Promise<void> => {
    // Each save writes a new call (its own id): a second Enter or click while the core is slow
    // would log the same call twice.
    if (savingNow.current) return;
    if (!outcome) {
      setError('Choose how the call went.');
      return;
    }
    let durationMin: number | undefined;
    if (answered) {
      durationMin = minutes.trim() === '' ? NaN : Number(minutes);
      if (!Number.isFinite(durationMin) || durationMin < 0 || durationMin > 600) {
        setError(LENGTH_ERROR);
        lengthInput.current?.focus();
        return;
      }
    }
    savingNow.current = true;
    setSaving(true);
    try {
      await onSave({ outcome, ...(durationMin !== undefined ? { durationMin } : {}), note });
      close();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      savingNow.current = false;
      setSaving(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-label={`Log a call with ${row.name}`}
      onClose={onClose}
    >
      <form
        method="dialog"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        onKeyDown={(e) => {
          const target = e.target as HTMLElement;
          if (target.tagName === 'TEXTAREA' || (target as HTMLInputElement).type === 'number')
            return;
          // Browsers differ on whether Enter on a radio button submits its form: here it does.
          if (e.key === 'Enter' && (target as HTMLInputElement).type === 'radio') {
            e.preventDefault();
            void save();
            return;
          }
          const picked = CALL_OUTCOMES[Number(e.key) - 1];
          if (!picked || e.metaKey || e.ctrlKey || e.altKey) return;
          e.preventDefault();
          choose(picked);
          dialog.current?.querySelector<HTMLInputElement>(`input[value="${picked}"]`)?.focus();
        }}
      >
        <h2>Log a call with {row.name}</h2>
        <fieldset className="form-row outcome-choice">
          <legend>How did it go?</legend>
          {CALL_OUTCOMES.map((o, i) => (
            <label key={o} className="outcome-option">
              <input
                type="radio"
                name="outcome"
                value={o}
                checked={outcome === o}
                onChange={() => choose(o)}
              />
              {CALL_OUTCOME_LABEL[o]}
              <kbd aria-hidden="true">{i + 1}</kbd>
            </label>
          ))}
        </fieldset>
        <label className="form-row">
          Length (minutes)
          <input
            ref={lengthInput}
            type="number"
            inputMode="decimal"
            min={0}
            max={600}
            step="any"
            value={minutes}
            disabled={!answered}
            required={answered}
            aria-describedby="call-length-hint"
            onChange={(e) => {
              setMinutes(e.target.value);
              // A complaint about the length is answered by typing one: it goes at once. Why a save
              // failed (offline, refused) still holds.
              setError((e) => (e === LENGTH_ERROR ? null : e));
            }}
          />
          <span id="call-length-hint" className="subtle">
            {!answered
              ? 'Only an answered call has a length.'
              : tooShortToCount(minutes)
                ? 'A call of a minute or less counts as not answered when best times are learned.'
                : 'How long you talked.'}
          </span>
        </label>
        <label className="form-row">
          Note
          <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save call'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * The model reads an answered call of a minute or less as one that did not reach the person
 * (BT-12); the rep who types such a length is told before the reason says "unanswered".
 */
function tooShortToCount(minutes: string): boolean {
  const value = Number(minutes);
  return minutes.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= 1;
}
