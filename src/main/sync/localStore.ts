import type BetterSqlite3 from 'better-sqlite3';
import type {
  ActivityWrite,
  CrmOrganisation,
  CrmUser,
  LocalWrite,
  PulledRecord,
  SyncModule,
} from '../crm/crmSource';
// Raw: the sync's page upsert, prepared statements run 200 records a page (see LocalStore).
import { alwaysOpen } from '../besttime/model/businessHours';
import { rawHandle } from '../db/bulkHandle';
import type { Db } from '../db/openDatabase';
import { LICENCE_SETTING, organisation } from '../db/repos/organisation';
import { keptTaskChanges, withKeptTaskChange, type KeptTaskChange } from './taskChangesKept';
import { dataVersion } from '../db/repos/dataVersion';
import { outboxSettledCount } from '../db/repos/outbox';
import { releaseWaitingFor, repointWaiting, waitingFor, waitsFor } from '../db/repos/quarantine';
import { deleteSyncState, syncStateRowsEndingWith } from '../db/repos/syncState';
import { aheadKey, cursorOf, writeState } from './syncState';
import { forgetLetGo, peopleLetGo } from './peopleLetGo';
import {
  noteTranscriptPersonBack,
  noteTranscriptPersonGone,
  transcriptPeopleGone,
} from '../db/repos/chatTranscripts';
import { CRM_CLOCK_SLACK_MS } from './crmClockSlack';
import { hasFormAction } from '../../shared/visitActions';
import { PEOPLE_COLUMNS, VISIT_SUMMARY } from '../db/repos/peopleColumns';

/**
 * Whether an activity can be a last touch (repos/lastTouch.ts): a meeting, or anything else once
 * completed. An open task or a call still to make is neither, before or after: its person's last
 * touch is not marked stale for it (most of a first sync's tasks).
 */
const touches = (a: { kind: string; status: string }): boolean =>
  a.kind === 'meeting' || a.status === 'completed';

/** Thrown while storing a record whose parent is not here yet: the record waits in quarantine. */
export class MissingParentError extends Error {
  override name = 'MissingParentError';
  constructor(
    message: string,
    /** The person it names, who is not stored. */
    readonly personId: string | null = null,
  ) {
    super(message);
  }
}

const ACCOUNT_COLUMNS = [
  'id',
  'name',
  'industry',
  'website',
  'country',
  'owner_id',
  'modified_at',
] as const;
const DEAL_COLUMNS = [
  'id',
  'name',
  'stage',
  'status',
  'amount',
  'currency',
  'closing_date',
  'person_id',
  'crm_person_id',
  'account_id',
  'crm_account_id',
  'owner_id',
  'modified_at',
] as const;
const ACTIVITY_COLUMNS = [
  'id',
  'person_id',
  'owner_id',
  'signal',
  'kind',
  'channel',
  'direction',
  'started_at',
  'duration_s',
  'subject',
  'status',
  'source_module',
  'source_id',
  'outcome',
  'modified_at',
  'due_date',
] as const;
const VISIT_COLUMNS = [
  'id',
  'person_id',
  'crm_person_id',
  'visitor_name',
  'visitor_email',
  'ip',
  'started_at',
  'ended_at',
  'time_spent_s',
  'referrer',
  'search_engine',
  'search_keyword',
  'user_agent',
  'actions',
  // Worked out here from `actions` (hasFormAction): learning reads only the visits with a form.
  'has_form',
  'modified_at',
] as const;

// A reference to a row we do not hold becomes null: resolved inside SQLite, where the lookup
// costs a fraction of a round trip from JavaScript per column and row.
const REFERENCES: Record<string, string> = {
  owner_id: '(select id from users where id = ?)',
  account_id: '(select id from accounts where id = ?)',
  person_id: '(select id from people where id = ?)',
};

/**
 * Columns bound to another field of the row: a deal's or visit's `person_id` is the person the CRM
 * names, which `crm_person_id` keeps whether or not that person is stored (see WAITING); a
 * contact's or deal's `account_id` the account, kept in `crm_account_id` the same way.
 */
const BOUND_TO: Record<string, string> = {
  crm_person_id: 'person_id',
  crm_account_id: 'account_id',
};
const fieldsOf = (columns: readonly string[]): string[] => columns.map((c) => BOUND_TO[c] ?? c);

type Upsert = (row: object) => BetterSqlite3.RunResult;
/** What became of a row: `older`, kept as it was, since the one stored is newer. */
type Written = 'inserted' | 'updated' | 'older';

/*
 * NEWER_ONLY: a record read in two places (a module's listing read as stretches side by side, a
 * head start and its listing, an export and the pages after it) arrives twice when it was edited
 * in between, and the older copy's transaction may commit last. A row with `modified_at` (the
 * CRM's Modified_Time) is therefore replaced only by one modified at the same time or later; one
 * without a time (written by the app, or stored before migration 013) is always replaced, and so
 * is any row by a copy without one (an email, a related list's visit that does not say). What
 * this sync stored or quarantined is also remembered (LocalStore.newest): a quarantined copy
 * has no row to compare with.
 */

const argsOf = (keys: readonly string[], row: object): unknown[] => {
  const r = row as Record<string, unknown>;
  const args: unknown[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) args[i] = r[keys[i] as string] ?? null;
  return args;
};

