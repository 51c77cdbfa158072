import type { Db } from '../db/openDatabase';
import { setDeletedForbiddenAt } from '../db/repos/chatTranscripts';
import { forgetConvertedBatchProven } from './convertedBatchTrust';
import { forgetNotShown } from './visitorsNotShown';

/**
 * What Zoho refused or hid from the last sign-in, remembered so the syncs do not ask again each
 * run, is forgotten when the rep signs in again to the same copy: the new sign-in may hold the
 * scope that was missing, or be another user who sees other records. Whether Zoho applies
 * `converted` beside `ids` is learned again too: forgetting it wrongly costs only requests (the
 * daily check asks a lead at a time until a batch proves it again), trusting it wrongly loses leads.
 */
export function forgetSignInAnswers(db: Db): void {
  setDeletedForbiddenAt(db, null);
  forgetNotShown(db);
  forgetConvertedBatchProven(db);
}
