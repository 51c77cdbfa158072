import type { Db } from '../db/openDatabase';
import { setDeletedForbiddenAt } from '../db/repos/chatTranscripts';
import { forgetNotShown } from './visitorsNotShown';

/**
 * What Zoho refused or hid from the last sign-in, remembered so the syncs do not ask again each
 * run, is forgotten when the rep signs in again to the same copy: the new sign-in may hold the
 * scope that was missing, or be another user who sees other records.
 */
export function forgetSignInAnswers(db: Db): void {
  setDeletedForbiddenAt(db, null);
  forgetNotShown(db);
}
