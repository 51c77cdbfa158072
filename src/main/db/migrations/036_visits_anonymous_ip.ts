import { sql, type Kysely } from 'kysely';

// An unknown visitor is their IP address and user agent: a held alert's title reads that
// visitor's own visits since the alert's session began, and no index led from an IP to its
// visits (the alerts list read six hours of the whole organisation's visits instead). Partial
// (`person_id is null`): a known person's visits are found by person (visits_person_time).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('visits_anonymous_ip')
    .on('visits')
    .columns(['ip', 'started_at'])
    .where(sql.ref('person_id'), 'is', null)
    .execute();
}
