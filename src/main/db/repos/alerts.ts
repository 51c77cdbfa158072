import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../openDatabase';
import type { AlertPreferencesTable, AlertsTable } from '../schema';
import { all, first, run, transaction } from '../sqlRun';

/** The alert family: `alert_rules`, `alert_preferences` and `alerts` (see alerts/). */

export type AlertRow = Selectable<AlertsTable>;
export type AlertPreferencesRow = Selectable<AlertPreferencesTable>;

export function alertRuleRows(db: Db, userId: string): { name: string; rule: string }[] {
  return all(
    db,
    db.kysely
      .selectFrom('alert_rules')
      .select(['name', 'rule'])
      .where('user_id', '=', userId)
      .orderBy('position')
      .orderBy('id'),
  );
}

/** Replaces a rep's rules, in order, and marks them as the rep's own (no longer the defaults). */
export function replaceAlertRules(
  db: Db,
  userId: string,
  rules: readonly { name: string; rule: string }[],
  now: number,
): void {
  transaction(db, () => {
    run(db, db.kysely.deleteFrom('alert_rules').where('user_id', '=', userId));
    rules.forEach((r, position) =>
      run(
        db,
        db.kysely
          .insertInto('alert_rules')
          .values({ user_id: userId, position, name: r.name, rule: r.rule, created_at: now }),
      ),
    );
    putAlertPreferences(db, userId, { custom_rules: 1 }, now);
  });
}

/** Back to the default rule set. */
export function clearAlertRules(db: Db, userId: string, now: number): void {
  transaction(db, () => {
    run(db, db.kysely.deleteFrom('alert_rules').where('user_id', '=', userId));
    putAlertPreferences(db, userId, { custom_rules: 0 }, now);
  });
}

export function alertPreferences(db: Db, userId: string): AlertPreferencesRow | undefined {
  return first(
    db,
    db.kysely.selectFrom('alert_preferences').selectAll().where('user_id', '=', userId),
  );
}

export function putAlertPreferences(
  db: Db,
  userId: string,
  patch: Partial<Omit<AlertPreferencesRow, 'user_id' | 'updated_at'>>,
  now: number,
): void {
  run(
    db,
    db.kysely
      .insertInto('alert_preferences')
      .values({ user_id: userId, ...patch, updated_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...patch, updated_at: now })),
  );
}

export function insertAlert(db: Db, row: Insertable<AlertsTable>): number {
  const inserted = first(db, db.kysely.insertInto('alerts').values(row).returning('id'));
  if (!inserted) throw new Error('The alert was not stored.');
  return inserted.id;
}

/** A rep's alerts raised at or after an instant: what the live evaluator's restraint remembers. */
export function alertsRaisedSince(
  db: Db,
  userId: string,
  since: number,
): Pick<
  AlertRow,
  'person_id' | 'visitor_id' | 'visit_id' | 'alert_at' | 'visit_started_at' | 'created_at'
>[] {
  return all(
    db,
    db.kysely
      .selectFrom('alerts')
      .select(['person_id', 'visitor_id', 'visit_id', 'alert_at', 'visit_started_at', 'created_at'])
      .where('user_id', '=', userId)
      .where('alert_at', '>=', since),
  );
}