/**
 * A prepared upsert of `columns`, bound by position: better-sqlite3 reads an object's named
 * parameters one V8 lookup each, which cost a fifth of the time of storing a person. With
 * `onlyIf` (its one parameter is `onlyIfColumn`), a row is written only when the condition holds.
 * A table with `modified_at` keeps its row when the one coming is older (see NEWER_ONLY).
 */
function upsert(
  db: Db,
  table: string,
  columns: readonly string[],
  references: readonly string[],
  onlyIf?: { sql: string; column: string },
): Upsert {
  const values = columns.map((c) => (references.includes(c) ? (REFERENCES[c] ?? '?') : '?'));
  // A copy without a time (a related list's visit) replaces the row but keeps its time: the
  // next older copy must still lose to it.
  const updates = columns
    .filter((c) => c !== 'id')
    .map((c) =>
      c === 'modified_at'
        ? `modified_at = coalesce(excluded.modified_at, ${table}.modified_at)`
        : `${c} = excluded.${c}`,
    );
  // SQLite reads "insert … select … on conflict" only when the select has a where clause.
  const source = onlyIf
    ? `select ${values.join(', ')} where ${onlyIf.sql}`
    : `values (${values.join(', ')})`;
  const newerOnly = columns.includes('modified_at')
    ? ` where excluded.modified_at is null or ${table}.modified_at is null
        or ${table}.modified_at <= excluded.modified_at`
    : '';
  const statement = rawHandle(db).prepare(`insert into ${table} (${columns.join(', ')}) ${source}
    on conflict(id) do update set ${updates.join(', ')}${newerOnly}`);
  const keys = fieldsOf(onlyIf ? [...columns, onlyIf.column] : columns);
  return (row) => statement.run(...argsOf(keys, row));
}

/**
 * The same for a table other tables' foreign keys point at (people, accounts, visits, users), as
 * an insert that does nothing on a conflicting id, then an update when the row was there. With
 * foreign keys on, SQLite checks an upsert that updates on conflict, for every row, against each
 * child table (a write it counts as possibly many rows might resolve a violation there): seven
 * index probes and two full scans (plan_actions and alerts have no person_id index) for each
 * person. Neither an insert that does nothing on conflict nor an update that leaves the id alone
 * can resolve or cause one, so neither checks. Whichever of the two found the last row's case
 * goes first: a first sync inserts, a later one mostly updates. A table with `modified_at` keeps
 * its row when the one coming is older (see NEWER_ONLY): the update then changes nothing, and
 * neither does the insert after it.
 */
function updateOrInsert(
  db: Db,
  table: string,
  columns: readonly string[],
  references: readonly string[],
  /** Per column, what an update sets instead of the value coming (one `?`, the value). */
  updated: Record<string, string> = {},
): (row: object) => Written {
  const value = (c: string): string => (references.includes(c) ? (REFERENCES[c] ?? '?') : '?');
  const set = columns.filter((c) => c !== 'id');
  const newerOnly = columns.includes('modified_at');
  const update = rawHandle(db).prepare(
    `update ${table} set ${set
      .map((c) =>
        c === 'modified_at'
          ? 'modified_at = coalesce(?, modified_at)'
          : `${c} = ${updated[c] ?? value(c)}`,
      )
      .join(', ')} where id = ?${
      newerOnly ? ' and (? is null or modified_at is null or modified_at <= ?)' : ''
    }`,
  );
  const insert = rawHandle(db).prepare(
    `insert into ${table} (${columns.join(', ')}) values (${columns.map(value).join(', ')})
     on conflict(id) do nothing`,
  );
  const updateKeys = fieldsOf(
    newerOnly ? [...set, 'id', 'modified_at', 'modified_at'] : [...set, 'id'],
  );
  const insertKeys = fieldsOf(columns);
  const tryInsert = (row: object): boolean => insert.run(...argsOf(insertKeys, row)).changes > 0;
  const tryUpdate = (row: object): boolean => update.run(...argsOf(updateKeys, row)).changes > 0;
  let lastWasNew = true;
  return (row) => {
    if (lastWasNew) {
      if (tryInsert(row)) return 'inserted';
      lastWasNew = false;
      return tryUpdate(row) ? 'updated' : 'older';
    }
    if (tryUpdate(row)) return 'updated';
    lastWasNew = tryInsert(row);
    return lastWasNew ? 'inserted' : 'older';
  };
}

// Children whose person_id moves to the contact when a converted lead merges into it.
const PERSON_CHILDREN = [
  'activities',
  'visits',
  'chats',
  'chat_transcripts',
  'deals',
  'plan_actions',
  'alerts',
];
/*
 * WAITING: a deal, a visit and its chats name a person the CRM has, who may not be stored yet: the
 * minute's visits run reads a visit of a lead made since the last records run, a first sync cut
 * short leaves its leads half read before the next visits run, a lead converted between the
 * Contacts and Deals listings makes a deal of a contact not read. person_id (a foreign key) is
 * then null, and crm_person_id keeps whom the CRM named: storing that person links the rows
 * waiting for them, in the same transaction, through partial indexes holding only such rows
 * (migration 021). A lead converted into a contact passes its waiting rows to the contact.
 */
const LINKED_TO_PERSON = ['visits', 'chats', 'deals'] as const;
/*
 * The same for an account: a contact read before its account (a first sync cut short after
 * Contacts began, an account created after the contact's page was read) and a deal keep it in
 * crm_account_id, and the account's arrival links them (migration 023). Probing the partial
 * indexes, which hold only such rows, costs next to nothing when none waits.
 */
