import { DateTime } from 'luxon';
import type { PlannerRow } from '../../shared/contract';

/** A plan's rows as the `plan` command prints them (and `team` repeats them): times in the rep's zone. */
export function planRowsJson(rows: readonly PlannerRow[], repTz: string) {
  const iso = (ms: number | null): string | null =>
    ms === null
      ? null
      : DateTime.fromMillis(ms, { zone: repTz }).toISO({ suppressMilliseconds: true });
  return rows.map((r) => ({
    person_id: r.personId,
    name: r.name,
    channel: r.channel,
    state: r.state,
    start: iso(r.start),
    end: iso(r.end),
    contact_tz: r.contactTz,
    stars: r.stars,
  }));
}
