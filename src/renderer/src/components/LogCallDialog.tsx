import { useEffect, useRef, useState } from 'react';
import type { PlannerRow } from '@shared/contract';

type Outcome = 'answered' | 'no_answer' | 'voicemail' | 'busy';

export interface LoggedCall {
  outcome: Outcome;
  durationMin: number;
  note: string;
}

/** Log a call (PL-4): stored locally at once, sent to the CRM by the outbox. */
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
  const [outcome, setOutcome] = useState<Outcome>('answered');
  const [minutes, setMinutes] = useState('5');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const save = async (): Promise<void> => {
    const durationMin = Number(minutes);
    if (!Number.isFinite(durationMin) || durationMin < 0 || durationMin > 600) {
      setError('Duration must be between 0 and 600 minutes.');
      return;
    }
    try {
      await onSave({ outcome, durationMin, note });
      onClose();
    } catch (e) {
      setError((e as Error).message);
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
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2>Log a call with {row.name}</h2>
        <label className="form-row">
          Outcome
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
            <option value="answered">Answered</option>
            <option value="no_answer">No answer</option>
            <option value="voicemail">Voicemail</option>
            <option value="busy">Busy</option>
          </select>
        </label>
        <label className="form-row">
          Duration (minutes)
          <input
            type="number"
            min={0}
            max={600}
            step={1}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
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
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save call
          </button>
        </div>
      </form>
    </dialog>
  );
}