const LINKED_TO_ACCOUNT = ['people', 'deals'] as const;

/**
 * The sync's writes, as prepared better-sqlite3 statements: the engine runs them inside one
 * short transaction per page (a prepared statement is ten times faster than the query builder
 * at 200 rows a page, and transactions must stay synchronous).
 */
export class LocalStore {
  private readonly s: Record<string, BetterSqlite3.Statement>;
  private readonly person: (row: object) => Written;
  private readonly account: (row: object) => Written;
  private readonly deal: Upsert;
  private readonly activity: Upsert;
  private readonly visit: (row: object) => Written;
  /** Rows linking a person whose arrival links them: one statement a table (see WAITING). */
  private readonly linkWaiting: BetterSqlite3.Statement[];
  /** Rows naming an account whose arrival links them (LINKED_TO_ACCOUNT). */
  private readonly linkAccount: BetterSqlite3.Statement[];
  /**
   * Whether rows may wait for a person (see WAITING): while none does, as in a first sync that
   * reads people before their visits, storing a person looks for none.
   */
  private waiting: boolean;
  /**
   * Per module and record, the newest modification this sync stored or quarantined, of records modified since
   * `rememberFrom` (only those can come again as an older copy: they were edited while it ran).
   */
  private readonly newest = new Map<string, number>();
  private readonly rememberFrom: number;
  // Most syncs quarantine nothing: skip the per-record release while the table is empty.
  private quarantineInUse: boolean;
  /** People Retry let go of (peopleLetGo.ts): one stored again leaves the list. */
  private readonly letGo: Set<string>;
  /** People whose transcripts went with them (chatTranscripts.ts): one stored again is read again. */
  private readonly transcriptsGone: Set<string>;
  /**
   * Per module, the records a first sync's head start stored that the module's listing has not
   * met yet. Kept in sync_state with each page (keepAhead): a run resumed after a kill has no
   * head start of its own, yet its listings must count these as theirs, and only these.
   */
  private readonly ahead = new Map<string, Set<string>>();
  private aheadCount = 0;
  /** Modules whose set changed since it was last kept. */
  private readonly aheadChanged = new Set<string>();
  /**
   * The people the CRM named on visits this store wrote who were not stored here then (a web
   * form's lead made since the last records run): sync/visitorsRead.ts reads them by id.
   */
  readonly unstoredVisitors = new Set<string>();
  /**
   * Whose stored last touch (repos/lastTouch.ts) the record being written changes: the people
   * its activities and visits name before and after, and the e-mails of visits linked to nobody
   * before or after (their visits by e-mail). Marked stale in the record's write (settle), and
   * set again after the page by the sync (refreshStaleLastTouch): setting each again as each
   * record was stored cost the sync a quarter of its rate.
   */
  private readonly lastTouchPeople = new Set<string | null>();
  private readonly lastTouchEmails = new Set<string | null>();

