import {
  PlanMarksUnavailableError,
  type PlanMarksPage,
  type PlanMarksPushed,
  type PullRequest,
  type SharedPlanMark,
} from '../crmSource';
import { zohoDateTime } from './zohoDateTime';
import { ZohoAuthError } from './zohoAuth';
import { ZohoApiError, type ZohoHttp } from './zohoHttp';
import { MAX_DISCRETE_PAGE, nextPosition, pageOf, PER_PAGE, readPosition } from './zohoPages';
import { excerpt } from '../../../shared/excerpt';

/**
 * Where an organisation keeps its reps' plan marks: a custom module an admin adds once (README,
 * "Plan marks for the whole team"). Each record is one row of one rep's plan on one day, named by
 * that row, so sending a mark again updates the same record (Zoho's upsert on Name).
 */
export const PLAN_MARKS_MODULE = 'CW_Plan_Marks';
/** The fields the module needs besides Name and Owner, which every custom module has. */
export const PLAN_MARK_FIELDS = ['Mark', 'Marked_At'] as const;
/**
 * An optional single-line text field for a snooze's choice, so the rep's other computers and the
 * manager's Team page lay the row where the rep sent it: the window's start as an ISO instant, or
 * NEXT_DAY, then " for " and the mark's own Marked_At. A module made before it existed shares marks
 * without it (the rows then go on to their next window there, as before).
 */
export const SNOOZE_TO_FIELD = 'Snooze_To';
const NEXT_DAY = 'next day';
const FOR = ' for ';

/**
 * The field's text for a mark: null clears it, as the record is reused by the row's later marks.
 * It names the mark it belongs to: a later mark sent without the field (a computer that has not
 * read the module's fields since the field was added, an older app) leaves the old text in place,
 * which must not pass for the later mark's choice.
 */
function snoozeToText(m: SharedPlanMark): string | null {
  if (m.action !== 'snoozed' || m.snoozeTo === undefined) return null;
  const to = m.snoozeTo === null ? NEXT_DAY : new Date(m.snoozeTo).toISOString();
  return `${to}${FOR}${zohoDateTime(m.at)}`;
}

/**
 * The choice a record's field holds for the mark made at `markedAt`; undefined for none, for one
 * written with an earlier mark, or for text the app did not write.
 */
function snoozeToOf(text: unknown, markedAt: number): number | null | undefined {
  if (typeof text !== 'string') return undefined;
  const [to, of, more] = text.split(FOR);
  if (of === undefined || more !== undefined || Date.parse(of) !== markedAt) return undefined;
  if (to === NEXT_DAY) return null;
  if (to === undefined || !/^\d{4}-\d{2}-\d{2}T/.test(to)) return undefined;
  const at = Date.parse(to);
  return Number.isFinite(at) ? at : undefined;
}

const ACTIONS: readonly SharedPlanMark['action'][] = ['done', 'snoozed', 'skipped', 'clear'];
// Zoho takes at most 100 records in one upsert.
const PER_UPSERT = 100;

/** The record's Name: the row it marks. Zoho ids and ISO days hold no "|". */
function markName(m: SharedPlanMark): string {
  return [m.userId, m.personId, m.day, m.channel].join('|');
}

/** Whether Zoho's answer says the module (not a record) is not there: renamed or deleted. */
function moduleGone(error: unknown): boolean {
  return (
    error instanceof ZohoApiError &&
    ((error.status === 400 && error.code === 'INVALID_MODULE') ||
      (error.status === 404 && error.code === 'INVALID_URL_PATTERN'))
  );
}

/**
 * Refusals that say the module is not set up as marks need (a field gone or renamed, a mandatory
 * field added, a profile without access), not that one mark is wrong: every mark would meet them.
 */
function setUpRefusal(answer: { code?: unknown; details?: unknown }): boolean {
  if (answer.code === 'MANDATORY_NOT_FOUND' || answer.code === 'NO_PERMISSION') return true;
  const field = invalidField(answer);
  return field !== null && ['Name', 'Owner', ...PLAN_MARK_FIELDS].includes(field);
}

