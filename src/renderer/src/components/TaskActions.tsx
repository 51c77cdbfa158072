import { useId, useRef, useState } from 'react';
import type { TimelineItem } from '@shared/contract';
import {
  dayName,
  readMoveDay,
  taskMovePicks,
  type TaskMoveDays,
  type TaskMovePick,
} from '@shared/taskMovePicks';
import { taskName, taskTitle } from '@shared/taskName';
import { taskDueDay } from '@shared/taskDue';
import { call } from '../api/client';
import { afterColon } from '../format/afterColon';
import { zoneCity } from '../format/zoneCities';

/**
 * A task the CRM holds open (scheduled or overdue), done or moved from the person's timeline
 * (PL-4): stored at once, and sent to the CRM with the next sync. "Move to…" moves it to a day,
 * as the CRM keeps it (Zoho's Due_Date has no time): today, tomorrow, the next working day, or
 * any day, all on the rep's calendar; the day the task is due already (its due date, or the day
 * its time falls on) is not offered. The page reads
 * the person again when the core says the activities changed, so the task shows done, or on its
 * new day.
 */
export function TaskActions({
  task,
  repTz,
  onChanged,
}: {
  task: Pick<TimelineItem, 'id' | 'subject' | 'dueDate' | 'startAt'>;
  repTz: string;
  /** Told once the core has stored the change (the planner closes its dialog and says it). */
  onChanged?: (
    change: { action: 'done' } | { action: 'move'; dueDate: string },
    /** Said once, on the demo organisation: it has no CRM, the change is kept here (the
     * caller says it: the actions go with a task done). */
    kept: string | null,
  ) => void;
}): React.JSX.Element {
  const [moving, setMoving] = useState(false);
  const [days, setDays] = useState<TaskMoveDays | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Counts the form's openings: an answer read for an earlier one is dropped. */
  const opening = useRef(0);
  const title = taskTitle(task.subject);
  const untitled = title === taskTitle(null);
  // A task placed at a time only is due on that time's day: "Today" would move it nowhere.
  const dueDate = taskDueDay(task, repTz);

  const save = async (action: 'done' | 'move', to?: string): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const { kept } = await call('changeTask', {
        activityId: task.id,
        action,
        ...(to !== undefined ? { dueDate: to } : {}),
      });
      setMoving(false);
      onChanged?.(
        to !== undefined ? { action: 'move', dueDate: to } : { action: 'done' },
        kept ?? null,
      );
    } catch (e) {
      // The core's refusal names the task already ("The task “X” cannot be moved…", "The
      // untitled task…").
      const message = (e as Error).message;
      setError(
        /^(The|This) (untitled )?task\b/.test(message)
          ? message
          : afterColon(
              `The ${taskName(task.subject)} was not ${action === 'done' ? 'marked done' : 'moved'}`,
              message,
            ),
      );
    } finally {
      setBusy(false);
    }
  };

  // The days are the core's: its clock and the rep's working days, as their plan counts them.
  // Read at each opening, the field and buttons empty meanwhile: the day typed last time may be
  // the task's due date now, and the days read before midnight are yesterday's.
  const open = (): void => {
    const mine = ++opening.current;
    setError(null);
    setDays(null);
    setValue('');
    setMoving(true);
    call('getTaskMoveDays', {}).then(
      (read) => {
        if (mine !== opening.current) return;
        setDays(read);
        setValue((v) => v || (read.tomorrow !== dueDate ? read.tomorrow : read.today));
      },
      (e: unknown) => {
        if (mine !== opening.current) return;
        setError(
          afterColon('The days to move the task to could not be read', (e as Error).message),
        );
      },
    );
  };
  const picks: TaskMovePick[] = days ? taskMovePicks(days, dueDate) : [];
  // The browser writes the date field's day in the system's convention ("12/08/2026"), which no
  // attribute changes: the day is said beside it as the buttons and the app say days.
  const chosenId = useId();
  const chosen = days && /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayName(value, days.today) : null;
  const city = zoneCity(repTz) ?? repTz;

  return (
    <div className="task-actions" role="group" aria-label={untitled ? title : `Task ${title}`}>
      <button type="button" disabled={busy} onClick={() => void save('done')}>
        Mark done
      </button>
      <button
        type="button"
        disabled={busy}
        aria-expanded={moving}
        onClick={() => (moving ? setMoving(false) : open())}
      >
        Move to…
      </button>
      {moving && (
        <form
          className="task-move"
          aria-label={`Move ${untitled ? 'the untitled task' : title} to`}
          // The day is checked here, to say why one is refused (the browser's own bubble does not).
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!days) return;
            const read = readMoveDay(value, days.today, dueDate);
            if ('error' in read) setError(read.error);
            else void save('move', read.date);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setMoving(false);
          }}
        >
          {picks.map((p) => (
            <button
              key={p.date}
              type="button"
              disabled={busy}
              aria-label={p.name}
              onClick={() => void save('move', p.date)}
            >
              {p.label}
            </button>
          ))}
          <label>
            Due day <span className="subtle">({city})</span>{' '}
            <input
              type="date"
              value={value}
              min={days?.today}
              onChange={(e) => setValue(e.target.value)}
              aria-describedby={chosen ? chosenId : undefined}
              required
            />
          </label>
          {chosen && (
            <output id={chosenId} className="subtle task-move-day">
              {chosen}
            </output>
          )}
          <button type="submit" disabled={busy || !days}>
            Move
          </button>
          <button type="button" onClick={() => setMoving(false)}>
            Cancel
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
