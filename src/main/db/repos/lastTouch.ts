import { CompiledQuery } from 'kysely';
import type { Db } from '../openDatabase';
import { first, isOpen, run } from '../sqlRun';

/**
 * People's stored last touch (migration 39), so the People list ordered by last activity reads
 * one column a person instead of four index seeks (people/lastActivity.ts). It holds only what
 * depends on neither the instant asked about nor the rep asking:
 * - `last_touch`: the latest of everything that can become their last activity, coded as
 *   lastActivityCoded codes it (instant × 4 + source): a completed activity other than a
 *   meeting (a call by its end, as `touchedUntil` times it), a meeting by its start, a visit linked to them, a visit linked to nobody whose
 *   visitor gave their e-mail (before any tie-break between people sharing it);
 * - `last_touch_from`: from when that is the answer for every rep: a meeting counts once it has
 *   ended and a visit once begun (a CRM clock ahead of ours); NEVER_FOR_SURE when it is an
 *   e-mail's visit, whose person depends on the rep, so the list works that person out as before;
 *   null when it is stale: a write changed what it is made of and it is not set again yet (the
 *   sync marks, then sets them again after each page: refreshStaleLastTouch). The list never
 *   trusts null, so a person reads right between the two, or after a crash between them.
 * Written here after each write, not by triggers: migration 24 measured triggers on activities
 * making the demo's inserts 40 % dearer.
 * Correlated aggregates read more plainly as SQL than as a builder.
 */
/** Later than any instant the list is asked about (Luxon's last is 8.64e15), so never trusted. */
export const NEVER_FOR_SURE = Number.MAX_SAFE_INTEGER;

const REFRESH = (where: string) => `update people set (last_touch, last_touch_from) = (
  select t.coded, case
      when t.coded is null then 0
      when t.coded % 4 = 1 then ${NEVER_FOR_SURE}
      when t.coded % 4 = 2 then t.coded / 4
      when t.done = t.coded / 4 then 0
      else (select min(m.started_at + coalesce(m.duration_s, 0) * 1000) from activities m
        where m.person_id = people.id and m.kind = 'meeting' and m.started_at = t.coded / 4) end
  from (select nullif(max(coalesce(s.done * 4, 0), coalesce(s.meeting * 4, 0),
      coalesce(s.linked * 4 + 2, 0), coalesce(s.mail * 4 + 1, 0)), 0) as coded, s.done
    from (select
      (select max(d.started_at + case when d.kind = 'call'
          then coalesce(d.duration_s, 0) * 1000 else 0 end) from activities d
        where d.person_id = people.id and d.kind != 'meeting' and d.status = 'completed') as done,
      (select max(m.started_at) from activities m where m.person_id = people.id
        and m.kind = 'meeting') as meeting,
      (select max(v.started_at) from visits v where v.person_id = people.id) as linked,
      (select max(e.started_at) from visits e indexed by visits_email_key
        where e.person_id is null and lower(trim(e.visitor_email)) = lower(trim(people.email))) as mail
    ) s) t)
  ${where}`;

// Built once: the sync runs one a record, and a text built each time (2 kB) costs more than
// the update (16 µs) and churns the garbage collector.
const BY_ID = REFRESH('where id = ?');
// Through people_email_key (migration 17), which is on this same fold.
const BY_EMAIL = REFRESH('where lower(trim(email)) = lower(trim(?))');
const EVERYONE = REFRESH('');

/** Sets the last touch of these people again, after their activities or visits were written. */
export function refreshLastTouch(db: Db, personIds: Iterable<string | null | undefined>): void {
  for (const id of new Set(personIds)) if (id) run(db, CompiledQuery.raw(BY_ID, [id]));
}

/**
 * Sets the last touch again of everyone with one of these e-mails: a visit linked to nobody
 * with it was written, or was linked to someone, or lost its person.
 */
export function refreshLastTouchByEmail(db: Db, emails: Iterable<string | null | undefined>): void {
  for (const email of new Set(emails)) if (email) run(db, CompiledQuery.raw(BY_EMAIL, [email]));
}

/** Everyone's, after a bulk write (the demo). */
export function refreshEveryonesLastTouch(db: Db): void {
  run(db, CompiledQuery.raw(EVERYONE));
}

/**
 * People set again in one statement: a stale person costs five index seeks and the row's write
 * (20-40 µs), so a chunk holds the event loop a few milliseconds, well inside its 50 ms.
 */
export const STALE_CHUNK = 200;
// The stale are found by migration 39's partial index, which holds only them.
const STALE = REFRESH(`where id in (select id from people indexed by people_last_touch_stale
  where last_touch_from is null limit ${STALE_CHUNK})`);

/** Whether more than `over` people are stale: read no further than that in the partial index. */
export function staleBacklog(db: Db, over: number): boolean {
  const found = first<{ n: number }>(db, CompiledQuery.raw(STALE_COUNT, [over + 1]));
  return (found?.n ?? 0) > over;
}
const STALE_COUNT = `select count(*) as n from (select 1 from people indexed by people_last_touch_stale
  where last_touch_from is null limit ?)`;

/**
 * Sets again the last touch of everyone marked stale (null `last_touch_from`), a chunk at a time,
 * each after `turn` (an event-loop turn of its own), until none is left or after `chunks` of
 * them: the sync calls it after pages it stores, and at its end. A call made while one runs
 * shares it.
 */
export function refreshStaleLastTouch(
  db: Db,
  turn: () => Promise<void>,
  chunks = Infinity,
): Promise<void> {
  let running = refreshing.get(db);
  if (!running) {
    running = (async () => {
      try {
        // A closed file (the app quitting) keeps its marks: read right, set by the next sync.
        for (let i = 0; i < chunks; i++) {
          await turn();
          if (!isOpen(db) || run(db, CompiledQuery.raw(STALE)).changes === 0) return;
        }
      } finally {
        refreshing.delete(db);
      }
    })();
    refreshing.set(db, running);
  }
  return running;
}
const refreshing = new WeakMap<Db, Promise<void>>();