/** The field an INVALID_DATA answer (a record's, or the request's) names, if any. */
function invalidField(answer: { code?: unknown; details?: unknown } | null): string | null {
  const field = (answer?.details as { api_name?: unknown } | null | undefined)?.api_name;
  return answer?.code === 'INVALID_DATA' && typeof field === 'string' ? field : null;
}

/**
 * Zoho refused the optional Snooze_To field (an admin removed it, or made it too short for the
 * text) after this computer read the module's fields: the marks go again without it.
 */
export class SnoozeToRefusedError extends Error {
  override name = 'SnoozeToRefusedError';
}

/** Whether an answer (a record's, or the request's `details`) is an INVALID_DATA naming Snooze_To. */
function refusesSnoozeTo(answer: { code?: unknown; details?: unknown } | null): boolean {
  return invalidField(answer) === SNOOZE_TO_FIELD;
}

function unavailable(error: unknown): never {
  if (error instanceof ZohoApiError && error.status === 400 && refusesSnoozeTo(error))
    throw new SnoozeToRefusedError(error.message, { cause: error });
  if (moduleGone(error))
    throw new PlanMarksUnavailableError(
      `Zoho has no ${PLAN_MARKS_MODULE} module for this sign-in (${(error as Error).message})`,
      true,
      { cause: error },
    );
  // One module's scope missing is this step's trouble, not the sign-in's: the rest synced with it.
  if (error instanceof ZohoAuthError && error.code === 'OAUTH_SCOPE_MISMATCH')
    throw new Error(
      `the Zoho sign-in may not use ${PLAN_MARKS_MODULE} (${error.message}): connect again with ZohoCRM.modules.ALL`,
      { cause: error },
    );
  if (error instanceof ZohoApiError && error.status === 400 && error.code === 'INVALID_DATA')
    throw new PlanMarksUnavailableError(
      `the ${PLAN_MARKS_MODULE} module lacks a field the app needs (${PLAN_MARK_FIELDS.join(', ')}): ${error.message}`,
      false,
      { cause: error },
    );
  if (error instanceof ZohoApiError && error.status === 403)
    throw new Error(`the signed-in Zoho user may not use ${PLAN_MARKS_MODULE} (${error.message})`, {
      cause: error,
    });
  throw error;
}

/**
 * Upserts the marks, 100 at a time. Safe to send again after a lost answer: a record per row,
 * found by its Name, so a retry updates what the first attempt made.
 */
export async function pushZohoPlanMarks(
  http: ZohoHttp,
  marks: readonly SharedPlanMark[],
  options: { snoozeTo: boolean; signal?: AbortSignal | undefined },
): Promise<PlanMarksPushed> {
  const { signal } = options;
  const out: PlanMarksPushed = { kept: [], refused: [] };
  for (let i = 0; i < marks.length; i += PER_UPSERT) {
    const batch = marks.slice(i, i + PER_UPSERT);
    let body: unknown;
    try {
      ({ body } = await http.request(`/crm/v8/${PLAN_MARKS_MODULE}/upsert`, {
        method: 'POST',
        json: {
          data: batch.map((m) => ({
            Name: markName(m),
            Owner: { id: m.userId },
            Mark: m.action,
            Marked_At: zohoDateTime(m.at),
            ...(options.snoozeTo ? { [SNOOZE_TO_FIELD]: snoozeToText(m) } : {}),
          })),
          duplicate_check_fields: ['Name'],
          trigger: [],
        },
        ...(signal ? { signal } : {}),
      }));
    } catch (error) {
      // Zoho refuses a whole batch (400, 202 with every record refused) with one record's reason
      // per entry in `data`: read those like a 2xx answer's.
      const refused = error instanceof ZohoApiError && error.status === 400 ? error.body : null;
      if (!refused || !Array.isArray((refused as { data?: unknown }).data) || moduleGone(error))
        unavailable(error);
      body = refused;
    }
    const answers = (body as { data?: unknown } | null)?.data;
    if (!Array.isArray(answers))
      throw new Error(`Zoho answered the plan marks without a list of results: ${excerpt(body)}`);
    if (
      options.snoozeTo &&
      answers.some((a) => typeof a === 'object' && a !== null && refusesSnoozeTo(a))
    )
      throw new SnoozeToRefusedError(
        `Zoho refused the ${SNOOZE_TO_FIELD} field of ${PLAN_MARKS_MODULE}: ${excerpt(body)}`,
      );
    const setUp = answers.find(
      (a): a is { code?: unknown; message?: unknown; details?: unknown } =>
        typeof a === 'object' && a !== null && setUpRefusal(a),
    );
    if (setUp)
      throw new PlanMarksUnavailableError(
        `the ${PLAN_MARKS_MODULE} module is not set up as marks need: ${String(setUp.code)} ${typeof setUp.message === 'string' ? setUp.message : ''} ${setUp.details ? excerpt(setUp.details) : ''}`.trim(),
        false,
      );
    batch.forEach((mark, n) => {
      const a = answers[n] as { code?: unknown; message?: unknown; details?: unknown } | undefined;
      if (a?.code === 'SUCCESS') out.kept.push(mark);
      else
        out.refused.push({
          mark,
          reason:
            `${typeof a?.code === 'string' ? a.code : 'no answer'}: ${typeof a?.message === 'string' ? a.message : ''} ${a?.details ? excerpt(a.details) : ''}`.trim(),
        });
    });
  }
  return out;
}

