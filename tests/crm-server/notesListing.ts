import type { ZRecord } from './crmDataSet';

/** What `GET /Notes` answers: a status and its body (none for 204 and 304). */
export interface NotesAnswer {
  status: number;
  body?: unknown;
}

const SORTS = ['id', 'Created_Time', 'Modified_Time'];
const MAX_DISCRETE = 2000;

/**
 * Zoho v8's `GET /Notes` (crm-oas notes.yaml, getNotesModule): the notes of every record, `fields`
 * optional, `sort_by` id, Created_Time or Modified_Time with `sort_order`, `page`/`per_page` (200
 * at most) up to the 2,000th note and `page_token` past it, If-Modified-Since on Modified_Time
 * with 304 when none changed since, 204 when there are none. Each note carries its `Parent_Id`
 * ({ module: { api_name, id }, name, id }).
 */
export function notesListing(
  notes: readonly ZRecord[],
  q: URLSearchParams,
  since: number | null,
  tokens: Map<string, number>,
  options: { refuseAttachments?: boolean } = {},
): NotesAnswer {
  const fields = q.get('fields')?.split(',');
  // An organisation whose Zoho will not give `$attachments` in `fields` refuses the listing whole,
  // as v8 refuses any field it does not know.
  if (options.refuseAttachments && fields?.includes('$attachments'))
    return {
      status: 400,
      body: {
        code: 'INVALID_DATA',
        details: { api_name: '$attachments' },
        message: 'the field name given seems to be invalid',
        status: 'error',
      },
    };
  const sortBy = q.get('sort_by') ?? 'id';
  if (!SORTS.includes(sortBy))
    return {
      status: 400,
      body: {
        code: 'INVALID_DATA',
        details: { param_name: 'sort_by', supported_values: SORTS },
        message: 'invalid data',
        status: 'error',
      },
    };
  const perPage = Math.min(200, Number(q.get('per_page') ?? 200));
  const key = (r: ZRecord): number | string =>
    sortBy === 'id' ? r.id.padStart(24, '0') : Date.parse(String(r[sortBy]));
  const list = notes
    .filter((n) => since === null || Date.parse(n.Modified_Time) > since)
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      return ka < kb ? -1 : ka > kb ? 1 : a.id.localeCompare(b.id);
    });
  if (q.get('sort_order') === 'desc') list.reverse();
  let offset: number;
  let page = 1;
  const token = q.get('page_token');
  if (token) {
    const at = tokens.get(token);
    if (at === undefined)
      return {
        status: 400,
        body: {
          code: 'INVALID_DATA',
          details: { param_name: 'page_token' },
          message: 'the page token is invalid or expired',
          status: 'error',
        },
      };
    offset = at;
  } else {
    page = Number(q.get('page') ?? 1);
    if (page * perPage > MAX_DISCRETE)
      return {
        status: 400,
        body: {
          code: 'DISCRETE_PAGINATION_LIMIT_EXCEEDED',
          details: { limit: MAX_DISCRETE },
          message: 'use page_token to fetch records beyond 2000',
          status: 'error',
        },
      };
    offset = (page - 1) * perPage;
  }
  const slice = list.slice(offset, offset + perPage);
  if (slice.length === 0) return { status: since !== null && offset === 0 ? 304 : 204 };
  const more = offset + perPage < list.length;
  let next: string | null = null;
  if (more) {
    next = `notes-pt-${tokens.size + 1}`;
    tokens.set(next, offset + perPage);
  }
  const data = slice.map((n) => {
    if (!fields) return n;
    // v8 answers only the fields asked for, and the id: `$attachments` too only when asked.
    const out: Record<string, unknown> = { id: n.id };
    for (const f of fields) if (f in n) out[f] = n[f];
    return out;
  });
  return {
    status: 200,
    body: {
      data,
      info: {
        page,
        per_page: perPage,
        count: slice.length,
        more_records: more,
        next_page_token: next,
        previous_page_token: null,
        page_token_expiry: null,
        sort_by: sortBy,
        sort_order: q.get('sort_order') === 'desc' ? 'desc' : 'asc',
      },
    },
  };
}
