import {
  DeletionsUnavailableError,
  ReadForbiddenError,
  type CrmTranscript,
  type DeletedPage,
  type PersonRef,
  type PullRequest,
  type TranscriptsPage,
  type TranscriptsRequest,
} from '../crmSource';
import { noteText } from '../../../shared/noteText';
import { zohoDateTime } from './zohoDateTime';
import { ZohoAuthError } from './zohoAuth';
import { ZohoApiError, type ZohoHttp } from './zohoHttp';
import { nextPosition, pageOf, PER_PAGE, readPosition } from './zohoPages';

/**
 * Chat transcripts from Zoho's Notes (VT-5). With SalesIQ connected, Zoho attaches a chat's
 * transcript to the lead or contact it was with; Zoho's help says so, not in which shape. A note
 * is what a record's attachments list holds in text, and `GET /Notes` lists the notes of every
 * record by modification time (If-Modified-Since, as a module's records): one request a sync
 * when nothing changed, where asking each person would cost a request a person.
 */
const NOTE_FIELDS = ['Note_Title', 'Note_Content', 'Parent_Id', 'Created_Time', 'Modified_Time'];
// v8 answers only the fields asked for: the names of a transcript kept as a file on its note come
// only when asked. Asked apart, as an organisation's Zoho may refuse it (400 INVALID_DATA naming it).
const FILES_FIELD = '$attachments';

const PERSON_MODULES = new Set(['Leads', 'Contacts']);

// What marks a note as a chat's transcript, in its title or its first line: "Chat transcript",
// "Transcript of the chat with …", SalesIQ's name, and the Japanese organisation's wording
// (チャットの履歴, the seed's). A rep's own note about a chat ("called after the chat") is none.
const TRANSCRIPT_MARK =
  /\bchat\s+transcript|\btranscript\s+of\s+(the\s+|a\s+|your\s+)?chat|\bsalesiq\b|チャット(の)?(履歴|記録|トランスクリプト)/i;

/** Whether a note's title or first line marks it as a chat transcript. */
export function isTranscriptNote(title: string | null, text: string): boolean {
  // The first line as a reader sees it: a note in HTML may open with `<div style="…">`.
  const firstLine = noteText(text.slice(0, 2000)).split('\n', 1)[0] ?? '';
  return (
    TRANSCRIPT_MARK.test(noteText(title ?? '')) || TRANSCRIPT_MARK.test(firstLine.slice(0, 200))
  );
}

const stamp = (v: unknown): number => {
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(ms) ? ms : 0;
};

/**
 * A note as a transcript, or null: not one, or not on a lead or contact. A content of another
 * shape than text is kept as Zoho gave it (JSON), never dropped.
 */
export function transcriptOfNote(note: Record<string, unknown>): CrmTranscript | null {
  const parent = note['Parent_Id'] as { id?: unknown; module?: { api_name?: unknown } } | null;
  const module = parent && typeof parent === 'object' ? parent.module?.api_name : undefined;
  const personId =
    parent &&
    typeof parent === 'object' &&
    (typeof parent.id === 'string' || typeof parent.id === 'number')
      ? String(parent.id)
      : '';
  if (!personId || typeof module !== 'string' || !PERSON_MODULES.has(module)) return null;
  const title = typeof note['Note_Title'] === 'string' ? note['Note_Title'] : null;
  const content = note['Note_Content'];
  const text =
    typeof content === 'string'
      ? content
      : content === null || content === undefined
        ? ''
        : (JSON.stringify(content) ?? '');
  if (!isTranscriptNote(title, text)) return null;
  const writtenAt = stamp(note['Created_Time']) || stamp(note['Modified_Time']);
  if (!writtenAt) return null;
  return { personId, writtenAt, title, text, files: attachedFiles(note['$attachments']) };
}

/**
 * The sign-in is fine for everything else: a missing scope or profile right ends this step only,
 * as a ReadForbiddenError when `forbidden` says the step keeps that apart.
 */
function notesRefusal(error: unknown, what: string, forbidden = false): unknown {
  const Refusal = forbidden ? ReadForbiddenError : Error;
  if (error instanceof ZohoAuthError && error.code === 'OAUTH_SCOPE_MISMATCH')
    return new Refusal(`the Zoho sign-in may not ${what} (ZohoCRM.modules.ALL)`, { cause: error });
  if (error instanceof ZohoApiError && error.status === 403)
    return new Refusal(`the signed-in Zoho user may not ${what} (${error.message})`, {
      cause: error,
    });
  return error;
}

/**
 * The names of the files on a note: Zoho lists them in its `$attachments` (crm-oas notes.json,
 * a field every note has; attachments.json's Attachment, `File_Name`). Only named here: the
 * chat says the transcript is attached in Zoho, and nothing is downloaded.
 */
function attachedFiles(attachments: unknown): string[] {
  if (!Array.isArray(attachments)) return [];
  return attachments.flatMap((a: unknown) => {
    if (!a || typeof a !== 'object') return [];
    const name = (a as { File_Name?: unknown }).File_Name;
    return typeof name === 'string' && name.trim() !== '' ? [name.trim()] : ['(a file)'];
  });
}

/** Whether Zoho refused the listing for the `$attachments` field alone. */
function filesRefused(error: unknown): boolean {
  if (!(error instanceof ZohoApiError) || error.status !== 400) return false;
  const named = error.details?.['api_name'] ?? error.details?.['param_name'];
  return named === FILES_FIELD || (named === undefined && error.message.includes(FILES_FIELD));
}

/**
 * One page of notes at `path`, with the files' names unless `withoutFiles`: refused for them, the
 * page is read again without them and says so (`filesRefused`), for the sync to remember.
 */
