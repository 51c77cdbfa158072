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

/** Records per page of a listing: the most Zoho serves. */
export const PER_PAGE = 200;
// Zoho serves `page` only up to the 2,000th record; past it, only `page_token` goes further.
export const MAX_DISCRETE_PAGE = 2000 / PER_PAGE;

/** Where a listing stands inside one request's results: a page number, then Zoho's page token. */
export type Position = { page: number } | { token: string };

/** The position a source handed out (null: the listing's first page). */
export function readPosition(position: string | null): Position {
  return position ? (JSON.parse(position) as Position) : { page: 1 };
}

/** The position of the page after `position`, or null when Zoho says this was the last. */
export function nextPosition(
  what: string,
  position: Position,
  info: Info | undefined,
): string | null {
  if (!info?.more_records) return null;
  if ('page' in position && position.page < MAX_DISCRETE_PAGE)
    return JSON.stringify({ page: position.page + 1 });
  if (!info.next_page_token)
    throw new Error(`${what}: Zoho reported more records but gave no next_page_token`);
  return JSON.stringify({ token: info.next_page_token });
}