  /** `startedAt`: when the sync began, this computer's clock (unknown: every record is kept). */
  constructor(
    readonly db: Db,
    startedAt?: number,
  ) {
    this.rememberFrom =
      startedAt === undefined ? Number.NEGATIVE_INFINITY : startedAt - CRM_CLOCK_SLACK_MS;
    const p = (sql: string): BetterSqlite3.Statement => rawHandle(db).prepare(sql);
    this.person = updateOrInsert(db, 'people', PEOPLE_COLUMNS, ['owner_id', 'account_id']);
    this.account = updateOrInsert(db, 'accounts', ACCOUNT_COLUMNS, ['owner_id']);
    this.deal = upsert(db, 'deals', DEAL_COLUMNS, ['owner_id', 'account_id', 'person_id']);
    // An activity needs its person: none is written (0 changes) while the person is missing.
    this.activity = upsert(db, 'activities', ACTIVITY_COLUMNS, ['owner_id'], {
      sql: 'exists (select 1 from people where id = ?)',
      column: 'person_id',
    });
    this.visit = updateOrInsert(db, 'visits', VISIT_COLUMNS, ['person_id'], {
      // A visit Zoho links to nobody stays with the lead the rep made of its visitor here
      // (people/leadFromVisit.ts): only the app links a visit without a crm_person_id. (Rows
      // stored before migration 021 have none either: Zoho unlinking one of those, which it does
      // not do but by deleting the person, would not unlink it here.)
      person_id: `coalesce(${REFERENCES['person_id'] ?? '?'}, case when crm_person_id is null then person_id end)`,
    });
    this.s = {
      clearPages: p('delete from visit_pages where visit_id = ?'),
      page: p(
        'insert into visit_pages (visit_id, url, title, viewed_at, time_spent_s) values (?, ?, ?, ?, ?)',
      ),
      clearChats: p('delete from chats where visit_id = ?'),
      chat: p(
        'insert into chats (id, person_id, crm_person_id, visit_id, operator_id, started_at, ended_at) values (?, (select person_id from visits where id = ?), ?, ?, (select id from users where id = ?), ?, ?) on conflict(id) do update set person_id = excluded.person_id, crm_person_id = excluded.crm_person_id, visit_id = excluded.visit_id, operator_id = excluded.operator_id, started_at = excluded.started_at, ended_at = excluded.ended_at',
      ),
      clearMessages: p('delete from chat_messages where chat_id = ?'),
      message: p(
        'insert into chat_messages (chat_id, sender, author, sent_at, text) values (?, ?, ?, ?, ?)',
      ),
      hasUser: p('select 1 from users where id = ?'),
      newestOutbox: p('select max(id) as id from outbox'),
      hasAccount: p('select 1 from accounts where id = ?'),
      hasPerson: p('select 1 from people where id = ?'),
      hasActivity: p('select 1 from activities where id = ?'),
      quarantine:
        p(`insert into quarantine (module, record_id, error, raw, writes, modified_at, first_seen_at, last_seen_at, waits_for)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict(module, record_id) do update set error = excluded.error,
        raw = excluded.raw, writes = excluded.writes, modified_at = excluded.modified_at, last_seen_at = excluded.last_seen_at,
        unreadable_at = null, waits_for = excluded.waits_for where quarantine.modified_at <= excluded.modified_at`),
      release: p('delete from quarantine where module = ? and record_id = ?'),
      deletePerson: p('delete from people where id = ?'),
      deletePersonTranscripts: p('delete from chat_transcripts where person_id = ?'),
      deleteAccount: p('delete from accounts where id = ?'),
      deleteDeal: p('delete from deals where id = ?'),
      deleteActivity: p('delete from activities where id = ?'),
      // A row the record no longer gives goes, unless the one stored is newer (NEWER_ONLY).
      removeActivity: p(
        'delete from activities where id = ? and (? is null or modified_at is null or modified_at <= ?)',
      ),
      deleteVisit: p('delete from visits where id = ?'),
      personById: p('select module, email from people where id = ?'),
      activityPerson: p('select person_id, kind, status from activities where id = ?'),
      visitLink: p('select person_id, visitor_email from visits where id = ?'),
      personVisitEmails: p(
        'select distinct visitor_email from visits where person_id = ? and visitor_email is not null',
      ),
      waitingVisitEmails: p(
        `select distinct visitor_email from visits where crm_person_id = ? and person_id is null
         and visitor_email is not null`,
      ),
      contactByEmail: p(`select id from people where module = 'contact' and email = ? limit 1`),
      // Already stale: nothing written (a page's records mostly name people it named before).
      markStale: p(
        'update people set last_touch_from = null where id = ? and last_touch_from is not null',
      ),
      // Through people_email_key (migration 17), which is on this same fold.
      markStaleByEmail: p(
        `update people set last_touch_from = null
         where lower(trim(email)) = lower(trim(?)) and last_touch_from is not null`,
      ),
    };
    this.quarantineInUse = p('select 1 from quarantine limit 1').get() !== undefined;
    this.letGo = new Set(peopleLetGo(db));
    this.transcriptsGone = new Set(transcriptPeopleGone(db));
    this.linkWaiting = LINKED_TO_PERSON.map((table) =>
      p(`update ${table} set person_id = ? where crm_person_id = ? and person_id is null`),
    );
    this.linkAccount = LINKED_TO_ACCOUNT.map((table) =>
      p(
        `update ${table} indexed by ${table}_waiting_account set account_id = ?
         where crm_account_id = ? and account_id is null and crm_account_id is not null`,
      ),
    );
    // Indexed by the waiting rows: the person_id index would walk every visit of a visitor the
    // CRM never knew.
    this.waiting = LINKED_TO_PERSON.some(
      (table) =>
        p(
          `select 1 from ${table} indexed by ${table}_waiting_person
           where person_id is null and crm_person_id is not null limit 1`,
        ).get() !== undefined,
    );
    const suffix = aheadKey('');
    for (const row of syncStateRowsEndingWith(db, suffix)) {
      const ids = row.cursor ? cursorOf<{ ids?: unknown }>(row.cursor)?.ids : null;
      if (!Array.isArray(ids)) {
        // Damaged: it holds none (its records are counted as the listing's when it meets them),
        // and the first page kept clears it (keepAhead).
        if (row.cursor) this.aheadChanged.add(row.module.slice(0, -suffix.length));
        continue;
      }
      const set = new Set(ids.filter((id): id is string => typeof id === 'string'));
      this.ahead.set(row.module.slice(0, -suffix.length), set);
      this.aheadCount += set.size;
    }
  }

  /** The listing (or a deletion) met a record: if it was stored ahead, it no longer waits. */
  private met(id: string): void {
    if (this.aheadCount === 0) return;
    for (const [module, ids] of this.ahead)
      if (ids.delete(id)) {
        this.aheadCount--;
        this.aheadChanged.add(module);
      }
  }

  private isAhead(id: string): boolean {
    if (this.aheadCount === 0) return false;
    for (const ids of this.ahead.values()) if (ids.has(id)) return true;
    return false;
  }

  /**
   * Writes the sets of records stored ahead that changed: call inside the transaction of the page
   * that changed them, so what is kept matches what the page's cursor counted.
   */
  keepAhead(now: number): void {
    for (const module of this.aheadChanged) {
      const ids = this.ahead.get(module);
      if (!ids || ids.size === 0) {
        this.ahead.delete(module);
        deleteSyncState(this.db, aheadKey(module));
      } else
        writeState(
          this.db,
          aheadKey(module),
          { watermark: null, cursor: { ids: [...ids] }, lastSuccessAt: null },
          now,
        );
    }
    this.aheadChanged.clear();
  }

