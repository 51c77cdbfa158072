import {
  CrmDataSet,
  zohoTime,
  type SalesIqKind,
  type ZEmail,
  type ZRecord,
  type ZUser,
} from './crmDataSet';
import { SALESIQ_SUMMARY_FIELDS } from './crmOrgMetadata';

const ZOHO_MODULE_NAMES = [
  'Accounts',
  'Contacts',
  'Leads',
  'Deals',
  'Calls',
  'Events',
  'Tasks',
  'Cases',
  'Visits',
];

/** A small deterministic generator, so a seed always builds the same organisation. */
export class Seeded {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  next(): number {
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state / 2 ** 32;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
}

export function userFactory(
  id: string,
  name: string,
  reportsTo: ZUser | null,
  admin = false,
): ZUser {
  return {
    id,
    full_name: name,
    email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.test`,
    time_zone: 'Europe/Berlin',
    status: 'active',
    role: { id: `role-${admin ? 'ceo' : 'sales'}`, name: admin ? 'CEO' : 'Sales' },
    profile: { id: admin ? 'p-admin' : 'p-std', name: admin ? 'Administrator' : 'Standard' },
    Reporting_To: reportsTo ? { id: reportsTo.id, name: reportsTo.full_name } : null,
  };
}

const lookup = (rec: ZRecord | undefined): { id: string; name: string } | null =>
  rec ? { id: rec.id, name: String(rec['Last_Name'] ?? rec['Account_Name'] ?? rec.id) } : null;

export function leadFields(n: number, owner: ZUser, r: Seeded): Record<string, unknown> {
  return {
    First_Name: `Lea${n}`,
    Last_Name: `Lead ${n}`,
    Email: `lead${n}@prospect.test`,
    Phone: `+49 30 ${100000 + n}`,
    Company: `Prospect ${n} GmbH`,
    Designation: 'Buyer',
    Country: 'Germany',
    Owner: { id: owner.id, name: owner.full_name },
    Lead_Status: r.pick(['Not Contacted', 'Contacted', 'Qualified']),
    Lead_Source: r.pick(['Web Form', 'Cold Call', 'Trade Show']),
    Days_Visited: r.int(0, 9),
    Number_Of_Chats: r.int(0, 3),
    Average_Time_Spent_Minutes: r.int(1, 30) / 2,
    Visitor_Score: r.int(0, 100),
    First_Visited_URL: 'https://example.test/pricing',
    Referrer: 'https://www.google.com/',
  };
}

function contactFields(
  n: number,
  owner: ZUser,
  account: ZRecord | undefined,
): Record<string, unknown> {
  return {
    First_Name: `Cora${n}`,
    Last_Name: `Contact ${n}`,
    Email: `contact${n}@customer.test`,
    Phone: `+49 40 ${200000 + n}`,
    Title: 'Head of Purchasing',
    Mailing_Country: 'Germany',
    Account_Name: lookup(account),
    Owner: { id: owner.id, name: owner.full_name },
    Lead_Source: 'Cold Call',
  };
}

function callFields(
  person: ZRecord,
  module: 'Leads' | 'Contacts',
  owner: ZUser,
  at: number,
  r: Seeded,
): Record<string, unknown> {
  const type = r.pick(['Outbound', 'Outbound', 'Inbound', 'Missed']);
  const seconds = type === 'Missed' ? 0 : r.int(10, 900);
  return {
    Subject: `${type} call`,
    Call_Type: type,
    Call_Start_Time: zohoTime(at),
    Call_Duration: `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`,
    Call_Duration_in_seconds: seconds,
    Outgoing_Call_Status: type === 'Outbound' ? 'Completed' : null,
    Owner: { id: owner.id, name: owner.full_name },
    ...(module === 'Contacts'
      ? { Who_Id: lookup(person), What_Id: null }
      : { Who_Id: null, What_Id: lookup(person), $se_module: 'Leads' }),
  };
}

/** A mail in a person's Emails list: sent by the owner unless `received`; statuses as Zoho lists them. */
export function emailFields(
  person: ZRecord,
  owner: ZUser,
  at: number,
  options: { received?: boolean; opened?: number[]; clicked?: number[]; id?: string } = {},
): ZEmail {
  const them = { user_name: String(person['Last_Name']), email: String(person['Email']) };
  const us = { user_name: owner.full_name, email: owner.email };
  const status: Record<string, unknown>[] = [];
  if (options.received) status.push({ type: 'received' });
  else status.push({ type: 'sent' });
  const opens = options.opened ?? [];
  if (opens.length)
    status.push({
      type: 'opened',
      first_open: zohoTime(Math.min(...opens)),
      last_open: zohoTime(Math.max(...opens)),
      count: String(opens.length),
    });
  const clicks = options.clicked ?? [];
  if (clicks.length)
    status.push({
      type: 'clicked',
      first_click: zohoTime(Math.min(...clicks)),
      last_click: zohoTime(Math.max(...clicks)),
      count: String(clicks.length),
    });
  return {
    message_id: options.id ?? `m${at.toString(36)}${person.id}`,
    subject: options.received ? 'Re: our offer' : 'Our offer',
    sent: !options.received,
    time: zohoTime(at),
    owner: { id: owner.id, name: owner.full_name },
    from: options.received ? them : us,
    to: [options.received ? us : them],
    source: options.received ? 'imap' : 'individual',
    read: true,
    has_attachment: false,
    cc: null,
    summary: null,
    intent: null,
    sentiment_info: null,
    emotion: null,
    linked_record: null,
    status,
  };
}

export interface OrgSize {
  accounts: number;
  contacts: number;
  leads: number;
  deals: number;
  callsPerPerson: number;
  events: number;
  tasks: number;
  cases: number;
  visits: number;
}

const SMALL_ORG: OrgSize = {
  accounts: 6,
  contacts: 20,
  leads: 25,
  deals: 8,
  callsPerPerson: 2,
  events: 6,
  tasks: 6,
  cases: 5,
  visits: 12,
};

/** Over 5,000 records (the first sync's head-start threshold), a third of the people each rep's. */
export const HEAD_START_ORG: OrgSize = {
  accounts: 300,
  contacts: 1500,
  leads: 1200,
  deals: 100,
  callsPerPerson: 1,
  events: 200,
  tasks: 100,
  cases: 20,
  visits: 50,
};

/**
 * The kind of organisation: how it has SalesIQ (see SalesIqKind; visits are generated unless it
 * has none) and whether its edition has Cases.
 */
export interface OrgKind {
  salesIq: SalesIqKind;
  cases: boolean;
  /** The server's clock when the first record is written (CrmDataSet's default otherwise). */
  start: number;
}

/** An organisation built from the factories above; each record modified at its own second. */
export function buildOrganisation(
  seed: number,
  size: Partial<OrgSize> = {},
  kind: Partial<OrgKind> = {},
): CrmDataSet {
  const { salesIq = 'module', cases = true } = kind;
  const s = {
    ...SMALL_ORG,
    ...size,
    ...(cases ? {} : { cases: 0 }),
    ...(salesIq === 'none' ? { visits: 0 } : {}),
  };
  const r = new Seeded(seed);
  const data = new CrmDataSet(kind.start);
  data.salesIq = salesIq;
  for (const m of ZOHO_MODULE_NAMES)
    if ((m !== 'Cases' || cases) && (m !== 'Visits' || salesIq !== 'none')) data.table(m);
  const boss = userFactory('u1', 'Mia Boss', null, true);
  const reps = [
    userFactory('u2', 'Ren Rep', boss),
    userFactory('u3', 'Kai Rep', boss),
    userFactory('u4', 'Ada Rep', boss),
  ];
  data.users = [boss, ...reps];
  data.businessHours = {
    type: 'custom',
    week_starts_on: 'Monday',
    same_as_everyday: true,
    business_days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
    daily_timing: ['09:00', '18:00'],
  };
  const accounts: ZRecord[] = [];
  for (let i = 1; i <= s.accounts; i++) {
    const owner = r.pick(reps);
    accounts.push(
      data.insert('Accounts', {
        Account_Name: `Customer ${i} AG`,
        Industry: 'Manufacturing',
        Website: `https://c${i}.test`,
        Billing_Country: 'Germany',
        Owner: { id: owner.id, name: owner.full_name },
      }),
    );
  }
  const contacts: ZRecord[] = [];
  for (let i = 1; i <= s.contacts; i++)
    contacts.push(data.insert('Contacts', contactFields(i, r.pick(reps), r.pick(accounts))));
  const leads: ZRecord[] = [];
  for (let i = 1; i <= s.leads; i++) {
    const fields = Object.entries(leadFields(i, r.pick(reps), r)).filter(
      // Without SalesIQ a lead has no visit summary fields at all.
      ([k]) => salesIq !== 'none' || !SALESIQ_SUMMARY_FIELDS.includes(k),
    );
    leads.push(data.insert('Leads', Object.fromEntries(fields)));
  }
  for (let i = 1; i <= s.deals; i++) {
    const owner = r.pick(reps);
    data.insert('Deals', {
      Deal_Name: `Deal ${i}`,
      Stage: r.pick(['Qualification', 'Closed Won', 'Closed Lost', 'Negotiation/Review']),
      Amount: r.int(1, 90) * 1000,
      Closing_Date: '2026-03-31',
      Contact_Name: lookup(r.pick(contacts)),
      Account_Name: lookup(r.pick(accounts)),
      Owner: { id: owner.id, name: owner.full_name },
    });
  }
  const history = Date.UTC(2025, 11, 1, 9, 0, 0);
  for (const [module, people] of [
    ['Contacts', contacts],
    ['Leads', leads],
  ] as const)
    for (const p of people)
      for (let c = 0; c < s.callsPerPerson; c++)
        data.insert(
          'Calls',
          callFields(p, module, r.pick(reps), history + r.int(0, 30 * 86_400) * 1000, r),
        );
  for (let i = 1; i <= s.events; i++) {
    const p = r.pick(contacts);
    const start = history + r.int(0, 60 * 86_400) * 1000;
    data.insert('Events', {
      Event_Title: `Meeting ${i}`,
      Start_DateTime: zohoTime(start),
      End_DateTime: zohoTime(start + 3_600_000),
      Who_Id: lookup(p),
      Owner: { id: 'u2', name: 'Ren Rep' },
    });
  }
  for (let i = 1; i <= s.tasks; i++)
    data.insert('Tasks', {
      Subject: `Send offer ${i}`,
      Due_Date: '2026-02-01',
      Status: r.pick(['Not Started', 'Completed']),
      Closed_Time: null,
      Who_Id: lookup(r.pick(contacts)),
      Owner: { id: 'u3', name: 'Kai Rep' },
    });
  for (let i = 1; i <= s.cases; i++)
    data.insert('Cases', {
      Subject: `Problem ${i}`,
      Status: 'New',
      Case_Origin: 'Web',
      Related_To: lookup(r.pick(contacts)),
      Owner: { id: 'u4', name: 'Ada Rep' },
    });
  for (let i = 1; i <= s.visits; i++) {
    const lead = r.pick(leads);
    const at = history + r.int(0, 30 * 86_400) * 1000;
    data.insert('Visits', {
      Name: `Visit ${i}`,
      Visitor_Name: lead['Last_Name'],
      Email: lead['Email'],
      Lead_Name: lookup(lead),
      IP_Address: `10.0.0.${i}`,
      Visited_Time: zohoTime(at),
      Time_Spent: r.int(1, 20),
      Referrer: 'https://www.google.com/',
      Search_Engine: 'Google',
      Search_Keyword: 'crm',
      ...(salesIq === 'related-list'
        ? // As SalesIQ lists a visit's actions: page views and chats, each with its time.
          {
            Actions_Performed: [
              {
                Action_Type: 'Page Visited',
                Action_Performed_Time: zohoTime(at),
                Visited_Page: 'https://example.test/',
              },
              {
                Action_Type: 'Page Visited',
                Action_Performed_Time: zohoTime(at + 60_000),
                Visited_Page: 'https://example.test/pricing',
              },
              ...(i % 3 === 0
                ? [{ Action_Type: 'Chat', Action_Performed_Time: zohoTime(at + 90_000) }]
                : []),
            ],
          }
        : {
            Visited_Pages: `${zohoTime(at)} https://example.test/\n${zohoTime(at + 60_000)} https://example.test/pricing`,
            Number_Of_Chats: r.int(0, 2),
          }),
    });
  }
  // SalesIQ keeps each visitor's first and last visit on the lead (set in place: the lead's
  // Modified_Time, and so every other record's, stays as generated).
  for (const visit of data.modules.get('Visits')?.values() ?? []) {
    const lead = data.table('Leads').get((visit['Lead_Name'] as { id: string }).id);
    if (!lead) continue;
    const at = String(visit['Visited_Time']);
    const first = lead['First_Visited_Time'];
    const last = lead['Last_Visited_Time'];
    if (typeof first !== 'string' || Date.parse(at) < Date.parse(first))
      lead['First_Visited_Time'] = at;
    if (typeof last !== 'string' || Date.parse(at) > Date.parse(last))
      lead['Last_Visited_Time'] = at;
  }
  return data;
}
