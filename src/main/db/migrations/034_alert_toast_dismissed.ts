import { sql, type Kysely } from 'kysely';

// A toast the rep dismissed stays dismissed in every window and across a reload: the page toasts
// an alert it missed (delivered within a toast's 10 seconds) when it reads the feed, and only the
// core can tell it that another window, or the page before the reload, dismissed it. Dismissed is
// not read: the alert stays unread, so this is a column of its own.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table alerts add column toast_dismissed_at integer`.execute(db);
}