  /**
   * The module's listing is over: a record stored ahead it did not meet (deleted in the CRM
   * since) waits for nothing. Kept by the next keepAhead.
   */
  forgetAhead(module: SyncModule): void {
    const ids = this.ahead.get(module);
    if (!ids || ids.size === 0) return;
    this.aheadCount -= ids.size;
    ids.clear();
    this.aheadChanged.add(module);
  }

  /**
   * A task the rep changed here keeps the change (sync/taskChangesKept.ts). The changes are read
   * again when the outbox has changed since: grown (a task changed while the sync ran), or an
   * entry settled (a change discarded, or sent), here or by another process; the rows that come
   * after follow at once.
   */
  private withKept(row: ActivityWrite): ActivityWrite {
    if (row.kind !== 'task') return row;
    const newest = (this.s['newestOutbox']?.get() as { id: number | null } | undefined)?.id ?? 0;
    const settled = outboxSettledCount(this.db);
    // Moves when another connection (process) commits: its outbox changes too.
    const elsewhere = dataVersion(this.db);
    let kept = this.kept;
    if (
      !kept ||
      kept.newest !== newest ||
      kept.settled !== settled ||
      kept.elsewhere !== elsewhere
    ) {
      const zone = organisation(this.db)?.time_zone ?? 'UTC';
      kept = this.kept = { newest, settled, elsewhere, zone, tasks: keptTaskChanges(this.db) };
    }
    return withKeptTaskChange(row, kept.tasks.get(row.id), kept.zone);
  }
  private kept: {
    newest: number;
    settled: number;
    elsewhere: number;
    zone: string;
    tasks: Map<string, KeptTaskChange>;
  } | null = null;

  private known(statement: string, id: string | null): boolean {
    return id !== null && this.s[statement]?.get(id) !== undefined;
  }

  /**
   * Stores one record's rows; throws MissingParentError if an activity's person is absent. False
   * when its main row (the first) is older than the one stored: then none of its rows is written.
   */
  apply(writes: LocalWrite[]): boolean {
    try {
      return this.write(writes);
    } finally {
      this.settleLastTouch();
    }
  }

  private write(writes: LocalWrite[]): boolean {
    let first: Written | null = null;
    for (const [i, w] of writes.entries()) {
      let written: Written;
      switch (w.table) {
        case 'people':
          written = this.person(w.row);
          // Their e-mail may have changed: the visits by it are another's.
          if (written !== 'older') this.lastTouchPeople.add(w.row.id);
          if (written === 'inserted' && this.waiting) {
            // The visits waiting for them were visits by e-mail till now.
            this.noteVisitEmails('waitingVisitEmails', w.row.id);
            for (const link of this.linkWaiting) link.run(w.row.id, w.row.id);
          }
          // Shared with the sign-in again: what names them waits for them again.
          if (written === 'inserted' && this.letGo.delete(w.row.id)) forgetLetGo(this.db, w.row.id);
          // Their transcripts went with them, and no listing brings notes not edited since.
          if (written === 'inserted' && this.transcriptsGone.delete(w.row.id))
            noteTranscriptPersonBack(this.db, w.row.id);
          break;
        case 'accounts':
          written = this.account(w.row);
          if (written === 'inserted')
            for (const link of this.linkAccount) link.run(w.row.id, w.row.id);
          break;
        case 'deals':
          written = this.deal(w.row).changes > 0 ? 'updated' : 'older';
          if (written !== 'older') this.noteWaiting(w.row.person_id);
          break;
        case 'activities':
          this.noteActivity(w.row.id);
          if (touches(w.row)) this.lastTouchPeople.add(w.row.person_id);
          if (this.activity(this.withKept(w.row)).changes > 0) written = 'updated';
          // Nothing written: its person is missing, or the row stored is newer.
          else if (this.hasPerson(w.row.person_id)) written = 'older';
          else {
            // Moved to a person not stored yet: it waits in quarantine, and is no longer about
            // the person an older copy named.
            const at = w.row.modified_at ?? null;
            this.s['removeActivity']?.run(w.row.id, at, at);
            throw new MissingParentError(
              `its person ${w.row.person_id} is not synced (yet)`,
              w.row.person_id,
            );
          }
          break;
        case 'removed':
          // A person just stored has none of the rows an earlier copy of it gave.
          if (first === 'inserted') continue;
          this.noteActivity(w.row.id);
          if (this.s['removeActivity']?.run(w.row.id, w.row.modified_at, w.row.modified_at).changes)
            written = 'updated';
          else written = i === 0 && this.known('hasActivity', w.row.id) ? 'older' : 'updated';
          break;
        case 'visits': {
          const id = w.row.id;
          this.noteVisit(id);
          written = this.visit({ ...w.row, has_form: hasFormAction(w.row.actions) ? 1 : 0 });
          if (written === 'older') break;
          this.noteVisit(id);
          this.noteWaiting(w.row.person_id);
          if (w.row.person_id !== null && !this.hasPerson(w.row.person_id))
            this.unstoredVisitors.add(w.row.person_id);
          // A visit seen for the first time has no pages or chats to replace; chats have no
          // index on visit_id, so clearing them costs a scan of every chat.
          const seenBefore = written !== 'inserted';
          if (seenBefore) this.s['clearPages']?.run(id);
          for (const pg of w.pages)
            this.s['page']?.run(id, pg.url, pg.title, pg.viewed_at, pg.time_spent_s);
          if (seenBefore) this.s['clearChats']?.run(id);
          for (const c of w.chats) {
            // A chat is its visit's visitor's: the person it names when stored, else the lead
            // the rep made of them here (the visit keeps that link, above).
            this.s['chat']?.run(
              c.id,
              id,
              w.row.person_id,
              id,
              c.operator_id,
              c.started_at,
              c.ended_at,
            );
            if (!c.messages) continue;
            // A chat seen again may have grown: its transcript is replaced, not appended to.
            this.s['clearMessages']?.run(c.id);
            for (const m of c.messages)
              this.s['message']?.run(c.id, m.sender, m.author, m.sent_at, m.text);
          }
          break;
        }
      }
      if (i === 0) {
        if (written === 'older') return false;
        first = written;
      }
    }
    return true;
  }