interface MarkRecord {
  id?: unknown;
  Name?: unknown;
  Mark?: unknown;
  Marked_At?: unknown;
  Snooze_To?: unknown;
  Modified_Time?: unknown;
}

/** A record read back as a mark, or null for one the app did not write (or damaged by hand). */
function markOf(record: MarkRecord): SharedPlanMark | null {
  const parts = typeof record.Name === 'string' ? record.Name.split('|') : [];
  const at = typeof record.Marked_At === 'string' ? Date.parse(record.Marked_At) : NaN;
  const action = ACTIONS.find((a) => a === record.Mark);
  const [userId, personId, day, channel] = parts;
  if (parts.length !== 4 || !userId || !personId || !channel || !action || !Number.isFinite(at))
    return null;
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const snoozeTo = action === 'snoozed' ? snoozeToOf(record.Snooze_To, at) : undefined;
  return {
    userId,
    personId,
    day,
    channel,
    action,
    at,
    ...(snoozeTo === undefined ? {} : { snoozeTo }),
  };
}

/**
 * One page of the marks modified after `request.since`, oldest change first. The sync re-anchors
 * `since` at each page's last second (syncState.ts, as for records), so a mark re-marked on
 * another computer meanwhile, which jumps to the end, moves no unread one onto a page read.
 */
