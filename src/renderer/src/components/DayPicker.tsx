import { DateTime } from 'luxon';
import { SHOWN_DAY } from '../format/typedDay';
import { DayField } from './DayField';

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
  const written = (iso: string): string => DateTime.fromISO(iso, { zone }).toFormat(SHOWN_DAY);
  const range =
    earliest !== undefined && latest !== undefined
      ? `Pick a day from ${written(earliest)} to ${written(latest)}`
      : undefined;
  const step = (days: number): void => {
    const next = DateTime.fromISO(date, { zone }).plus({ days }).toISODate();
    if (next) onChange(next);
  };

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
      <DayField
        date={date}
        zone={zone}
        label="Day"
        calendarLabel="Pick a day in a calendar"
        onChange={onChange}
        earliest={earliest}
        latest={latest}
        range={range}
      />
      <button
        type="button"
        aria-label="Next day"
        disabled={latest !== undefined && date >= latest}
        onClick={() => step(1)}
      >
        ›
      </button>
      {!isToday && (
        <button type="button" onClick={() => onChange(undefined)}>
          Today
        </button>
      )}
    </span>
  );
}