  /** The person an activity stored names, whose last touch its write or removal changes. */
  private noteActivity(id: string): void {
    const row = this.s['activityPerson']?.get(id) as
      { person_id: string; kind: string; status: string } | undefined;
    if (row && touches(row)) this.lastTouchPeople.add(row.person_id);
  }

  /** The person a visit stored names, or the e-mail it is found by when it names nobody. */
  private noteVisit(id: string): void {
    const row = this.s['visitLink']?.get(id) as
      { person_id: string | null; visitor_email: string | null } | undefined;
    if (!row) return;
    if (row.person_id === null) this.lastTouchEmails.add(row.visitor_email);
    else this.lastTouchPeople.add(row.person_id);
  }

  /** The e-mails of the visits `statement` reads for a person (their visits by e-mail). */
  private noteVisitEmails(statement: string, personId: string): void {
    const rows = (this.s[statement]?.all(personId) ?? []) as { visitor_email: string }[];
    for (const row of rows) this.lastTouchEmails.add(row.visitor_email);
  }

  /** Marks stale the last touch of the people the record written changed (lastTouchPeople). */
  private settleLastTouch(): void {
    if (this.lastTouchPeople.size === 0 && this.lastTouchEmails.size === 0) return;
    for (const id of this.lastTouchPeople) if (id) this.s['markStale']?.run(id);
    for (const email of this.lastTouchEmails) if (email) this.s['markStaleByEmail']?.run(email);
    this.lastTouchPeople.clear();
    this.lastTouchEmails.clear();
  }

  /** A row was written naming `personId`: if that person is not here, the row waits (WAITING). */
  private noteWaiting(personId: string | null): void {
    if (!this.waiting && personId !== null && !this.hasPerson(personId)) this.waiting = true;
  }

  /** Whether this sync stored (or quarantined) the record as modified after `modifiedAt`. */
  private heldNewer(module: string, id: string, modifiedAt: number): boolean {
    const at = this.newest.get(`${module}\u0000${id}`);
    return at !== undefined && at > modifiedAt;
  }

  private remember(module: string, id: string, modifiedAt: number): void {
    if (!(modifiedAt >= this.rememberFrom)) return;
    const key = `${module}\u0000${id}`;
    const at = this.newest.get(key);
    if (at === undefined || modifiedAt > at) this.newest.set(key, modifiedAt);
  }

  /**
   * Stores a record or quarantines it; returns whether it was stored. An older copy of a record
   * stored already counts as stored, and changes nothing.
   */
  store(module: SyncModule | 'Emails', record: PulledRecord, now: number): boolean {
    this.met(record.id);
    if (this.heldNewer(module, record.id, record.modifiedAt)) return true;
    if (!record.error) {
      try {
        if (this.apply(record.writes)) this.remember(module, record.id, record.modifiedAt);
        if (this.quarantineInUse) this.s['release']?.run(module, record.id);
        return true;
      } catch (error) {
        if (!(error instanceof MissingParentError)) throw error;
        // One naming someone Retry let go of waits too, out of sight (quarantine.ts): Zoho may
        // share them again, and would not list this record again then.
        this.quarantine(module, record, error.message, record.writes, now);
        return false;
      }
    }
    this.quarantine(module, record, record.error, null, now);
    return false;
  }

  private quarantine(
    module: string,
    record: PulledRecord,
    error: string,
    writes: LocalWrite[] | null,
    now: number,
  ): void {
    this.quarantineInUse = true;
    // A newer copy waiting for its parent is not to be replaced by an older one that has it.
    this.remember(module, record.id, record.modifiedAt);
    this.s['quarantine']?.run(
      module,
      record.id,
      `${module} record ${record.id}: ${error}`,
      JSON.stringify(record.raw),
      writes ? JSON.stringify(writes) : null,
      record.modifiedAt,
      now,
      now,
      waitsFor(writes),
    );
  }

  /**
   * Stores a record read ahead of its module's listing (headStart.ts), which meets it again:
   * until then it is not `held`, so that listing counts it as its own.
   */
  storeAhead(module: SyncModule, record: PulledRecord, now: number): boolean {
    const stored = this.store(module, record, now);
    if (!stored) return false;
    let ids = this.ahead.get(module);
    if (!ids) this.ahead.set(module, (ids = new Set()));
    ids.add(record.id);
    this.aheadCount++;
    this.aheadChanged.add(module);
    return true;
  }

  /** Records stored ahead that their listing has not met yet (earlier runs' included). */
  storedAhead(): number {
    return this.aheadCount;
  }

