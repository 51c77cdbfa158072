import type { BesttimeEvent } from '../model/types';
// Raw: the model's event load streams millions of rows as arrays (`.raw()`) from prepared statements.
import { rawHandle } from '../../db/bulkHandle';
import type { Db } from '../../db/openDatabase';
import { emailKey } from '../../../shared/emailKey';
import { SIGNAL_TYPES, type SignalType } from '../../../shared/signals';
import { peopleByEmail } from '../../people/emailMatch';
import { personZone } from '../../people/personZone';
import type { Steps } from '../model/steps';
import { addVisitForms, visitFormTimes } from '../model/visitFormSignals';

const ALL_AT_ONCE = 5000;

/**
 * What an activity row is to the model, as SQL over `activities`: a SIGNAL_TYPES name or null
 * (not a signal). The `signal` column says it today, `call_no_answer` included for a source
 * that stores it there. A source that records a call's outcome in a column of its own instead
 * maps it here and nowhere else, e.g. `coalesce(signal, case when kind = 'call' and outcome in
 * ('no_answer', 'busy', 'voicemail') then 'call_no_answer' end)`: the row filter and the code
 * below follow.
 */
const EVENT_TYPE_SQL = 'signal';

/** The event's index in SIGNAL_TYPES, or -1 for any other (left out of the person's list). */
const SIGNAL_CODE = `case ${EVENT_TYPE_SQL} ${SIGNAL_TYPES.map((s, i) => `when '${s}' then ${i}`).join(' ')} else -1 end`;

/**
 * Every BT-1 signal of the given people (or of everyone), plus chat starts, page views and the
 * rep's calls that went unanswered (BT-12), grouped by person, with each person's zone resolved
 * once. Signal 9 also comes from the forms submitted during a person's visits (visitFormSignals).
 * The chats and page views of a visit the CRM linked to nobody are the person's whose e-mail the
 * visitor gave, as on their page, the Visits page and in the alerts (peopleByEmail, with
 * `repId`'s tie-break: the signed-in rep's, or null for nobody's).
 *
 * SQLite hands each person's signals over as a row of JSON arrays of numbers (when, which signal
 * as its index in SIGNAL_TYPES, how long): a row per signal cost a JS array and two strings
 * each, and made reading 40,000 signals slower than the model that scores them.
 */
export function loadSignalEvents(
  db: Db,
  orgTz: string,
  repId: string | null,
  personIds?: readonly string[],
): Map<string, BesttimeEvent[]> {
  const gathered = gatherer(orgTz, personIds !== undefined);
  const filter = personIds ? `where p.id in (select value from json_each(?))` : '';
  const args = personIds ? [JSON.stringify(personIds)] : [];
  // A few thousand people's rows fit in memory at once, and reading them in one call is a third
  // faster than row by row; a whole organisation's are read row by row.
  const atOnce = personIds !== undefined && personIds.length <= ALL_AT_ONCE;
  const rows = <T>(statement: {
    all: (...a: unknown[]) => unknown[];
    iterate: (...a: unknown[]) => Iterable<unknown>;
  }): Iterable<T> => (atOnce ? statement.all(...args) : statement.iterate(...args)) as Iterable<T>;
  for (const row of rows<PersonRow>(rawHandle(db).prepare(peopleSql(filter)).raw()))
    gathered.person(row);
  const personFilter = (column: string): string =>
    personIds ? `and ${column} in (select value from json_each(?))` : '';
  for (const row of rows<ActivityRow>(
    rawHandle(db)
      .prepare(activitiesSql(personFilter('person_id'), ''))
      .raw(),
  ))
    gathered.activities(row);
  for (const row of rows<ListRow>(
    rawHandle(db)
      .prepare(chatsSql(personFilter('person_id'), ''))
      .raw(),
  ))
    gathered.chats(row);
  for (const row of rows<ListRow>(
    rawHandle(db)
      .prepare(pagesSql(personFilter('v.person_id'), ''))
      .raw(),
  ))
    gathered.pages(row);
  for (const row of rows<ListRow>(
    rawHandle(db)
      .prepare(formsSql(personFilter('v.person_id'), ''))
      .raw(),
  ))
    gathered.forms(row);
  return gathered.visitorEmails(db, repId);
}

