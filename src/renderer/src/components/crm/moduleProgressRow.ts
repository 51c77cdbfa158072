import type { ModuleProgress } from '@shared/contract';

/** What a module's row in Settings' sync progress shows: its bar and its words. */
export interface ModuleProgressRow {
  /** Null: no bar (a module the organisation lacks). */
  bar: { max: number | undefined; value: number | undefined } | null;
  text: string;
  /** Why the CRM failed to give it in this run (the words' tooltip), else null. */
  failed: string | null;
}

export function moduleProgressRow(m: ModuleProgress): ModuleProgressRow {
  const count = m.stored + m.quarantined;
  if (m.missing && m.forbidden)
    return { bar: null, text: 'you may not read it in Zoho, skipped', failed: null };
  if (m.missing) return { bar: null, text: 'not in this organisation', failed: null };
  // Over for this run as soon as it failed: not "done", which would say all of it is here. What
  // it stored is kept; the run's end tells the failure as the sync's problem.
  if (m.failed !== null)
    return {
      bar: { max: 1, value: 0 },
      text: count > 0 ? `could not be read (${count.toLocaleString()} kept)` : 'could not be read',
      failed: m.failed,
    };
  if (m.done)
    return { bar: { max: 1, value: 1 }, text: `${count.toLocaleString()} done`, failed: null };
  // Modules are read side by side, each once what it points at is read; the rest wait.
  if (!m.running) return { bar: { max: 1, value: 0 }, text: 'waiting', failed: null };
  if (m.total !== null)
    return {
      bar: { max: m.total, value: m.total ? Math.min(count, m.total) : undefined },
      text: `${count.toLocaleString()} of ${m.total.toLocaleString()}`,
      failed: null,
    };
  return {
    bar: { max: undefined, value: undefined },
    text: `${count.toLocaleString()} so far`,
    failed: null,
  };
}
