import { sql, type Kysely } from 'kysely';

// People search (with or without accents: "muller" finds Müller) compares each person's name,
// email and company folded as the query is. Folding them at search time ran a JavaScript function
// per field and word for every person whose name has a letter beyond ASCII: half a second for a
// 50,000-person organisation writing Cyrillic names. The fold is kept with the row instead, by
// triggers, so every writer (the sync, the demo, a logged call's new lead) keeps it current.
// Fields are joined by a unit separator, which no query word contains: a word never spans two.
const FOLDED = (row: string) =>
  sql.raw(
    `search_fold(coalesce(${row}.first_name, '') || char(31) || coalesce(${row}.last_name, '') || char(31) || coalesce(${row}.email, '') || char(31) || coalesce(${row}.company, ''))`,
  );

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('people').addColumn('search_text', 'text').execute();
  await sql`update people set search_text = ${FOLDED('people')}`.execute(db);
  await sql`create trigger people_search_text_insert after insert on people begin
    update people set search_text = ${FOLDED('new')} where id = new.id; end`.execute(db);
  await sql`create trigger people_search_text_update
    after update of first_name, last_name, email, company on people begin
    update people set search_text = ${FOLDED('new')} where id = new.id; end`.execute(db);
}