async function notesPage(
  http: ZohoHttp,
  path: string,
  query: URLSearchParams,
  request: TranscriptsRequest,
): Promise<{ res: Awaited<ReturnType<ZohoHttp['request']>>; filesRefused: boolean }> {
  const ask = async (withFiles: boolean) => {
    const q = new URLSearchParams(query);
    q.set('fields', (withFiles ? [...NOTE_FIELDS, FILES_FIELD] : NOTE_FIELDS).join(','));
    return http.request(`${path}?${q}`, {
      headers: request.since !== null ? { 'If-Modified-Since': zohoDateTime(request.since) } : {},
      ...(request.signal ? { signal: request.signal } : {}),
    });
  };
  try {
    if (request.withoutFiles) return { res: await ask(false), filesRefused: false };
    try {
      return { res: await ask(true), filesRefused: false };
    } catch (error) {
      if (!filesRefused(error)) throw error;
      return { res: await ask(false), filesRefused: true };
    }
  } catch (error) {
    throw notesRefusal(error, 'read notes');
  }
}

function transcriptsOf(data: unknown[] | undefined): TranscriptsPage['records'] {
  return (data ?? []).map((raw, i) => {
    const note = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const known = typeof note['id'] === 'string' || typeof note['id'] === 'number';
    // A note without an id could not be told from the next such one: it is left out.
    return {
      id: known ? String(note['id']) : `(no id ${i})`,
      modifiedAt: stamp(note['Modified_Time']),
      transcript: known ? transcriptOfNote(note) : null,
    };
  });
}

/** One page of the notes modified after `request.since`, oldest change first. */
export async function pullZohoTranscripts(
  http: ZohoHttp,
  request: TranscriptsRequest,
): Promise<TranscriptsPage> {
  const position = readPosition(request.position);
  const query = new URLSearchParams({
    per_page: String(PER_PAGE),
    sort_by: 'Modified_Time',
    sort_order: 'asc',
  });
  if ('token' in position) query.set('page_token', position.token);
  else query.set('page', String(position.page));
  const { res, filesRefused } = await notesPage(http, '/crm/v8/Notes', query, request);
  const body = pageOf<unknown>(res, 'the notes');
  return {
    records: transcriptsOf(body.data),
    next: nextPosition('the notes', position, body.info),
    ...(filesRefused ? { filesRefused } : {}),
  };
}

/**
 * One page of a lead's or contact's notes (its Notes related list), from `request.position`:
 * read when a person comes back whose transcripts went with them.
 */
export async function pullZohoPersonTranscripts(
  http: ZohoHttp,
  person: PersonRef,
  request: TranscriptsRequest,
): Promise<TranscriptsPage> {
  const position = readPosition(request.position);
  const query = new URLSearchParams({ per_page: String(PER_PAGE) });
  if ('token' in position) query.set('page_token', position.token);
  else query.set('page', String(position.page));
  let got;
  try {
    got = await notesPage(
      http,
      `/crm/v8/${person.module === 'lead' ? 'Leads' : 'Contacts'}/${encodeURIComponent(person.id)}/Notes`,
      query,
      { ...request, since: null },
    );
  } catch (error) {
    // Refused for the record (not shown to the rep again, converted since): nothing to read, and
    // asking again would not help.
    if (error instanceof ZohoApiError && (error.status === 400 || error.status === 404))
      return { records: [], next: null };
    throw error;
  }
  const { res, filesRefused } = got;
  const body = pageOf<unknown>(res, 'the notes');
  return {
    records: transcriptsOf(body.data),
    next: nextPosition('the notes', position, body.info),
    ...(filesRefused ? { filesRefused } : {}),
  };
}

/**
 * One page of the notes deleted after `request.since`. Zoho's notes API (crm-oas notes.json) has
 * no deleted list of its own; its records API's `GET /{module}/deleted` (`type` all: the recycle
 * bin and those deleted for good, `page`/`per_page`, If-Modified-Since on the deletion time, 204
 * when none) documents its modules, and Notes is not among them. A refusal (400: INVALID_MODULE,
 * NOT_SUPPORTED, INVALID_URL_PATTERN; 404) is DeletionsUnavailableError: asking again will not help.
 * A missing scope or profile right (403) is ReadForbiddenError: it may change.
 */
export async function pullZohoDeletedNotes(
  http: ZohoHttp,
  request: PullRequest,
): Promise<DeletedPage> {
  const position = readPosition(request.position);
  const page = 'page' in position ? position.page : 1;
  let res;
  try {
    res = await http.request(`/crm/v8/Notes/deleted?type=all&per_page=${PER_PAGE}&page=${page}`, {
      headers: request.since !== null ? { 'If-Modified-Since': zohoDateTime(request.since) } : {},
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } catch (error) {
    if (error instanceof ZohoApiError && (error.status === 400 || error.status === 404))
      throw new DeletionsUnavailableError(
        `Zoho does not list deleted notes for this organisation (${error.message})`,
        { cause: error },
      );
    throw notesRefusal(error, 'read the deleted notes', true);
  }
  const body = pageOf<unknown>(res, 'the deleted notes');
  const deleted = (body.data ?? []).flatMap((raw) => {
    const d = (raw && typeof raw === 'object' ? raw : {}) as {
      id?: unknown;
      deleted_time?: unknown;
    };
    const id = typeof d.id === 'string' || typeof d.id === 'number' ? String(d.id) : '';
    const at = stamp(d.deleted_time);
    return id && at ? [{ id, deletedAt: at }] : [];
  });
  return { deleted, next: body.info?.more_records ? JSON.stringify({ page: page + 1 }) : null };
}
