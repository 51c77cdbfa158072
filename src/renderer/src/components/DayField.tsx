import { useEffect, useRef, useState } from 'react';
import { parseTypedDay, shownDay } from '../format/typedDay';

/**
 * A day typed or picked, written as the app writes days ("Mon 26 Oct 2026") and read as the
 * planner's day picker reads them; a calendar from the browser on demand. Not the browser's
 * date field, which writes the day in the system's own convention (10/26/2026).
 */
export function DayField({
  date,
  zone,
  label,
  onChange,
}: {
  /** YYYY-MM-DD, or null while no day is known yet (the field is empty). */
  date: string | null;
  zone: string;
  /** The field's name, for the field and its calendar button. */
  label: string;
  onChange: (date: string) => void;
}): React.JSX.Element {
  const shown = date === null ? '' : shownDay(date, zone);
  const [text, setText] = useState(shown);
  const [bad, setBad] = useState(false);
  const calendar = useRef<HTMLInputElement>(null);
  useEffect(() => {
    setText(shown);
    setBad(false);
  }, [shown]);

  const go = (iso: string | null): void => {
    setBad(iso === null);
    if (iso === null) return;
    // The day as the app writes it, even when it is the day already shown ("2026-10-26").
    setText(shownDay(iso, zone));
    if (iso !== date) onChange(iso);
  };
  return (
    <span className="day-picker">
      <input
        type="text"
        aria-label={label}
        className={bad ? 'day-field invalid' : 'day-field'}
        value={text}
        aria-invalid={bad}
        title={bad ? 'Not a day: type it as 2026-11-23 or 23 Nov 2026' : undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') go(parseTypedDay(text, zone));
          if (e.key === 'Escape') {
            setText(shown);
            setBad(false);
          }
        }}
        onBlur={() => {
          if (text !== shown) go(parseTypedDay(text, zone));
        }}
      />
      <button
        type="button"
        aria-label={`${label}: pick a day in a calendar`}
        title="Pick a day in a calendar"
        onClick={() => calendar.current?.showPicker?.()}
      >
        ▦
      </button>
      {/* The browser's calendar, opened by the button; the field above shows the day. */}
      <input
        ref={calendar}
        type="date"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden
        value={date ?? ''}
        onChange={(e) => e.target.value && go(e.target.value)}
      />
    </span>
  );
}
