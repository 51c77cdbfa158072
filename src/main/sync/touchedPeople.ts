// Raw: temporary triggers and their table are DDL on this one connection, outside any repo.
import { rawHandle } from '../db/bulkHandle';
import type { Db } from '../db/openDatabase';

const VERBS = ['insert', 'update', 'delete'] as const;
const SHIFT_TRIGGERS = ['users_shift', 'shifts_hours', 'shifts_delete', 'shifts_insert'] as const;
const EMAIL_TRIGGERS = [
  'visits_email_insert',
  'visits_email_delete',
  'visits_email_update',
] as const;

// Kept from other rows, not written by the CRM: the sync marks a person's last touch stale and
// sets it again after its pages (db/repos/lastTouch.ts), which changes nothing of them to relearn.
const DERIVED = new Set(['last_touch', 'last_touch_from']);

const WATCHED: { table: string; column: string }[] = [
  { table: 'people', column: 'id' },
  { table: 'activities', column: 'person_id' },
  { table: 'visits', column: 'person_id' },
];

/**
 * Which people a sync wrote to, so only they are relearned. Temporary triggers live on this
 * connection only and collect ids while attached; the sync code itself stays unaware of them.
 */
export class TouchedPeople {
  private attached = false;

  constructor(private readonly db: Db) {}

  attach(): void {
    if (this.attached) return;
    const raw = rawHandle(this.db);
    // No unique key: an upsert's conflict clause would override the trigger's own "or ignore".
    const sql = ['create temp table if not exists touched_people (id text)'];
    const note = (value: string): string =>
      `insert into touched_people select ${value} where ${value} is not null;`;
    // The row as a tuple, to tell a rewrite as it was from a change.
    const rowOf = (table: string) => {
      const columns = (raw.pragma(`table_info(${table})`) as { name: string }[])
        .map((c) => c.name)
        .filter((c) => !DERIVED.has(c));
      return (alias: string): string => `(${columns.map((c) => `${alias}."${c}"`).join(', ')})`;
    };
    for (const { table, column } of WATCHED) {
      const row = rowOf(table);
      // A deleted call or visit changes its person's windows as much as a new one does.
      sql.push(
        `create temp trigger if not exists touched_${table}_insert after insert on main.${table}
         begin ${note(`new.${column}`)} end`,
        `create temp trigger if not exists touched_${table}_delete after delete on main.${table}
         begin ${note(`old.${column}`)} end`,
        // Each sync reads the last record of a page again: rewriting it as it was changes nobody.
        // A call moved to another person changes both people's windows.
        `create temp trigger if not exists touched_${table}_update after update on main.${table}
         when ${row('new')} is not ${row('old')}
         begin ${note(`new.${column}`)} ${note(`old.${column}`)} end`,
      );
    }
    // A visit the CRM linked to nobody is the signal of the person whose e-mail the visitor gave
    // (besttime/store/signalEvents.ts): everyone with that e-mail is noted, and the relearn gives
    // it to one of them by the one rule (people/emailMatch.ts). Through the people_email_key index.
    const byEmail = (row: 'new' | 'old'): string =>
      `insert into touched_people select id from main.people
       where ${row}.person_id is null and ${row}.visitor_email is not null
         and lower(trim(email)) = lower(trim(${row}.visitor_email));`;
    const visit = rowOf('visits');
    sql.push(
      `create temp trigger if not exists touched_visits_email_insert after insert on main.visits
       begin ${byEmail('new')} end`,
      `create temp trigger if not exists touched_visits_email_delete after delete on main.visits
       begin ${byEmail('old')} end`,
      `create temp trigger if not exists touched_visits_email_update after update on main.visits
       when ${visit('new')} is not ${visit('old')}
       begin ${byEmail('new')} ${byEmail('old')} end`,
    );
    // A rep moved to another shift, or a shift's hours changed: their people's windows keep to
    // other hours now (BT-7), as much a change as a new call.
    const ownedBy = (users: string): string =>
      `insert into touched_people select id from main.people where owner_id in (${users});`;
    sql.push(
      `create temp trigger if not exists touched_users_shift after update of shift_id on main.users
       when new.shift_id is not old.shift_id
       begin ${ownedBy('new.id')} end`,
      `create temp trigger if not exists touched_shifts_hours after update on main.shifts
       when (new.hours, new.time_zone) is not (old.hours, old.time_zone)
       begin ${ownedBy('select id from main.users where shift_id = new.id')} end`,
      `create temp trigger if not exists touched_shifts_delete after delete on main.shifts
       begin ${ownedBy('select id from main.users where shift_id = old.id')} end`,
      `create temp trigger if not exists touched_shifts_insert after insert on main.shifts
       begin ${ownedBy('select id from main.users where shift_id = new.id')} end`,
    );
    raw.exec(sql.join(';\n'));
    this.attached = true;
  }

  detach(): void {
    if (!this.attached) return;
    for (const { table } of WATCHED)
      for (const verb of VERBS)
        rawHandle(this.db).exec(`drop trigger if exists temp.touched_${table}_${verb}`);
    for (const name of [...SHIFT_TRIGGERS, ...EMAIL_TRIGGERS])
      rawHandle(this.db).exec(`drop trigger if exists temp.touched_${name}`);
    this.attached = false;
  }

  /** The ids collected since the last call, which are then forgotten. */
  take(): string[] {
    if (!this.attached) return [];
    const ids = rawHandle(this.db)
      .prepare('select distinct id from touched_people')
      .pluck()
      .all() as string[];
    rawHandle(this.db).exec('delete from touched_people');
    return ids;
  }
}
