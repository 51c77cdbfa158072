import { type Kysely } from 'kysely';

// Chat transcripts SalesIQ keeps in Zoho as notes on the lead or contact (VT-5), one row a note.
// Apart from `chats`: a visit synced again replaces its chats, and a transcript read once must
// not go with them; the person page pairs each with its chat by time when it reads them.
// No foreign key to people: a note may arrive before its person, and is shown once they are here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chat_transcripts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('written_at', 'integer', (c) => c.notNull())
    .addColumn('modified_at', 'integer', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('chat_transcripts_person')
    .on('chat_transcripts')
    .columns(['person_id', 'written_at'])
    .execute();
}
