import { useEffect, useState } from 'react';
import type { PushedEvents } from '@shared/contract';
import { onEvent } from '../../api/client';

type Progress = PushedEvents['team-day-progress'];

/**
 * The team's day on its way. Made for the first time since the data changed, a large
 * organisation's day takes seconds (each rep's plan made in turn): the core says how many reps'
 * plans are made, so the wait reads as progress, not as a hang. Only the progress of `request`, the
 * page's newest request, is shown: one it gave up (a manager stepping on to the next day) may still
 * be made meanwhile, and its counts are another day's. Over a day already shown (`overDay`) nothing
 * is shown until that progress comes: a day made before pushes none, and is there in a moment.
 */
export function TeamDayLoading({
  request,
  overDay = false,
}: {
  request: number | null;
  overDay?: boolean;
}): React.JSX.Element | null {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(
    () =>
      onEvent('team-day-progress', (p) => {
        if (p.request === request) setProgress(p);
      }),
    [request],
  );
  const shown = progress?.request === request ? progress : null;
  if (!shown) return overDay ? null : <p className="loading">Loading the team’s day…</p>;
  const { done, total } = shown;
  return (
    <div className={overDay ? 'team-loading over-day' : 'loading team-loading'} role="status">
      <p>Loading the team’s day…</p>
      {/* After the last plan the lanes' coverage and clashes are worked out: a few seconds more
          on a large organisation, which a bar standing full would not explain. */}
      <p>
        {done < total
          ? `Plans made for ${done} of ${total} reps`
          : 'Plans made; now the lanes’ coverage and clashes'}
      </p>
      <progress max={total} value={done} aria-label="Reps’ plans made" />
    </div>
  );
}
