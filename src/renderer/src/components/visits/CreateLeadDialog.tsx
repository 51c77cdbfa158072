import { useDialogSave } from '../../hooks/useDialogSave';
import { useEffect, useRef, useState } from 'react';
import type { VisitRow } from '@shared/alertsContract';
import { LEAD_FIELD_MAX } from '@shared/localLead';
import { call } from '../../api/client';

/** The name the visitor gave, as first and last name: the last word is the last name. */
function nameParts(name: string | null): { first: string; last: string } {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return { first: '', last: words[0] ?? '' };
  return { first: words.slice(0, -1).join(' '), last: words[words.length - 1] ?? '' };
}

/**
 * Seed 004's Suzuki: after the chat, the rep makes the unknown visitor a lead they own, with what
 * the visit knows filled in. Zoho requires a last name on every lead; the rest may stay empty.
 * Saved, the lead is here at once and goes to Zoho with the next sync.
 */
export function CreateLeadDialog({
  visit,
  onCreated,
  onClose,
}: {
  visit: VisitRow;
  /** `kept`: what to tell the rep (the demo organisation has no CRM to send it to). */
  onCreated: (kept: string | null) => void;
  onClose: () => void;
}): React.JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null);
  const lastInput = useRef<HTMLInputElement>(null);
  const given = nameParts(visit.name);
  const [firstName, setFirstName] = useState(given.first);
  const [lastName, setLastName] = useState(given.last);
  const [email, setEmail] = useState(visit.email ?? '');
  const [company, setCompany] = useState(visit.company ?? '');
  const { error, setError, saving, busy, close, save: saveOnce } = useDialogSave(dialog, onClose);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const save = async (): Promise<void> => {
    if (busy()) return;
    if (lastName.trim() === '') {
      setError('Enter a last name: Zoho requires one on every lead.');
      lastInput.current?.focus();
      return;
    }
    await saveOnce(async () => {
      const made = await call('createLead', {
        visitId: visit.id,
        firstName,
        lastName,
        email,
        company,
      });
      onCreated(made.kept ?? null);
    });
  };

  return (
    <dialog ref={dialog} className="dialog" aria-label="Create lead" onClose={onClose}>
      <form
        method="dialog"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2>Create lead</h2>
        <p className="subtle">
          Yours, with this visit and its chats. Sent to Zoho CRM with the next sync.
        </p>
        <label className="form-row">
          First name
          <input
            value={firstName}
            maxLength={LEAD_FIELD_MAX.firstName}
            onChange={(e) => setFirstName(e.target.value)}
          />
        </label>
        <label className="form-row">
          Last name (required)
          <input
            ref={lastInput}
            value={lastName}
            required
            maxLength={LEAD_FIELD_MAX.lastName}
            onChange={(e) => {
              setLastName(e.target.value);
              setError(null);
            }}
          />
        </label>
        <label className="form-row">
          E-mail
          <input
            type="email"
            value={email}
            maxLength={LEAD_FIELD_MAX.email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="form-row">
          Company
          <input
            value={company}
            maxLength={LEAD_FIELD_MAX.company}
            onChange={(e) => setCompany(e.target.value)}
          />
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
            {saving ? 'Creating…' : 'Create lead'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