/** People (and their groups of signals) read between turns by `allSignalEventsSteps`. */
const PEOPLE_PER_PAGE = 200;

/**
 * `loadSignalEvents` of everyone, in slices, for the Settings backtest: each query reads a page
 * of PEOPLE_PER_PAGE people in person order (resuming after the last one read, so no statement
 * stays open across a turn: better-sqlite3 refuses any other query on the connection while one
 * iterates), and it yields after each person's row. The same events in the same order as
 * `loadSignalEvents(db, orgTz, repId)`.
 */
export function* allSignalEventsSteps(
  db: Db,
  orgTz: string,
  repId: string | null,
): Steps<Map<string, BesttimeEvent[]>> {
  const gathered = gatherer(orgTz, false);
  const handle = rawHandle(db);
  // People in rowid order, as the whole table's scan reads them: the map's order is theirs.
  const people = handle
    .prepare(
      `select p.id, p.time_zone, p.country, p.phone, p.email, p.rowid from people p
       where p.rowid > ? order by p.rowid limit ${PEOPLE_PER_PAGE}`,
    )
    .raw();
  for (let after = -Infinity; ;) {
    const page = people.all(after) as [...PersonRow, number][];
    for (const row of page) {
      gathered.person(row.slice(0, 5) as PersonRow);
      after = row[5];
    }
    yield;
    if (page.length < PEOPLE_PER_PAGE) break;
  }
  const paged = <T extends [string, ...unknown[]]>(
    statement: { all: (...a: unknown[]) => unknown[] },
    each: (row: T) => void,
  ): Steps<void> =>
    (function* () {
      for (let after = ''; ;) {
        const page = statement.all(after) as T[];
        for (const row of page) {
          each(row);
          after = row[0];
          yield;
        }
        if (page.length < PEOPLE_PER_PAGE) return;
      }
    })();
  const page = (column: string): [string, string] => [
    `and ${column} > ?`,
    `order by ${column} limit ${PEOPLE_PER_PAGE}`,
  ];
  yield* paged<ActivityRow>(handle.prepare(activitiesSql(...page('person_id'))).raw(), (row) =>
    gathered.activities(row),
  );
  yield* paged<ListRow>(handle.prepare(chatsSql(...page('person_id'))).raw(), (row) =>
    gathered.chats(row),
  );
  yield* paged<ListRow>(handle.prepare(pagesSql(...page('v.person_id'))).raw(), (row) =>
    gathered.pages(row),
  );
  yield* paged<ListRow>(handle.prepare(formsSql(...page('v.person_id'))).raw(), (row) =>
    gathered.forms(row),
  );
  return yield* gathered.visitorEmailsSteps(db, repId);
}

export type PersonRow = [string, string | null, string | null, string | null, string | null];

/**
 * `emailVisitSignals` of everyone (no `keys`) in pages of PEOPLE_PER_PAGE e-mails, in the order of
 * the e-mails' index (the whole query's order): the chats' pages, then the page views', then the
 * forms'. Each page is its own query, resuming after the last e-mail read, so none stays open
 * between two.
 */
function* emailVisitSignalsSteps(
  db: Db,
  repId: string | null,
): Generator<[string, string, SignalType][], void, void> {
  const statement = (join: string, at: string, where: string, index = 'visits_email_key') =>
    rawHandle(db)
      .prepare(
        `select lower(trim(v.visitor_email)), '[' || group_concat(${at}) || ']'
        from visits v indexed by ${index} ${join}
        where v.person_id is null and lower(trim(v.visitor_email)) > ? ${where}
        group by lower(trim(v.visitor_email)) order by 1 limit ${PEOPLE_PER_PAGE}`,
      )
      .raw();
  for (const [query, type] of [
    [
      statement('join chats c on c.visit_id = v.id', 'c.started_at', 'and c.person_id is null'),
      'chat_started',
    ],
    [statement('join visit_pages vp on vp.visit_id = v.id', 'vp.viewed_at', ''), 'page_visit'],
    [statement('', FORM_VISIT, FORM_FILTER, 'visits_forms'), 'web_form_submitted'],
  ] as const) {
    for (let after = ''; ;) {
      const rows = query.all(after) as [string, string][];
      const owners = peopleByEmail(
        db,
        rows.map(([key]) => key),
        repId,
      );
      const out: [string, string, SignalType][] = [];
      for (const [key, ats] of rows) {
        const personId = owners.get(emailKey(key));
        if (personId !== undefined) out.push([personId, ats, type]);
        after = key;
      }
      yield out;
      if (rows.length < PEOPLE_PER_PAGE) break;
    }
  }
}
export type ActivityRow = [string, string | null, string, string | null];
export type ListRow = [string, string | null];

