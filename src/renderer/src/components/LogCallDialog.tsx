import { DateTime } from 'luxon';
import { useDialogSave } from '../hooks/useDialogSave';
import { useEffect, useRef, useState } from 'react';
import {
  ANSWERED_MIN_MINUTES,
  CALL_MAX_MINUTES,
  CALL_OUTCOME_LABEL,
  CALL_OUTCOMES,
  type CallOutcome,
} from '@shared/callOutcome';
import { call } from '../api/client';
import { coreNow } from '../clock/coreClock';
import { formatClock } from '../format/time';
import { useNow } from '../hooks/useNow';
import {
  clockNow,
  ENDED_CHOICES,
  endedAtOf,
  endedLater,
  endedLaterMessage,
  endedSkipped,
  type EndedChoice,
} from '../plan/callEnded';
import { skippedTimeMessage } from '@shared/wallClock';
import { zoneCity } from '../format/zoneCities';

// In order, one after the other: a quick open and close must not reach the core as close, open.
let alertHold: Promise<unknown> = Promise.resolve();
function holdAlerts(active: boolean): void {
  alertHold = alertHold
    .then(() => call('setCallInProgress', { active }))
    // Alerts are a nicety beside logging the call: a failure here must not get in its way.
    .catch(() => undefined);
}

/** How often an open dialog says a call is still being logged: four times within the core's
 * two-minute lapse, so a slow answer or two on a loaded machine does not release the hold. */
const CALL_HOLD_RENEW_MS = 30_000;

export interface LoggedCall {
  outcome: CallOutcome;
  /** Only for an answered call: the others reached nobody to talk to. */
  durationMin?: number;
  note: string;
  /** When it ended (UTC ms), when the rep said it was before now. */
  endedAt?: number;
}

// "Answered" marks the row done and works the window on the Team page: a call nobody talked on
// is not that, and says so.
const LENGTH_ERROR = `Enter how many minutes you talked (${ANSWERED_MIN_MINUTES} to ${CALL_MAX_MINUTES}): a call with no conversation is No answer, Busy or Voicemail.`;
const ENDED_ERROR = 'Enter the time the call ended, like 14:30.';

/**
 * Log a call (PL-4): stored locally at once, sent to the CRM by the outbox. How it went is asked,
 * never assumed, and so is the length of an answered call: the field starts empty because a
 * guessed length decides whether the model learns "answered here" (more than a minute, BT-1).
 * The app has no call timer to fill it from; the time since the tel: link was clicked would
 * count the ringing and the note-taking too. A call is often logged a while after it ended (the
 * note, the next call, a batch after lunch): when it ended is asked too, "just now" unless the rep
 * picks earlier, as its hour is what the model learns from and the window it worked. Keys: arrows
 * or 1-5 pick the outcome, Enter saves (from the outcome, the Ended choice or its time too).
 */
