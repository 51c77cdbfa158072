import { sql, type Kysely } from 'kysely';
import { FOLDED } from './027_search_name_orders';

// The sync's update of a person names every stored column, first and last name, email and company
// among them, so the search-text trigger (migrations 14 and 27) folded each person it wrote again,
// changed or not: a sync that re-reads unchanged people rewrote every one's search text. It now
// fires only when one of the columns folded really changed (`is not`: a null counts as a value).
// The fold itself is migration 27's (imported, so the two cannot drift): no row is folded again.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop trigger people_search_text_update`.execute(db);
  await sql`create trigger people_search_text_update
    after update of first_name, last_name, email, company on people
    when old.first_name is not new.first_name or old.last_name is not new.last_name
      or old.email is not new.email or old.company is not new.company
    begin update people set search_text = ${FOLDED('new')} where id = new.id; end`.execute(db);
}
