import { DateTime } from 'luxon';
import {
  DeletionsUnavailableError,
  EmailsUnavailableError,
  ModuleForbiddenError,
  ModuleUnavailableError,
  PlanMarksUnavailableError,
  PositionExpiredError,
  SearchUnavailableError,
  type PlanMarksPage,
  type TranscriptsPage,
  type TranscriptsRequest,
  type PlanMarksPushed,
  type SharedPlanMark,
  type ChangedPage,
  type ConvertedPage,
  type CrmMetadata,
  type CrmHoliday,
  type CrmOrganisation,
  type CrmShift,
  type ConvertedAnswer,
  type CrmSource,
  type CrmUser,
  type DeletedPage,
  type EmailsPage,
  type OutboxCall,
  type OutboxTaskChange,
  type OutboxLead,
  type PushedCall,
  type OwnedQuery,
  type PersonRef,
  type PullRequest,
  type PulledRecord,
  type BulkReader,
  type SyncModule,
} from '../crmSource';
import { ZohoAuthError, ZohoTokenSource, type ZohoCredentials } from './zohoAuth';
import { mapEmail } from './zohoEmailMap';
import {
  DEFAULT_RETRY,
  REQUEST_DEADLINE_MS,
  ZohoApiError,
  ZohoHttp,
  type RetryPolicy,
} from './zohoHttp';
import {
  discoverZohoMetadata,
  VISITS_RELATED_LIST,
  zohoDetail,
  type ZohoMetadataDetail,
} from './zohoMetadata';
import { DEFAULT_IN_FLIGHT, InFlightLimit } from './inFlightLimit';
import { ZohoBulkRead } from './zohoBulkRead';
import { pushZohoTaskChange } from './zohoTaskPush';
import { pushZohoLead } from './zohoLeadPush';
import { pushZohoCall } from './zohoCallPush';
import {
  pullZohoDeletedNotes,
  pullZohoPersonTranscripts,
  pullZohoTranscripts,
} from './zohoChatNotes';
import { zohoDateTime } from './zohoDateTime';
import {
  PLAN_MARKS_MODULE,
  deleteZohoPlanMarksBefore,
  pullZohoPlanMarks,
  pushZohoPlanMarks,
  SnoozeToRefusedError,
} from './zohoPlanMarks';
import { pullRecord, ZOHO_MODULES, type OrgReading } from './zohoModules';
import { IDS_PER_REQUEST, readByIds, readConvertedLeads } from './zohoRecordsById';
import {
  ALERTS_VARIABLE,
  alertsVariableOf,
  businessHoursOf,
  holidaysOf,
  knownZone,
  licenceOf,
  shiftsOf,
  toCrmUsers,
  type ZohoUser,
} from './zohoOrgSettings';
import type { BusinessHours } from '../../besttime/model/businessHours';
import { listedVisit, VISIT_FIELDS } from './zohoVisitMap';
import { excerpt } from '../../../shared/excerpt';
import {
  MAX_DISCRETE_PAGE,
  nextPosition,
  pageOf,
  PER_PAGE,
  readPosition,
  type Info,
  type Position,
} from './zohoPages';

export interface ZohoSourceOptions {
  credentials: ZohoCredentials;
  /** Used until (and unless) the token response names the organisation's api_domain. */
  apiDomain?: string;
  retry?: RetryPolicy;
  now?: () => number;
  /** Requests in flight at once for the organisation (its edition's cap; default 5). */
  requestsInFlight?: number;
  /** How long a Bulk Read file's download may take (default 10 min). */
  bulkDownloadDeadlineMs?: number;
}

// Conditions Zoho's search takes at once ("a maximum of 10 criteria", Zoho's searchRecords docs).
const SEARCH_CRITERIA = 10;

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * A 400 naming the module or a field as invalid on a request built from the organisation's
 * metadata: the module or the field went away since the metadata was read.
 */
function goneFromOrganisation(error: unknown): error is ZohoApiError {
  return (
    error instanceof ZohoApiError &&
    error.status === 400 &&
    (error.code === 'INVALID_MODULE' || error.code === 'INVALID_DATA')
  );
}

/**
 * What a converted lead says of its conversion: `$converted_detail` names the contact (an id, or
 * an object with one, as Zoho's samples differ); newer organisations also have the
 * Converted_Contact lookup.
 */
interface ConvertedDetail {
  $converted_detail?: { contact?: string | { id?: string } | null } | unknown[] | null;
  Converted_Contact?: { id?: string } | null;
}

function convertedContact(record: ConvertedDetail): string | null {
  const detail = record.$converted_detail;
  const contact = detail && !Array.isArray(detail) ? detail.contact : null;
  const id =
    typeof contact === 'string' ? contact : (contact?.id ?? record.Converted_Contact?.id ?? null);
  return id ? String(id) : null;
}

/** 403 NO_PERMISSION: the signed-in user's profile may not read this (the module is there). */
function notPermitted(error: unknown): error is ZohoApiError {
  return error instanceof ZohoApiError && error.status === 403;
}

export class ZohoSource implements CrmSource {
  readonly kind = 'zoho';
  private readonly tokens: ZohoTokenSource;
  private readonly http: ZohoHttp;
  private readonly now: () => number;
  private orgTimeZone = 'UTC';
  /** The organisation's fields, once its metadata is known: only those are asked for. */
  private detail: ZohoMetadataDetail | null = null;
  private dealStages: CrmMetadata['dealStages'];
  private planMarks: CrmMetadata['planMarks'];
  /** Without metadata: fields Zoho refused by name, per module, no longer asked for. */
  private readonly refused = new Map<SyncModule, Set<string>>();
  readonly bulkRead: BulkReader;