export async function pullZohoPlanMarks(
  http: ZohoHttp,
  request: PullRequest,
  options: { snoozeTo: boolean },
): Promise<PlanMarksPage> {
  const position = readPosition(request.position);
  const fields = ['Name', ...PLAN_MARK_FIELDS, 'Modified_Time'];
  // Asked for only where the module has it: Zoho refuses a field it does not know.
  if (options.snoozeTo) fields.push(SNOOZE_TO_FIELD);
  const query = new URLSearchParams({
    fields: fields.join(','),
    per_page: String(PER_PAGE),
    sort_by: 'Modified_Time',
    sort_order: 'asc',
  });
  if ('token' in position) query.set('page_token', position.token);
  else query.set('page', String(position.page));
  let res;
  try {
    res = await http.request(`/crm/v8/${PLAN_MARKS_MODULE}?${query}`, {
      headers: request.since !== null ? { 'If-Modified-Since': zohoDateTime(request.since) } : {},
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } catch (error) {
    unavailable(error);
  }
  const body = pageOf<MarkRecord>(res, 'the plan marks');
  const records = (body.data ?? []).map((record) => {
    const modified =
      typeof record.Modified_Time === 'string' ? Date.parse(record.Modified_Time) : NaN;
    return {
      id: typeof record.id === 'string' ? record.id : String(record.Name),
      modifiedAt: Number.isFinite(modified) ? modified : 0,
      mark: markOf(record),
    };
  });
  return { records, next: nextPosition('the plan marks', position, body.info) };
}

// Zoho deletes at most 100 records a request; a sweep reads at most this many pages of the oldest
// (the most Zoho lists by page number).
const PER_DELETE = 100;
const SWEEP_PAGES = MAX_DISCRETE_PAGE;

interface DeletedAnswer {
  code?: unknown;
  message?: unknown;
}

/** The ids of the marks of days before `day` among `records`; a record not a mark is no one's. */
function oldMarkIds(records: readonly (MarkRecord & { id?: unknown })[], day: string): string[] {
  return records.flatMap((r) => {
    const name = typeof r.Name === 'string' ? r.Name.split('|') : [];
    return typeof r.id === 'string' && name.length === 4 && (name[2] ?? '') < day ? [r.id] : [];
  });
}

/**
 * Deletes the marks of days before `day` (YYYY-MM-DD): Zoho would keep a record per mark for good.
 * Reads the oldest changes first, passing over records that are not such marks (one typed by
 * hand, a skip made far ahead); marks are made near their day, so a page of none changed after
 * `day` began ends the reading. Then deletes, 100 a request. A refusal (a profile without delete
 * access) ends it with its reason; `more`: the page limit stopped the reading after some were
 * deleted, so the next call goes on.
 */
export async function deleteZohoPlanMarksBefore(
  http: ZohoHttp,
  day: string,
  signal?: AbortSignal,
): Promise<{ deleted: number; refused: string | null; more: boolean }> {
  const out = { deleted: 0, refused: null as string | null, more: false };
  const dayBegan = Date.parse(`${day}T00:00:00Z`);
  // All read before any is deleted: the pages stay as they were while they are read.
  const old: string[] = [];
  let unread = false;
  for (let page = 1; ; page++) {
    if (page > SWEEP_PAGES) {
      unread = true;
      break;
    }
    const query = new URLSearchParams({
      fields: 'Name,Modified_Time',
      per_page: String(PER_PAGE),
      sort_by: 'Modified_Time',
      sort_order: 'asc',
      page: String(page),
    });
    let res;
    try {
      res = await http.request(`/crm/v8/${PLAN_MARKS_MODULE}?${query}`, {
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      unavailable(error);
    }
    const body = pageOf<MarkRecord & { id?: unknown }>(res, 'the plan marks');
    const records = body.data ?? [];
    const found = oldMarkIds(records, day);
    old.push(...found);
    const first = Date.parse(String(records[0]?.Modified_Time));
    if (!body.info?.more_records || (found.length === 0 && first >= dayBegan)) break;
  }
  for (let i = 0; i < old.length; i += PER_DELETE) {
    const ids = old.slice(i, i + PER_DELETE);
    let body: unknown;
    try {
      ({ body } = await http.request(
        `/crm/v8/${PLAN_MARKS_MODULE}?${new URLSearchParams({ ids: ids.join(','), wf_trigger: 'false' })}`,
        { method: 'DELETE', ...(signal ? { signal } : {}) },
      ));
    } catch (error) {
      const refusedAll =
        error instanceof ZohoApiError && (error.status === 403 || error.status === 400);
      if (refusedAll && !moduleGone(error)) {
        out.refused = `${error.code ?? error.status}: ${error.message}`;
        return out;
      }
      unavailable(error);
    }
    const answers = (body as { data?: unknown } | null)?.data;
    if (!Array.isArray(answers))
      throw new Error(`Zoho answered the deletion without a list of results: ${excerpt(body)}`);
    out.deleted += (answers as DeletedAnswer[]).filter((a) => a.code === 'SUCCESS').length;
    // INVALID_DATA: the record is gone already (another computer's sweep).
    const refusal = (answers as DeletedAnswer[]).find(
      (a) => a.code !== 'SUCCESS' && a.code !== 'INVALID_DATA',
    );
    if (refusal) {
      out.refused = `${String(refusal.code)}: ${typeof refusal.message === 'string' ? refusal.message : ''}`;
      return out;
    }
  }
  // Only while it gets somewhere: a sweep that deleted nothing waits for its next day.
  out.more = unread && out.deleted > 0;
  return out;
}