export const peopleSql = (filter: string): string =>
  `select p.id, p.time_zone, p.country, p.phone, p.email from people p ${filter}`;

// From the covering index activities_person_signals, in started_at order within a person. One
// aggregate a column: concatenating the three per row cost SQLite more than the rest together.
export const activitiesSql = (filter: string, order: string): string =>
  `select person_id, '[' || group_concat(started_at) || ']',
    '[' || group_concat(${SIGNAL_CODE}) || ']', '[' || group_concat(ifnull(duration_s, 'null')) || ']'
  from activities
  where ${EVENT_TYPE_SQL} is not null and status = 'completed' ${filter}
  group by person_id ${order}`;

export const chatsSql = (filter: string, order: string): string =>
  `select person_id, '[' || group_concat(started_at) || ']'
  from chats where person_id is not null ${filter}
  group by person_id ${order}`;

export const pagesSql = (filter: string, order: string): string =>
  `select v.person_id, '[' || group_concat(vp.viewed_at) || ']'
  from visit_pages vp join visits v on v.id = vp.visit_id
  where v.person_id is not null ${filter}
  group by v.person_id ${order}`;

/** A visit with a form, as its start and its stored actions, and the filter finding such visits. */
const FORM_VISIT = 'json_array(v.started_at, v.actions)';
/**
 * `has_form` is kept by the sync with the actions (hasFormAction, migration 032), and the partial
 * index `visits_forms` holds only those visits: no other visit's actions text is read.
 */
const FORM_FILTER = 'and v.has_form = 1';

/**
 * The visits with a form among their actions, as `[started_at, actions]` pairs a person: the
 * forms themselves are read from the actions (visitFormTimes), which SQL cannot parse in both of
 * SalesIQ's shapes. A visit synced again replaces its row, so its forms are never counted twice.
 */
export const formsSql = (filter: string, order: string): string =>
  `select v.person_id, '[' || group_concat(${FORM_VISIT}) || ']'
  from visits v indexed by visits_forms where v.person_id is not null ${FORM_FILTER} ${filter}
  group by v.person_id ${order}`;

/** Collects the rows of the queries above into each person's list of events. */
export function gatherer(orgTz: string, someone: boolean) {
  const byPerson = new Map<string, BesttimeEvent[]>();
  const zones = new Map<string, string>();
  // The e-mails of the people asked for, whose visits linked to nobody may be theirs.
  const emails = someone ? new Set<string>() : null;
  const pushAll = (
    personId: string,
    ats: string | null,
    typeAt: (i: number) => SignalType | undefined,
    durations: string | null,
  ): void => {
    const list = byPerson.get(personId);
    if (!list || ats === null) return;
    const personTz = zones.get(personId);
    const at = JSON.parse(ats) as number[];
    const duration = durations === null ? [] : (JSON.parse(durations) as (number | null)[]);
    for (let i = 0; i < at.length; i++) {
      const type = typeAt(i);
      if (type === undefined) continue;
      // One object shape for every event: spreads here cost more than the whole query.
      list.push({
        personId,
        at: at[i] as number,
        type,
        durationS: duration[i] ?? undefined,
        personTz,
      });
    }
  };
  return {
    person([id, tz, country, phone, email]: PersonRow): void {
      zones.set(id, personZone(tz, orgTz, country, phone));
      byPerson.set(id, []);
      if (emails && email) emails.add(emailKey(email));
    },
    activities([personId, ats, codes, durations]: ActivityRow): void {
      const code = JSON.parse(codes) as number[];
      pushAll(personId, ats, (i) => SIGNAL_TYPES[code[i] ?? -1], durations);
    },
    chats([personId, ats]: ListRow): void {
      pushAll(personId, ats, () => 'chat_started', null);
    },
    pages([personId, ats]: ListRow): void {
      pushAll(personId, ats, () => 'page_visit', null);
    },
    /** After the person's activities: a form may be the lead's own web form (addVisitForms). */
    forms([personId, visits]: ListRow): void {
      const list = byPerson.get(personId);
      if (!list || visits === null) return;
      const times = (JSON.parse(visits) as [number, string | null][]).flatMap(([at, actions]) =>
        visitFormTimes(actions, at),
      );
      addVisitForms(list, personId, zones.get(personId), times);
    },
    /** One group of `emailVisitSignals`: instants, or for forms the visits as `formsSql` gives them. */
    visitorSignals(personId: string, ats: string, type: SignalType): void {
      if (type === 'web_form_submitted') this.forms([personId, ats]);
      else pushAll(personId, ats, () => type, null);
    },
    /** The lists gathered so far, each person's in the order their rows were read. */
    lists(): Map<string, BesttimeEvent[]> {
      return byPerson;
    },
    /** Adds the visits linked to nobody (emailVisitSignals) and hands the lists over. */
    visitorEmails(db: Db, repId: string | null): Map<string, BesttimeEvent[]> {
      for (const [personId, ats, type] of emailVisitSignals(db, repId, emails))
        this.visitorSignals(personId, ats, type);
      return byPerson;
    },
    /** `visitorEmails` of everyone, a page of e-mails a step (emailVisitSignalsSteps). */
    *visitorEmailsSteps(db: Db, repId: string | null): Steps<Map<string, BesttimeEvent[]>> {
      for (const page of emailVisitSignalsSteps(db, repId)) {
        for (const [personId, ats, type] of page) this.visitorSignals(personId, ats, type);
        yield;
      }
      return byPerson;
    },
  };
}