  constructor(options: ZohoSourceOptions) {
    this.now = options.now ?? Date.now;
    this.tokens = new ZohoTokenSource(
      options.credentials,
      this.now,
      options.retry?.requestDeadlineMs ?? REQUEST_DEADLINE_MS,
    );
    const domain = (): string => {
      const d = this.tokens.apiDomain ?? options.apiDomain;
      if (!d) throw new Error('The token response named no api_domain and none was configured');
      return d;
    };
    this.http = new ZohoHttp(
      this.tokens,
      domain,
      options.retry ?? DEFAULT_RETRY,
      new InFlightLimit(options.requestsInFlight ?? DEFAULT_IN_FLIGHT, this.now),
      this.now,
    );
    this.bulkRead = new ZohoBulkRead(
      this.http,
      (module) => this.fieldsOf(module),
      () => this.reading(),
      this.now,
      options.bulkDownloadDeadlineMs,
    );
  }

  requestsAtOnce(): number {
    return this.http.limit.limit;
  }

  requestsMade(): number {
    return this.http.requestsSent;
  }

  /** Zoho dates every answer (HTTP Date header): its clock, however wrong this computer's is. */
  answeredAt(): number | null {
    return this.http.answeredAt;
  }

  /** A new in-flight setting (Settings › CRM account): applies from the next request on. */
  setRequestsInFlight(n: number): void {
    this.http.limit.setMax(n);
  }

  /** Whose sign-in this is (Zoho's current user), before anything is synced. */
  async currentUserId(): Promise<string | null> {
    const me = await this.http.request('/crm/v8/users?type=CurrentUser');
    const body = me.body as { users?: { id?: string }[] } | null;
    // Who may pick another user rests on this answer: one of another shape is a fault.
    if (body !== null && !Array.isArray(body.users))
      throw new Error(`Zoho answered the current user without a list of users: ${excerpt(body)}`);
    return body?.users?.[0]?.id ?? null;
  }

  /** The organisation's id alone: which organisation a sign-in opens, before anything is synced. */
  async organisationId(): Promise<string | null> {
    const org = await this.http.request('/crm/v8/org');
    return (org.body as { org?: { id?: string }[] } | null)?.org?.[0]?.id ?? null;
  }

  async pullOrganisation(): Promise<CrmOrganisation> {
    const org = await this.http.request('/crm/v8/org');
    const first = (
      org.body as { org?: { id?: string; company_name?: string; time_zone?: string }[] } | null
    )?.org?.[0];
    if (!first?.time_zone)
      throw new Error('Zoho /org answered without the time zone of the organisation');
    // A zone Luxon does not know reads as this computer's: the rep's own, most likely.
    this.orgTimeZone = knownZone(first.time_zone, DateTime.local().zoneName ?? 'UTC');
    const hours = await this.businessHours();
    const shifts = await this.shiftHours();
    const holidays = await this.holidays();
    const alerts = await this.pullVisitAlerts();
    const currentUserId = await this.currentUserId();
    const note = [hours.note, shifts.note, holidays.note, alerts.note].filter(Boolean).join('. ');
    return {
      name: first.company_name ?? 'Zoho CRM',
      timeZone: this.orgTimeZone,
      businessHours: hours.read,
      shifts: shifts.read,
      holidays: holidays.read,
      visitAlerts: alerts.read,
      ...(note ? { note } : {}),
      crmId: first.id ?? null,
      currentUserId: currentUserId ?? null,
      // The edition and licences set the organisation's daily API credits (creditBudget.ts).
      licence: licenceOf(first),
    };
  }

  useOrganisationZone(timeZone: string): void {
    this.orgTimeZone = knownZone(timeZone, DateTime.local().zoneName ?? 'UTC');
  }

  /**
   * The admin's switch for visit alerts alone (organisation variable ALERTS_VARIABLE): one
   * request, for the runs that do not read the whole organisation. Null (with a note when Zoho
   * would not give the variables) when it was never set or not read.
   */
  pullVisitAlerts(): Promise<{ read: boolean | null; note: string | null }> {
    return this.optionalSetting({
      path: '/crm/v8/settings/variables',
      label: 'Visit alerts for everyone',
      kept: 'the switch on this computer stays as it is',
      forbidden: "the signed-in Zoho user may not read the organisation's variables",
      parse: (body) => alertsVariableOf(body)?.enabled ?? null,
    });
  }

  /**
   * A setting that only narrows when windows may fall (business hours, shift hours), or null
   * with a note when Zoho will not give it: a sync goes on without it, and what was read before
   * stays (`kept` says what that means). A refused sign-in is the whole sync's, and is thrown.
   */
  private async optionalSetting<T>(setting: {
    path: string;
    /** "Business hours", "Shift hours": how the notes begin. */
    label: string;
    kept: string;
    /** Said after the note of a sign-in without the settings scope. */
    scopeAdvice?: string;
    /** Said of a 403: who may read it. */
    forbidden?: string;
    parse: (body: unknown) => T;
  }): Promise<{ read: T | null; note: string | null }> {
    const { label, kept } = setting;
    let res;
    try {
      res = await this.http.request(setting.path);
    } catch (error) {
      if (error instanceof ZohoAuthError && error.code === 'OAUTH_SCOPE_MISMATCH')
        return {
          read: null,
          note: `${label}: the Zoho sign-in lacks the ZohoCRM.settings.READ scope, so ${kept}${setting.scopeAdvice ?? ''}`,
        };
      if (error instanceof ZohoAuthError) throw error;
      if (setting.forbidden && notPermitted(error))
        return { read: null, note: `${label}: ${setting.forbidden}, so ${kept}` };
      return {
        read: null,
        note: `${label}: Zoho did not give them (${messageOf(error)}); ${kept}`,
      };
    }
    try {
      return { read: setting.parse(res.body), note: null };
    } catch (error) {
      return { read: null, note: `${label}: ${messageOf(error)}; ${kept}` };
    }
  }

