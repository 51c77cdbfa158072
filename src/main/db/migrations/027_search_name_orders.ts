import { sql, type Kysely } from 'kysely';

// People search finds a Japanese name typed in either order, with or without the space ("山田太郎",
// "太郎 山田"), and kana in either script ("すずき" finds スズキ). The name's other orders
// (search_name_orders, empty for other names, so their search_text stays as it was) are kept with
// the row as the fold is (migration 14), and every row is folded again: the fold of kana changed.
export const FOLDED = (row: string) =>
  sql.raw(
    `search_fold(coalesce(${row}.first_name, '') || char(31) || coalesce(${row}.last_name, '') || char(31) || coalesce(${row}.email, '') || char(31) || coalesce(${row}.company, '')) || search_name_orders(${row}.first_name, ${row}.last_name)`,
  );

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop trigger people_search_text_insert`.execute(db);
  await sql`drop trigger people_search_text_update`.execute(db);
  await sql`update people set search_text = ${FOLDED('people')}`.execute(db);
  await sql`create trigger people_search_text_insert after insert on people begin
    update people set search_text = ${FOLDED('new')} where id = new.id; end`.execute(db);
  await sql`create trigger people_search_text_update
    after update of first_name, last_name, email, company on people begin
    update people set search_text = ${FOLDED('new')} where id = new.id; end`.execute(db);
}
