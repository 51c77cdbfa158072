/**
 * An activity's status at a moment. A meeting has none in the CRM, only a time: it is planned
 * until it ends and completed after, whatever was stored when it was synced. Other activities keep
 * the status the CRM gave them (a task is due until someone completes it, a scheduled call stays
 * scheduled until it is logged). The SQL twin is db/repos/activities.ts `happenedBy`.
 */
export function statusAt(
  a: { kind: string; status: string; startAt: number; durationS: number | null },
  now: number,
): string {
  if (a.kind !== 'meeting') return a.status;
  return meetingEnd(a.startAt, a.durationS) > now ? 'scheduled' : 'completed';
}

/** When a meeting ends; one with no end is over once it starts. */
export function meetingEnd(startAt: number, durationS: number | null): number {
  return startAt + (durationS ?? 0) * 1000;
}
