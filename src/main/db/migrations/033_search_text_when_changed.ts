import { sql, type Kysely } from 'kysely';

// The sync's update of a person names every stored column, first and last name, email and company
// among them, so the search-text trigger (migrations 14 and 27) folded each person it wrote again,
// changed or not: a sync that re-reads unchanged people rewrote every one's search text. It now
// fires only when one of the columns folded really changed (`is not`: a null counts as a value).
// The fold itself is migration 27's, unchanged: no row is folded again here.
const FOLDED = (row: string) =>
  sql.raw(
    `search_fold(coalesce(${row}.first_name, '') || char(31) || coalesce(${row}.last_name, '') || char(31) || coalesce(${row}.email, '') || char(31) || coalesce(${row}.company, '')) || search_name_orders(${row}.first_name, ${row}.last_name)`,
  );

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop trigger people_search_text_update`.execute(db);
  await sql`create trigger people_search_text_update
    after update of first_name, last_name, email, company on people
    when old.first_name is not new.first_name or old.last_name is not new.last_name
      or old.email is not new.email or old.company is not new.company
    begin update people set search_text = ${FOLDED('new')} where id = new.id; end`.execute(db);
}
