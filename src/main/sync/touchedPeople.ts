// Raw: temporary triggers and their table are DDL on this one connection, outside any repo.
import { rawHandle } from '../db/bulkHandle';
import type { Db } from '../db/openDatabase';

const VERBS = ['insert', 'update', 'delete'] as const;

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
    // No unique key: an upsert's conflict clause would override the trigger's own "or ignore".
    const sql = ['create temp table if not exists touched_people (id text)'];
    for (const { table, column } of WATCHED)
      for (const verb of VERBS) {
        // A deleted call or visit changes its person's windows as much as a new one does.
        const row = verb === 'delete' ? 'old' : 'new';
        sql.push(
          `create temp trigger if not exists touched_${table}_${verb} after ${verb} on main.${table}
           when ${row}.${column} is not null
           begin insert into touched_people values (${row}.${column}); end`,
        );
      }
    rawHandle(this.db).exec(sql.join(';\n'));
    this.attached = true;
  }

  detach(): void {
    if (!this.attached) return;
    for (const { table } of WATCHED)
      for (const verb of VERBS)
        rawHandle(this.db).exec(`drop trigger if exists temp.touched_${table}_${verb}`);
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
