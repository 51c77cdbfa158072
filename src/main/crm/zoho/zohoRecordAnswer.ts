import { ZohoApiError } from './zohoHttp';

/** Zoho's answer about one record of a write (insert, update): data[0] of its body. */
export interface RecordAnswer {
  status?: string;
  code?: string;
  message?: string;
  details?: {
    id?: string;
    api_name?: string;
    duplicate_record?: { id?: string; Owner?: { id?: string; name?: string } | null };
  };
  /** Zoho refused the request as a whole, before reading any record (its code at the top level). */
  wholeRequest?: boolean;
}

/** The record's answer in a successful write's body (200, 201, 207), or an empty one. */
export function firstRecordAnswer(body: unknown): RecordAnswer {
  return (body as { data?: RecordAnswer[] } | null)?.data?.[0] ?? {};
}

/**
 * A write's failure read as Zoho's refusal of the record, or null when it is not one (a fault
 * the caller retries or reports). A refused record comes as a 400 whose data[0] says why, as a
 * 207's would. A request refused as a whole, with Zoho's code at the top level (a body it could
 * not read, a method or module it will not take, a limit of the edition), meets the same answer
 * when sent again: nothing was written, and each try costs a credit. A 400 without a code of
 * Zoho's is not its answer (a proxy on the way). A profile that may not write the module is
 * refused the whole request, before any record (403 NO_PERMISSION).
 */
export function refusalAnswer(error: unknown): RecordAnswer | null {
  if (!(error instanceof ZohoApiError)) return null;
  if (error.status === 400) {
    const body = error.body as { data?: RecordAnswer[]; message?: unknown } | null;
    const refused = body?.data?.[0];
    if (refused) return refused;
    if (error.code)
      return {
        status: 'error',
        code: error.code,
        ...(typeof body?.message === 'string' ? { message: body.message } : {}),
        wholeRequest: true,
      };
  }
  if (error.status === 403 && error.code === 'NO_PERMISSION')
    return { status: 'error', code: error.code, message: error.message };
  return null;
}
