import type { TeamClash } from '../../shared/teamContract';

/** One clash as the `team` command lists it: a person, the reps planned at them, and when. */
export interface ClashEntry {
  personId: string;
  repIds: string[];
  start: number;
  end: number;
}

/**
 * The clashes one per person and time, as the `team` command's `clashes` lists them: a clash of
 * two people at one account names each of them, the same person once; the same entry once. The
 * Team page counts them too, beside its lines (grouped by account and channel over a stretch),
 * so a director can match the page with the command.
 */
export function clashEntries(clashes: readonly TeamClash[]): ClashEntry[] {
  const entries = new Map<string, ClashEntry>();
  for (const c of clashes) {
    const repIds = [...new Set(c.people.map((p) => p.repId))].sort();
    for (const p of c.account === null ? c.people.slice(0, 1) : c.people) {
      const key = `${p.personId}|${repIds.join(',')}|${c.start}|${c.end}`;
      if (!entries.has(key))
        entries.set(key, { personId: p.personId, repIds, start: c.start, end: c.end });
    }
  }
  return [...entries.values()];
}
