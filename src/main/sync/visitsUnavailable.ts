import type { Db } from '../db/openDatabase';
import { storedMetadata } from './organisationMetadata';

/**
 * Why the Visits page stays empty for good, when it does: the organisation the sync read has no
 * website visits (Zoho lists no Visits module and no visits on people without SalesIQ). Null
 * when visits come from somewhere, and for the demo or before the first sync (nothing read yet).
 */
export function visitsUnavailable(db: Db): string | null {
  const kept = storedMetadata(db);
  if (!kept || kept.metadata.visits !== null) return null;
  return 'This organisation’s CRM has no website visits (Zoho SalesIQ is not connected to it), so there are no visits to list and no visit alerts.';
}
