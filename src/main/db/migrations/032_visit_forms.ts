import { sql, type Kysely } from 'kysely';
import { hasFormAction } from '../../../shared/visitActions';

/** Visits whose actions are read a step, by rowid: a step's texts stay a few MB at most. */
const PER_STEP = 1000;

// Whether a visit's actions hold a form submitted (BT-1 signal 9), kept with the visit by whoever
// stores it (the sync, by the rule the model reads forms with: shared/visitActions.ts). Before,
// each full relearn and backtest read every visit's actions text again, through a LIKE no index
// could serve, to find the few with a form. The partial index holds only those: a person's are
// found by person_id, and those linked to nobody by the e-mail their visitor gave (as
// visits_email_key, migration 019, finds them), so learning reads no other visit's actions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('visits')
    .addColumn('has_form', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The visits stored before: every action the rule takes for a form has the letters "form" in
  // the stored text (the sync writes SalesIQ's list with JSON.stringify, which escapes no letter),
  // so the others need no parsing.
  for (let after = -1; ;) {
    const { rows } = await sql<{ rowid: number; actions: string | null }>`
      select rowid, actions from visits
      where rowid > ${after} and actions like '%form%' order by rowid limit ${PER_STEP}`.execute(
      db,
    );
    const withForm = rows.filter((r) => hasFormAction(r.actions)).map((r) => r.rowid);
    if (withForm.length > 0)
      await sql`update visits set has_form = 1
        where rowid in (select value from json_each(${JSON.stringify(withForm)}))`.execute(db);
    const last = rows[rows.length - 1];
    if (!last || rows.length < PER_STEP) break;
    after = last.rowid;
  }
  await db.schema
    .createIndex('visits_forms')
    .on('visits')
    .expression(sql`person_id, lower(trim(visitor_email))`)
    .where(sql.ref('has_form'), '=', 1)
    .execute();
}
