import { sql, type Kysely } from 'kysely';

// The person a held-back record waits for (a call read before its lead), found by an index: a
// sync asks it for every converted or deleted lead it reads, and a scan of each waiting record's
// rows made that slower the more records waited. Filled for records held back before, from the
// rows kept with them, as the scan read them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('quarantine').addColumn('waits_for', 'text').execute();
  await sql`update quarantine set waits_for = (
      select json_extract(w.value, '$.row.person_id') from json_each(quarantine.writes) w
      where json_extract(w.value, '$.table') = 'activities'
        and json_extract(w.value, '$.row.person_id') is not null
      limit 1)
    where writes is not null and json_valid(writes)`.execute(db);
  await sql`create index quarantine_waits_for on quarantine (waits_for) where waits_for is not null`.execute(
    db,
  );
}
