import { type Kysely } from 'kysely';

// The files a transcript's note holds in Zoho ($attachments), by name, as JSON: SalesIQ may keep
// the transcript as a file on the note rather than in its text, and the chat then says so. Null
// for the rows read before, which named none.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('chat_transcripts').addColumn('files', 'text').execute();
}
