import type { RecordError } from './callRecords';
import type { ZRecord } from './crmDataSet';

/**
 * What Zoho does with a Leads record it is asked to create (`POST /crm/v8/Leads`): it refuses one
 * without Last_Name (system-mandatory) or a field an administrator made mandatory
 * (MANDATORY_NOT_FOUND), and one whose value of a field set to allow no duplicates another lead
 * holds (DUPLICATE_DATA, naming that lead in `duplicate_record`; e-mails compared in any case).
 */
export function leadRefusal(
  fields: Record<string, unknown>,
  leads: Iterable<ZRecord>,
  mandatory: Iterable<string> = [],
  unique: Iterable<string> = [],
): (RecordError | DuplicateError) | null {
  for (const f of ['Last_Name', ...mandatory])
    if (fields[f] === undefined || fields[f] === null || fields[f] === '')
      return {
        code: 'MANDATORY_NOT_FOUND',
        details: { api_name: f, json_path: `$.data[0].${f}` },
        message: 'required field not found',
        status: 'error',
      };
  const same = (a: unknown, b: unknown): boolean =>
    typeof a === 'string' &&
    typeof b === 'string' &&
    a.trim().toLowerCase() === b.trim().toLowerCase();
  for (const f of unique) {
    if (fields[f] === undefined || fields[f] === null || fields[f] === '') continue;
    for (const lead of leads)
      if (same(lead[f], fields[f]))
        return {
          code: 'DUPLICATE_DATA',
          details: {
            api_name: f,
            json_path: `$.data[0].${f}`,
            duplicate_record: {
              id: lead.id,
              module: { api_name: 'Leads', id: '3000000000001' },
              Owner: lead['Owner'] ?? null,
            },
          },
          message: 'duplicate data',
          status: 'error',
        };
  }
  return null;
}

interface DuplicateError {
  code: 'DUPLICATE_DATA';
  details: Record<string, unknown>;
  message: string;
  status: 'error';
}