export function LogCallDialog({
  name,
  repTz,
  onSave,
  onClose,
}: {
  /** Whom the call was with, as the planner row or the person page names them. */
  name: string;
  /** The rep's zone: the times the dialog shows and takes are theirs. */
  repTz: string;
  onSave: (call: LoggedCall) => Promise<void>;
  onClose: () => void;
}): React.JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null);
  const lengthInput = useRef<HTMLInputElement>(null);
  const endedInput = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<CallOutcome | null>(null);
  const [minutes, setMinutes] = useState('');
  const [note, setNote] = useState('');
  const [ended, setEnded] = useState<EndedChoice>('0');
  const [endedTime, setEndedTime] = useState('');
  const now = useNow(15_000);
  // A time still to come is said beside the field as it is typed, and Save waits for an earlier one.
  const later = endedLater(ended, endedTime, now, repTz);
  const { error, setError, saving, busy, close, save: saveOnce } = useDialogSave(dialog, onClose);
  const answered = outcome === 'answered';

  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  // Visit alerts wait while a call is being logged, and come when the dialog closes (VT-8). The
  // hold is renewed while the dialog is open and lapses soon after it stops (CALL_HOLD_LAPSE_MS):
  // a tab closed or a page left with the dialog open may never say the call is over. Leaving says
  // so where it can; the lapse covers a page that went before it could.
  useEffect(() => {
    holdAlerts(true);
    const renew = window.setInterval(() => holdAlerts(true), CALL_HOLD_RENEW_MS);
    const leave = (): void => holdAlerts(false);
    window.addEventListener('pagehide', leave);
    return () => {
      window.clearInterval(renew);
      window.removeEventListener('pagehide', leave);
      holdAlerts(false);
    };
  }, []);

  const choose = (next: CallOutcome): void => {
    setOutcome(next);
    setError(null);
  };

  const save = async (): Promise<void> => {
    // Each save writes a new call (its own id): a second Enter or click while the core is slow
    // would log the same call twice.
    if (busy()) return;
    if (!outcome) {
      setError('Choose how the call went.');
      return;
    }
    let durationMin: number | undefined;
    if (answered) {
      durationMin = minutes.trim() === '' ? NaN : Number(minutes);
      if (
        !Number.isFinite(durationMin) ||
        durationMin < ANSWERED_MIN_MINUTES ||
        durationMin > CALL_MAX_MINUTES
      ) {
        setError(LENGTH_ERROR);
        lengthInput.current?.focus();
        return;
      }
    }
    if (endedLater(ended, endedTime, coreNow(), repTz)) {
      endedInput.current?.focus();
      return;
    }
    // "5 minutes ago" is before the save, by the core's clock (the page's may be off).
    const endedAt = endedAtOf(ended, endedTime, coreNow(), repTz);
    if (endedAt === null) {
      // A time today's clocks skip is named, not read as the hour after it.
      const skipped = endedSkipped(ended, endedTime, coreNow(), repTz);
      setError(skipped ? skippedTimeMessage(skipped, zoneCity(repTz) ?? repTz) : ENDED_ERROR);
      endedInput.current?.focus();
      return;
    }
    await saveOnce(() =>
      onSave({
        outcome,
        ...(durationMin !== undefined ? { durationMin } : {}),
        note,
        ...(endedAt !== undefined ? { endedAt } : {}),
      }),
    );
  };

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-label={`Log a call with ${name}`}
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
          const type = (target as HTMLInputElement).type;
          if (target.tagName === 'TEXTAREA' || type === 'number') return;
          // Browsers differ on whether Enter on a radio button, a select or a time field submits
          // its form: here it does.
          const typingTime = target === endedInput.current;
          if (
            e.key === 'Enter' &&
            (type === 'radio' || typingTime || target.tagName === 'SELECT')
          ) {
            e.preventDefault();
            void save();
            return;
          }
          // Digits typed into the time field are the time.
          if (typingTime) return;
          const picked = CALL_OUTCOMES[Number(e.key) - 1];
          if (!picked || e.metaKey || e.ctrlKey || e.altKey) return;
          e.preventDefault();
          choose(picked);
          dialog.current?.querySelector<HTMLInputElement>(`input[value="${picked}"]`)?.focus();
        }}
      >
        <h2>Log a call with {name}</h2>
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
            min={ANSWERED_MIN_MINUTES}
            max={CALL_MAX_MINUTES}
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
            {lengthHint(answered, minutes)}
          </span>
        </label>
        <div className="form-row">
          <div className="ended-choice">
            <label>
              Ended
              <select
                value={ended}
                aria-describedby="call-ended-hint"
                onChange={(e) => {
                  const next = e.target.value as EndedChoice;
                  setEnded(next);
                  // A time to change, rather than an empty field: most calls ended a little before.
                  if (next === 'at' && endedTime === '') setEndedTime(clockNow(coreNow(), repTz));
                  setError((e) => (e === ENDED_ERROR ? null : e));
                }}
              >
                {ENDED_CHOICES.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
            {ended === 'at' && (
              <label>
                at
                {/* Text, not type="time": Chromium draws a time field in the browser's locale
                    ("11:30 PM" in en-US, whatever the page's lang), and the app writes 24-hour
                    times everywhere; the text is read by the same rule as the hint's. */}
                <input
                  ref={endedInput}
                  type="text"
                  className="ended-time"
                  aria-label="Ended at"
                  aria-describedby="call-ended-hint"
                  aria-invalid={later ? true : undefined}
                  placeholder="14:30"
                  maxLength={5}
                  size={5}
                  autoComplete="off"
                  spellCheck={false}
                  value={endedTime}
                  required
                  onChange={(e) => {
                    setEndedTime(e.target.value);
                    setError((e) =>
                      e === ENDED_ERROR || e?.includes(' does not exist on ') ? null : e,
                    );
                  }}
                />
              </label>
            )}
          </div>
          <span id="call-ended-hint" className={later ? 'error' : 'subtle'}>
            {later
              ? endedLaterMessage(later)
              : endedHint(
                  endedAtOf(ended, endedTime, now, repTz),
                  now,
                  answered ? minutes : '',
                  repTz,
                )}
          </span>
        </div>
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
          <button
            type="submit"
            className="primary"
            disabled={saving || later !== null}
            aria-describedby={later ? 'call-ended-hint' : undefined}
          >
            {saving ? 'Saving…' : 'Save call'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * "Ended 14:05, started 13:57": the times the call is stored with, as the rep's choice gives them
 * now (the start only once an answered call has a length).
 */
function endedHint(
  endedAt: number | undefined | null,
  now: number,
  minutes: string,
  zone: string,
): string {
  if (endedAt === null) return 'Today, in your time zone, like 14:30.';
  const end = endedAt ?? now;
  const length = Number(minutes);
  const started =
    minutes.trim() !== '' &&
    Number.isFinite(length) &&
    length >= ANSWERED_MIN_MINUTES &&
    length <= CALL_MAX_MINUTES
      ? `, started ${startedText(end, end - Math.round(length * 60) * 1000, zone)}`
      : '';
  const at = formatClock(end, zone);
  return `${endedAt === undefined ? `Ended now (${at})` : `Ended ${at}`}${started}.`;
}

/** The start of a call that ended today: "23:50 yesterday" for one that began before midnight. */
function startedText(end: number, start: number, zone: string): string {
  const sameDay =
    DateTime.fromMillis(start, { zone }).toISODate() ===
    DateTime.fromMillis(end, { zone }).toISODate();
  return `${formatClock(start, zone)}${sameDay ? '' : ' yesterday'}`;
}

/**
 * What the length will mean, as it is typed. An answered call is done on the plan whatever its
 * length, but the model reads one of a minute or less as a call that did not reach the person
 * (BT-1, BT-12): the rep who types such a length is told before the reason says "unanswered". A
 * length under a minute is refused on save (LENGTH_ERROR): the hint says why beforehand.
 */
function lengthHint(answered: boolean, minutes: string): string {
  if (!answered) return 'Only an answered call has a length.';
  const value = Number(minutes);
  if (minutes.trim() === '' || !Number.isFinite(value)) return 'How long you talked.';
  if (value < ANSWERED_MIN_MINUTES)
    return 'An answered call lasted at least a minute: one nobody talked on is No answer, Busy or Voicemail.';
  if (value <= 1)
    return 'Done on the plan; when best times are learned, a call of a minute or less counts as not answered.';
  return 'How long you talked.';
}
