import { type Kysely } from 'kysely';

// A logged call the CRM refused outright (a mandatory field the app does not fill, a person or
// owner the CRM no longer holds) is not sent again by itself: `refused_at` (UTC ms) until the rep
// asks to send it again, the CRM's reason in `last_error`. `discarded_at`: the rep chose not to
// send it at all; the entry and the call's activity stay, as history. A call an older version
// kept re-sending is refused again at its next attempt, and then waits like this.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('refused_at', 'integer').execute();
  await db.schema.alterTable('outbox').addColumn('discarded_at', 'integer').execute();
}
