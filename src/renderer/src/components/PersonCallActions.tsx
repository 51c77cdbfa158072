import { useEffect, useState } from 'react';
import type { PersonDetail } from '@shared/contract';
import { LogCallDialog } from './LogCallDialog';
import { saveLoggedCall, saveRowMark } from '../plan/rowMarks';
import { afterColon } from '../format/afterColon';

/**
 * A person's call row of today on the rep's plan, worked from their page (PL-4) as from the
 * planner: Log call opens the planner's dialog, Done marks the row, Undo clears its mark. The page
 * reads the person again when the core says the plan or the activities changed, so the call
 * logged shows in the timeline and the mark in place of these buttons. One of the rep's people
 * with no call row on today's plan has no row to mark: a call to log, and a word why no Done.
 */
export function PersonCallActions({
  personId,
  name,
  callToday,
  repTz,
}: {
  personId: string;
  name: string;
  callToday: NonNullable<PersonDetail['callToday']>;
  repTz: string;
}): React.JSX.Element {
  const [logging, setLogging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The demo has no CRM: said once, with the first call logged there.
  const [kept, setKept] = useState<string | null>(null);
  // The mark pressed, shown until the page's next reading of the person brings it.
  const [pressed, setPressed] = useState<'done' | 'clear' | null>(null);
  useEffect(() => setPressed(null), [callToday.mark, callToday.date]);
  const mark = pressed === null ? callToday.mark : pressed === 'clear' ? null : pressed;

  const press = async (action: 'done' | 'clear'): Promise<void> => {
    setPressed(action);
    setError(null);
    try {
      await saveRowMark({ personId, channel: 'call' }, callToday.date, action);
    } catch (e) {
      setPressed(null);
      setError(afterColon(`${name} is not marked`, (e as Error).message));
    }
  };

  return (
    <div className="person-actions" role="group" aria-label="Today’s call">
      <button type="button" onClick={() => setLogging(true)}>
        Log call
      </button>
      {!callToday.onPlan ? (
        <span className="subtle">Not on today’s plan</span>
      ) : mark ? (
        <>
          <span className="subtle">
            {mark === 'done' ? '✓ Done today' : mark === 'snoozed' ? 'Snoozed' : 'Skipped today'}
          </span>
          <button type="button" onClick={() => void press('clear')}>
            Undo
          </button>
        </>
      ) : (
        <button type="button" onClick={() => void press('done')}>
          Done
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {kept && (
        <p className="subtle" role="status">
          {kept}
        </p>
      )}
      {logging && (
        <LogCallDialog
          name={name}
          repTz={repTz}
          onClose={() => setLogging(false)}
          onSave={async (c) => {
            const kept = await saveLoggedCall(personId, c);
            if (kept) setKept(kept);
          }}
        />
      )}
    </div>
  );
}
