import type { ChatWrite, LocalWrite, PulledRecord, VisitPageWrite } from '../crmSource';
import {
  instant,
  lookupId,
  MalformedRecordError,
  number,
  recordId,
  requiredInstant,
  text,
  type ZohoRecord,
  emailOf,
} from './zohoFieldValues';
import { excerpt } from '../../../shared/excerpt';

/**
 * A SalesIQ visit's fields, as the Visits module and each person's Visits_Zoho_Livedesk related
 * list name them. The sync asks only for those the organisation's metadata lists (an unknown name
 * in `fields` makes v8 refuse the whole request).
 */
export const VISIT_FIELDS = [
  'Name',
  'Visitor_Name',
  'Email',
  'Contact_Name',
  'Lead_Name',
  'IP_Address',
  'Visited_Time',
  'Time_Spent',
  'Referrer',
  'Search_Engine',
  'Search_Keyword',
  'Visited_Pages',
  'Actions_Performed',
  'Number_Of_Chats',
  'Modified_Time',
];

/** Visited_Pages holds one page a line: "ISO-time URL" or just the URL. */
function listedPages(rec: ZohoRecord, startedAt: number): VisitPageWrite[] {
  const lines = (text(rec, 'Visited_Pages') ?? '').split('\n').map((l) => l.trim());
  return lines
    .filter((l) => l !== '')
    .map((line) => {
      const [first, second] = line.split(/\s+/, 2);
      const at = second !== undefined ? Date.parse(first ?? '') : NaN;
      return {
        url: second !== undefined && Number.isFinite(at) ? second : line,
        title: null,
        viewed_at: Number.isFinite(at) ? at : startedAt,
        time_spent_s: null,
      };
    });
}

interface VisitAction {
  type: string | null;
  at: number | null;
  page: string | null;
}

/**
 * Actions_Performed: a text in some organisations, in others SalesIQ's sub-list of actions
 * (`Action_Type`, `Action_Performed_Time`, and for a page view `Visited_Page`). Null for text.
 */
function actionList(rec: ZohoRecord): VisitAction[] | null {
  const v = rec['Actions_Performed'];
  if (!Array.isArray(v)) return null;
  return v.map((entry: unknown, i) => {
    if (!entry || typeof entry !== 'object')
      throw new MalformedRecordError(
        `Actions_Performed[${i}]: expected an action (got ${excerpt(JSON.stringify(entry) ?? 'nothing')})`,
      );
    const action = entry as ZohoRecord;
    return {
      type: text(action, 'Action_Type'),
      at: instant(action, 'Action_Performed_Time'),
      page: text(action, 'Visited_Page'),
    };
  });
}

/** Modified_Time, or null: the Visits module's listing checks it (zohoModules.ts), a related
 * list's visit is taken without (listedVisit). */
function modifiedTime(rec: ZohoRecord): number | null {
  const v = rec['Modified_Time'];
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(ms) ? ms : null;
}

/**
 * A visit's rows. `personId` is the lead or contact whose related list listed it (the list does
 * not always repeat the lookup); from the Visits module the visit names its person itself.
 */
function visitWrites(rec: ZohoRecord, personId: string | null): LocalWrite[] {
  const id = recordId(rec);
  const startedAt = requiredInstant(rec, 'Visited_Time');
  // SalesIQ reports the time spent in minutes (VT-4); we store seconds.
  const spentS = Math.round((number(rec, 'Time_Spent') ?? 0) * 60);
  const person = personId ?? lookupId(rec, 'Contact_Name') ?? lookupId(rec, 'Lead_Name');
  const actions = actionList(rec);
  let pages = listedPages(rec, startedAt);
  if (pages.length === 0 && actions)
    pages = actions.flatMap((a) =>
      a.page
        ? [{ url: a.page, title: null, viewed_at: a.at ?? startedAt, time_spent_s: null }]
        : [],
    );
  // Chat actions carry when each chat began; the bare count starts each at the visit's start.
  const chatTimes = (actions ?? [])
    .filter((a) => a.type !== null && /chat/i.test(a.type))
    .map((a) => a.at ?? startedAt);
  const count = Math.max(0, Math.round(number(rec, 'Number_Of_Chats') ?? 0));
  const starts = chatTimes.length > 0 ? chatTimes : Array.from({ length: count }, () => startedAt);
  const chats: ChatWrite[] = starts.map((at, i) => ({
    id: `${id}-chat-${i + 1}`,
    person_id: person,
    operator_id: null,
    started_at: at,
    ended_at: null,
  }));
  return [
    {
      table: 'visits',
      row: {
        id,
        person_id: person,
        visitor_name: text(rec, 'Visitor_Name') ?? text(rec, 'Name'),
        visitor_email: emailOf(rec),
        ip: text(rec, 'IP_Address'),
        started_at: startedAt,
        ended_at: spentS > 0 ? startedAt + spentS * 1000 : null,
        time_spent_s: spentS,
        referrer: text(rec, 'Referrer'),
        search_engine: text(rec, 'Search_Engine'),
        search_keyword: text(rec, 'Search_Keyword'),
        // Kept as SalesIQ wrote it (text, or its sub-list as JSON) for the Visits page.
        actions: actions
          ? JSON.stringify(rec['Actions_Performed'])
          : text(rec, 'Actions_Performed'),
        // A related list may leave it out: then the next copy read replaces this one.
        modified_at: modifiedTime(rec),
      },
      pages,
      chats,
    },
  ];
}

export function mapVisit(rec: ZohoRecord): LocalWrite[] {
  return visitWrites(rec, null);
}

/**
 * A visit read from a person's related list, as a record the sync stores; a malformed one comes
 * back with its error. A listed visit may carry no Modified_Time: its visit time stands in.
 */
export function listedVisit(raw: unknown, personId: string): PulledRecord {
  const rec = (raw && typeof raw === 'object' ? raw : {}) as ZohoRecord;
  const id =
    typeof rec['id'] === 'string' || typeof rec['id'] === 'number' ? String(rec['id']) : '';
  const stamp = (field: string): number => {
    const v = rec[field];
    const ms = typeof v === 'string' ? Date.parse(v) : NaN;
    return Number.isFinite(ms) ? ms : 0;
  };
  const modifiedAt = stamp('Modified_Time') || stamp('Visited_Time');
  try {
    if (!id) throw new MalformedRecordError('id: is required');
    return { id, modifiedAt, writes: visitWrites(rec, personId), raw };
  } catch (error) {
    if (!(error instanceof MalformedRecordError)) throw error;
    return { id: id || '(no id)', modifiedAt, writes: [], error: error.message, raw };
  }
}
