import { useDialogSave } from '../hooks/useDialogSave';
import { useEffect, useRef, useState } from 'react';
import { DateTime } from 'luxon';
import type { MethodOutputs } from '@shared/contract';
import {
  BOOKING_SUBJECT_MAX,
  bookingAtFor,
  bookingRefusal,
  defaultBookingAt,
  type BookableWindow,
} from '@shared/bookingTime';
import { call } from '../api/client';
import { coreNow } from '../clock/coreClock';
import { formatClock, zoneLabel } from '../format/time';
import { zoneCity } from '../format/zoneCities';
import { skippedTimeMessage } from '@shared/wallClock';

type Booked = MethodOutputs['bookCall'];

const TIME_ERROR = 'Enter the time of the call, like 10:15.';

/** "Tue 8 Dec 10:00–11:00 ★★★" on the rep's clock; "Today" for today's. */
function windowLabel(w: BookableWindow, zone: string, now: number): string {
  const start = DateTime.fromMillis(w.start, { zone });
  const today = DateTime.fromMillis(now, { zone }).hasSame(start, 'day');
  const day = today ? 'Today' : start.toFormat('ccc d LLL');
  return `${day} ${start.toFormat('HH:mm')}–${formatClock(w.end, zone)} ${'★'.repeat(Math.round(w.stars))}`;
}

/**
 * Book a call with a planner row's person in one of their call windows (the first seed's "plan
 * activities at the customer's best time"): the row's window by default, at its start (or soon,
 * if it is open now); another of today's or the week's windows, and a time inside it, on the
 * rep's clock, with the contact's own time beside it. Stored at once, sent to Zoho by the sync.
 */
export function BookCallDialog({
  personId,
  name,
  repTz,
  rowStart,
  onBooked,
  onClose,
}: {
  personId: string;
  name: string;
  /** The rep's zone: the times the dialog shows and takes are theirs. */
  repTz: string;
  /** The row's window start, chosen first when it is still to be had. */
  rowStart: number | null;
  onBooked: (booked: Booked) => void;
  onClose: () => void;
}): React.JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null);
  const [loaded, setLoaded] = useState<{ contactTz: string; windows: BookableWindow[] } | null>(
    null,
  );
  const [picked, setPicked] = useState(0);
  const [time, setTime] = useState('');
  const [subject, setSubject] = useState(`Call ${name}`);
  const { error, setError, saving, busy, close, save: saveOnce } = useDialogSave(dialog, onClose);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  useEffect(() => {
    let live = true;
    call('getBookingWindows', { personId }).then(
      (answer) => {
        if (!live) return;
        const now = coreNow();
        const index = Math.max(
          0,
          answer.windows.findIndex(
            (w) => rowStart !== null && w.start <= rowStart && rowStart < w.end,
          ),
        );
        setLoaded({ contactTz: answer.contactTz, windows: answer.windows });
        setPicked(index);
        const first = answer.windows[index];
        const at = first ? defaultBookingAt(first, now) : null;
        if (at !== null) setTime(formatClock(at, repTz));
      },
      (e: unknown) => live && setError((e as Error).message),
    );
    return () => {
      live = false;
    };
  }, [personId, rowStart, repTz, setError]);

  const windows = loaded?.windows ?? [];
  const chosen = windows[picked];
  const typed = chosen ? bookingAtFor(chosen, time, repTz) : null;
  const at = typed && 'at' in typed ? typed.at : null;

  const pick = (index: number): void => {
    setPicked(index);
    const w = windows[index];
    const start = w ? defaultBookingAt(w, coreNow()) : null;
    if (start !== null) setTime(formatClock(start, repTz));
    setError(null);
  };

  const save = async (): Promise<void> => {
    if (busy() || !chosen) return;
    if (at === null) {
      setError(
        typed && 'skipped' in typed
          ? skippedTimeMessage(typed.skipped, zoneCity(repTz) ?? repTz)
          : TIME_ERROR,
      );
      return;
    }
    const refusal = bookingRefusal(at, windows, coreNow(), repTz, name);
    if (refusal) {
      setError(refusal);
      return;
    }
    await saveOnce(async () => onBooked(await call('bookCall', { personId, at, subject })));
  };

  return (
    <dialog
      ref={dialog}
      className="dialog book-dialog"
      aria-label={`Book a call with ${name}`}
      onClose={onClose}
    >
      <form
        method="dialog"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2>Book a call with {name}</h2>
        {loaded === null && !error && <p className="subtle">Reading their windows…</p>}
        {loaded !== null && windows.length === 0 && (
          <p>{name} has no call window in the coming week to book a call in.</p>
        )}
        {chosen && loaded && (
          <>
            <label className="form-row">
              Window
              <select value={picked} onChange={(e) => pick(Number(e.target.value))}>
                {windows.map((w, i) => (
                  <option key={w.start} value={i}>
                    {windowLabel(w, repTz, coreNow())}
                  </option>
                ))}
              </select>
            </label>
            <label className="form-row">
              At
              <input
                type="time"
                aria-label="Call time"
                aria-describedby="book-time-hint"
                value={time}
                required
                onChange={(e) => {
                  setTime(e.target.value);
                  setError(null);
                }}
              />
              <span id="book-time-hint" className="subtle">
                {at === null
                  ? `Your time, ${zoneLabel(repTz, chosen.start)}.`
                  : `Your time, ${zoneLabel(repTz, at)}. Theirs: ${formatClock(at, loaded.contactTz)}, ${zoneLabel(loaded.contactTz, at)}.`}
              </span>
            </label>
            <label className="form-row">
              Subject
              <input
                type="text"
                value={subject}
                maxLength={BOOKING_SUBJECT_MAX}
                onChange={(e) => setSubject(e.target.value)}
              />
            </label>
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving || !chosen}>
            {saving ? 'Booking…' : 'Book call'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
