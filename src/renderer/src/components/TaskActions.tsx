import { useState } from 'react';
import { DateTime } from 'luxon';
import type { TimelineItem } from '@shared/contract';
import { localInputValue, readLocalInput, taskMovePicks } from '@shared/taskMovePicks';
import { skippedTimeMessage } from '@shared/wallClock';
import { taskName, taskTitle } from '@shared/taskName';
import { call } from '../api/client';
import { coreNow } from '../clock/coreClock';
import { zoneLabel } from '../format/time';
import { zoneCity } from '../format/zoneCities';
import { afterColon } from '../format/afterColon';

/**
 * A task the CRM holds open (scheduled or overdue), done or moved from the person's timeline
 * (PL-4): stored at once, and sent to the CRM with the next sync. "Move to…" offers an hour from
 * now and tomorrow at 09:00, or any time, all in the rep's zone. The page reads the person again
 * when the core says the activities changed, so the task shows done, or at its new time.
 */
export function TaskActions({
  task,
  repTz,
  onChanged,
}: {
  task: Pick<TimelineItem, 'id' | 'subject'>;
  repTz: string;
  /** Told once the core has stored the change (the planner closes its dialog and says it). */
  onChanged?: (
    change: { action: 'done' } | { action: 'move'; dueAt: number },
    /** Said once, on the demo organisation: it has no CRM, the change is kept here (the
     * caller says it: the actions go with a task done). */
    kept: string | null,
  ) => void;
}): React.JSX.Element {
  const [moving, setMoving] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const title = taskTitle(task.subject);
  const untitled = title === taskTitle(null);

  const save = async (action: 'done' | 'move', dueAt?: number): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const { kept } = await call('changeTask', {
        activityId: task.id,
        action,
        ...(dueAt !== undefined ? { dueAt } : {}),
      });
      setMoving(false);
      onChanged?.(
        dueAt !== undefined ? { action: 'move', dueAt } : { action: 'done' },
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

  const open = (): void => {
    const { laterToday } = taskMovePicks(coreNow(), repTz);
    setValue(localInputValue(laterToday, repTz));
    setError(null);
    setMoving(true);
  };
  const now = coreNow();
  const { laterToday, tomorrow9 } = taskMovePicks(now, repTz);
  const sameDay = (at: number): boolean =>
    DateTime.fromMillis(at, { zone: repTz }).hasSame(
      DateTime.fromMillis(now, { zone: repTz }),
      'day',
    );
  const clock = (at: number): string => DateTime.fromMillis(at, { zone: repTz }).toFormat('HH:mm');
  const typed = readLocalInput(value, repTz);

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
          onSubmit={(e) => {
            e.preventDefault();
            if (typed === null) setError('Choose a day and a time to move the task to.');
            else if ('skipped' in typed)
              setError(skippedTimeMessage(typed.skipped, zoneCity(repTz) ?? repTz));
            else void save('move', typed.at);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setMoving(false);
          }}
        >
          <button type="button" disabled={busy} onClick={() => void save('move', laterToday)}>
            {sameDay(laterToday)
              ? `Later today, ${clock(laterToday)}`
              : `In an hour, ${clock(laterToday)}`}
          </button>
          <button type="button" disabled={busy} onClick={() => void save('move', tomorrow9)}>
            Tomorrow 09:00
          </button>
          <label>
            Due <span className="subtle">({zoneLabel(repTz, now)})</span>{' '}
            <input
              type="datetime-local"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              required
            />
          </label>
          <button type="submit" disabled={busy}>
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
