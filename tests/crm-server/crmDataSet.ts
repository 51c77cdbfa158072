import { SALESIQ_SUMMARY_FIELDS, STANDARD_FIELDS } from './crmOrgMetadata';
import { DEFAULT_CALL_RESULTS } from './callRecords';

/** The test server's organisation: records per module, a recycle bin and a second-grained clock. */
export type ZRecord = Record<string, unknown> & { id: string; Modified_Time: string };

export interface DeletedEntry {
  id: string;
  display_name: string;
  type: 'recycle' | 'permanent';
  deleted_time: string;
  deleted_by: { id: string; name: string };
}

/** One entry of a record's Emails related list, as Zoho's v8 API answers it. */
export interface ZEmail {
  message_id: string;
  subject: string;
  /** True for a mail sent to the person, false for one the person sent. */
  sent: boolean;
  time: string;
  owner: { id: string; name: string } | null;
  from: { user_name: string | null; email: string };
  to: { user_name: string | null; email: string }[];
  source: string;
  read: boolean;
  status: Record<string, unknown>[];
  [field: string]: unknown;
}

export interface ZUser {
  id: string;
  full_name: string;
  email: string;
  time_zone: string;
  status: 'active' | 'disabled';
  role: { id: string; name: string };
  profile: { id: string; name: string };
  Reporting_To: { id: string; name: string } | null;
  /** The shift the user works now (`shiftHours`), as Zoho's users list names it. */
  $current_shift?: { id: string; name: string } | null;
}

