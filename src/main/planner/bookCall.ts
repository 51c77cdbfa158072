import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Db } from '../db/openDatabase';
import { insertActivity } from '../db/repos/activities';
import { keptHereInDemo } from '../db/repos/demoKeptHere';
import { addOutboxEntry } from '../db/repos/outbox';
import { organisation } from '../db/repos/organisation';
import { decodeWindows } from '../besttime/store/windowsCodec';
import { personZone } from '../people/personZone';
import { shownName } from '../../shared/personName';
import { first } from '../db/sqlRun';
import { transaction } from '../db/sqlRun';
import {
  BOOKING_DAYS,
  bookableWindows,
  bookingRefusal,
  bookingSubject,
  type BookableWindow,
} from '../../shared/bookingTime';
import { occurrencesBetween, openingFor, WindowClock } from './windowOccurrences';
import { ensureOwnRow } from './planActions';
import { userById } from '../db/repos/users';
import { personNotHereMessage } from '../../shared/personNotHere';

/** The contact's call windows a call can be booked in, from now to BOOKING_DAYS ahead. */
export interface BookingWindows {
  name: string;
  contactTz: string;
  windows: BookableWindow[];
}

/**
 * A person's call windows from now on, dated as the planner dates them (in their zone, held to
 * their owner's hours and days off, BT-7), each with time left to book a call in.
 */
export function bookingWindows(db: Db, personId: string, now: number): BookingWindows {
  const p = first(
    db,
    db.kysely
      .selectFrom('people as p')
      .leftJoin('users as u', 'u.id', 'p.owner_id')
      .select(['p.first_name', 'p.last_name', 'p.time_zone', 'p.country', 'p.phone'])
      .select('u.shift_id as owner_shift_id')
      .where('p.id', '=', personId),
  );
  if (!p) throw new Error(personNotHereMessage(personId));
  const orgTz = organisation(db)?.time_zone ?? 'UTC';
  const zone = personZone(p.time_zone, orgTz, p.country, p.phone);
  const stored = first(
    db,
    db.kysely
      .selectFrom('best_time_windows')
      .select('windows')
      .where('person_id', '=', personId)
      .where('channel', '=', 'call'),
  );
  const byWeekday: ReturnType<typeof decodeWindows>[] = [[], [], [], [], [], [], [], []];
  for (const w of stored ? decodeWindows('call', stored.windows) : [])
    byWeekday[w.weekday]?.push(w);
  const from = DateTime.fromMillis(now, { zone }).startOf('day').toMillis();
  const to = DateTime.fromMillis(from, { zone }).plus({ days: BOOKING_DAYS }).toMillis();
  const occurrences = occurrencesBetween(
    new WindowClock(),
    zone,
    byWeekday,
    from,
    to,
    undefined,
    openingFor(db, { shift_id: p.owner_shift_id }),
  );
  return {
    name: shownName(p.first_name, p.last_name),
    contactTz: zone,
    windows: bookableWindows(
      occurrences.map((o) => ({ start: o.start, end: o.end, stars: o.stars })),
      now,
    ),
  };
}

export interface BookedCall {
  activityId: string;
  outboxId: number;
  startAt: number;
  subject: string;
  kept?: string;
}

/**
 * Books a call with one of the rep's people at `at`, inside one of their call windows from now
 * on: stored here at once as a call scheduled (as the CRM's own scheduled calls are stored, so the
 * planner's row and the Team page read it alike), and queued in the outbox to become a scheduled
 * Calls record in the CRM on the next sync, exactly once, as logged calls go.
 */
export function bookCall(
  db: Db,
  userId: string,
  booking: { personId: string; at: number; subject?: string | undefined },
  now: number,
): BookedCall {
  ensureOwnRow(db, userId, booking.personId);
  const { name, windows } = bookingWindows(db, booking.personId, now);
  const repZone = userById(db, userId)?.time_zone ?? 'UTC';
  const refusal = bookingRefusal(booking.at, windows, now, repZone, name);
  if (refusal) throw new Error(refusal);
  // Picked as the dialog's clock turned over: not before now.
  const at = Math.max(booking.at, now);
  const subject = bookingSubject(booking.subject, name);
  const activityId = `local-${randomUUID()}`;
  let outboxId = 0;
  let kept: string | null = null;
  transaction(db, () => {
    insertActivity(db, {
      id: activityId,
      person_id: booking.personId,
      owner_id: userId,
      // A call to come is no evidence of when the contact answers.
      signal: null,
      kind: 'call',
      channel: 'call',
      direction: 'out',
      started_at: at,
      duration_s: null,
      subject,
      status: 'scheduled',
      source_module: 'local',
      source_id: null,
      outcome: null,
    });
    outboxId = addOutboxEntry(db, {
      idempotencyKey: activityId,
      kind: 'call',
      createdAt: now,
      payload: JSON.stringify({
        booked: true,
        activityId,
        personId: booking.personId,
        ownerId: userId,
        subject,
        startedAt: at,
      }),
    });
    kept = keptHereInDemo(db, outboxId, now);
  });
  return kept
    ? { activityId, outboxId, startAt: at, subject, kept }
    : { activityId, outboxId, startAt: at, subject };
}
