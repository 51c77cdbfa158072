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
  calendarLabel = `${label}: pick a day in a calendar`,
  onChange,
  earliest,
  latest,
  range,
}: {
  /** YYYY-MM-DD, or null while no day is known yet (the field is empty). */
  date: string | null;
  zone: string;
  /** The field's name, for the field and its calendar button. */
  label: string;
  calendarLabel?: string;
  onChange: (date: string) => void;
  /** The first and last days that can be picked (YYYY-MM-DD), if any. */
  earliest?: string | undefined;
  latest?: string | undefined;
  /** What to say of a day outside them ("Pick a day from … to …"). */
  range?: string | undefined;
}): React.JSX.Element {
  const shown = date === null ? '' : shownDay(date, zone);
  const [text, setText] = useState(shown);
  const [bad, setBad] = useState<string | null>(null);
  const calendar = useRef<HTMLInputElement>(null);
  const problemId = `${label.replace(/\W+/g, '-').toLowerCase()}-problem`;
  useEffect(() => {
    setText(shown);
    setBad(null);
  }, [shown]);

  const go = (iso: string | null): void => {
    if (iso === null) {
      setBad('Not a day: type it as 2026-11-23 or 23 Nov 2026');
      return;
    }
    if ((earliest !== undefined && iso < earliest) || (latest !== undefined && iso > latest)) {
      setBad(range ?? 'That day cannot be picked');
      return;
    }
    setBad(null);
    // The day as the app writes it, even when it is the day already shown ("2026-10-26").
    setText(shownDay(iso, zone));
    if (iso !== date) onChange(iso);
  };
  return (
    <span className="day-field-wrap">
      <input
        type="text"
        aria-label={label}
        className={bad ? 'day-field invalid' : 'day-field'}
        value={text}
        aria-invalid={bad !== null}
        aria-describedby={bad ? problemId : undefined}
        title={bad ?? undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') go(parseTypedDay(text, zone));
          if (e.key === 'Escape') {
            setText(shown);
            setBad(null);
          }
        }}
        onBlur={() => {
          if (text !== shown) go(parseTypedDay(text, zone));
        }}
      />
      <button
        type="button"
        aria-label={calendarLabel}
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
        min={earliest}
        max={latest}
        onChange={(e) => e.target.value && go(e.target.value)}
      />
      {/* Under the field, over what follows: a red border alone left the rep guessing. */}
      {bad && (
        <span id={problemId} className="day-field-problem" role="alert">
          {bad}
        </span>
      )}
    </span>
  );
}