export function deliveredAlerts(db: Db, userId: string, limit: number): AlertRow[] {
  return all(
    db,
    db.kysely
      .selectFrom('alerts')
      .selectAll()
      .where('user_id', '=', userId)
      .where('delivered_at', 'is not', null)
      .orderBy('delivered_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit),
  );
}

export function countAlerts(db: Db, userId: string): { unread: number; held: number } {
  const row = first(
    db,
    db.kysely
      .selectFrom('alerts')
      .select((eb) => [
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb('delivered_at', 'is not', null), eb('read_at', 'is', null)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('unread'),
        eb.fn
          .sum<number>(eb.case().when('delivered_at', 'is', null).then(1).else(0).end())
          .as('held'),
      ])
      .where('user_id', '=', userId),
  );
  return { unread: row?.unread ?? 0, held: row?.held ?? 0 };
}

/** A rep's held alerts (not delivered yet), in the order they were raised. */
function heldAlerts(db: Db, userId: string) {
  return db.kysely
    .selectFrom('alerts')
    .selectAll()
    .where('user_id', '=', userId)
    .where('delivered_at', 'is', null)
    .orderBy('alert_at')
    .orderBy('id');
}

/** A rep's held alerts, the first raised first: the Visits page says what waits, and why. */
export function heldAlertList(db: Db, userId: string, limit: number): AlertRow[] {
  return all(db, heldAlerts(db, userId).limit(limit));
}

/** Held alerts due by `now` (a call's hold has no due time and waits for the call to end). */
export function dueHeldAlerts(db: Db, userId: string, now: number): AlertRow[] {
  return all(db, heldAlerts(db, userId).where('deliver_at', '<=', now));
}

/** Held alerts of one kind of hold, not delivered yet. */
export function heldAlertsFor(
  db: Db,
  userId: string,
  reason: 'hours' | 'paused' | 'call',
): AlertRow[] {
  return all(db, heldAlerts(db, userId).where('hold_reason', '=', reason));
}

/** The earliest instant a held alert of the rep's is due, if any. */
export function nextDeliverAt(db: Db, userId: string): number | null {
  const row = first(
    db,
    db.kysely
      .selectFrom('alerts')
      .select((eb) => eb.fn.min<number>('deliver_at').as('next'))
      .where('user_id', '=', userId)
      .where('delivered_at', 'is', null),
  );
  return row?.next ?? null;
}

/**
 * A rep's alerts raised while their visit had no person, with what the visit says of its person
 * now: the one a later sync linked it to, and the e-mail its visitor gave.
 */
export function alertsWithoutPerson(
  db: Db,
  userId: string,
  since: number,
): { id: number; payload: string; person_id: string | null; visitor_email: string | null }[] {
  return all(
    db,
    db.kysely
      .selectFrom('alerts as a')
      .innerJoin('visits as v', 'v.id', 'a.visit_id')
      .select(['a.id', 'a.payload', 'v.person_id', 'v.visitor_email'])
      .where('a.user_id', '=', userId)
      .where('a.alert_at', '>=', since)
      .where('a.person_id', 'is', null)
      // An anonymous visitor's alert can never be linked: not read again on every sync.
      .where((eb) =>
        eb.or([eb('v.person_id', 'is not', null), eb('v.visitor_email', 'is not', null)]),
      ),
  );
}

/** An alert's person, learned after it was raised, with its payload filled in from them. */
export function setAlertPerson(db: Db, id: number, personId: string, payload: string): void {
  run(
    db,
    db.kysely
      .updateTable('alerts')
      .set({ person_id: personId, payload })
      .where('id', '=', id)
      .where('person_id', 'is', null),
  );
}

export function setAlertPayload(db: Db, id: number, payload: string): void {
  run(db, db.kysely.updateTable('alerts').set({ payload }).where('id', '=', id));
}

export function markDelivered(db: Db, ids: readonly number[], at: number): void {
  if (ids.length === 0) return;
  run(db, db.kysely.updateTable('alerts').set({ delivered_at: at }).where('id', 'in', ids));
}

export function rescheduleAlerts(
  db: Db,
  ids: readonly number[],
  hold: { hold_reason: AlertRow['hold_reason']; deliver_at: number | null },
): void {
  if (ids.length === 0) return;
  run(db, db.kysely.updateTable('alerts').set(hold).where('id', 'in', ids));
}

/** Marks delivered alerts read: these ids (of this rep's), or all of them. */
export function markAlertsRead(
  db: Db,
  userId: string,
  ids: readonly number[] | 'all',
  at: number,
): void {
  let query = db.kysely
    .updateTable('alerts')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .where('delivered_at', 'is not', null);
  if (ids !== 'all') {
    if (ids.length === 0) return;
    query = query.where('id', 'in', ids);
  }
  run(db, query);
}

/** Marks the toasts of these delivered alerts (of this rep's) dismissed; the first dismissal stands. */
export function markToastsDismissed(
  db: Db,
  userId: string,
  ids: readonly number[],
  at: number,
): void {
  if (ids.length === 0) return;
  run(
    db,
    db.kysely
      .updateTable('alerts')
      .set({ toast_dismissed_at: at })
      .where('user_id', '=', userId)
      .where('id', 'in', ids)
      .where('toast_dismissed_at', 'is', null)
      .where('delivered_at', 'is not', null),
  );
}

/**
 * Which of these delivered alerts (of this rep's) are read or had their toast dismissed: asked by
 * id, so a toast older than the feed's newest page is answered too. One indexed lookup per id.
 */
export function settledAlertIds(db: Db, userId: string, ids: readonly number[]): number[] {
  if (ids.length === 0) return [];
  return all(
    db,
    db.kysely
      .selectFrom('alerts')
      .select('id')
      .where('user_id', '=', userId)
      .where('id', 'in', ids)
      .where('delivered_at', 'is not', null)
      .where((eb) =>
        eb.or([eb('read_at', 'is not', null), eb('toast_dismissed_at', 'is not', null)]),
      )
      .orderBy('id'),
  ).map((r) => r.id);
}

/** Alerts raised and never delivered: dropped when the admin turns alerts off for everyone. */
export function deleteUndeliveredAlerts(db: Db): number {
  return run(db, db.kysely.deleteFrom('alerts').where('delivered_at', 'is', null)).changes;
}