/**
 * The chat starts, page views and forms of the visits the CRM linked to nobody, as [person, JSON
 * array of instants (for forms, of the visits as formsSql gives them), signal], each e-mail's
 * given to the person peopleByEmail names for it (a chat linked to a person is already theirs).
 * With `keys`, only the visits whose visitor gave one of them. Through
 * the index of such visits' e-mails (migration 019), whose condition and expression the queries
 * repeat: each e-mail's rows come together there, the people's own visits are not read again, and
 * the visits with no e-mail (most of those linked to nobody) are skipped as one range of it, not
 * each looked up in the table to find it has none. Forms come through `visits_forms` (migration
 * 032), which holds those visits' e-mails in the same order, and only the visits with a form.
 */
export function emailVisitSignals(
  db: Db,
  repId: string | null,
  keys: ReadonlySet<string> | null,
): [string, string, SignalType][] {
  if (keys?.size === 0) return [];
  const keyFilter = keys
    ? 'and lower(trim(v.visitor_email)) in (select value from json_each(?))'
    : '';
  const args = keys ? [JSON.stringify([...keys])] : [];
  const grouped = (
    join: string,
    at: string,
    where: string,
    index = 'visits_email_key',
  ): [string, string][] =>
    rawHandle(db)
      .prepare(
        `select lower(trim(v.visitor_email)), '[' || group_concat(${at}) || ']'
        from visits v indexed by ${index} ${join}
        where v.person_id is null and lower(trim(v.visitor_email)) > '' ${where} ${keyFilter}
        group by lower(trim(v.visitor_email))`,
      )
      .raw()
      .all(...args) as [string, string][];
  const pages = grouped('join visit_pages vp on vp.visit_id = v.id', 'vp.viewed_at', '');
  const forms = grouped('', FORM_VISIT, FORM_FILTER, 'visits_forms');
  const chats = grouped(
    'join chats c on c.visit_id = v.id',
    'c.started_at',
    'and c.person_id is null',
  );
  if (pages.length === 0 && chats.length === 0 && forms.length === 0) return [];
  const owners = peopleByEmail(
    db,
    [...pages, ...chats, ...forms].map(([key]) => key),
    repId,
  );
  const out: [string, string, SignalType][] = [];
  const add = (list: [string, string][], type: SignalType): void => {
    for (const [key, ats] of list) {
      const personId = owners.get(emailKey(key));
      if (personId !== undefined) out.push([personId, ats, type]);
    }
  };
  add(chats, 'chat_started');
  add(pages, 'page_visit');
  add(forms, 'web_form_submitted');
  return out;
}