/** Zoho writes date-times with the user's offset; the server uses +05:30 to keep clients honest. */
export function zohoTime(ms: number): string {
  const shifted = new Date(ms + 330 * 60_000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${shifted}+05:30`;
}

const PERSON_LINKS = ['Who_Id', 'What_Id', 'Related_To', 'Contact_Name', 'Lead_Name'];
const PERSON_CHILDREN = ['Calls', 'Events', 'Tasks', 'Cases', 'Visits'];

/**
 * How the organisation has SalesIQ (website visits): `module`, the Visits module served by the
 * API (and each person's visits related list); `related-list`, visits only through each lead's and
 * contact's Visits_Zoho_Livedesk list (the Visits module is listed but not for the API); `none`,
 * no integration: no Visits module, no visit summary fields, no related list.
 */
export type SalesIqKind = 'module' | 'related-list' | 'none';

/** An organisation variable as Zoho's `/settings/variables` lists it. */
export interface ZVariable {
  id: string;
  api_name: string;
  name: string;
  description: string | null;
  source: string;
  type: string;
  variable_group: { id: string; api_name: string; name: string };
  read_only: boolean;
  value: unknown;
}

/** `license_details` in Zoho's answer to `GET /org`: the edition and user licences. */
export interface ZLicence {
  paid_expiry: string | null;
  users_license_purchased: number;
  trial_type: string | null;
  trial_expiry: string | null;
  paid: boolean;
  /** free, standard, professional, enterprise, ultimate, crmplus, zohoone. */
  paid_type: string;
  portal_users_license_purchased: number;
}

/** An organisation's licence as Zoho answers it: the free edition is not paid for. */
export function licenceDetails(paidType: string, users: number): ZLicence {
  return {
    paid_expiry: paidType === 'free' ? null : '2027-12-31T00:00:00+01:00',
    users_license_purchased: users,
    trial_type: null,
    trial_expiry: null,
    paid: paidType !== 'free',
    paid_type: paidType,
    portal_users_license_purchased: 0,
  };
}

export class CrmDataSet {
  /** Current server time, ms; each change moves it one second on, so times are ordered. */
  clock: number;
  readonly modules = new Map<string, Map<string, ZRecord>>();
  readonly deleted = new Map<string, DeletedEntry[]>();
  /**
   * Converted leads: Zoho keeps them, marked `$converted` with a `$converted_detail`, out of the
   * Leads listing (unless `converted=true|both`) and out of /Leads/deleted.
   */
  readonly convertedLeads = new Map<string, ZRecord>();
  /**
   * How `$converted_detail` names the contact and whether a listing carries it: Zoho's samples
   * differ (an id, or `{ name, id }`), and a listing with `fields` may leave it out.
   */
  convertedDetail: { contactAs: 'id' | 'object'; inListing: boolean } = {
    contactAs: 'id',
    inListing: false,
  };
  /**
   * How `GET /{module}?ids=` answers an id it shows no record for, which Zoho does not document:
   * the id of no record (deleted, or never there) left out of `data` (the default) or the whole
   * request refused (400 INVALID_DATA naming the id); a converted lead's left out, or returned
   * with `$converted: true`. `convertedWithIds`: `converted` applied beside `ids` (Get Records
   * documents both) or ignored, the answer then a plain read by id.
   */
  idsAnswer: {
    deleted: 'left-out' | 'refused';
    converted: 'left-out' | 'returned';
    convertedWithIds: 'applied' | 'ignored';
  } = {
    deleted: 'left-out',
    converted: 'left-out',
    convertedWithIds: 'applied',
  };
  /** Records the signed-in user may not see now (`unshare`), by `module/id`, as they were. */
  private readonly hidden = new Map<string, ZRecord>();
  private sortedCache = new Map<string, ZRecord[]>();
  users: ZUser[] = [];
  org: { id: string; company_name: string; time_zone: string; license_details?: ZLicence } = {
    id: 'org1',
    company_name: 'Test Org',
    time_zone: 'Europe/Berlin',
    // A large paid organisation (150,000 credits a day): the app's credit budget leaves any
    // test's schedule as set; the budget's own tests give the licence they need.
    license_details: licenceDetails('enterprise', 100),
  };
  /** Whose sign-in the server's tokens are (`users?type=CurrentUser`); the first user when unset. */
  currentUserId: string | null = null;
  businessHours: Record<string, unknown> | null = null;
  /**
   * `/settings/business_hours/shift_hours`'s shifts as Zoho lists them (id, name, timezone,
   * shift_days, daily_timing, custom_timing, break_hours, users…); none: 204. A user works one
   * when their `$current_shift` names it.
   */
  shiftHours: Record<string, unknown>[] = [];
  /**
   * `/settings/holidays`'s holidays as Zoho lists them (`id`, `name`, `date`, `year`, `type`
   * business_holiday or shift_holiday, `shift_hour` { id, name } of a shift holiday, null of a
   * business one); `year`, `type` and `shift_id` filter them; none: 204.
   */
  holidays: Record<string, unknown>[] = [];
  /**
   * The Deals Stage field's picklist (`/settings/fields?module=Deals`): each stage's name and its
   * forecast type (Open, Closed Won, Closed Lost), as an organisation set them. Zoho's defaults.
   */
  dealStages: { name: string; forecastType: string }[] = [
    { name: 'Qualification', forecastType: 'Open' },
    { name: 'Needs Analysis', forecastType: 'Open' },
    { name: 'Value Proposition', forecastType: 'Open' },
    { name: 'Id. Decision Makers', forecastType: 'Open' },
    { name: 'Proposal/Price Quote', forecastType: 'Open' },
    { name: 'Negotiation/Review', forecastType: 'Open' },
    { name: 'Closed Won', forecastType: 'Closed Won' },
    { name: 'Closed Lost', forecastType: 'Closed Lost' },
    { name: 'Closed-Lost to Competition', forecastType: 'Closed Lost' },
  ];
  /** Notes on records (`GET /Notes`, notesListing.ts), by id: SalesIQ's chat transcripts among them. */
  readonly notes = new Map<string, ZRecord>();
  /** Each person's Emails related list, by person id, newest first. */
  readonly emails = new Map<string, ZEmail[]>();
  /** False: the token lacks ZohoCRM.modules.emails.READ and the Emails lists answer 401. */
  emailScope = true;
  salesIq: SalesIqKind = 'module';
  /** False: the token lacks the settings scope: the metadata and business hours answer 401. */
  settingsScope = true;
  /** The organisation's variables (`/settings/variables`), as Zoho lists them. */
  variables: ZVariable[] = [];
  /** False: the token lacks ZohoCRM.settings.variables.ALL: creating or changing one answers 401. */
  variablesScope = true;
  /** False: the signed-in user's profile may not change variables (not an admin): 403. */
  variablesWritable = true;
  /** False: the token lacks ZohoSearch.securesearch.READ and searches answer 401. */
  searchScope = true;
  /** How long after its creation (by `clock`) a record shows in searches, as Zoho's index lags. */
  searchLagMs = 0;
  /** Fields taken out of a module (an organisation without them). */
  readonly absentFields = new Map<string, Set<string>>();
  /** Fields an administrator gave another type than the usual (`module.field` → Zoho data_type). */
  readonly fieldTypes = new Map<string, string>();
  /** Fields an administrator made mandatory: a create without them is refused. */
  readonly mandatoryFields = new Map<string, Set<string>>();
  /** Fields an administrator set to allow no duplicate values ("Do not allow duplicate values"). */
  readonly uniqueFields = new Map<string, Set<string>>();
  /** The org's Call_Result picklist: the default layout's unless a test gives its own. */
  callResults: readonly string[] = DEFAULT_CALL_RESULTS;
  private nextId = 5_000_000_000;
  private fieldCache = new Map<string, Set<string>>();

  constructor(start = Date.UTC(2026, 0, 5, 8, 0, 0)) {
    this.clock = start;
  }

  newId(): string {
    return String(++this.nextId);
  }

  tick(): number {
    this.clock += 1000;
    return this.clock;
  }

  table(module: string): Map<string, ZRecord> {
    let t = this.modules.get(module);
    if (!t) this.modules.set(module, (t = new Map()));
    return t;
  }

  /** An organisation without the module (an edition without Cases): the API refuses it. */
  removeModule(module: string): void {
    this.modules.delete(module);
    this.changed(module);
  }

  /** An organisation without the field: asking for it in `fields` is refused. */
  removeField(module: string, field: string): void {
    const absent = this.absentFields.get(module) ?? new Set();
    absent.add(field);
    this.absentFields.set(module, absent);
    this.changed(module);
  }

  /** An administrator adds a custom field to the module and makes it mandatory. */
  requireField(module: string, field: string): void {
    const required = this.mandatoryFields.get(module) ?? new Set();
    required.add(field);
    this.mandatoryFields.set(module, required);
    this.absentFields.get(module)?.delete(field);
    this.changed(module);
  }

  /** Whether the records API serves the module (listing, count, deleted, search, upsert). */
  apiServes(module: string): boolean {
    if (!this.modules.has(module)) return false;
    return module !== 'Visits' || this.salesIq === 'module';
  }

  /** Whether the organisation has the module at all (in `/settings/modules`, API or not). */
  hasModule(module: string): boolean {
    return this.modules.has(module) && (module !== 'Visits' || this.salesIq !== 'none');
  }

  /** The module's fields: its standard ones, SalesIQ's, and any its records carry. */
  fieldsOf(module: string): Set<string> {
    let fields = this.fieldCache.get(module);
    if (!fields) {
      fields = new Set([
        ...(STANDARD_FIELDS[module] ?? []),
        ...(this.mandatoryFields.get(module) ?? []),
      ]);
      if ((module === 'Leads' || module === 'Contacts') && this.salesIq !== 'none')
        for (const f of SALESIQ_SUMMARY_FIELDS) fields.add(f);
      for (const r of this.modules.get(module)?.values() ?? [])
        for (const k of Object.keys(r)) if (k !== 'id' && !k.startsWith('$')) fields.add(k);
      for (const f of this.absentFields.get(module) ?? []) fields.delete(f);
      this.fieldCache.set(module, fields);
    }
    return fields;
  }

  private changed(module: string): void {
    this.sortedCache.delete(module);
    this.fieldCache.delete(module);
    if (module === 'Leads')
      for (const c of ['true', 'both']) this.sortedCache.delete(`Leads:converted=${c}`);
  }

  /** Adds a record; without a Modified_Time it gets the next second. */
  insert(module: string, fields: Record<string, unknown>, at?: number): ZRecord {
    const id = typeof fields['id'] === 'string' ? fields['id'] : this.newId();
    const time = at ?? this.tick();
    const rec = {
      Created_Time: zohoTime(time),
      ...fields,
      id,
      Modified_Time: zohoTime(time),
    } as ZRecord;
    this.table(module).set(id, rec);
    this.changed(module);
    return rec;
  }

  /**
   * Adds a note to a record (a lead's, a contact's) as Zoho keeps it: `Note_Content` given as it
   * is (a test may give a malformed one), `Parent_Id` naming the record, `$attachments` the files
   * on it (attachments.json's Attachment).
   */
  addNote(
    parent: { module: string; id: string },
    title: string | null,
    content: unknown,
    at?: number,
    files: readonly string[] = [],
  ): ZRecord {
    const time = at ?? this.tick();
    const rec = this.table(parent.module).get(parent.id);
    const note = {
      id: this.newId(),
      Note_Title: title,
      Note_Content: content,
      Parent_Id: {
        module: { api_name: parent.module, id: String(1_000_000 + parent.module.length) },
        name: String(rec?.['Last_Name'] ?? parent.id),
        id: parent.id,
      },
      Created_Time: zohoTime(time),
      Modified_Time: zohoTime(time),
      $attachments: files.map((name, i) => ({
        $file_id: `file-${time}-${i}`,
        File_Name: name,
        Size: '2048',
        id: `${this.newId()}`,
      })),
    } as ZRecord;
    this.notes.set(note.id, note);
    return note;
  }

  /**
   * Deletes a note (`DELETE /Notes/{id}`): it leaves `GET /Notes` and is listed by
   * `GET /Notes/deleted`, as the records API lists any module's deleted records.
   */
  removeNote(id: string, type: DeletedEntry['type'] = 'recycle'): void {
    const note = this.notes.get(id);
    if (!note) return;
    this.notes.delete(id);
    const bin = this.deleted.get('Notes') ?? [];
    bin.push({
      id,
      display_name: String(note['Note_Title'] ?? ''),
      type,
      deleted_time: zohoTime(this.tick()),
      deleted_by: { id: this.users[0]?.id ?? '1', name: this.users[0]?.full_name ?? 'Admin' },
    });
    this.deleted.set('Notes', bin);
  }

  modify(module: string, id: string, patch: Record<string, unknown>): ZRecord {
    const rec = this.table(module).get(id);
    if (!rec) throw new Error(`no ${module} record ${id}`);
    const next = { ...rec, ...patch, Modified_Time: zohoTime(this.tick()) } as ZRecord;
    this.table(module).set(id, next);
    this.changed(module);
    return next;
  }

  /** Deletes a record into the recycle bin; a person's activities and visits go with it. */
  remove(module: string, id: string, type: DeletedEntry['type'] = 'recycle'): void {
    const rec = this.table(module).get(id);
    if (!rec) return;
    this.table(module).delete(id);
    this.changed(module);
    const time = this.tick();
    const bin = this.deleted.get(module) ?? [];
    bin.push({
      id,
      display_name: String(rec['Last_Name'] ?? rec['Subject'] ?? rec['Account_Name'] ?? id),
      type,
      deleted_time: zohoTime(time),
      deleted_by: { id: this.users[0]?.id ?? '1', name: this.users[0]?.full_name ?? 'Admin' },
    });
    this.deleted.set(module, bin);
    if (module === 'Leads' || module === 'Contacts') {
      for (const child of PERSON_CHILDREN.filter((m) => this.modules.has(m)))
        for (const r of [...this.table(child).values()])
          if (PERSON_LINKS.some((f) => (r[f] as { id?: string } | null)?.id === id))
            this.remove(child, r.id);
    }
  }

  /**
   * The signed-in user may see the record no more (its owner changed, a sharing rule or territory
   * moved it away from them): Zoho leaves it out of every listing and answers 204 for it, and it
   * is not among the deleted records, as nothing was deleted. Records linked to it stay as they
   * are (a call of the rep's own still names the lead).
   */
  unshare(module: string, id: string): void {
    const rec = this.table(module).get(id);
    if (!rec) throw new Error(`no ${module} record ${id}`);
    this.table(module).delete(id);
    this.hidden.set(`${module}/${id}`, rec);
    this.changed(module);
  }

  /** Whether Zoho holds a record with this id at all: shown, hidden from the user, or converted. */
  holds(module: string, id: string): boolean {
    return (
      this.table(module).has(id) ||
      this.hidden.has(`${module}/${id}`) ||
      (module === 'Leads' && this.convertedLeads.has(id))
    );
  }

  /**
   * The record unshared before is shown to the signed-in user again (given back to them, a
   * sharing rule widened) as it was: nothing in it changes, its Modified_Time least of all, so
   * no listing of changes since then names it.
   */
  reshare(module: string, id: string): ZRecord {
    const rec = this.hidden.get(`${module}/${id}`);
    if (!rec) throw new Error(`no ${module} record ${id} unshared`);
    this.hidden.delete(`${module}/${id}`);
    this.table(module).set(id, rec);
    this.changed(module);
    return rec;
  }

  /**
   * Zoho's conversion (POST /Leads/{id}/actions/convert): a contact with the lead's data, or the
   * existing one `into` names; the lead's activities move to it (their Modified_Time unchanged).
   * The lead stays, converted: hidden from the default listing, listed with `converted=true` (or
   * `both`), its Modified_Time the conversion's and its `$converted_detail` naming the contact.
   * `deleted`: an organisation where the converted lead shows in /Leads/deleted instead, as the
   * sync once assumed of every organisation.
   */
  /**
   * `keepModifiedTime`: the lead keeps the Modified_Time it had (Zoho does not document whether a
   * conversion moves it), so only a look at every conversion finds it.
   */
  convertLead(
    leadId: string,
    options: { into?: string; deleted?: boolean; keepModifiedTime?: boolean } = {},
  ): ZRecord {
    const lead = this.table('Leads').get(leadId);
    if (!lead) throw new Error(`no lead ${leadId}`);
    const leadOnly = new Set(['id', 'Company', 'Lead_Status', 'Country', 'Designation']);
    const rest = Object.fromEntries(Object.entries(lead).filter(([k]) => !leadOnly.has(k)));
    const existing = options.into ? this.table('Contacts').get(options.into) : undefined;
    if (options.into && !existing) throw new Error(`no contact ${options.into}`);
    const contact =
      existing ??
      this.insert('Contacts', {
        ...rest,
        Mailing_Country: lead['Country'],
        Title: lead['Designation'],
      });
    for (const child of PERSON_CHILDREN.filter((m) => this.modules.has(m))) {
      for (const r of this.table(child).values()) {
        for (const f of PERSON_LINKS) {
          const link = r[f] as { id?: string } | null;
          if (link?.id !== leadId) continue;
          if (f === 'What_Id') {
            r['What_Id'] = null;
            r['$se_module'] = null;
            r['Who_Id'] = { id: contact.id, name: contact['Last_Name'] };
          } else
            r[f === 'Lead_Name' ? 'Contact_Name' : f] = {
              id: contact.id,
              name: contact['Last_Name'],
            };
          if (f === 'Lead_Name') r['Lead_Name'] = null;
        }
      }
    }
    this.table('Leads').delete(leadId);
    this.changed('Leads');
    if (options.deleted) {
      const bin = this.deleted.get('Leads') ?? [];
      bin.push({
        id: leadId,
        display_name: String(lead['Last_Name']),
        type: 'permanent',
        deleted_time: zohoTime(this.clock),
        deleted_by: { id: this.users[0]?.id ?? '1', name: 'Admin' },
      });
      this.deleted.set('Leads', bin);
      return contact;
    }
    const at = this.tick();
    this.convertedLeads.set(leadId, {
      ...lead,
      Modified_Time: options.keepModifiedTime ? lead['Modified_Time'] : zohoTime(at),
      $converted: true,
      $converted_detail: {
        contact:
          this.convertedDetail.contactAs === 'id'
            ? contact.id
            : { name: contact['Last_Name'], id: contact.id },
        account: null,
        deal: null,
        convert_date: zohoTime(at).slice(0, 10),
        converted_by: { id: this.users[0]?.id ?? '1', name: 'Admin' },
      },
    });
    this.changed('Leads');
    return contact;
  }

  /**
   * The Leads listing as `converted` asks for it (false, the default: the unconverted ones), in
   * Modified_Time order (ties by id).
   */
  leadsListed(converted: 'false' | 'true' | 'both'): ZRecord[] {
    if (converted === 'false') return this.sorted('Leads');
    const key = `Leads:converted=${converted}`;
    let list = this.sortedCache.get(key);
    if (!list) {
      const all = [
        ...(converted === 'both' ? this.table('Leads').values() : []),
        ...this.convertedLeads.values(),
      ];
      list = all
        .map((r) => ({ r, t: Date.parse(r.Modified_Time) }))
        .sort((a, b) => a.t - b.t || (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0))
        .map((x) => x.r);
      this.sortedCache.set(key, list);
    }
    return list;
  }

  /** Adds a mail to the person's Emails list (kept newest first); returns it for later edits. */
  addEmail(personId: string, email: ZEmail): ZEmail {
    const list = this.emails.get(personId) ?? [];
    list.push(email);
    list.sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
    this.emails.set(personId, list);
    return email;
  }

  /** The module's records by id or Created_Time (ties by id), ascending: Zoho's other sort_by. */
  sortedBy(module: string, field: 'id' | 'Created_Time'): ZRecord[] {
    const byId = (a: ZRecord, b: ZRecord): number =>
      a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const at = (r: ZRecord): number => Date.parse(String(r['Created_Time']));
    return [...this.table(module).values()].sort((a, b) =>
      field === 'id' ? byId(a, b) : at(a) - at(b) || byId(a, b),
    );
  }

  /** The module's records in Modified_Time order (ties by id), as Zoho's sort_by=Modified_Time. */
  sorted(module: string): ZRecord[] {
    let list = this.sortedCache.get(module);
    if (!list) {
      list = [...this.table(module).values()]
        .map((r) => ({ r, t: Date.parse(r.Modified_Time) }))
        .sort((a, b) => a.t - b.t || (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0))
        .map((x) => x.r);
      this.sortedCache.set(module, list);
    }
    return list;
  }
}
