import type { Kysely } from 'kysely';

// A snooze's choice (the window the row went to) travels with the mark through the CRM, so the
// rep's other computers and the manager's Team page lay the row where the rep sent it; before,
// only "snoozed" went and each computer picked the row's next window itself. The same JSON as
// `plan_actions.payload` (shared/snoozePayload.ts); null for a mark without a choice.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plan_mark_shares').addColumn('payload', 'text').execute();
}
