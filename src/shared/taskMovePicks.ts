import { DateTime } from 'luxon';

/**
 * "Move to…" moves a task to a day: Zoho keeps a task's due date (Due_Date), never a time, so a
 * time offered would be lost once moved. The days are the rep's (their clock's today, tomorrow,
 * next working day): the date chosen is the date sent, never shifted through a zone.
 */

/** The rep's days the form offers, as the core reads them (getTaskMoveDays), YYYY-MM-DD. */
export interface TaskMoveDays {
  today: string;
  tomorrow: string;
  /** The rep's first day after today with working hours; null when none is within reach. */
  nextWorkingDay: string | null;
}

export interface TaskMovePick {
  date: string;
  /** What the button says: "Tomorrow (Tue 24 Nov)", "Monday (Mon 30 Nov)". */
  label: string;
  /** Its accessible name when the label alone does not say why it is there. */
  name?: string;
}

/** A date as the form names it: "Tue 24 Nov", with the year when it is not today's year. */
export function dayName(date: string, today: string): string {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  if (!day.isValid) return date;
  const sameYear = date.slice(0, 4) === today.slice(0, 4);
  return day.toFormat(sameYear ? 'ccc d LLL' : 'ccc d LLL yyyy', { locale: 'en-GB' });
}

/**
 * The days offered for a task due on `dueDate` (taskDueDay: its due date, or the day its time
 * falls on; null: none). A day it is already due is no
 * move and is not offered: a task due today gets no "Today", an overdue one does (moving it there
 * is what a rep who will do it today wants). The next working day is offered when it is not
 * tomorrow (on a Friday, Monday).
 */
export function taskMovePicks(days: TaskMoveDays, dueDate: string | null): TaskMovePick[] {
  const { today, tomorrow, nextWorkingDay } = days;
  const picks: TaskMovePick[] = [];
  if (dueDate !== today) picks.push({ date: today, label: `Today (${dayName(today, today)})` });
  if (dueDate !== tomorrow)
    picks.push({ date: tomorrow, label: `Tomorrow (${dayName(tomorrow, today)})` });
  if (nextWorkingDay !== null && nextWorkingDay > tomorrow && nextWorkingDay !== dueDate) {
    const weekday = DateTime.fromISO(nextWorkingDay, { zone: 'UTC' }).toFormat('cccc', {
      locale: 'en-GB',
    });
    const label = `${weekday} (${dayName(nextWorkingDay, today)})`;
    picks.push({ date: nextWorkingDay, label, name: `Next working day: ${label}` });
  }
  return picks;
}

/**
 * A date typed in the form's day field (YYYY-MM-DD, as a date input gives it), checked against
 * the rep's today and the task's due date: the date, or what to say.
 */
export function readMoveDay(
  value: string,
  today: string,
  dueDate: string | null,
): { date: string } | { error: string } {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? DateTime.fromISO(value, { zone: 'UTC' }) : null;
  if (!day?.isValid) return { error: 'Choose a day to move the task to.' };
  if (value < today)
    return {
      error: `${dayName(value, today)} has passed. Choose today (${dayName(today, today)}) or a later day.`,
    };
  if (value === dueDate)
    return { error: `The task is due ${dayName(value, today)} already: choose another day.` };
  return { date: value };
}
