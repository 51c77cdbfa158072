import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { DateTime } from 'luxon';
import type { PlanTask } from '@shared/contract';
import { taskName, taskTitle } from '@shared/taskName';
import { dayName } from '@shared/taskMovePicks';
import { TaskActions } from './TaskActions';
import { hrefFor } from '../stores/routeStore';
import { coreNow } from '../clock/coreClock';
import { planTaskDueText, planTaskOverdue, tasksFound } from '../plan/planTaskText';

/** The keys that move through the plan's rows: the others act on the selected row (PlannerPage). */
const ROW_MOVES = new Set(['j', 'k']);

/**
 * The plan's open tasks that no row shows (`Planner.tasksWithoutRow`): someone with no window has
 * no row to carry a task, a row shows one task only, and a closed day shows no rows, so a task due
 * today or overdue would be on no screen of the plan. Listed above the rows, oldest first, each
 * done or moved here with the person page's own actions (TaskActions) where the plan takes marks
 * (not a rep's plan their manager looks at).
 */
export function TasksWithoutRow({
  tasks,
  query,
  now,
  planDate,
  repTz,
  canChange,
  closed,
  onFocusGone,
}: {
  tasks: readonly PlanTask[];
  /** The plan's name search: it finds these tasks by their person as it finds rows. */
  query: string;
  now: number;
  /** The plan's day (YYYY-MM-DD): a past day's tasks read as of it. */
  planDate: string;
  repTz: string;
  canChange: boolean;
  /** The plan shows no rows (closedPlan): these are all the day's tasks, not the others. */
  closed: boolean;
  /** The last task changed from here went with the keyboard's focus: the plan takes it. */
  onFocusGone: () => void;
}): React.JSX.Element | null {
  const shown = tasksFound(tasks, query);
  /** What the last change did, said here (the task it names may be gone from the list). */
  const [said, setSaid] = useState<string | null>(null);
  useEffect(() => {
    if (!said) return;
    const timer = setTimeout(() => setSaid(null), 10_000);
    return () => clearTimeout(timer);
  }, [said]);
  // A task changed from here: the plan is read again as the core says the activities changed, and
  // the task goes (or shows its new day). The focus, fallen with the button pressed, goes to the
  // task now in its place, else to the plan, rather than to the top of the page.
  const section = useRef<HTMLElement>(null);
  const refocus = useRef<{ id: string; index: number } | null>(null);
  useLayoutEffect(() => {
    const changed = refocus.current;
    if (!changed) return;
    const active = document.activeElement;
    const lost = !active || active === document.body || !active.isConnected;
    const inside = !lost && (section.current?.contains(active) ?? false);
    // The rep went on elsewhere meanwhile: the focus is theirs.
    if (!lost && !inside) {
      refocus.current = null;
      return;
    }
    const at = shown.findIndex((t) => t.id === changed.id);
    if (at >= 0) {
      if (lost) focusTask(section.current, at);
      return;
    }
    refocus.current = null;
    if (inside) return;
    if (shown.length > 0) focusTask(section.current, Math.min(changed.index, shown.length - 1));
    else onFocusGone();
  });

  if (shown.length === 0)
    return said ? (
      <p className="plan-note" role="status">
        {said}
      </p>
    ) : null;
  const count =
    shown.length === tasks.length ? `${tasks.length}` : `${shown.length} of ${tasks.length}`;
  return (
    <section
      ref={section}
      className="tasks-without-row"
      aria-labelledby="tasks-without-row-head"
      // Inside this list, the keys that mark the plan's selected row would mark a row the rep is
      // not looking at.
      onKeyDown={(e) => {
        if (e.key.length === 1 && !ROW_MOVES.has(e.key) && !e.metaKey && !e.ctrlKey && !e.altKey)
          e.stopPropagation();
      }}
    >
      <h2
        id="tasks-without-row-head"
        title={
          closed
            ? 'The open tasks due: this day has no hours to plan'
            : 'Open tasks due that no row of this plan shows: their person has no row (no window learned for them on the channels planned, or another rep owns them), or their row shows an older one'
        }
      >
        {closed ? 'Tasks due' : 'Other tasks due'} ({count})
      </h2>
      {said && (
        <p className="plan-note" role="status">
          {said}
        </p>
      )}
      <ul aria-labelledby="tasks-without-row-head">
        {shown.map((t, index) => {
          return (
            <li key={t.id} className={planTaskOverdue(t, now, repTz) ? 'overdue' : undefined}>
              {/* Spaces between the parts: a screen reader reads the line as words, not run
                  together (the list's gaps draw them). */}
              <a href={hrefFor({ page: 'person', id: t.personId })} className="person-link">
                {t.name}
              </a>{' '}
              {t.company && <span className="subtle">{t.company} </span>}
              <span className="task-subject">{taskTitle(t.subject)}</span>{' '}
              <span className="task-due">{planTaskDueText(t, now, repTz, planDate)}</span>{' '}
              {canChange && (
                <TaskActions
                  task={{
                    id: t.id,
                    subject: t.subject,
                    startAt: t.startAt,
                    ...(t.dueDate ? { dueDate: t.dueDate } : {}),
                  }}
                  repTz={repTz}
                  onChanged={(change, kept) => {
                    refocus.current = { id: t.id, index };
                    setSaid(`${changedText(t, change, repTz)}${kept ? ` ${kept}` : ''}`);
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The first button of the task at `index` (Mark done), else its person's link. */
function focusTask(section: HTMLElement | null, index: number): void {
  const item = section?.querySelectorAll('li')[index];
  (item?.querySelector('button') ?? item?.querySelector('a[href]'))?.focus();
}

/** "Zoe Quiet: task “Send the offer” done." or "… moved to Tue 24 Nov." */
function changedText(
  task: PlanTask,
  change: { action: 'done' } | { action: 'move'; dueDate: string },
  zone: string,
): string {
  const name = taskName(task.subject);
  if (change.action === 'done') return `${task.name}: ${name} done.`;
  const today = DateTime.fromMillis(coreNow(), { zone }).toISODate() ?? '';
  return `${task.name}: ${name} moved to ${dayName(change.dueDate, today)}.`;
}
