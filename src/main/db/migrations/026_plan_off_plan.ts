import { sql, type Kysely } from 'kysely';

// A call logged with someone who had no call row on the rep's plan of that day keeps them off it
// (planner/offPlanCalls.ts). That was a flag inside the logged call's JSON, found by matching its
// text; a column says it for sure, and can be read without parsing every payload. Calls logged
// before keep the flag their payload carried.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('plan_actions')
    .addColumn('off_plan', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    update plan_actions set off_plan = 1
    where action = 'call_logged' and json_valid(payload)
      and json_extract(payload, '$.offPlan') = 1`.execute(db);
}
