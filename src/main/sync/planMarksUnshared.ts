import type { Db } from '../db/openDatabase';
import { storedMetadata } from './organisationMetadata';

/**
 * Why a manager's Team page cannot show their reps' Done, Snooze and Skip, when it cannot: the
 * organisation the sync read has nowhere to share them (README, "Plan marks for the whole team"),
 * so each rep's marks stay on their computer. Null when marks are shared, and for the demo or
 * before the first sync (nothing read yet).
 */
export function planMarksUnshared(db: Db): string | null {
  const why = planMarksKeptNowhere(db);
  if (why === null) return null;
  return `Your reps’ Done, Snooze and Skip stay on their own computers, so a window a rep skipped or marked done without a call shows here as missed or unworked: ${why}.`;
}

/**
 * Why no sync will send the marks made here, when none will: the organisation the sync read keeps
 * no plan marks, or keeps them in a module lacking fields. Null when they are sent, and before the
 * first sync (nothing read yet).
 */
export function planMarksKeptNowhere(db: Db, marks = 'them'): string | null {
  const lacks = storedMetadata(db)?.metadata.planMarks?.lacks;
  if (lacks === undefined || (lacks !== null && lacks.length === 0)) return null;
  return lacks === null
    ? `the CRM has no place to share ${marks} (an admin adds the CW Plan Marks module once)`
    : `the CRM's CW Plan Marks module lacks ${lacks.join(', ')}`;
}
