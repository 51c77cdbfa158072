import { useEffect, useState } from 'react';
import type { PushedEvents } from '@shared/contract';
import { onEvent } from '../../api/client';

type Progress = PushedEvents['team-day-progress'];

/**
 * The Team page until its day arrives. Made for the first time since the data changed, a large
 * organisation's day takes seconds (each rep's plan made in turn): the core says how many reps'
 * plans are made, so the wait reads as progress, not as a hang.
 */
export function TeamDayLoading(): React.JSX.Element {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => onEvent('team-day-progress', setProgress), []);
  if (!progress) return <p className="loading">Loading the team’s day…</p>;
  const { done, total } = progress;
  return (
    <div className="loading team-loading" role="status">
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