  hasPerson(id: string): boolean {
    return this.known('hasPerson', id);
  }

  /** Whether the record's main row (its first write) is stored already. */
  holds(record: PulledRecord): boolean {
    if (this.isAhead(record.id)) return false;
    const main = record.writes[0];
    // A record that gives no row (it removes one) is never held.
    if (!main || main.table === 'removed') return false;
    const statement = `has:${main.table}`;
    this.s[statement] ??= rawHandle(this.db).prepare(`select 1 from ${main.table} where id = ?`);
    return this.known(statement, main.row.id);
  }

  /** The contact a deleted lead became, when one with its email is already here. */
  localLeadAndContact(leadId: string): { email: string | null; contactId: string | null } | null {
    const row = this.s['personById']?.get(leadId) as
      { module: string; email: string | null } | undefined;
    if (!row || row.module !== 'lead') return null;
    const contact = row.email
      ? (this.s['contactByEmail']?.get(row.email) as { id: string } | undefined)
      : undefined;
    return { email: row.email, contactId: contact?.id ?? null };
  }

  /**
   * Whether rows wait for this person, who is not stored (see WAITING), or records held back for
   * them (a call read before its lead).
   */
  awaited(personId: string): boolean {
    if (this.quarantineInUse && waitingFor(this.db, personId).length > 0) return true;
    if (!this.waiting) return false;
    this.s['awaited'] ??= rawHandle(this.db).prepare(
      LINKED_TO_PERSON.map(
        (table) => `select 1 from ${table} where crm_person_id = @id and person_id is null`,
      ).join(' union all ') + ' limit 1',
    );
    return this.s['awaited'].get({ id: personId }) !== undefined;
  }

  /**
   * One person, one history: the lead's activities, visits and plans move to its contact, and so
   * do the rows waiting for the lead, which a lead converted before it was stored never gets.
   */
  mergeLeadIntoContact(leadId: string, contactId: string): void {
    try {
      this.merge(leadId, contactId);
    } finally {
      this.lastTouchPeople.add(contactId);
      this.settleLastTouch();
    }
  }

  private merge(leadId: string, contactId: string): void {
    // Visits waiting for the lead were visits by e-mail till now; they are the contact's.
    this.noteVisitEmails('waitingVisitEmails', leadId);
    const raw = rawHandle(this.db);
    for (const table of PERSON_CHILDREN)
      raw
        .prepare(
          (LINKED_TO_PERSON as readonly string[]).includes(table)
            ? `update ${table} set person_id = @contact, crm_person_id = @contact where person_id = @lead`
            : `update ${table} set person_id = @contact where person_id = @lead`,
        )
        .run({ lead: leadId, contact: contactId });
    for (const table of LINKED_TO_PERSON)
      raw
        .prepare(
          `update ${table} set person_id = @contact, crm_person_id = @contact
           where crm_person_id = @lead and person_id is null`,
        )
        .run({ lead: leadId, contact: contactId });
    const fill = VISIT_SUMMARY.map(
      (c) => `${c} = coalesce(${c}, (select ${c} from people where id = @lead))`,
    );
    raw
      .prepare(`update people set ${fill.join(', ')} where id = @contact`)
      .run({ lead: leadId, contact: contactId });
    // A call logged with the lead and not pushed yet goes to the contact: Zoho refuses a call on
    // a converted lead, and it would wait for ever.
    raw
      .prepare(
        `update outbox set payload = case when json_type(payload, '$.personModule') is null
           then json_set(payload, '$.personId', @contact)
           else json_set(payload, '$.personId', @contact, '$.personModule', 'contact') end
         where pushed_at is null and kind = 'call' and json_extract(payload, '$.personId') = @lead`,
      )
      .run({ lead: leadId, contact: contactId });
    // The lead's plan marks go to the CRM again under the contact's id: another computer merges
    // the lead too, and finds no one by its id. A row the contact has already keeps its own.
    raw
      .prepare(
        'update or ignore plan_mark_shares set person_id = @contact, sent = 0 where person_id = @lead',
      )
      .run({ lead: leadId, contact: contactId });
    raw.prepare('delete from plan_mark_shares where person_id = ?').run(leadId);
    this.s['deletePerson']?.run(leadId);
    if (!this.quarantineInUse) return;
    // Calls held back for the lead wait for the contact now (Zoho moved them there without
    // touching their Modified_Time, so no listing brings them again); the lead held back itself
    // is a lead no more: nothing is left of it to mend.
    repointWaiting(this.db, leadId, contactId);
    this.s['release']?.run('Leads', leadId);
  }

  /**
   * Deletes a record's copy here. `deleted`: Zoho deleted it (its deleted-records list says so),
   * and what waits for a person goes too; otherwise (only no longer shared) that waits on.
   */
  delete(module: SyncModule, id: string, deleted = true): boolean {
    try {
      return this.deleteHere(module, id, deleted);
    } finally {
      this.settleLastTouch();
    }
  }

