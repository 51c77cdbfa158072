import { useEffect, useState } from 'react';
import type { PushedEvents } from '@shared/contract';
import { onEvent } from '../api/client';

type Update = PushedEvents['database-update'];

const WHAT: Record<Update['dataSet'], string> = {
  crm: 'your CRM data',
  demo: 'the sample organisation',
};

/**
 * What the window shows until the core has a session: "Loading…", or, once after an update of
 * the app, the update of the database's layout step by step (15 s and more on a large database,
 * where a bare "Loading…" looks like a hang and gets the app quit).
 */
export function OpeningScreen(): React.JSX.Element {
  const [update, setUpdate] = useState<Update | null>(null);
  useEffect(() => onEvent('database-update', setUpdate), []);
  if (!update) return <div className="loading">Loading…</div>;
  const { dataSet, done, total } = update;
  if (done >= total)
    return (
      <div className="loading" role="status">
        Updated {WHAT[dataSet]} for this version. Opening…
      </div>
    );
  return (
    <section className="opening-update" role="status" aria-labelledby="opening-update-title">
      <h1 id="opening-update-title">Updating {WHAT[dataSet]} for this version of Contact Window</h1>
      <p>
        Once, after an update of the app: this can take a minute on a large database. Step{' '}
        {done + 1} of {total}.
      </p>
      <progress max={total} value={done} aria-label="Update progress" />
      <p className="opening-update-quit">
        Quitting now loses nothing: each step is kept as it finishes, and the update goes on from
        the step under way at the next start.
      </p>
    </section>
  );
}
