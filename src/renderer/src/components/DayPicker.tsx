import { useEffect, useRef, useState } from 'react';
import { DateTime } from 'luxon';
import { parseTypedDay as parseDay, SHOWN_DAY as SHOWN } from '../format/typedDay';

/**
 * The plan's day: the previous and next day a click away, or a typed day; a calendar from the
 * browser on demand. Not the browser's date field, which writes the day in the system's own
 * convention (11/23/2026) beside times written 24-hour by the app.
 */
export function DayPicker({
  date,
  zone,
  isToday,
  onChange,
  earliest,
  latest,
}: {
  /** YYYY-MM-DD. */
  date: string;
  zone: string;
  isToday: boolean;
  onChange: (date: string | undefined) => void;
  /** The first and last days that can be picked (YYYY-MM-DD), if any. */
  earliest?: string | undefined;
  latest?: string | undefined;
}): React.JSX.Element {
  const shown = DateTime.fromISO(date, { zone }).toFormat(SHOWN);
  const [text, setText] = useState(shown);
  const [bad, setBad] = useState<string | null>(null);
  const outside = (iso: string): boolean =>
    (earliest !== undefined && iso < earliest) || (latest !== undefined && iso > latest);
  const range =
    earliest !== undefined && latest !== undefined
      ? `Pick a day from ${DateTime.fromISO(earliest, { zone }).toFormat(SHOWN)} to ${DateTime.fromISO(latest, { zone }).toFormat(SHOWN)}`
      : null;
  const calendar = useRef<HTMLInputElement>(null);
  useEffect(() => {
    setText(shown);
    setBad(null);
  }, [shown]);

  const go = (iso: string | null): void => {
    if (iso === null) {
      setBad('Not a day: type it as 2026-11-23 or 23 Nov 2026');
      return;
    }
    if (outside(iso)) {
      setBad(range ?? 'That day cannot be picked');
      return;
    }
    setBad(null);
    onChange(iso);
  };
  const step = (days: number): void =>
    go(DateTime.fromISO(date, { zone }).plus({ days }).toISODate());

  return (
    <span className="day-picker" role="group" aria-label="Plan of the day">
      <button
        type="button"
        aria-label="Previous day"
        disabled={earliest !== undefined && date <= earliest}
        onClick={() => step(-1)}
      >
        ‹
      </button>
      <input
        type="text"
        aria-label="Day"
        className={bad ? 'day-field invalid' : 'day-field'}
        value={text}
        aria-invalid={bad !== null}
        aria-describedby={bad ? 'day-field-problem' : undefined}
        title={bad ?? undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') go(parseDay(text, zone));
          if (e.key === 'Escape') {
            setText(shown);
            setBad(null);
          }
        }}
        onBlur={() => {
          if (text !== shown) go(parseDay(text, zone));
        }}
      />
      <button
        type="button"
        aria-label="Next day"
        disabled={latest !== undefined && date >= latest}
        onClick={() => step(1)}
      >
        ›
      </button>
      <button
        type="button"
        aria-label="Pick a day in a calendar"
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
        value={date}
        min={earliest}
        max={latest}
        onChange={(e) => e.target.value && go(e.target.value)}
      />
      {bad && (
        <span id="day-field-problem" className="visually-hidden" role="alert">
          {bad}
        </span>
      )}
      {!isToday && (
        <button type="button" onClick={() => onChange(undefined)}>
          Today
        </button>
      )}
    </span>
  );
}