  private deleteHere(module: SyncModule, id: string, deleted: boolean): boolean {
    this.met(id);
    if (this.quarantineInUse) this.s['release']?.run(module, id);
    switch (module) {
      case 'Leads':
      case 'Contacts':
        // Records held back for the person would wait for ever: they go with them, as Zoho's
        // own copies went with the person there.
        if (this.quarantineInUse && deleted) releaseWaitingFor(this.db, id);
        // Their chat transcripts (no foreign key: a note may come before its person) go too,
        // deleted or only no longer shown: the rep must not go on holding what the CRM hides.
        // Remembered, so that a person shown again has their notes read again.
        // Their visits are linked to nobody now: visits by e-mail, maybe of someone else.
        this.noteVisitEmails('personVisitEmails', id);
        if ((this.s['deletePersonTranscripts']?.run(id).changes ?? 0) > 0) {
          noteTranscriptPersonGone(this.db, id);
          this.transcriptsGone.add(id);
        }
        return this.s['deletePerson']?.run(id).changes === 1;
      case 'Accounts':
        return this.s['deleteAccount']?.run(id).changes === 1;
      case 'Deals':
        return this.s['deleteDeal']?.run(id).changes === 1;
      case 'Visits':
        this.s['clearChats']?.run(id);
        this.noteVisit(id);
        return this.s['deleteVisit']?.run(id).changes === 1;
      default:
        this.noteActivity(id);
        return this.s['deleteActivity']?.run(id).changes === 1;
    }
  }

  /** `kind` is the source's (`zoho`, `demo`): the organisation row says where its data came from. */
  writeOrganisation(org: CrmOrganisation, users: CrmUser[], kind: string): void {
    const raw = rawHandle(this.db);
    raw
      .prepare(
        `insert into organisation (id, name, time_zone, business_hours, source)
        values (1, @name, @zone, coalesce(@hours, @open), @kind)
        on conflict(id) do update set name = excluded.name, time_zone = excluded.time_zone,
        business_hours = coalesce(@hours, organisation.business_hours), source = excluded.source`,
      )
      // Hours the CRM did not give this time (null) keep those stored; none stored: always open.
      .run({
        name: org.name,
        zone: org.timeZone,
        hours: org.businessHours ? JSON.stringify(org.businessHours) : null,
        open: JSON.stringify(alwaysOpen()),
        kind,
      });
    if (org.crmId)
      raw
        .prepare("insert or replace into settings (key, value) values ('crm_org_id', ?)")
        .run(JSON.stringify(org.crmId));
    // Left out: not read this time (the users alone), what is stored stays.
    if (org.licence !== undefined)
      raw
        .prepare('insert or replace into settings (key, value) values (?, ?)')
        .run(LICENCE_SETTING, JSON.stringify(org.licence));
    // The person who signed in is the app's user until they pick someone else in the sidebar
    // (which only an administrator may: session.ts).
    if (org.currentUserId) {
      raw
        .prepare("insert or ignore into settings (key, value) values ('current_user_id', ?)")
        .run(JSON.stringify(org.currentUserId));
      raw
        .prepare("insert or replace into settings (key, value) values ('crm_user_id', ?)")
        .run(JSON.stringify(org.currentUserId));
    }
    // Users are the parent of most tables: written by update, or a plain insert, never by an
    // upsert (see updateOrInsert). Managers are set once every user is there: a user may report
    // to one listed after them.
    // Shifts the CRM did not give this time (null) keep those stored; a list replaces them all.
    if (org.shifts) {
      raw
        .prepare('delete from shifts where id not in (select value from json_each(?))')
        .run(JSON.stringify(org.shifts.map((shift) => shift.id)));
      const shift = raw.prepare(
        `insert into shifts (id, name, time_zone, hours) values (?, ?, ?, ?)
         on conflict (id) do update set name = excluded.name, time_zone = excluded.time_zone,
           hours = excluded.hours`,
      );
      for (const x of org.shifts) shift.run(x.id, x.name, x.timeZone, JSON.stringify(x.hours));
    }
    // Holidays the CRM did not give this time keep those stored; a list replaces those of its
    // dates. Earlier ones stay a year, as past days' plans are kept and are read with them.
    if (org.holidays) {
      const { from, to, days } = org.holidays;
      raw
        .prepare('delete from holidays where (date >= ? and date <= ?) or date < ?')
        .run(from, to, `${Number(from.slice(0, 4)) - 1}${from.slice(4)}`);
      const holiday = raw.prepare(
        'insert or replace into holidays (id, date, name, shift_id) values (?, ?, ?, ?)',
      );
      for (const h of days) holiday.run(h.id, h.date, h.name, h.shiftId);
    }
    const update = raw.prepare(
      'update users set name = ?, email = ?, role = ?, team = ?, time_zone = ?, active = ?, shift_id = ? where id = ?',
    );
    const insert = raw.prepare(
      `insert into users (id, name, email, role, manager_id, team, time_zone, active, shift_id)
       values (?, ?, ?, ?, null, ?, ?, ?, ?)`,
    );
    const setManager = raw.prepare('update users set manager_id = ? where id = ?');
    const ids = new Set(users.map((u) => u.id));
    for (const u of users) {
      const fields = [
        u.name,
        u.email,
        u.role,
        u.team,
        u.timeZone,
        u.active ? 1 : 0,
        u.shiftId,
      ] as const;
      if (update.run(...fields, u.id).changes === 0) insert.run(u.id, ...fields);
    }
    for (const u of users)
      setManager.run(u.managerId && ids.has(u.managerId) ? u.managerId : null, u.id);
    // Users gone from the CRM stay (their activities point at them) but no longer count as active.
    raw
      .prepare(`update users set active = 0 where id not in (select value from json_each(?))`)
      .run(JSON.stringify([...ids]));
  }
}