  async pushPlanMarks(marks: SharedPlanMark[], signal?: AbortSignal): Promise<PlanMarksPushed> {
    this.planMarksKept();
    return this.withoutSnoozeToIfRefused(() =>
      pushZohoPlanMarks(this.http, marks, {
        snoozeTo: this.planMarks?.snoozeTo === true,
        signal,
      }),
    );
  }

  async pullTranscripts(request: TranscriptsRequest): Promise<TranscriptsPage> {
    return pullZohoTranscripts(this.http, request);
  }

  async pullPersonTranscripts(
    person: PersonRef,
    request: TranscriptsRequest,
  ): Promise<TranscriptsPage> {
    return pullZohoPersonTranscripts(this.http, person, request);
  }

  async pullDeletedTranscripts(request: PullRequest): Promise<DeletedPage> {
    return pullZohoDeletedNotes(this.http, request);
  }

  async pullPlanMarks(request: PullRequest): Promise<PlanMarksPage> {
    this.planMarksKept();
    return this.withoutSnoozeToIfRefused(() =>
      pullZohoPlanMarks(this.http, request, { snoozeTo: this.planMarks?.snoozeTo === true }),
    );
  }

  /**
   * Runs a marks request once more without Snooze_To when Zoho refuses that optional field (the
   * fields read up to a day ago still had it): the marks share as on a module without it, rather
   * than stopping with a note that blames Mark and Marked_At.
   */
  private async withoutSnoozeToIfRefused<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof SnoozeToRefusedError) || !this.planMarks?.snoozeTo) throw error;
      this.planMarks = { ...this.planMarks, snoozeTo: false };
      return request();
    }
  }

  async deletePlanMarksBefore(
    day: string,
    signal?: AbortSignal,
  ): Promise<{ deleted: number; refused: string | null; more: boolean }> {
    this.planMarksKept();
    return deleteZohoPlanMarksBefore(this.http, day, signal);
  }

  /** Throws, naming what is missing, when the metadata says the organisation cannot keep marks. */
  private planMarksKept(): void {
    const lacks = this.planMarks?.lacks;
    if (lacks === null)
      throw new PlanMarksUnavailableError(
        `the organisation has no ${PLAN_MARKS_MODULE} module this user may use (an admin adds it once: see the README's "Plan marks for the whole team")`,
        true,
      );
    if (lacks && lacks.length > 0)
      throw new PlanMarksUnavailableError(
        `the ${PLAN_MARKS_MODULE} module lacks the field${lacks.length > 1 ? 's' : ''} ${lacks.join(', ')}`,
        false,
      );
  }

  /**
   * The admin's switch for visit alerts, kept as the organisation variable ALERTS_VARIABLE (a
   * checkbox in the General group), created the first time. Changing variables takes
   * ZohoCRM.settings.variables.ALL and an administrator's profile: a refusal says which.
   */
  async shareVisitAlerts(enabled: boolean): Promise<void> {
    try {
      const found = alertsVariableOf((await this.http.request('/crm/v8/settings/variables')).body);
      const res = found
        ? await this.http.request(`/crm/v8/settings/variables/${encodeURIComponent(found.id)}`, {
            method: 'PUT',
            json: { variables: [{ id: found.id, value: enabled }] },
          })
        : await this.http.request('/crm/v8/settings/variables', {
            method: 'POST',
            json: {
              variables: [
                {
                  name: 'Contact Window visit alerts',
                  api_name: ALERTS_VARIABLE,
                  type: 'checkbox',
                  value: enabled,
                  description:
                    'Set by Contact Window: unchecked, no rep is notified of website visits.',
                  variable_group: { api_name: 'General', name: 'General' },
                },
              ],
            },
          });
      // Zoho answers each variable on its own: a 2xx can carry one it did not keep.
      const answer = (res.body as { variables?: { code?: unknown; message?: unknown }[] } | null)
        ?.variables?.[0];
      if (answer?.code !== 'SUCCESS')
        throw new Error(
          `Zoho did not keep ${ALERTS_VARIABLE}: ${typeof answer?.message === 'string' ? answer.message : excerpt(res.body)}`,
        );
    } catch (error) {
      if (error instanceof ZohoAuthError && error.code === 'OAUTH_SCOPE_MISMATCH')
        throw new Error(
          'the Zoho sign-in lacks the ZohoCRM.settings.variables.ALL scope: connect again to share it',
          { cause: error },
        );
      if (notPermitted(error))
        throw new Error("the signed-in Zoho user may not change the organisation's variables", {
          cause: error,
        });
      throw error;
    }
  }

  /**
   * The organisation's business hours, or null with a note (`optionalSetting`). Zoho serves them
   * only with a settings scope (ZohoCRM.settings.READ, or ZohoCRM.settings.business_hours.READ).
   */
  private businessHours(): Promise<{ read: BusinessHours | null; note: string | null }> {
    return this.optionalSetting({
      path: '/crm/v8/settings/business_hours',
      label: 'Business hours',
      // Said as a condition: this source does not know whether hours were read before, and the
      // store keeps any it holds (localStore's writeOrganisation).
      kept: 'the hours read before are kept; until some are read, every hour counts as open',
      scopeAdvice: ". Connect again with it to plan within the organisation's hours",
      parse: businessHoursOf,
    });
  }

  /**
   * The organisation's shifts (Zoho's shift hours: the hours a rep in one works instead of the
   * organisation's), or null with a note (`optionalSetting`). Zoho serves them with the business
   * hours scope, and only to a user who may manage users.
   */
  private async shiftHours(): Promise<{ read: CrmShift[] | null; note: string | null }> {
    const got = await this.optionalSetting({
      path: '/crm/v8/settings/business_hours/shift_hours',
      label: 'Shift hours',
      kept: 'the shifts read before are kept; until some are read, every rep works the organisation’s hours',
      forbidden:
        'the signed-in Zoho user may not read them (Zoho asks for the Manage Users permission)',
      parse: (body) => shiftsOf(body, this.orgTimeZone),
    });
    if (!got.read) return got;
    // Stored as it is (its reps are in it), but planned as no shift: say why.
    const empty = got.read
      .filter((x) => x.hours.days.every((d) => d.length === 0))
      .map((x) => `"${x.name}"`);
    const one = empty.length === 1;
    return {
      read: got.read,
      note: empty.length
        ? `Shift hours: ${empty.join(', ')} ${one ? 'has' : 'have'} no working time; ${one ? 'its' : 'their'} reps are planned in the organisation's hours`
        : null,
    };
  }

  /**
   * The organisation's holidays of this year and the next (late December's plans and alerts see
   * January's), or null with a note (`optionalSetting`) when Zoho will not give both years: the
   * holidays stored before stay. The year is Zoho's, in the organisation's zone. Zoho serves them
   * with the business hours scope; the year's list is one answer (Zoho documents no paging for it).
   */
  private async holidays(): Promise<{
    read: { from: string; to: string; days: CrmHoliday[] } | null;
    note: string | null;
  }> {
    const year = DateTime.fromMillis(this.http.answeredAt ?? this.now(), {
      zone: this.orgTimeZone,
    }).year;
    const days: CrmHoliday[] = [];
    for (const y of [year, year + 1]) {
      const got = await this.optionalSetting({
        path: `/crm/v8/settings/holidays?year=${y}`,
        label: 'Holidays',
        kept: 'the holidays read before are kept (none: no day is a day off)',
        forbidden: 'the signed-in Zoho user may not read them',
        parse: holidaysOf,
      });
      if (!got.read) return { read: null, note: got.note };
      days.push(...got.read);
    }
    return { read: { from: `${year}-01-01`, to: `${year + 1}-12-31`, days }, note: null };
  }

  /** How many records the module holds (Zoho's count action): a first sync's progress bars fill toward it. */
  async countRecords(module: SyncModule): Promise<number | null> {
    const res = await this.http.request(`/crm/v8/${module}/actions/count`);
    const count = (res.body as { count?: unknown } | null)?.count;
    return typeof count === 'number' && Number.isFinite(count) ? count : null;
  }

  /** `sort_order=desc`, one record, its Modified_Time alone. */
  async newestModifiedAt(module: SyncModule, signal?: AbortSignal): Promise<number | null> {
    const query = new URLSearchParams({
      fields: 'Modified_Time',
      per_page: '1',
      sort_by: 'Modified_Time',
      sort_order: 'desc',
    });
    let res;
    try {
      res = await this.http.request(`/crm/v8/${module}?${query}`, signal ? { signal } : {});
    } catch (error) {
      if (goneFromOrganisation(error)) throw new ModuleUnavailableError(error.message);
      throw error;
    }
    const first = pageOf<{ Modified_Time?: string }>(res, `the newest of ${module}`).data?.[0];
    const at = Date.parse(first?.Modified_Time ?? '');
    return Number.isFinite(at) ? at : null;
  }

  /** `sort_order=desc` from If-Modified-Since, one page of ids (Modified_Time is the one field). */
  async changedAfter(
    module: SyncModule,
    since: number,
    signal?: AbortSignal,
  ): Promise<{ ids: string[]; complete: boolean }> {
    const query = new URLSearchParams({
      fields: 'Modified_Time',
      per_page: String(PER_PAGE),
      sort_by: 'Modified_Time',
      sort_order: 'desc',
    });
    let res;
    try {
      res = await this.http.request(`/crm/v8/${module}?${query}`, {
        headers: { 'If-Modified-Since': zohoDateTime(since) },
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (goneFromOrganisation(error)) throw new ModuleUnavailableError(error.message);
      throw error;
    }
    // 304 (nothing modified since) and 204 come without a body: nothing changed.
    const body = pageOf<{ id?: string }>(res, `the ${module} listing`);
    const ids = (body.data ?? []).flatMap((r) => (r.id ? [String(r.id)] : []));
    return { ids, complete: !body.info?.more_records };
  }

  /**
   * `GET /{module}` with one field (Zoho always adds `id`) in order of id, 200 a page: the ids
   * of every record the signed-in user may see now. Zoho leaves out of it, as out of every
   * listing, a record it no longer shows them (reassigned, out of a sharing rule) without
   * deleting it, and answers 204 for an empty module.
   */
  async listIds(
    module: SyncModule,
    position: string | null,
    signal?: AbortSignal,
  ): Promise<{ ids: string[]; next: string | null }> {
    const at = readPosition(position);
    const query = new URLSearchParams({
      fields: 'Modified_Time',
      per_page: String(PER_PAGE),
      // In order of id, not of change: a record edited while the pages are read keeps its place.
      sort_by: 'id',
      sort_order: 'asc',
    });
    if ('token' in at) query.set('page_token', at.token);
    else query.set('page', String(at.page));
    let res;
    try {
      res = await this.http.request(`/crm/v8/${module}?${query}`, signal ? { signal } : {});
    } catch (error) {
      if (goneFromOrganisation(error)) throw new ModuleUnavailableError(error.message);
      if (notPermitted(error))
        throw new ModuleForbiddenError(
          `the signed-in Zoho user may not read ${module} (${error.message})`,
        );
      throw error;
    }
    const body = pageOf<{ id?: string }>(res, `the ids of ${module}`);
    const ids = (body.data ?? []).flatMap((r) => (r.id ? [String(r.id)] : []));
    return { ids, next: nextPosition(module, at, body.info) };
  }

  async pullUsers(): Promise<CrmUser[]> {
    const users: ZohoUser[] = [];
    for (let page = 1; ; page++) {
      const res = await this.http.request(
        `/crm/v8/users?type=AllUsers&per_page=${PER_PAGE}&page=${page}`,
      );
      const body = res.body as { users?: ZohoUser[]; info?: Info } | null;
      if (body !== null && !Array.isArray(body.users))
        throw new Error(`Zoho answered the users list without a list of users: ${excerpt(body)}`);
      users.push(...(body?.users ?? []));
      if (!body?.info?.more_records) break;
    }
    return toCrmUsers(users, this.orgTimeZone);
  }

  async pullChanged(module: SyncModule, request: PullRequest): Promise<ChangedPage> {
    const position = readPosition(request.position);
    let res;
    try {
      res = await this.listingPage(module, {}, this.fieldsOf(module).join(','), position, request);
    } catch (error) {
      if (this.dropRefusedField(module, error)) return this.pullChanged(module, request);
      // A page token lives 24 hours; after that Zoho refuses it and the listing must restart.
      if ('token' in position && error instanceof ZohoApiError && error.status === 400)
        throw new PositionExpiredError(`${module}: the page token expired (${error.message})`);
      if (goneFromOrganisation(error)) throw new ModuleUnavailableError(error.message);
      if (notPermitted(error))
        throw new ModuleForbiddenError(
          `the signed-in Zoho user may not read ${module} (${error.message})`,
        );
      throw error;
    }
    // 304: nothing modified since; 204: nothing at all. Both are an empty last page.
    const body = pageOf<unknown>(res, `the ${module} listing`);
    const now = this.now();
    const records = (body.data ?? []).map((raw) => pullRecord(module, raw, now, this.reading()));
    return { records, next: nextPosition(module, position, body.info) };
  }

  /** A page of a listing oldest change first, of what changed since `request.since`. */
  private listingPage(
    module: SyncModule,
    filter: Record<string, string>,
    fields: string,
    position: Position,
    request: PullRequest,
  ): ReturnType<ZohoHttp['request']> {
    const query = new URLSearchParams({
      ...filter,
      fields,
      per_page: String(PER_PAGE),
      sort_by: 'Modified_Time',
      sort_order: 'asc',
    });
    if ('token' in position) query.set('page_token', position.token);
    else query.set('page', String(position.page));
    return this.http.request(`/crm/v8/${module}?${query}`, {
      headers: request.since !== null ? { 'If-Modified-Since': zohoDateTime(request.since) } : {},
      ...(request.signal ? { signal: request.signal } : {}),
    });
  }

  async pullDeleted(module: SyncModule, request: PullRequest): Promise<DeletedPage> {
    const position = readPosition(request.position);
    const page = 'page' in position ? position.page : 1;
    let res;
    try {
      res = await this.http.request(
        `/crm/v8/${module}/deleted?type=all&per_page=${PER_PAGE}&page=${page}`,
        {
          headers:
            request.since !== null ? { 'If-Modified-Since': zohoDateTime(request.since) } : {},
          ...(request.signal ? { signal: request.signal } : {}),
        },
      );
    } catch (error) {
      if (goneFromOrganisation(error)) throw new ModuleUnavailableError(error.message);
      if (notPermitted(error))
        throw new DeletionsUnavailableError(
          `the signed-in Zoho user may not read the deleted records of ${module} (${error.message})`,
        );
      throw error;
    }
    const body = pageOf<{ id?: string; deleted_time?: string }>(res, `the deleted ${module}`);
    const deleted = (body.data ?? []).flatMap((d) => {
      const at = Date.parse(d.deleted_time ?? '');
      return d.id && Number.isFinite(at) ? [{ id: d.id, deletedAt: at }] : [];
    });
    return {
      deleted,
      next: body.info?.more_records ? JSON.stringify({ page: page + 1 }) : null,
    };
  }

  /**
   * `GET /Contacts/search?criteria=((Email:equals:…)or(Email:equals:…))`: Zoho takes at most
   * SEARCH_CRITERIA conditions a search, so the emails go SEARCH_CRITERIA at a time, side by side
   * as the organisation's limit of requests at once allows (a page of 200 deleted leads: 20
   * requests, not 200). It needs the ZohoSearch.securesearch.READ scope besides the module's.
   */
  async findContactsByEmail(
    emails: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, PulledRecord>> {
    // Asked as stored (one spelling of each), matched back in lower case.
    const unique = [...new Map(emails.map((e) => [e.toLowerCase(), e])).values()];
    const groups: string[][] = [];
    for (let i = 0; i < unique.length; i += SEARCH_CRITERIA)
      groups.push(unique.slice(i, i + SEARCH_CRITERIA));
    const found = new Map<string, PulledRecord>();
    const answers = await Promise.all(groups.map((g) => this.contactsWithEmails(g, signal)));
    for (const answer of answers)
      for (const [email, record] of answer) if (!found.has(email)) found.set(email, record);
    return found;
  }

  private async contactsWithEmails(
    emails: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, PulledRecord>> {
    // Zoho wants parentheses, commas and backslashes in a criterion's value escaped.
    const each = emails.map((e) => `(Email:equals:${e.replace(/[(),\\]/g, '\\$&')})`);
    const criteria = each.length === 1 ? (each[0] ?? '') : `(${each.join('or')})`;
    const found = new Map<string, PulledRecord>();
    for (let page = 1; page <= MAX_DISCRETE_PAGE; page++) {
      const query = new URLSearchParams({
        criteria,
        fields: this.fieldsOf('Contacts').join(','),
        per_page: String(PER_PAGE),
        page: String(page),
      });
      let res;
      try {
        res = await this.http.request(`/crm/v8/Contacts/search?${query}`, signal ? { signal } : {});
      } catch (error) {
        if (this.dropRefusedField('Contacts', error))
          return this.contactsWithEmails(emails, signal);
        // Without the search scope Zoho answers 401 OAUTH_SCOPE_MISMATCH: the sign-in itself is
        // fine, and connecting again with the same scopes would not help.
        if (error instanceof ZohoAuthError && error.code === 'OAUTH_SCOPE_MISMATCH')
          throw new SearchUnavailableError(
            'the Zoho sign-in lacks the ZohoSearch.securesearch.READ scope',
          );
        if (notPermitted(error))
          throw new SearchUnavailableError(`Zoho refused the contacts search (${error.message})`);
        throw error;
      }
      // 204: none of them is a contact's.
      const body = pageOf<{ Email?: unknown }>(res, 'the contacts search');
      const now = this.now();
      for (const raw of body.data ?? []) {
        const email = typeof raw.Email === 'string' ? raw.Email.toLowerCase() : null;
        if (email && !found.has(email))
          found.set(email, pullRecord('Contacts', raw, now, this.reading()));
      }
      if (body.info?.more_records !== true) break;
    }
    return found;
  }

  /**
   * `GET /Leads?converted=true`: Zoho keeps a converted lead, marked `$converted`, out of the
   * default listing (converted=false) and out of /Leads/deleted. Conversion is taken to set its
   * Modified_Time (Zoho does not say; the sync looks at every conversion once a week), so
   * If-Modified-Since finds the ones since the last look. The contact it
   * became is in `$converted_detail` where the listing carries it; elsewhere convertedContactOf
   * reads it from the lead.
   */
  async pullConverted(request: PullRequest): Promise<ConvertedPage> {
    const position = readPosition(request.position);
    let res;
    try {
      res = await this.listingPage(
        'Leads',
        { converted: 'true' },
        'Modified_Time',
        position,
        request,
      );
    } catch (error) {
      if ('token' in position && error instanceof ZohoApiError && error.status === 400)
        throw new PositionExpiredError(`Leads: the page token expired (${error.message})`);
      throw error;
    }
    // 304: none converted since; 204: none at all.
    const body = pageOf<{ id?: string; Modified_Time?: string } & ConvertedDetail>(
      res,
      'the converted Leads',
    );
    const converted = (body.data ?? []).flatMap((r) => {
      const at = Date.parse(r.Modified_Time ?? '');
      return r.id && Number.isFinite(at)
        ? [{ id: String(r.id), modifiedAt: at, contactId: convertedContact(r) }]
        : [];
    });
    return { converted, next: nextPosition('Leads', position, body.info) };
  }

  /**
   * Which of `leadIds` Zoho converted, a hundred a request (readConvertedLeads): each lead its
   * answer names, with the contact it names or null (convertedContactOf reads the lead), and
   * whether one was marked `$converted: true`. Null when Zoho refused a batch: the caller asks
   * lead by lead.
   */
  async convertedAmong(
    leadIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<ConvertedAnswer | null> {
    const answer: ConvertedAnswer = { contacts: new Map(), marked: false };
    for (let at = 0; at < leadIds.length; at += IDS_PER_REQUEST) {
      const batch = leadIds.slice(at, at + IDS_PER_REQUEST);
      const raws = await readConvertedLeads(this.http, batch, signal);
      if (raws === null) return null;
      for (const raw of raws as ({ id?: unknown; $converted?: unknown } & ConvertedDetail)[]) {
        answer.contacts.set(String(raw.id), convertedContact(raw));
        if (raw.$converted === true) answer.marked = true;
      }
    }
    return answer;
  }

  /** `GET /Leads/{id}?converted=true`: without it Zoho answers 204 for a converted lead. */
  async convertedContactOf(leadId: string, signal?: AbortSignal): Promise<string | null> {
    const res = await this.http.request(
      `/crm/v8/Leads/${encodeURIComponent(leadId)}?converted=true`,
      signal ? { signal } : {},
    );
    const first = pageOf<ConvertedDetail>(res, `converted lead ${leadId}`).data?.[0];
    return first ? convertedContact(first) : null;
  }

  /** `GET /Contacts/{id}`: 204 when there is none (deleted since). */
  findContactById(id: string, signal?: AbortSignal): Promise<PulledRecord | null> {
    return this.pullOne('Contacts', id, signal);
  }

  /**
   * `GET /{module}/{id}` with the fields a sync reads: the record as a sync would map it, or null
   * when Zoho answers 204 (none with that id: deleted, or not shared with this sign-in).
   */
  async pullOne(
    module: SyncModule,
    id: string,
    signal?: AbortSignal,
  ): Promise<PulledRecord | null> {
    const query = new URLSearchParams({ fields: this.fieldsOf(module).join(',') });
    let res;
    try {
      res = await this.http.request(
        `/crm/v8/${module}/${encodeURIComponent(id)}?${query}`,
        signal ? { signal } : {},
      );
    } catch (error) {
      if (this.dropRefusedField(module, error)) return this.pullOne(module, id, signal);
      throw error;
    }
    // Only "no content" says the record is gone (a converted lead then leaves with its
    // history): an answer of another shape is a fault, and the lead waits for the next run.
    if (res.status === 204) return null;
    const first = pageOf<unknown>(res, `${module} record ${id}`).data?.[0];
    if (!first)
      throw new Error(`Zoho answered ${res.status} for ${module} record ${id} without the record`);
    return pullRecord(module, first, this.now(), this.reading());
  }

  /**
   * `GET /{module}?ids=…` with the fields a sync reads, 100 ids a request (zohoRecordsById.ts):
   * the records among `ids` the signed-in user may see now, as a sync would map them. Throws,
   * having returned nothing, unless every request was answered whole.
   */
  async pullByIds(
    module: SyncModule,
    ids: readonly string[],
    signal?: AbortSignal,
  ): Promise<PulledRecord[]> {
    const found: PulledRecord[] = [];
    for (let at = 0; at < ids.length; at += IDS_PER_REQUEST) {
      const raws = await this.byIds(module, ids.slice(at, at + IDS_PER_REQUEST), signal);
      const now = this.now();
      for (const raw of raws) found.push(pullRecord(module, raw, now, this.reading()));
    }
    return found;
  }

  private async byIds(
    module: SyncModule,
    ids: readonly string[],
    signal?: AbortSignal,
  ): Promise<unknown[]> {
    try {
      return await readByIds(this.http, module, ids, this.fieldsOf(module), signal);
    } catch (error) {
      if (this.dropRefusedField(module, error)) return this.byIds(module, ids, signal);
      throw error;
    }
  }

  /**
   * `GET /{module}/search?criteria=(Owner:equals:…)`, with `and (Modified_Time:greater_equal:…)`
   * when asked: Zoho's search pages with `page` up to its 2,000th record (past it LIMIT_REACHED,
   * so the pages stop there) and answers 204 when nothing matches. It needs the
   * ZohoSearch.securesearch.READ scope besides the module's.
   */
  async pullOwnedBy(
    module: SyncModule,
    query: OwnedQuery,
    position: string | null,
    signal?: AbortSignal,
  ): Promise<ChangedPage> {
    const page = position ? (JSON.parse(position) as { page: number }).page : 1;
    // Zoho wants parentheses, commas and backslashes in a criterion's value escaped.
    const owner = `(Owner:equals:${query.ownerId.replace(/[(),\\]/g, '\\$&')})`;
    const criteria =
      query.modifiedFrom === null
        ? owner
        : `(${owner}and(Modified_Time:greater_equal:${zohoDateTime(query.modifiedFrom)}))`;
    const params = new URLSearchParams({
      criteria,
      fields: this.fieldsOf(module).join(','),
      per_page: String(PER_PAGE),
      page: String(page),
    });
    let res;
    try {
      res = await this.http.request(`/crm/v8/${module}/search?${params}`, signal ? { signal } : {});
    } catch (error) {
      if (this.dropRefusedField(module, error))
        return this.pullOwnedBy(module, query, position, signal);
      if (error instanceof ZohoAuthError && error.code === 'OAUTH_SCOPE_MISMATCH')
        throw new Error(
          'the Zoho sign-in lacks the ZohoSearch.securesearch.READ scope: connect again with it to have your plan before the rest of a first sync',
        );
      if (goneFromOrganisation(error)) throw new ModuleUnavailableError(error.message);
      throw error;
    }
    const body = pageOf<unknown>(res, `the ${module} search`);
    const now = this.now();
    const records = (body.data ?? []).map((raw) => pullRecord(module, raw, now, this.reading()));
    const more = body.info?.more_records === true && page < MAX_DISCRETE_PAGE;
    return { records, next: more ? JSON.stringify({ page: page + 1 }) : null };
  }

  pushCall(call: OutboxCall, createSent: () => void, signal?: AbortSignal): Promise<PushedCall> {
    return pushZohoCall(
      this.http,
      call,
      { keyField: this.detail?.callKeyField === true },
      createSent,
      signal,
    );
  }

  pushLead(lead: OutboxLead, createSent: () => void, signal?: AbortSignal): Promise<PushedCall> {
    return pushZohoLead(this.http, lead, createSent, signal);
  }

  pushTaskChange(change: OutboxTaskChange, signal?: AbortSignal): Promise<{ note?: string }> {
    // What the metadata said the organisation's Tasks have (none: it has no Tasks module).
    const fields = this.detail ? (this.detail.fields.Tasks ?? []) : null;
    return pushZohoTaskChange(this.http, change, fields, signal);
  }

  async pullPersonEmails(
    person: PersonRef,
    position: string | null,
    signal?: AbortSignal,
  ): Promise<EmailsPage> {
    const module = person.module === 'lead' ? 'Leads' : 'Contacts';
    const query = position ? `?${new URLSearchParams({ index: position })}` : '';
    let res;
    try {
      res = await this.http.request(
        `/crm/v8/${module}/${encodeURIComponent(person.id)}/Emails${query}`,
        signal ? { signal } : {},
      );
    } catch (error) {
      if (error instanceof ZohoAuthError && error.code === 'OAUTH_SCOPE_MISMATCH')
        throw new EmailsUnavailableError(
          'the Zoho sign-in lacks the ZohoCRM.modules.emails.READ scope: connect again with it to learn from email opens and replies',
        );
      if (error instanceof ZohoApiError) {
        // 403 NO_PERMISSION: the user's profile may not read emails of this module.
        // 400 CANNOT_PROCESS: the mailbox is being synced, deleted or must be reconfigured.
        if (error.status === 403 || error.code === 'CANNOT_PROCESS')
          throw new EmailsUnavailableError(`Zoho does not list emails now: ${error.message}`);
        // 400 INVALID_DATA: the record is gone since it was stored; its deletion comes later.
        if (error.code === 'INVALID_DATA') return { records: [], next: null };
      }
      throw error;
    }
    // v8 names the list "Emails" (its SDK's ResponseWrapper); v2 to v5 named it email_related_list.
    // 204: the person has no emails.
    const body = res.body as {
      Emails?: unknown[];
      email_related_list?: unknown[];
      info?: { more_records?: boolean; next_index?: string | number | null };
    } | null;
    const list = body?.Emails ?? body?.email_related_list ?? [];
    const next = body?.info?.more_records ? body.info.next_index : null;
    return {
      records: (Array.isArray(list) ? list : []).map((raw) => mapEmail(person, raw)),
      next: next === null || next === undefined || next === '' ? null : String(next),
    };
  }

  async discoverMetadata(): Promise<CrmMetadata> {
    const metadata = await discoverZohoMetadata(this.http);
    this.useMetadata(metadata);
    return metadata;
  }

  useMetadata(metadata: CrmMetadata): void {
    this.detail = zohoDetail(metadata);
    this.dealStages = metadata.dealStages;
    this.planMarks = metadata.planMarks;
  }

  private reading(): OrgReading {
    return { timeZone: this.orgTimeZone, dealStages: this.dealStages };
  }

  /** The module's fields the organisation has (all we read while its metadata is unknown). */
  private fieldsOf(module: SyncModule): readonly string[] {
    const known = this.detail?.fields[module];
    if (known) return known;
    const refused = this.refused.get(module);
    return refused
      ? ZOHO_MODULES[module].fields.filter((f) => !refused.has(f))
      : ZOHO_MODULES[module].fields;
  }

  /**
   * Asking for everything (the organisation's metadata could not be read), a field Zoho names as
   * invalid is dropped and the request made again without it. With metadata a refusal means the
   * organisation changed: the module is skipped and the metadata read again instead.
   */
  private dropRefusedField(module: SyncModule, error: unknown): boolean {
    if (this.detail !== null || !goneFromOrganisation(error) || error.code !== 'INVALID_DATA')
      return false;
    const field = error.details?.['api_name'];
    if (typeof field !== 'string' || !this.fieldsOf(module).includes(field)) return false;
    const refused = this.refused.get(module) ?? new Set<string>();
    refused.add(field);
    this.refused.set(module, refused);
    return true;
  }

  /**
   * `GET /{Leads|Contacts}/{id}/Visits_Zoho_Livedesk`: SalesIQ's visits of one person, for an
   * organisation whose Visits module the API does not serve. The data/info envelope, 200 a page,
   * `page` to page on, 204 when there are none.
   */
  async pullPersonVisits(
    person: PersonRef,
    position: string | null,
    signal?: AbortSignal,
  ): Promise<ChangedPage> {
    const module = person.module === 'lead' ? 'Leads' : 'Contacts';
    const page = position ? (JSON.parse(position) as { page: number }).page : 1;
    const query = new URLSearchParams({
      fields: (this.detail?.visitFields ?? VISIT_FIELDS).join(','),
      per_page: String(PER_PAGE),
      page: String(page),
    });
    let res;
    try {
      res = await this.http.request(
        `/crm/v8/${module}/${encodeURIComponent(person.id)}/${VISITS_RELATED_LIST}?${query}`,
        signal ? { signal } : {},
      );
    } catch (error) {
      if (goneFromOrganisation(error)) {
        // About the record (the path's id): the person was deleted since, and the deletion comes
        // with the next pull. About a field or the list itself: the organisation changed.
        const d = error.details ?? {};
        const aboutRecord =
          d['resource_path_index'] === 1 || d['param'] === 'record_id' || 'id' in d;
        if (error.code === 'INVALID_DATA' && aboutRecord) return { records: [], next: null };
        throw new ModuleUnavailableError(error.message);
      }
      throw error;
    }
    const body = pageOf<unknown>(res, `${person.id}'s visits`);
    return {
      records: (body.data ?? []).map((raw) => listedVisit(raw, person.id)),
      next: body.info?.more_records ? JSON.stringify({ page: page + 1 }) : null,
    };
  }
}
