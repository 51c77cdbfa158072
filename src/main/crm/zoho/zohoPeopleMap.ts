import type { DealStatus, LocalWrite } from '../crmSource';
import {
  instant,
  lookupId,
  number,
  recordId,
  requiredInstant,
  requiredText,
  text,
  type ZohoRecord,
  emailOf,
} from './zohoFieldValues';

/**
 * The SalesIQ visit summary Zoho keeps on leads and contacts (VT-3), as Zoho's SDKs name it; an
 * organisation without the SalesIQ integration has none of them (the sync asks only for the
 * fields the organisation's metadata lists).
 */
const VISIT_SUMMARY_FIELDS = [
  'Days_Visited',
  'Number_Of_Chats',
  'Average_Time_Spent_Minutes',
  'Last_Visited_Time',
  'First_Visited_Time',
  'First_Visited_URL',
  'Referrer',
  'Visitor_Score',
] as const;

const PEOPLE_FIELDS = [
  'First_Name',
  'Last_Name',
  'Email',
  'Phone',
  'Mobile',
  'Owner',
  'Lead_Source',
  'Created_Time',
  'Modified_Time',
  ...VISIT_SUMMARY_FIELDS,
];
// Each module's own names: leads hold the job title in Designation, contacts in Title; only
// leads have a status, a company and a plain Country.
export const LEAD_FIELDS = [...PEOPLE_FIELDS, 'Designation', 'Lead_Status', 'Company', 'Country'];
export const CONTACT_FIELDS = [...PEOPLE_FIELDS, 'Title', 'Account_Name', 'Mailing_Country'];
export const ACCOUNT_FIELDS = [
  'Account_Name',
  'Industry',
  'Website',
  'Billing_Country',
  'Owner',
  'Modified_Time',
];
export const DEAL_FIELDS = [
  'Deal_Name',
  'Stage',
  'Amount',
  'Currency',
  'Closing_Date',
  'Contact_Name',
  'Account_Name',
  'Owner',
  'Modified_Time',
];

// Lead sources that mean the person filled in a form on the website (BT-1 signal 9).
const WEB_FORM_SOURCES = new Set(['Web Form', 'Web Download', 'Online Store']);

function wholeOrNull(n: number | null): number | null {
  return n === null ? null : Math.round(n);
}

export function mapPerson(rec: ZohoRecord, module: 'Leads' | 'Contacts'): LocalWrite[] {
  const id = recordId(rec);
  const createdAt = requiredInstant(rec, 'Created_Time');
  const lead = module === 'Leads';
  const person: LocalWrite = {
    table: 'people',
    row: {
      id,
      module: lead ? 'lead' : 'contact',
      first_name: text(rec, 'First_Name'),
      last_name: requiredText(rec, 'Last_Name'),
      email: emailOf(rec),
      phone: text(rec, 'Phone') ?? text(rec, 'Mobile'),
      // Leads carry the job title in Designation, contacts in Title.
      title: text(rec, 'Designation') ?? text(rec, 'Title'),
      company: lead ? text(rec, 'Company') : null,
      account_id: lead ? null : lookupId(rec, 'Account_Name'),
      owner_id: lookupId(rec, 'Owner'),
      country: lead ? text(rec, 'Country') : text(rec, 'Mailing_Country'),
      time_zone: null,
      lead_status: text(rec, 'Lead_Status'),
      lead_source: text(rec, 'Lead_Source'),
      days_visited: wholeOrNull(number(rec, 'Days_Visited')),
      chats_count: wholeOrNull(number(rec, 'Number_Of_Chats')),
      avg_time_spent_min: number(rec, 'Average_Time_Spent_Minutes'),
      first_visit_at: instant(rec, 'First_Visited_Time'),
      last_visit_at: instant(rec, 'Last_Visited_Time'),
      first_visited_url: text(rec, 'First_Visited_URL'),
      visit_referrer: text(rec, 'Referrer'),
      visitor_score: wholeOrNull(number(rec, 'Visitor_Score')),
      created_at: createdAt,
      modified_at: requiredInstant(rec, 'Modified_Time'),
    },
  };
  const writes: LocalWrite[] = [person];
  const source = text(rec, 'Lead_Source');
  // A lead whose source changed away from the website (entered wrongly) has no web form: the
  // signal an earlier copy gave goes.
  if (lead && !(source && WEB_FORM_SOURCES.has(source)))
    writes.push({
      table: 'removed',
      row: { table: 'activities', id: `${id}-webform`, modified_at: null },
    });
  if (lead && source && WEB_FORM_SOURCES.has(source)) {
    writes.push({
      table: 'activities',
      row: {
        id: `${id}-webform`,
        person_id: id,
        owner_id: person.row.owner_id,
        signal: 'web_form_submitted',
        kind: 'form',
        channel: 'web',
        direction: 'in',
        started_at: createdAt,
        duration_s: null,
        subject: `Web form (${source})`,
        status: 'completed',
        source_module: 'Leads',
        source_id: id,
      },
    });
  }
  return writes;
}

export function mapAccount(rec: ZohoRecord): LocalWrite[] {
  return [
    {
      table: 'accounts',
      row: {
        id: recordId(rec),
        name: requiredText(rec, 'Account_Name'),
        industry: text(rec, 'Industry'),
        website: text(rec, 'Website'),
        country: text(rec, 'Billing_Country'),
        owner_id: lookupId(rec, 'Owner'),
        modified_at: requiredInstant(rec, 'Modified_Time'),
      },
    },
  ];
}

/**
 * A stage's outcome: as the organisation defines it where its metadata says (each stage's
 * forecast type), else by the usual names, which real organisations do not all keep to.
 */
function dealStatus(stage: string, stages: Readonly<Record<string, DealStatus>> = {}): DealStatus {
  const defined = stages[stage];
  if (defined) return defined;
  const s = stage.toLowerCase();
  // "Closed Won", "Closed - Won", "Closed (Won)", "Won - Signed"; "Closed Lost", "Closed".
  if (/\bwon\b/.test(s)) return 'won';
  if (s.startsWith('closed') || /\blost\b/.test(s)) return 'lost';
  return 'open';
}

export function mapDeal(
  rec: ZohoRecord,
  stages?: Readonly<Record<string, DealStatus>>,
): LocalWrite[] {
  const stage = requiredText(rec, 'Stage');
  return [
    {
      table: 'deals',
      row: {
        id: recordId(rec),
        name: requiredText(rec, 'Deal_Name'),
        stage,
        status: dealStatus(stage, stages),
        amount: number(rec, 'Amount'),
        currency: text(rec, 'Currency'),
        closing_date: text(rec, 'Closing_Date'),
        person_id: lookupId(rec, 'Contact_Name'),
        account_id: lookupId(rec, 'Account_Name'),
        owner_id: lookupId(rec, 'Owner'),
        modified_at: requiredInstant(rec, 'Modified_Time'),
      },
    },
  ];
}
