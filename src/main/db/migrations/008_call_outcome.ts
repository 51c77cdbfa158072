import { sql, type Kysely } from 'kysely';

/**
 * How a call went (answered, no_answer, busy, voicemail, wrong_number; null for other activities
 * and calls nobody said), kept so an unanswered attempt stays one after the CRM round trip.
 *
 * Rows already stored get what is known for sure: a call logged here and not pushed yet takes the
 * outcome the rep chose (its outbox entry is keyed by the activity id); a pulled call takes only
 * what its signal already claimed (answered, or a missed inbound call); the rest stay unknown
 * until the CRM sends them again.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('activities')
    .addColumn('outcome', 'text', (c) =>
      c.check(sql`outcome in ('answered','no_answer','busy','voicemail','wrong_number')`),
    )
    .execute();
  await sql`
    update activities set outcome = (
      select json_extract(o.payload, '$.outcome') from outbox o
      where o.idempotency_key = activities.id and o.kind = 'call' and o.pushed_at is null
        and json_extract(o.payload, '$.outcome') in ('answered','no_answer','busy','voicemail')
    )
    where kind = 'call' and source_module = 'local'`.execute(db);
  await sql`
    update activities set outcome = case signal
      when 'call_answered' then 'answered'
      when 'call_inbound_answered' then 'answered'
      when 'call_inbound_missed' then 'no_answer'
    end
    where kind = 'call' and source_module <> 'local' and status = 'completed'`.execute(db);
}
