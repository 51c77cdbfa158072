import { excerpt } from '../../../shared/excerpt';

export interface Info {
  more_records?: boolean;
  next_page_token?: string | null;
  page?: number;
}
interface Envelope<T> {
  data?: T[];
  info?: Info;
}

/**
 * A listing's page as Zoho documents it: records in `data` (an array), or no body at all (204
 * nothing, 304 nothing since). A 200 of another shape is a fault, not an empty last page: read
 * as one, a stretch of a listing read side by side would end early and the watermark pass its
 * records by.
 */
export function pageOf<T>(res: { status: number; body: unknown }, what: string): Envelope<T> {
  if (res.body === null || res.body === undefined) return {};
  const body = res.body as Envelope<T>;
  if (typeof res.body !== 'object' || !Array.isArray(body.data))
    throw new Error(
      `Zoho answered ${what} with ${res.status} but no list of records: ${excerpt(res.body)}`,
    );
  return body;
}
