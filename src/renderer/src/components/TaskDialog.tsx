import { useEffect, useRef } from 'react';
import { taskTitle } from '@shared/taskName';
import { TaskActions } from './TaskActions';
import { formatClock } from '../format/time';
import { dueDayWords, taskOverdue } from '@shared/taskDue';

/**
 * The planner row's booked task (its side line, "task due today", "overdue: task due yesterday"), done or moved from
 * the plan with the person page's own actions (TaskActions): opened by the row's task button or
 * `t`, closed by Escape or Close, and closed by itself once the change is stored.
 */
export function TaskDialog({
  task,
  personName,
  now,
  repTz,
  onChanged,
  onClose,
}: {
  /** `dueDate`: the CRM's due date, a day with no time (see shared/taskDue.ts). */
  task: { id: string; subject: string | null; startAt: number; dueDate?: string };
  personName: string;
  now: number;
  repTz: string;
  onChanged: (
    change: { action: 'done' } | { action: 'move'; dueDate: string },
    kept: string | null,
  ) => void;
  onClose: () => void;
}): React.JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  // Closed as Escape closes it: the browser gives the focus back to what had it (the row's task
  // button). `onClose` follows the close.
  const close = (): void => {
    if (dialog.current?.open) dialog.current.close();
    else onClose();
  };
  const name = taskTitle(task.subject);
  // As the row's side line words it: a task is due all its day on the rep's clock, time or not.
  const overdue = taskOverdue(task, now, repTz);
  const when = task.dueDate
    ? dueDayWords(task.dueDate, now, repTz)
    : `at ${formatClock(task.startAt, repTz)}`;
  const due = `${overdue ? 'overdue: was due' : 'due'} ${when}`;
  return (
    <dialog
      ref={dialog}
      className="dialog task-dialog"
      aria-label={`Task for ${personName}`}
      onClose={onClose}
    >
      <p>
        <strong>{name}</strong> for {personName}, {due}
      </p>
      <TaskActions
        task={task}
        repTz={repTz}
        onChanged={(change, kept) => {
          onChanged(change, kept);
          close();
        }}
      />
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </dialog>
  );
}
