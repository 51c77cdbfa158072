import type { Db } from '../openDatabase';
import type { OrganisationTable } from '../schema';
import { first } from '../sqlRun';
import type { Selectable } from 'kysely';

/** The `organisation` table: one row (id 1) once a demo or a sync has written it. */

/**
 * Setting: the organisation's edition and licences as the CRM last said them (JSON of the CRM
 * source's CrmLicence, or null when it did not say), read with its other settings; they set its
 * daily API credits. The organisation's, so cleared with its data.
 */
export const LICENCE_SETTING = 'crm_licence';

/**
 * Setting: what the app's last scheduled runs cost in API requests (JSON of creditBudget.ts's
 * RunCosts), so a restarted app keeps to its credit budget by them rather than by a guess. The
 * organisation's, so cleared with its data.
 */
export const RUN_COSTS_SETTING = 'crm_run_costs';

/**
 * Setting: the modules the CRM failed to give in the last run reading each, and why (JSON object,
 * module to reason), so a restarted app goes on treating a module a failure held back from the
 * first sync as held back. The organisation's, so cleared with its data.
 */
export const UNREAD_MODULES_SETTING = 'crm_unread_modules';

export function organisation(db: Db): Selectable<OrganisationTable> | undefined {
  return first(db, db.kysely.selectFrom('organisation').selectAll().where('id', '=', 1));
}

export function hasOrganisation(db: Db): boolean {
  return (
    first(db, db.kysely.selectFrom('organisation').select('id').where('id', '=', 1)) !== undefined
  );
}
